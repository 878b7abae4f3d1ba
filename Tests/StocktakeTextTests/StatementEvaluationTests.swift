import Foundation
import StocktakeText
import Testing

/// Statements copied from a ministry's site, news-agency copies and working papers flattened from PDF, in the six
/// languages, labelled before the extractor was run on them (Samples/statements/labels.json).
@Suite("Extraction on text as it is found, scored against labels written first")
struct StatementEvaluationTests {
    static let set = LabelledSet("statements")

    @Test("the labels cover three texts in each of the six languages, and every anchor and identifier is sound")
    func coverage() {
        let styles = Dictionary(grouping: Self.set.labels.documents, by: \.language).mapValues { Set($0.map(\.style)) }
        for language in ["en", "fr", "es", "ru", "ar", "zh"] {
            #expect(styles[language] == ["statement", "press", "flattened"], "\(language)")
        }
        #expect(Self.set.labelProblems(registry: TextFixtures.registry) == [])
    }

    @Test("recall is at least 0.90 and precision at least 0.97 in every language", arguments: ["en", "fr", "es", "ru", "ar", "zh"])
    func thresholds(_ language: String) {
        if language == "en" { Self.set.printReport("Reference extraction on statements, press copies and flattened PDFs") }
        let tally = Self.set.scorer.byLanguage[language] ?? ReferenceScorer.Tally()
        let findings = Self.set.findings(in: language)
        #expect(tally.truePositives > 50, "\(language) has too few labelled references to score")
        #expect(tally.recall >= 0.90, "\(language) recall \(tally.recall)\n\(findings)")
        #expect(tally.precision >= 0.97, "\(language) precision \(tally.precision)\n\(findings)")
    }

    @Test("a statement without a symbol reads \"the Treaty\" as the treaty its title names, and marks it inferred")
    func inferredTreaty() throws {
        let document = try #require(Self.set.extracted["en-statement.txt"])
        #expect(document.document.symbol == nil)
        let inferred = document.paragraphs.flatMap(\.references).filter { $0.inferred == true }
        #expect(!inferred.isEmpty)
        #expect(inferred.allSatisfy { $0.id == "NPT" || $0.id.hasPrefix("NPT:") })
        // An explicit name in the paragraph wins: "the Treaty" after the CTBT is the CTBT, and not inferred.
        let ctbt = document.paragraphs.first { $0.text.contains("an essential complement to our work here") }
        #expect(ctbt?.references.contains { $0.id == "NPT" } == false)
    }
}
