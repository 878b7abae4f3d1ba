import Benchmark
import Foundation
import StocktakeCore
import StocktakeStore
import StocktakeText

/// A generated multilingual corpus: UN-layout working papers in the six languages, about 50 MB in all.
enum GeneratedCorpus {
    static let targetBytes = 50 * 1_048_576

    static let documents: [String] = {
        let root = RegistryDirectory.bundledDataDirectory.deletingLastPathComponent()
        let fixtures = root.appendingPathComponent("Tests/StocktakeTextTests/Fixtures")
        var sources: [String] = []
        for language in ["en", "fr", "es", "ru", "ar"] {
            sources.append(try! String(contentsOf: fixtures.appendingPathComponent("wp-\(language).txt"), encoding: .utf8))
        }
        let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/000_8de3487d174913ae.txt")
        if let chinese = try? String(contentsOf: corpus, encoding: .utf8) { sources.append(chinese) }
        // Split each source into its header and numbered paragraphs, then deal paragraphs into new documents.
        var bodies: [[String]] = []
        var headers: [String] = []
        for source in sources {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let first = lines.firstIndex { $0.hasPrefix("1.") || $0.hasPrefix("1\t") } ?? 0
            headers.append(lines[..<first].joined(separator: "\n"))
            var paragraphs: [String] = []
            for line in lines[first...] {
                if let dot = line.firstIndex(where: { $0 == "." || $0 == "\t" }), Int(line[..<dot]) != nil {
                    paragraphs.append(String(line[line.index(after: dot)...]).trimmingCharacters(in: .whitespaces))
                } else if !paragraphs.isEmpty, !line.isEmpty {
                    paragraphs[paragraphs.count - 1] += "\n" + line
                }
            }
            bodies.append(paragraphs)
        }
        var documents: [String] = []
        var total = 0
        var seed: UInt64 = 0x5EED
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33)
        }
        while total < targetBytes {
            let language = documents.count % sources.count
            var text = headers[language] + "\n"
            for number in 1...80 {
                let paragraphs = bodies[language]
                var paragraph = paragraphs[next() % paragraphs.count]
                paragraph = paragraph.replacingOccurrences(of: "79/47", with: "\(60 + next() % 20)/\(next() % 90 + 1)")
                text += "\(number).\t\(paragraph)\n"
                if number % 23 == 0 { text += "\n25-05523 (E) 020425 030425\n*2505523*\n\u{0C}\n" }
            }
            total += text.utf8.count
            documents.append(text)
        }
        return documents
    }()

    static let bytes = documents.reduce(0) { $0 + $1.utf8.count }
}

/// Says once what the corpus is, so throughput in MB/s and paragraphs/s can be derived from the times.
func describeCorpus() {
    let line =
        "generated corpus: \(GeneratedCorpus.documents.count) documents, \(GeneratedCorpus.documents.count * 80) numbered paragraphs, \(GeneratedCorpus.bytes) bytes\n"
    FileHandle.standardError.write(Data(line.utf8))
}

let benchmarks: @Sendable () -> Void = {
    let registry = try! RegistryDirectory.load(from: RegistryDirectory.bundledDataDirectory)
    let extractor = DocumentExtractor(registry: registry)
    describeCorpus()
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 1,
        maxDuration: .seconds(120), maxIterations: 5)

    // Baseline: one NFKC pass over the same bytes, the least any normalising reader must do.
    Benchmark("NFKC pass over the generated corpus (baseline)", configuration: configuration) { benchmark in
        var scalars = 0
        for document in GeneratedCorpus.documents {
            scalars &+= document.precomposedStringWithCompatibilityMapping.unicodeScalars.count
        }
        blackHole(scalars)
    }

    Benchmark("Extract the generated corpus (paragraphs and references)", configuration: configuration) { benchmark in
        var paragraphs = 0
        for document in GeneratedCorpus.documents {
            paragraphs &+= extractor.extract(text: document).paragraphs.count
        }
        blackHole(paragraphs)
    }

    // Hostile input: one paragraph of one reference repeated, in each script, from 100 KB to 20 MB.
    // Linear extraction gives the same time per MB at every size; the NFKC pass over the same text is the baseline.
    let units: [(String, Language, String)] = [
        ("zh", .zh, "行动5(c)"), ("en", .en, "action 5 (c), "), ("fr", .fr, "l'action 5 c), "), ("es", .es, "la medida 5 c), "),
        ("ru", .ru, "действие 5 c), "), ("ar", .ar, "الإجراء 5 (ج)، "),
    ]
    let long = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 0, maxDuration: .seconds(60),
        maxIterations: 3)
    for (code, language, unit) in units {
        for (label, bytes) in [("100 KB", 100_000), ("2 MB", 2_000_000), ("20 MB", 20_000_000)] {
            let text = "1. " + String(repeating: unit, count: bytes / unit.utf8.count) + "\n"
            Benchmark("Long paragraph \(code) \(label): NFKC pass (baseline)", configuration: long) { _ in
                blackHole(text.precomposedStringWithCompatibilityMapping.unicodeScalars.count)
            }
            Benchmark("Long paragraph \(code) \(label): extraction", configuration: long) { _ in
                blackHole(extractor.extract(text: text, language: language).paragraphs.first?.references.count ?? 0)
            }
        }
    }
}
