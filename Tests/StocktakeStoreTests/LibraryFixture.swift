import Foundation
import StocktakeCore
import StocktakeStore
import StocktakeText

/// The engine the store suites run against: SQLite by default; PostgreSQL when `STOCKTAKE_TEST_STORE=postgres`, on the
/// server `STOCKTAKE_TEST_POSTGRES` names (a fresh database for each fixture). `Scripts/test` runs the suites both ways.
enum TestEngine {
    /// The server's URL, when the test command started one.
    static let postgresServer = ProcessInfo.processInfo.environment["STOCKTAKE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    /// True when the store suites should use PostgreSQL.
    static let usesPostgres = ProcessInfo.processInfo.environment["STOCKTAKE_TEST_STORE"] == "postgres"

    /// A fresh, empty PostgreSQL database on the test server.
    static func freshPostgresDatabase() throws -> String {
        guard let server = postgresServer else {
            throw StocktakeError(.store, "STOCKTAKE_TEST_POSTGRES is not set; run the tests with Scripts/test, which starts PostgreSQL.")
        }
        return try PostgresRecordStore.createDatabase(
            named: "stocktake_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased(), beside: server)
    }

    /// The database location of a new fixture in `home`.
    static func newLocation(home: URL) throws -> String {
        usesPostgres ? try freshPostgresDatabase() : home.appendingPathComponent("stocktake.sqlite").path
    }
}

/// A library in a temporary home with a real SQLite file (or PostgreSQL database), holding the corpus document and the five fixtures.
final class LibraryFixture {
    let home: URL
    let library: RecordKeeper
    /// The SQLite file's path or the PostgreSQL database's URL.
    let databasePath: String
    static let registry = try! RegistryDirectory.load(from: RegistryDirectory.bundledDataDirectory)
    static let root = RegistryDirectory.bundledDataDirectory.deletingLastPathComponent()
    static let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/000_8de3487d174913ae.txt")
    static let fixtures = root.appendingPathComponent("Tests/StocktakeTextTests/Fixtures")

    /// A library on the engine the run asks for, or on PostgreSQL when `postgres` is true.
    init(ingestAll: Bool = true, postgres: Bool = false) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-library-\(UUID().uuidString)")
        databasePath = postgres ? try TestEngine.freshPostgresDatabase() : try TestEngine.newLocation(home: home)
        library = try RecordKeeper(home: home, store: try RecordStoreLocation.open(databasePath), registry: LibraryFixture.registry)
        if ingestAll {
            _ = try library.ingest(file: LibraryFixture.corpus)
            for language in ["en", "fr", "es", "ru", "ar"] {
                _ = try library.ingest(file: LibraryFixture.fixtures.appendingPathComponent("wp-\(language).txt"))
            }
        }
    }

    deinit { try? FileManager.default.removeItem(at: home) }

    /// Runs SQL on the fixture's database behind the library's back (sqlite3 or psql), as someone tampering with it would.
    func tamper(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            PostgresLocation.names(databasePath) ? ["psql", "-q", databasePath, "-c", sql] : ["sqlite3", databasePath, sql]
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw StocktakeError(.store, "tampering failed: \(sql)") }
    }

    /// The corpus paragraphs (numbers) whose text contains `needle`, found by plain string search.
    static func corpusParagraphs(containing needle: String) -> [String] {
        let text = try! String(contentsOf: corpus, encoding: .utf8)
        let document = DocumentExtractor(registry: registry).extract(text: text)
        return document.paragraphs.filter { $0.text.contains(needle) }.compactMap(\.number)
    }

    func search(_ text: String, language: Language? = nil, limit: Int = 1000) throws -> SearchResults {
        var query = SearchQuery(text: text)
        query.language = language
        query.limit = limit
        return try library.store.search(query)
    }
}
