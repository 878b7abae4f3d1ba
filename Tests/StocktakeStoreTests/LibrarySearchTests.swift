import Foundation
import StocktakeCore
import StocktakeLedger
import StocktakeStore
import StocktakeText
import Testing

@Suite("Search across six languages over a real SQLite file (or PostgreSQL database)", .serialized)
struct LibrarySearchTests {
    let fixture = try! LibraryFixture()

    @Test("裁军 returns every corpus paragraph containing it and no other", arguments: ["裁军", "条约", "核武器", "行动", "审议大会", "透明度"])
    func chineseExact(_ word: String) throws {
        let hits = try fixture.search(word, language: .zh)
        let expected = LibraryFixture.corpusParagraphs(containing: word)
        #expect(!expected.isEmpty)
        #expect(Set(hits.hits.compactMap(\.paragraph)) == Set(expected), "\(word)")
        #expect(hits.total == expected.count)
    }

    @Test("a single Chinese character is not split into a false match")
    func bigramOrder() throws {
        #expect(try fixture.search("军裁").total == 0)
    }

    @Test(
        "words of each language find their paragraphs",
        arguments: [
            ("Coalition", Language.en, ["1", "2", "3", "4"]), ("négociations", .fr, ["1"]), ("negociaciones", .es, ["1"]),
            ("переговоры", .ru, ["1"]), ("مفاوضات", .ar, ["1"]),
        ])
    func otherLanguages(_ word: String, _ language: Language, _ paragraphs: [String]) throws {
        let hits = try fixture.search(word, language: language)
        #expect(hits.hits.compactMap(\.paragraph).sorted() == paragraphs, "\(word)")
    }

    @Test("resolution numbers and action references are searchable as text")
    func identifiers() throws {
        let resolution = try fixture.search("79/47")
        #expect(resolution.hits.contains { $0.symbol.hasPrefix("UNSYMBOLLED/") && $0.paragraph == "16" })
        #expect(resolution.hits.contains { $0.symbol == "NPT/CONF.2026/PC.III/WP.99" && $0.language == "en" && $0.paragraph == "3" })
        let action = try fixture.search("action 5(c)")
        #expect(action.hits.first?.citation == "NPT/CONF.2026/PC.III/WP.99, para. 2 (EN)", "the phrase ranks first")
        #expect(
            Set(action.hits.map(\.citation)) == ["NPT/CONF.2026/PC.III/WP.99, para. 2 (EN)", "NPT/CONF.2026/PC.III/WP.99, para. 2 (FR)"])
        #expect(action.hits[0].snippet.contains("⟦action 5 (c)⟧"))
    }

    @Test("hits carry a citation by symbol, paragraph and language")
    func citation() throws {
        let hit = try fixture.search("Coalition", language: .en).hits.first { $0.paragraph == "1" }!
        #expect(hit.citation == "NPT/CONF.2026/PC.III/WP.99, para. 1 (EN)")
    }

    @Test(
        "SQL metacharacters, FTS syntax and very long queries are text, never errors",
        arguments: [
            "'; DROP TABLE paragraphs; --", "\"unbalanced", "NEAR(a b)", "a OR b AND NOT c", "col:value*", "^start", "(((", "%_\\", "*",
            String(repeating: "裁军 disarmament ", count: 2_000),
        ])
    func hostileQueries(_ query: String) throws {
        _ = try fixture.search(query)
        #expect(try fixture.search("裁军").total == LibraryFixture.corpusParagraphs(containing: "裁军").count)
    }

    @Test("refs AP2010:5 lists paragraphs 5, 13 and 14 of the corpus document")
    func evidenceTrail() throws {
        let corpusHits = try fixture.library.store.evidence(for: "AP2010:5").filter { $0.symbol.hasPrefix("UNSYMBOLLED/") }
        #expect(corpusHits.map(\.paragraph) == ["5", "13", "14"])
        let all = try fixture.library.store.evidence(for: "AP2010:5")
        #expect(all.first?.date == "2025-04-01", "oldest first")
    }

    @Test("filters: language, symbol prefix, reference, submitter, dates, type")
    func filters() throws {
        var query = SearchQuery(text: "2010")
        query.limit = 1000
        let all = try fixture.library.store.search(query).total
        query.symbolPrefix = "NPT/CONF.2026/"
        #expect(try fixture.library.store.search(query).hits.allSatisfy { $0.symbol.hasPrefix("NPT/CONF.2026/") })
        query.symbolPrefix = nil
        query.reference = "AP2010:5(c)"
        #expect(try fixture.library.store.search(query).hits.count >= 5)
        query.reference = nil
        query.submitters = ["NAM"]
        #expect(try fixture.library.store.search(query).hits.allSatisfy { $0.symbol.hasPrefix("UNSYMBOLLED/") })
        query.submitters = nil
        query.from = Day(iso: "2025-04-02")
        #expect(try fixture.library.store.search(query).hits.allSatisfy { $0.date == "2025-04-02" })
        query.from = nil
        query.type = "working-paper"
        #expect(try fixture.library.store.search(query).total < all)
        query.symbolPrefix = "NPT/CONF.2026/PC.III/WP.9_"
        query.type = nil
        #expect(try fixture.library.store.search(query).total == 0, "LIKE wildcards in a prefix are literal")
    }
}

