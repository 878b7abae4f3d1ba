import StocktakeCore
import StocktakeText
import Testing

@Suite("Every name and alias in the registry is found in text")
struct RegistryNameTests {
    @Test("each state's names and aliases, in every language, are read as that state", arguments: ["en", "fr", "es", "ru", "ar", "zh"])
    func stateNames(_ code: String) {
        let language = Language(rawValue: code)!
        var unmatched: [String] = []
        for entry in TextFixtures.registry.aliasEntries where entry.kind == "state" && entry.language == language {
            let found = TextFixtures.extractor.references.references(in: entry.text, defaultTreaty: nil)
            if !found.contains(where: { $0.kind == "state" && $0.id == entry.id }) {
                unmatched.append("\(entry.id) «\(entry.text)» → \(found.map(\.id))")
            }
        }
        #expect(unmatched.isEmpty, "\(code): \(unmatched.joined(separator: "; "))")
    }

    @Test("names checked on a UN page say where: every changed name carries its page")
    func nameSources() {
        let syria = TextFixtures.registry.states.first { $0.id == "SYR" }
        #expect(syria?.names[.fr] == "République arabe syrienne")
        #expect(syria?.nameSources[.fr]?.url.hasPrefix("https://") == true)
        #expect(TextFixtures.extractor.references.references(in: "la République arabe syrienne", defaultTreaty: nil).map(\.id) == ["SYR"])
        #expect(
            TextFixtures.extractor.references.references(in: "le Cap-Vert et Cabo Verde", defaultTreaty: nil).map(\.id) == ["CPV", "CPV"])
    }
}
