import Foundation
import StocktakeCore
import StocktakeStore
import StocktakeText

/// A library in a temporary home with a real SQLite file, holding the corpus document and the five fixtures.
final class LibraryFixture {
    let home: URL
    let library: RecordKeeper
    let databasePath: String
    static let registry = try! RegistryDirectory.load(from: RegistryDirectory.bundledDataDirectory)
    static let root = RegistryDirectory.bundledDataDirectory.deletingLastPathComponent()
    static let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/000_8de3487d174913ae.txt")
    static let fixtures = root.appendingPathComponent("Tests/StocktakeTextTests/Fixtures")

    init(ingestAll: Bool = true) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-library-\(UUID().uuidString)")
        databasePath = home.appendingPathComponent("stocktake.sqlite").path
        library = try RecordKeeper(home: home, store: try SQLiteRecordStore(path: databasePath), registry: LibraryFixture.registry)
        if ingestAll {
            _ = try library.ingest(file: LibraryFixture.corpus)
            for language in ["en", "fr", "es", "ru", "ar"] {
                _ = try library.ingest(file: LibraryFixture.fixtures.appendingPathComponent("wp-\(language).txt"))
            }
        }
    }

    deinit { try? FileManager.default.removeItem(at: home) }

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
