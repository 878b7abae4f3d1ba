import Foundation
import StocktakeCore
import StocktakeStore
import StocktakeText
import Testing

@Suite("The search box's language, relevance, one-character and concept search, and facets, over a real SQLite file", .serialized)
struct SearchLanguageTests {
    let fixture = try! LibraryFixture()

    /// Ingests plain-text documents of one numbered paragraph each, in order (the last is the newest).
    func ingest(_ paragraphs: [String], language: String = "en") throws {
        for (index, paragraph) in paragraphs.enumerated() {
            let url = fixture.home.appendingPathComponent("extra-\(UUID().uuidString).txt")
            try Data("TEST/DOC.\(index + 1)\n\n1. \(paragraph)\n".utf8).write(to: url)
            _ = try fixture.library.ingest(file: url, symbol: "TEST/DOC.\(index + 1)", language: try Language(parsing: language))
        }
    }

    func run(_ text: String, concepts: Bool = false, sort: SearchSort? = nil, cap: Int = SearchQuery.candidateCap) throws -> SearchResults {
        var query = SearchQuery(text: text)
        query.limit = 1000
        query.sort = sort
        query.cap = cap
        if concepts { query.concepts = DocumentExtractor(registry: LibraryFixture.registry).references.searchConcepts(in: text) }
        return try fixture.library.store.search(query)
    }

    func symbols(_ results: SearchResults) -> [String] { results.hits.map(\.symbol) }

    @Test("words are all required, a quoted phrase must stand in order, OR gives alternatives, -word excludes, parentheses group")
    func operators() throws {
        try ingest([
            "Verification of nuclear disarmament needs trust.", "Nuclear disarmament verification is the subject here.",
            "Disarmament alone, without the other words.", "Verification and trust, but no weapons.",
        ])
        #expect(Set(symbols(try run("nuclear disarmament verification"))) == ["TEST/DOC.1", "TEST/DOC.2"])
        #expect(symbols(try run("\"nuclear disarmament verification\"")) == ["TEST/DOC.2"])
        #expect(Set(symbols(try run("verification -nuclear"))) == ["TEST/DOC.4"])
        #expect(Set(symbols(try run("trust (nuclear OR alone)"))) == ["TEST/DOC.1"])
        #expect(Set(symbols(try run("subject OR alone"))) == ["TEST/DOC.2", "TEST/DOC.3"])
        #expect(Set(symbols(try run("-\"nuclear disarmament\" verification"))) == ["TEST/DOC.4"])
        #expect(Set(symbols(try run("verif* -(disarmament)"))) == ["TEST/DOC.4"], "a prefix matches the beginning of words")
        #expect(Set(symbols(try run("disarm* nothing"))).isEmpty)
    }

    @Test("a broken query is repaired and says how, in one sentence; a query that only excludes finds nothing and says why")
    func repairs() throws {
        try ingest(["Nuclear disarmament verification is the subject here."])
        let unclosed = try run("\"disarmament verification")
        #expect(symbols(unclosed) == ["TEST/DOC.1"])
        #expect(unclosed.notes == ["A quotation mark was not closed, so the rest of the query was read as one phrase."])
        let parenthesis = try run("(subject OR nothing")
        #expect(symbols(parenthesis) == ["TEST/DOC.1"] && parenthesis.notes.first?.contains("parenthesis was not closed") == true)
        let onlyExcluded = try run("-nuclear")
        #expect(onlyExcluded.total == 0 && onlyExcluded.notes.first?.contains("only exclude") == true)
        for hostile in [
            "NEAR(a b)", "tokens : x", "chars : 核", "\"\"", "((((", "))", "* * *", "OR OR", "a AND NOT b", "-",
            String(repeating: "(", count: 5_000),
        ] {
            _ = try run(hostile)
        }
    }

    @Test("a paragraph with the phrase ranks above one with the words scattered, though it is older; --sort newest puts it back")
    func ranking() throws {
        try ingest([
            "The committee discussed nuclear disarmament verification at length.",
            "Verification matters; the disarmament debate is old; nuclear risks grow.",
        ])
        let relevant = try run("nuclear disarmament verification")
        #expect(symbols(relevant) == ["TEST/DOC.1", "TEST/DOC.2"])
        #expect(relevant.hits[0].snippet.contains("⟦nuclear disarmament verification⟧"))
        #expect(symbols(try run("nuclear disarmament verification", sort: .newest)).count == 2)
    }

