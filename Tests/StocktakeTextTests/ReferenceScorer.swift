import Foundation
import StocktakeCore
import StocktakeText

/// Scores extracted references against labels written before the extractor was run.
///
/// Each labelled paragraph is found by an anchor, a short string that occurs in exactly one paragraph of its file.
/// A reference the paragraph must yield and does not is a miss; a reference it yields that is neither required nor
/// allowed is a false alarm. References in a paragraph no label anchors are all false alarms, and the required
/// references of a label whose anchor no paragraph holds (a paragraph lost or split) are all misses.
struct ReferenceScorer {
    struct LabelFile: Decodable {
        let documents: [LabelledDocument]
    }

    struct LabelledDocument: Decodable {
        let file: String
        let language: String
        let style: String
        let header: LabelledHeader?
        let paragraphs: [LabelledParagraph]
        let footnotes: [LabelledParagraph]?
    }

    struct LabelledHeader: Decodable {
        let symbol: String?
        let date: String?
        let originalLanguage: String?
        let title: String?
        let submitter: String?
    }

    struct LabelledParagraph: Decodable {
        let number: String?
        let anchor: String
        let must: [String]
        let may: [String]
    }

    /// Counts for one language or one kind.
    struct Tally {
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0

        var precision: Double {
            truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
        }
        var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// One scoring decision, for the report of what went wrong.
    struct Finding: CustomStringConvertible {
        let file: String
        let anchor: String
        let reference: String
        let missed: Bool

        var description: String { "\(missed ? "missed" : "false alarm") \(reference) in \(file) «\(anchor)»" }
    }

    private(set) var byLanguage: [String: Tally] = [:]
    private(set) var byLanguageAndKind: [String: [String: Tally]] = [:]
    private(set) var findings: [Finding] = []

    /// Scores one document's extraction against its labels.
    mutating func score(_ extracted: ExtractedDocument, against labels: LabelledDocument) {
        let paragraphs = extracted.paragraphs + extracted.footnotes
        var claimed = Set<Int>()
        var expected: [Int: (must: Set<String>, may: Set<String>, anchor: String)] = [:]
        for label in labels.paragraphs + (labels.footnotes ?? []) {
            guard
                let index = paragraphs.firstIndex(where: {
                    ReferenceScorer.squeezed($0.text).contains(ReferenceScorer.squeezed(label.anchor))
                })
            else {
                for reference in label.must { record(labels, label.anchor, reference, truePositive: false, missed: true) }
                continue
            }
            claimed.insert(index)
            var entry = expected[index] ?? ([], [], label.anchor)
            entry.must.formUnion(label.must)
            entry.may.formUnion(label.may)
            expected[index] = entry
        }
        for (index, paragraph) in paragraphs.enumerated() {
            let found = Set(paragraph.references.map { "\($0.kind) \($0.id)" })
            guard let entry = expected[index] else {
                let anchor = String(paragraph.text.prefix(30))
                for reference in found.sorted() { record(labels, anchor, reference, truePositive: false, missed: false) }
                continue
            }
            for reference in entry.must.sorted() {
                record(labels, entry.anchor, reference, truePositive: found.contains(reference), missed: !found.contains(reference))
            }
            for reference in found.subtracting(entry.must).subtracting(entry.may).sorted() {
                record(labels, entry.anchor, reference, truePositive: false, missed: false)
            }
        }
    }

    private mutating func record(_ document: LabelledDocument, _ anchor: String, _ reference: String, truePositive: Bool, missed: Bool) {
        let kind = String(reference.prefix { $0 != " " })
        func count(_ tally: inout Tally) {
            if truePositive {
                tally.truePositives += 1
            } else if missed {
                tally.falseNegatives += 1
            } else {
                tally.falsePositives += 1
            }
        }
        count(&byLanguage[document.language, default: Tally()])
        count(&byLanguageAndKind[document.language, default: [:]][kind, default: Tally()])
        if !truePositive { findings.append(Finding(file: document.file, anchor: anchor, reference: reference, missed: missed)) }
    }

