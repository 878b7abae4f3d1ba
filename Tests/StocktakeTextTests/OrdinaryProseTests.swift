import Foundation
import StocktakeCore
import StocktakeText
import Testing

/// Ordinary text names no state and no body: cooking, weather, football and school in the six languages, the most
/// common words of each language, and sentences where a name is an ordinary word (Samples/ordinary).
@Suite("No false alarms from ordinary words")
struct OrdinaryProseTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/ordinary")

    static func lines(_ name: String) throws -> [String] {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test("a sample of ordinary prose in each language yields no reference at all", arguments: ["en", "fr", "es", "ru", "ar", "zh"])
    func prose(_ language: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("prose-\(language).txt"), encoding: .utf8)
        let document = TextFixtures.extractor.extract(text: text)
        #expect(text.count > 2_000)
        let found = document.paragraphs.flatMap(\.references).map { "\($0.kind) \($0.id) «\($0.surface)»" }
        #expect(found.isEmpty, "\(language): \(found)")
    }

    /// Sentences whose word is spelled exactly as the name, with no capital or context to tell them apart: Arabic
    /// written without vowels cannot tell مُصِرّ (insistent) from مصر (Egypt), كوبًا (a cup) from كوبا (Cuba), or a club's
    /// general meeting from the General Assembly. Listed here so the limit is plain, and checked to still be found.
    static let indistinguishable = ["مصر", "كوبا", "الجمعية العامة"]

    @Test("Chinese and Arabic sentences where a name's characters or letters form an ordinary word yield nothing")
    func collisions() throws {
        var checked = 0
        for file in ["collisions-zh.txt", "collisions-ar.txt"] {
            var alias = ""
            for line in try Self.lines(file) {
                if line.hasPrefix("#") {
                    alias = line.dropFirst().split(separator: ":").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                    continue
                }
                let found = TextFixtures.extractor.references.references(in: line, defaultTreaty: nil)
                if Self.indistinguishable.contains(alias) {
                    #expect(!found.isEmpty, "\(alias) is listed as indistinguishable but no longer matches: take it off the list")
                } else {
                    #expect(found.isEmpty, "\(file): \(line) gave \(found.map(\.id))")
                    checked += 1
                }
            }
        }
        #expect(checked >= 15)
    }

    @Test(
        "every state and organization alias that is also a common word counts only where the language marks a name",
        arguments: ["en", "fr", "es", "ru", "ar"])
    func commonWords(_ language: String) throws {
        let common = Set(try Self.lines("common-\(language).txt").filter { !$0.hasPrefix("#") }.map { FoldedText.key($0, loosely: true) })
        #expect(common.count > 900)
        let registry = TextFixtures.registry
        let guarded = Set(
            registry.aliasExclusions.filter { $0.capitalisedOnly == true || !$0.notWithin.isEmpty }.map {
                FoldedText.key($0.alias, loosely: true)
            })
        var unguarded: [String] = []
        for entry in registry.aliasEntries
        where entry.language.rawValue == language && (entry.kind == "state" || entry.kind == "organization") {
            let key = FoldedText.key(entry.text, loosely: true)
            guard common.contains(key) else { continue }
            // A name written with a capital (Chile, Того) needs one in the text too; an acronym (US) must match exactly.
            let capitalised = entry.text.unicodeScalars.first?.properties.isUppercase == true
            if !capitalised && !guarded.contains(key) { unguarded.append(entry.text) }
            // And the common word itself, written as the word, is not read as the name.
            let found = TextFixtures.extractor.references.references(in: "… \(key) …", defaultTreaty: nil)
            if !found.isEmpty && !Self.indistinguishable.contains(key) { unguarded.append("\(entry.text) in «\(key)»") }
        }
        #expect(unguarded.isEmpty, "\(language): aliases that are common words with no guard in alias-exclusions.json: \(unguarded)")
    }
}