    @Test(
        "a one-character Chinese query finds exactly the paragraphs that contain the character", arguments: ["核", "军", "约", "的", "国", "审"])
    func oneCharacter(_ character: String) throws {
        let text = try String(contentsOf: LibraryFixture.corpus, encoding: .utf8)
        let document = DocumentExtractor(registry: LibraryFixture.registry).extract(text: text)
        let expected = (document.paragraphs + document.footnotes).filter {
            $0.text.precomposedStringWithCompatibilityMapping.contains(character)
        }
        let results = try run(character)
        #expect(!expected.isEmpty)
        #expect(results.total == expected.count, "\(character): \(results.total) found, \(expected.count) contain it")
        #expect(Set(results.hits.compactMap(\.paragraph)) == Set(expected.compactMap(\.number)))
        #expect(results.hits.allSatisfy { $0.snippet.contains("⟦\(character)⟧") })
    }

    @Test("an English query for action 5 (c) also finds the Chinese corpus paragraph that cites it, and says so; --no-concepts does not")
    func concepts() throws {
        let results = try run("action 5 (c)", concepts: true)
        #expect(results.concepts == ["AP2010:5(c)"])
        let chinese = results.hits.filter { $0.language == "zh" }
        #expect(!chinese.isEmpty)
        #expect(chinese.allSatisfy { $0.matchedBy == ["AP2010:5(c)"] && $0.snippet.contains("⟦") })
        #expect(Set(results.hits.map(\.language)) == ["en", "fr", "es", "ru", "ar", "zh"])
        #expect(try run("action 5 (c)", concepts: false).hits.allSatisfy { $0.language != "zh" })
        #expect(try run("treaty -CTBT", concepts: true).concepts.isEmpty, "an excluded name is not a concept")
        let article = try run("第六条", concepts: true)
        #expect(article.concepts == ["NPT:VI"] && Set(article.hits.map(\.language)).count == 6)
    }

