import Foundation
import StocktakeText
import Testing

/// Working papers in the UN layout as pdftotext gives them (two-column mastheads, footnotes with and without a rule,
/// paragraphs continued across page breaks), three per language, labelled before the extractor was run on them
/// (Samples/unlayout/labels.json).
@Suite("Extraction of UN-layout working papers, scored against labels written first")
struct LayoutEvaluationTests {
    static let set = LabelledSet("unlayout")

    @Test("every anchor occurs once in its file and every identifier is one the registry holds")
    func labels() {
        #expect(Self.set.labelProblems(registry: TextFixtures.registry) == [])
    }

    @Test("F1 is at least 0.95 in every language and 0.90 for every kind", arguments: ["en", "fr", "es", "ru", "ar", "zh"])
    func thresholds(_ language: String) {
        if language == "en" { Self.set.printReport("Reference extraction on UN-layout working papers") }
        let scorer = Self.set.scorer
        let findings = Self.set.findings(in: language)
        let tally = scorer.byLanguage[language] ?? ReferenceScorer.Tally()
        #expect(tally.truePositives > 80, "\(language) has too few labelled references to score")
        #expect(tally.f1 >= 0.95, "\(language) F1 \(tally.f1)\n\(findings)")
        for (kind, byKind) in scorer.byLanguageAndKind[language] ?? [:] {
            #expect(byKind.f1 >= 0.90, "\(language) \(kind) F1 \(byKind.f1)\n\(findings)")
        }
    }

    @Test(
        "every paper's numbered paragraphs come out in order with their printed numbers", arguments: ["en", "fr", "es", "ru", "ar", "zh"])
    func numbering(_ language: String) {
        for document in Self.set.labels.documents where document.language == language {
            let numbers = Self.set.extracted[document.file]!.paragraphs.compactMap(\.number)
            #expect(numbers == document.paragraphs.compactMap(\.number), "\(document.file)")
        }
    }

    @Test("header fields are read from one- and two-column mastheads", arguments: ["en", "fr", "es", "ru", "ar", "zh"])
    func headers(_ language: String) {
        for document in Self.set.labels.documents where document.language == language {
            guard let expected = document.header else { continue }
            let header = Self.set.extracted[document.file]!.document
            #expect(header.symbol == expected.symbol, "\(document.file) symbol")
            #expect(header.date == expected.date, "\(document.file) date")
            #expect(header.originalLanguage == expected.originalLanguage, "\(document.file) original language")
            #expect(header.title == expected.title, "\(document.file) title")
            #expect(header.submitter == expected.submitter, "\(document.file) submitter")
        }
    }

    @Test("footnotes stay out of the paragraphs, with or without a rule line above them")
    func footnotes() {
        for document in Self.set.labels.documents {
            let extracted = Self.set.extracted[document.file]!
            for note in document.footnotes ?? [] {
                let anchor = ReferenceScorer.squeezed(note.anchor)
                #expect(
                    extracted.footnotes.contains { ReferenceScorer.squeezed($0.text).contains(anchor) },
                    "\(document.file) footnote «\(note.anchor)»")
                #expect(
                    !extracted.paragraphs.contains { ReferenceScorer.squeezed($0.text).contains(anchor) },
                    "\(document.file) footnote in body")
            }
        }
    }
}
