import Foundation
import StocktakeCore
import StocktakeLedger
import StocktakeStore
import StocktakeText
import Testing

/// True when the test command asked for PostgreSQL (it always does): its suites then fail rather than skip without a server.
private let postgresRequired = ProcessInfo.processInfo.environment["STOCKTAKE_REQUIRE_POSTGRES"] == "1"

@Suite("The test command provides PostgreSQL")
struct PostgresAvailabilityTests {
    @Test("Scripts/test starts a server and names it in STOCKTAKE_TEST_POSTGRES")
    func serverIsThere() throws {
        guard postgresRequired else { return }
        let server = try #require(TestEngine.postgresServer, "Scripts/test should have started PostgreSQL")
        _ = try PostgresRecordStore(url: try TestEngine.freshPostgresDatabase())
        #expect(server.hasPrefix("postgres://"))
    }
}

@Suite(
    "PostgreSQL holds the same record as SQLite: same rows, same digest, same search results", .serialized,
    .enabled(if: TestEngine.postgresServer != nil))
struct PostgresStoreTests {
    /// A SQLite library with the corpus and the five fixtures, copied into a fresh PostgreSQL database.
    func pair() throws -> (fixture: LibraryFixture, postgres: PostgresRecordStore, url: String) {
        let fixture = try LibraryFixture()
        let url = try TestEngine.freshPostgresDatabase()
        let postgres = try PostgresRecordStore(url: url)
        try fixture.library.copy(to: postgres, ledger: fixture.home.appendingPathComponent("unused"))
        return (fixture, postgres, url)
    }

    @Test("a copy into PostgreSQL takes the log too: the same entries, the same signed checkpoints, the same digest")
    func copyIntoPostgres() throws {
        let (fixture, postgres, _) = try pair()
        let digest = try fixture.library.store.digest()
        #expect(try postgres.digest() == digest)
        #expect(try postgres.appliedEntryCount() == fixture.library.log.size)
        let log = try postgres.openLog(ledger: fixture.home, logKey: fixture.library.log.logKey, signer: nil)
        #expect(log.size == fixture.library.log.size)
        #expect(log.checkpointSizes() == fixture.library.log.checkpointSizes())
        for size in log.checkpointSizes() {
            #expect(try log.checkpointNote(size: size) == fixture.library.log.checkpointNote(size: size))
        }
        #expect(log.verifyThroughReads().isValid)
        // Copying again appends and applies nothing, and still proves the copy.
        #expect(try fixture.library.copy(to: postgres, ledger: fixture.home).applied == 0)
    }

    @Test("a record kept in PostgreSQL, log and all, copies back into a SQLite file and a file log with the same checkpoints and digest")
    func copyBackToFiles() throws {
        let fixture = try LibraryFixture(postgres: true)
        let folder = fixture.home.appendingPathComponent("copy")
        let back = try SQLiteRecordStore(path: folder.appendingPathComponent("stocktake.sqlite").path)
        let copied = try fixture.library.copy(to: back, ledger: folder.appendingPathComponent("ledger"))
        #expect(copied.applied == fixture.library.log.size)
        #expect(try back.digest() == fixture.library.store.digest())
        let fileLog = try TransparencyLog(directory: folder.appendingPathComponent("ledger"), logKey: fixture.library.log.logKey)
        #expect(try fileLog.latestCheckpointNote() == fixture.library.log.latestCheckpointNote())
        #expect(TransparencyLog.verify(directory: folder.appendingPathComponent("ledger"), logKey: fileLog.logKey).isValid)
    }

    @Test("a store holding another record is refused as a copy target, and keeps what it had")
    func copyRefusesAnotherRecord() throws {
        let (fixture, postgres, _) = try pair()
        let other = try LibraryFixture(ingestAll: false)
        _ = try other.library.ingest(file: LibraryFixture.fixtures.appendingPathComponent("wp-ru.txt"))
        let before = try postgres.digest()
        #expect(throws: StocktakeError.self) { try other.library.copy(to: postgres, ledger: other.home) }
        #expect(try postgres.digest() == before)
        _ = fixture
    }

    @Test(
        "every kind of query finds the same paragraphs in the same order with the same facets on both engines",
        arguments: [
            "裁军", "核", "军裁", "nuclear disarmament", "\"nuclear disarmament\"", "negociaciones OR переговоры", "disarm*",
            "Coalition -verification",
            "(treaty OR traité) good", "79/47", "مفاوضات", "\"unclosed quote", "-only",
        ])
    func sameSearchResults(_ text: String) throws {
        let (fixture, postgres, _) = try pair()
        for concepts in [false, true] {
            for sort in [SearchSort?.none, .newest, .oldest] {
                var query = SearchQuery(text: text)
                query.limit = 1000
                query.sort = sort
                if concepts {
                    query.concepts = DocumentExtractor(registry: LibraryFixture.registry).references.searchConcepts(in: text)
                }
                let sqlite = try fixture.library.store.search(query)
                let pg = try postgres.search(query)
                #expect(pg == sqlite, "\(text), concepts \(concepts), sort \(String(describing: sort))")
            }
        }
    }