    @Test("facets count every hit by language and year, and name submitters, documents and commitments")
    func facets() throws {
        let results = try run("2010")
        #expect(results.total > 5)
        #expect(results.facets.languages.reduce(0) { $0 + $1.count } == results.total)
        #expect(results.facets.years.reduce(0) { $0 + $1.count } == results.total)
        #expect(results.facets.documents.reduce(0) { $0 + $1.count } == results.total)
        #expect(results.facets.submitters.map(\.value).contains("NAM"))
        #expect(results.facets.commitments.contains { $0.value == "AP2010:5(c)" })
        #expect(
            results.facets.languages
                == results.facets.languages.sorted { $0.count > $1.count || ($0.count == $1.count && $0.value < $1.value) })
    }

    @Test("the commitment facet counts each hit once per commitment its paragraph cites, as the references say")
    func commitmentFacetMatchesReferences() throws {
        let results = try run("2010")
        #expect(!results.totalIsCapped)
        // Every paragraph that matches, counted straight from the references, for each commitment the facet names.
        for facet in results.facets.commitments.prefix(5) {
            var query = SearchQuery(text: "2010")
            query.reference = facet.value
            query.limit = 1000
            #expect(try fixture.library.store.search(query).total == facet.count, "\(facet.value)")
        }
    }

    @Test("a database made before paragraphs carried their commitments gets them on opening, and its facets are unchanged")
    func commitmentsColumnMigration() throws {
        guard !TestEngine.usesPostgres else { return }
        let before = try run("2010").facets.commitments
        #expect(!before.isEmpty)
        try fixture.tamper(
            "UPDATE paragraphs SET commitments = ''; DELETE FROM grdb_migrations WHERE identifier LIKE 'v8:%'; ALTER TABLE paragraphs DROP COLUMN commitments;"
        )
        let reopened = try SQLiteRecordStore(path: fixture.databasePath)
        var query = SearchQuery(text: "2010")
        query.limit = 1000
        let after = try reopened.search(query).facets.commitments
        #expect(after.map(\.value) == before.map(\.value))
        #expect(after.map(\.count) == before.map(\.count))
    }

    @Test("opening a database that needed a migration leaves no write-ahead log behind")
    func migrationLeavesNoLog() throws {
        guard !TestEngine.usesPostgres else { return }
        try fixture.tamper(
            "DELETE FROM grdb_migrations WHERE identifier LIKE 'v8:%'; ALTER TABLE paragraphs DROP COLUMN commitments;")
        _ = try SQLiteRecordStore(path: fixture.databasePath)
        let log = try FileManager.default.attributesOfItem(atPath: fixture.databasePath + "-wal")[.size] as? Int
        #expect(log == 0, "the migration's pages were copied into the file and the log emptied")
    }

    @Test("each identifier a query names is gathered on its own, newest first up to the cap")
    func conceptsGatheredSeparately() throws {
        var query = SearchQuery(text: "")
        query.concepts = ["NPT:VI", "AP2010:5(c)"]
        query.cap = 2
        query.limit = 1000
        let results = try fixture.library.store.search(query)
        #expect(results.totalIsCapped)
        #expect(results.total > 2 && results.total <= 4, "up to two for each identifier")
        #expect(Set(results.hits.flatMap(\.matchedBy)) == ["NPT:VI", "AP2010:5(c)"])
    }

    @Test("a new version of a document replaces the old one in word and concept search at once, from the same store")
    func newVersionSeenAtOnce() throws {
        try ingest(["The CTBT entered the record with the word kittiwake."])
        let before = try run("kittiwake CTBT", concepts: true)
        #expect(before.hits.contains { $0.symbol == "TEST/DOC.1" && $0.snippet.contains("kittiwake") })
        try ingest(["The CTBT is now named with the word guillemot instead."])
        let after = try run("CTBT", concepts: true)
        let mine = after.hits.filter { $0.symbol == "TEST/DOC.1" }
        #expect(mine.count == 1 && mine[0].snippet.contains("guillemot"), "only the current version is found")
        #expect(try run("kittiwake").total == 0)
    }

    @Test("a phrase of three or more words finds exactly the paragraphs holding it, in Latin and Han script")
    func longPhrases() throws {
        try ingest([
            "Zebra quagga okapi stand together in this one.", "Okapi quagga zebra, the same words in another order.",
            "Zebra and okapi without the middle word, quagga elsewhere.", "A zebra quagga okapi zebra quagga okapi twice.",
            "Nothing of the kind.",
        ])
        #expect(Set(symbols(try run("\"zebra quagga okapi\""))) == ["TEST/DOC.1", "TEST/DOC.4"])
        try ingest(["禁止核武器条约在此。", "条约禁止核武器，次序不同。", "核武器条约禁止的说法。"], language: "zh")
        let chinese = try run("\"禁止核武器条约\"").hits.filter { $0.symbol.hasPrefix("TEST/") && $0.language == "zh" }
        #expect(chinese.map(\.symbol) == ["TEST/DOC.1"], "six bigrams in a row, in the first test document only")
    }

    @Test("counting stops at the cap and says so")
    func cappedCount() throws {
        let capped = try run("2010", cap: 3)
        #expect(capped.total == 3 && capped.totalIsCapped)
        #expect(!(try run("2010")).totalIsCapped)
    }
}

@Suite("BM25's statistics follow the index through new versions and rebuilds", .serialized)
struct SearchStatisticsTests {
    @Test("documents per term, rows and tokens equal what the index holds after ingest, a new version, and a rebuild")
    func statistics() throws {
        let fixture = try LibraryFixture()
        // The check reads FTS5's own vocabulary; on PostgreSQL the engine-equality suite compares rankings instead.
        guard let store = fixture.library.store as? SQLiteRecordStore else { return }
        #expect(try store.indexStatisticsProblems() == [])
        let url = fixture.home.appendingPathComponent("v.txt")
        try Data("TEST/VERSIONED\n\n1. Nuclear disarmament verification, first text.\n2. 核裁军\n".utf8).write(to: url)
        _ = try fixture.library.ingest(file: url, symbol: "TEST/VERSIONED", language: .en)
        try Data("TEST/VERSIONED\n\n1. Nuclear disarmament, second text.\n".utf8).write(to: url)
        _ = try fixture.library.ingest(file: url, symbol: "TEST/VERSIONED", language: .en)
        #expect(try store.indexStatisticsProblems() == [])
        try fixture.library.rebuild()
        #expect(try store.indexStatisticsProblems() == [])
    }
}
