import StocktakeCore
import StocktakeText
import Testing

@Suite("An alias that is also a common word counts only written as a name")
struct CommonWordAliasTests {
    @Test("Russian того (of that) is not Togo; Того with its capital still is")
    func togo() {
        let text = "1. Заявление того же рода было сделано, и после того делегация Того выступила.\n"
        let references = TextFixtures.extractor.extract(text: text, language: .ru).paragraphs.first?.references ?? []
        #expect(references.filter { $0.id == "TGO" }.map(\.surface) == ["Того"])
    }
}