    @Test("filters, concepts, evidence, documents, citations and siblings read alike on both engines")
    func sameReads() throws {
        let (fixture, postgres, _) = try pair()
        let sqlite = fixture.library.store
        var query = SearchQuery(text: "action 5 (c)")
        query.concepts = ["AP2010:5(c)"]
        query.language = .zh
        query.limit = 1000
        #expect(try postgres.search(query) == sqlite.search(query))
        #expect(try !postgres.search(query).hits.isEmpty)
        query = SearchQuery(text: "disarmament")
        query.symbolPrefix = "NPT/CONF.2026"
        query.from = try Day(parsing: "2025-01-01")
        query.type = "working-paper"
        #expect(try postgres.search(query) == sqlite.search(query))
        for id in ["AP2010:5", "NPT:VI", "NAM", "CTBT"] {
            #expect(try postgres.evidence(for: id) == sqlite.evidence(for: id), "\(id)")
        }
        for language in [Language?.none, .fr, .ru] {
            #expect(
                try postgres.document(symbol: "NPT/CONF.2026/PC.III/WP.99", language: language)
                    == sqlite.document(symbol: "NPT/CONF.2026/PC.III/WP.99", language: language))
        }
        #expect(
            try postgres.siblings(symbol: "NPT/CONF.2026/PC.III/WP.99", number: "2")
                == sqlite.siblings(symbol: "NPT/CONF.2026/PC.III/WP.99", number: "2"))
        let citation = try CitationText(parsing: "NPT/CONF.2026/PC.III/WP.99, para. 2 (FR)")
        #expect(try postgres.paragraph(cited: citation) == sqlite.paragraph(cited: citation))
        #expect(try postgres.counts() == sqlite.counts())
    }

    @Test("a new version replaces the old one in search on PostgreSQL too, and rebuild gives the same digest")
    func versionsAndRebuild() throws {
        let fixture = try LibraryFixture(postgres: true)
        let library = fixture.library
        let file = fixture.home.appendingPathComponent("wp.txt")
        let original = try String(contentsOf: LibraryFixture.fixtures.appendingPathComponent("wp-en.txt"), encoding: .utf8)
        try original.replacingOccurrences(of: "good faith", with: "good faith and without delay").write(
            to: file, atomically: true, encoding: .utf8)
        guard case .newVersion = try library.ingest(file: file) else {
            Issue.record("expected a new version")
            return
        }
        #expect(try library.store.search(SearchQuery(text: "without delay")).total == 1)
        #expect(try library.store.search(SearchQuery(text: "\"good faith\"")).total == 1, "the superseded version leaves the index")
        let digest = try library.store.digest()
        #expect(try library.rebuild() == digest)
        #expect(try library.projectionMatchesLog())
    }

    @Test("a wrong password, user, database name or port gets a sentence that says which")
    func connectionErrors() throws {
        let server = try #require(TestEngine.postgresServer)
        let location = try PostgresLocation(url: server)
        func message(_ url: String) -> String {
            do {
                _ = try PostgresRecordStore(url: url)
                return "connected"
            } catch let error as StocktakeError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        let wrongPassword = message("postgres://\(location.user):not-the-password@\(location.host):\(location.port)/\(location.database)")
        #expect(wrongPassword.contains("password"), "\(wrongPassword)")
        #expect(!wrongPassword.contains("not-the-password"), "the password is never repeated")
        let wrongDatabase = message(
            "postgres://\(location.user):\(location.password ?? "")@\(location.host):\(location.port)/no_such_database")
        #expect(wrongDatabase.contains("no database named no_such_database"), "\(wrongDatabase)")
        let wrongPort = message("postgres://\(location.user):\(location.password ?? "")@127.0.0.1:1/\(location.database)")
        #expect(wrongPort.contains("Cannot reach PostgreSQL at 127.0.0.1:1"), "\(wrongPort)")
        for malformed in [
            "postgres://", "postgres://host/db", "postgres://user@/db", "postgres://user@host", "postgres://user@host:99999/db",
        ] {
            #expect(message(malformed).contains("postgres://USER:PASSWORD@HOST:PORT/DATABASE"), "\(malformed)")
        }
    }

    @Test("a connection the server cuts is opened again, and an ingest after it completes with nothing lost")
    func reconnects() throws {
        let fixture = try LibraryFixture(postgres: true)
        let library = fixture.library
        let database = try PostgresLocation(url: fixture.databasePath).database
        // Another session cuts every connection to the database, as a server restart would.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "psql", "-q", TestEngine.postgresServer!, "-c",
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()",
        ]
        try process.run()
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.2)
        var outcome: RecordKeeper.Outcome?
        var failures: [String] = []
        for _ in 0..<2 where outcome == nil {
            do {
                outcome = try library.ingest(file: LibraryFixture.fixtures.appendingPathComponent("wp-es.txt"))
            } catch let error as StocktakeError {
                failures.append(error.message)
            }
        }
        #expect(failures.allSatisfy { $0.contains("PostgreSQL") }, "\(failures)")
        guard case .unchanged = try #require(outcome) else {
            Issue.record("the fixture already holds wp-es.txt, so the retry finds it unchanged")
            return
        }
        #expect(try library.projectionMatchesLog())
    }
}
