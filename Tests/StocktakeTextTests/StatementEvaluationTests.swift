import Foundation
import StocktakeText
import Testing

/// Statements copied from a ministry's site, news-agency copies and working papers flattened from PDF, in the six
/// languages, labelled before the extractor was run on them (Samples/statements/labels.json).
@Suite("Extraction on text as it is found, scored against labels written first")
struct StatementEvaluationTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/statements")

    static let scorer: ReferenceScorer = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("labels.json"))
        let labels = try! JSONDecoder().decode(ReferenceScorer.LabelFile.self, from: data)
        var scorer = ReferenceScorer()
        for document in labels.documents {
            let text = try! String(contentsOf: folder.appendingPathComponent(document.file), encoding: .utf8)
            scorer.score(TextFixtures.extractor.extract(text: text), against: document)
        }
        return scorer
    }()

    @Test("the labels cover three texts in each of the six languages")
    func coverage() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("labels.json"))
        let labels = try JSONDecoder().decode(ReferenceScorer.LabelFile.self, from: data)
        let styles = Dictionary(grouping: labels.documents, by: \.language).mapValues { Set($0.map(\.style)) }
        for language in ["en", "fr", "es", "ru", "ar", "zh"] {
            #expect(styles[language] == ["statement", "press", "flattened"], "\(language)")
        }
    }

    @Test("recall is at least 0.90 and precision at least 0.97 in every language", arguments: ["en", "fr", "es", "ru", "ar", "zh"])
    func thresholds(_ language: String) {
        let scorer = Self.scorer
        if language == "en" {
            print("Reference extraction on statements, press copies and flattened PDFs:\n\(scorer.report)")
            print("What it got wrong:\n" + scorer.findings.map { "  \($0)" }.joined(separator: "\n"))
        }
        let tally = scorer.byLanguage[language] ?? ReferenceScorer.Tally()
        let findings = scorer.findings.filter { $0.file.hasPrefix("\(language)-") }.map(\.description).joined(separator: "\n")
        #expect(tally.truePositives > 50, "\(language) has too few labelled references to score")
        #expect(tally.recall >= 0.90, "\(language) recall \(tally.recall)\n\(findings)")
        #expect(tally.precision >= 0.97, "\(language) precision \(tally.precision)\n\(findings)")
    }

    @Test("a statement without a symbol reads \"the Treaty\" as the treaty its title names, and marks it inferred")
    func inferredTreaty() throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("en-statement.txt"), encoding: .utf8)
        let document = TextFixtures.extractor.extract(text: text)
        #expect(document.document.symbol == nil)
        let inferred = document.paragraphs.flatMap(\.references).filter { $0.inferred == true }
        #expect(!inferred.isEmpty)
        #expect(inferred.allSatisfy { $0.id == "NPT" || $0.id.hasPrefix("NPT:") })
        // An explicit name in the paragraph wins: "the Treaty" after the CTBT is the CTBT, and not inferred.
        let ctbt = document.paragraphs.first { $0.text.contains("an essential complement to our work here") }
        #expect(ctbt?.references.contains { $0.id == "NPT" } == false)
    }
}