@Suite("Versions, rebuild and the projection", .serialized)
struct LibraryVersionTests {
    @Test("re-ingesting identical bytes changes nothing; a changed text is a new version and the old one stays")
    func versions() throws {
        let fixture = try LibraryFixture(ingestAll: false)
        let folder = fixture.home.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let original = try String(contentsOf: LibraryFixture.fixtures.appendingPathComponent("wp-en.txt"), encoding: .utf8)
        let file = folder.appendingPathComponent("wp.txt")
        try original.write(to: file, atomically: true, encoding: .utf8)
        guard case .added = try fixture.library.ingest(file: file) else { Issue.record("expected added"); return }
        let size = fixture.library.log.size
        guard case .unchanged = try fixture.library.ingest(file: file) else { Issue.record("expected unchanged"); return }
        #expect(fixture.library.log.size == size)
        try original.replacingOccurrences(of: "good faith", with: "good faith and without delay").write(
            to: file, atomically: true, encoding: .utf8)
        guard case .newVersion(let version) = try fixture.library.ingest(file: file) else { Issue.record("expected a new version"); return }
        #expect(version.version == 2)
        #expect(try fixture.search("without delay").total == 1)
        #expect(try fixture.search("good faith").total == 1, "search covers the current version only")
        #expect(try fixture.library.store.document(symbol: "NPT/CONF.2026/PC.III/WP.99", language: .en)?.versions["en"] == 2)
    }

    @Test("rebuild recreates identical tables from the log, and the projection check catches tampering")
    func rebuild() throws {
        let fixture = try LibraryFixture()
        let before = try fixture.library.store.digest()
        #expect(try fixture.library.rebuild() == before)
        #expect(try fixture.library.projectionMatchesLog())
        // Tamper with the database behind the library's back.
        try fixture.tamper("UPDATE paragraphs SET text = 'rewritten' WHERE id = 3;")
        #expect(!(try fixture.library.projectionMatchesLog()))
        try fixture.library.rebuild()
        #expect(try fixture.library.projectionMatchesLog())
    }

    @Test("a store that missed entries (a crash after the log write) catches up on opening")
    func catchUp() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-catchup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        var digest = ""
        var size: UInt64 = 0
        do {
            let library = try RecordKeeper(home: home, store: try SQLiteRecordStore(path: nil), registry: LibraryFixture.registry)
            _ = try library.ingest(file: LibraryFixture.corpus)
            _ = try library.ingest(file: LibraryFixture.fixtures.appendingPathComponent("wp-fr.txt"))
            digest = try library.store.digest()
            size = library.log.size
        }
        // A fresh, empty store stands for one that crashed before applying: opening replays the log into it.
        let reopened = try RecordKeeper(home: home, store: try SQLiteRecordStore(path: nil), registry: LibraryFixture.registry)
        #expect(try reopened.store.appliedEntryCount() == size)
        #expect(try reopened.store.digest() == digest)
    }
}
