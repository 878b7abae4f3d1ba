import StocktakeCore
import StocktakeText
import Testing

/// Hostile input: one paragraph of 2 MB made of one reference repeated. Extraction must stay linear in the input
/// (the benchmark package times it from 100 KB to 20 MB); these tests check only that every reference comes out.
@Suite("A 2 MB paragraph of repeated references is extracted whole, in every script")
struct LongParagraphTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let language: Language
        let unit: String
        let id: String
        var testDescription: String { "\(language.rawValue): \(unit)" }
    }

    static let cases = [
        Case(language: .zh, unit: "行动5(c)", id: "AP2010:5(c)"),
        Case(language: .en, unit: "action 5 (c), ", id: "AP2010:5(c)"),
        Case(language: .fr, unit: "l'action 5 c), ", id: "AP2010:5(c)"),
        Case(language: .es, unit: "la medida 5 c), ", id: "AP2010:5(c)"),
        Case(language: .ru, unit: "действие 5 c), ", id: "AP2010:5(c)"),
        Case(language: .ar, unit: "الإجراء 5 (ج)، ", id: "AP2010:5(c)"),
    ]

    @Test("every repeated reference is found", arguments: cases)
    func repeated(_ example: Case) {
        let count = 2_000_000 / example.unit.utf8.count
        let text = "1. " + String(repeating: example.unit, count: count) + "\n"
        let document = TextFixtures.extractor.extract(text: text, language: example.language)
        #expect(document.paragraphs.count == 1)
        let references = document.paragraphs.first?.references ?? []
        #expect(references.count == count, "\(references.count) of \(count)")
        #expect(references.allSatisfy { $0.id == example.id })
    }
}