    /// The report: precision, recall and F1 by language, then by language and kind.
    var report: String {
        func row(_ name: String, _ tally: Tally) -> String {
            "\(name.padding(toLength: 18, withPad: " ", startingAt: 0))"
                + " P \(String(format: "%.3f", tally.precision))  R \(String(format: "%.3f", tally.recall))"
                + "  F1 \(String(format: "%.3f", tally.f1))  (tp \(tally.truePositives), fp \(tally.falsePositives), fn \(tally.falseNegatives))"
        }
        var lines: [String] = []
        for language in byLanguage.keys.sorted() {
            lines.append(row(language, byLanguage[language]!))
            for (kind, tally) in (byLanguageAndKind[language] ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append(row("  \(kind)", tally))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Text with runs of white space made one space, so an anchor matches a paragraph whose lines were joined.
    static func squeezed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// One labelled set in `Samples/<name>/`: its labels, what the extractor makes of each file, and the scores.
struct LabelledSet: Sendable {
    let name: String
    let folder: URL
    let labels: ReferenceScorer.LabelFile
    /// Each file's text as stored.
    let texts: [String: String]
    /// Each file's extraction.
    let extracted: [String: ExtractedDocument]
    let scorer: ReferenceScorer

    /// Reads the labels and files of `Samples/<name>/`, extracts every file and scores it.
    init(_ name: String) {
        self.name = name
        folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/\(name)")
        let data = try! Data(contentsOf: folder.appendingPathComponent("labels.json"))
        labels = try! JSONDecoder().decode(ReferenceScorer.LabelFile.self, from: data)
        var texts: [String: String] = [:]
        var extracted: [String: ExtractedDocument] = [:]
        var scorer = ReferenceScorer()
        for document in labels.documents {
            let text = try! String(contentsOf: folder.appendingPathComponent(document.file), encoding: .utf8)
            texts[document.file] = text
            extracted[document.file] = TextFixtures.extractor.extract(text: text)
            scorer.score(extracted[document.file]!, against: document)
        }
        self.texts = texts
        self.extracted = extracted
        self.scorer = scorer
    }

    /// The report and every error, printed under a title so the test output shows them.
    func printReport(_ title: String) {
        print("\(title):\n\(scorer.report)")
        print("What it got wrong:\n" + scorer.findings.map { "  \($0)" }.joined(separator: "\n"))
    }

    /// The errors in one language's files, one per line, for a failing expectation's message.
    func findings(in language: String) -> String {
        scorer.findings.filter { $0.file.hasPrefix("\(language)-") }.map(\.description).joined(separator: "\n")
    }

    /// Problems with the labels themselves: an anchor that does not occur exactly once in its file, or an identifier
    /// the registry does not hold (resolutions and documents must be well-formed symbols).
    func labelProblems(registry: Registry) -> [String] {
        let known =
            Set(registry.states.map { "state \($0.id)" }).union(registry.organizations.map { "organization \($0.id)" })
            .union(registry.treaties.map { "treaty \($0.id)" }).union(registry.commitments.map { "commitment \($0.id)" })
            .union(registry.instruments.map { "commitment \($0.id)" })
        var problems: [String] = []
        for document in labels.documents {
            let text = texts[document.file] ?? ""
            for label in document.paragraphs + (document.footnotes ?? []) {
                let count = text.components(separatedBy: label.anchor).count - 1
                if count != 1 { problems.append("\(document.file): anchor «\(label.anchor)» occurs \(count) times") }
                for reference in label.must + label.may where !known.contains(reference) {
                    let symbol = reference.drop { $0 != " " }.dropFirst()
                    let wellFormed =
                        (reference.hasPrefix("resolution ")
                            && symbol.wholeMatch(of: /[A-Z]+\/RES\/[0-9]+(\/[0-9]+)?( [A-Z])?( \([0-9]+\))?/) != nil)
                        || (reference.hasPrefix("document ") && symbol.contains("/") && !symbol.contains("  "))
                    if !wellFormed {
                        problems.append("\(document.file): «\(label.anchor)» names \(reference), which is not in the registry")
                    }
                }
            }
        }
        return problems
    }
}
