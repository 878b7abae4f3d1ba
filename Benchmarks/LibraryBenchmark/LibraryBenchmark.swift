import Benchmark
import Foundation
import StocktakeCore
import StocktakeLedger
import StocktakeStore
import StocktakeText

/// Documents made from the paragraphs of the six real or fixture documents, dealt into new documents
/// of 80 paragraphs with new symbols, so a corpus of any size has real text and real references.
enum GeneratedLibrary {
    static let registry = try! RegistryDirectory.load(from: RegistryDirectory.bundledDataDirectory)
    static let paragraphSize = Int(ProcessInfo.processInfo.environment["STOCKTAKE_BENCH_PARAGRAPHS"] ?? "1000000")!

    static let sourceParagraphs: [(language: String, paragraph: ExtractedParagraph)] = {
        let root = RegistryDirectory.bundledDataDirectory.deletingLastPathComponent()
        let extractor = DocumentExtractor(registry: registry)
        var files = ["en", "fr", "es", "ru", "ar"].map { root.appendingPathComponent("Tests/StocktakeTextTests/Fixtures/wp-\($0).txt") }
        files.append(root.deletingLastPathComponent().appendingPathComponent("shared/corpus/000_8de3487d174913ae.txt"))
        var out: [(String, ExtractedParagraph)] = []
        for file in files {
            let document = extractor.extract(text: try! String(contentsOf: file, encoding: .utf8))
            out += document.paragraphs.map { (document.document.language!, $0) }
        }
        return out
    }()

    /// The n-th generated document version.
    static func payload(_ n: Int) -> DocumentVersionPayload {
        var seed = UInt64(n) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33)
        }
        let language = ["en", "fr", "es", "ru", "ar", "zh"][n % 6]
        let pool = sourceParagraphs.filter { $0.language == language }
        let paragraphs = (1...80).map { number -> ExtractedParagraph in
            let source = pool[next() % pool.count].paragraph
            return ExtractedParagraph(number: String(number), text: source.text, references: source.references)
        }
        let symbol = "NPT/CONF.2026/PC.\(["I", "II", "III"][n % 3])/WP.\(n / 6 + 1)"
        let header = DocumentHeader(
            symbol: symbol, language: language, originalLanguage: "en", date: "2025-0\(n % 9 + 1)-1\(n % 9)", title: "Generated \(n)")
        return DocumentVersionPayload(
            symbol: symbol, language: language, contentSHA256: String(format: "%064x", n), sourceName: "generated-\(n).txt",
            submitterIDs: ["NAM"],
            document: ExtractedDocument(document: header, paragraphs: paragraphs))
    }

    static func freshLibrary() -> (RecordKeeper, URL) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-library-bench-\(UUID().uuidString)")
        let store = try! SQLiteRecordStore(path: home.appendingPathComponent("stocktake.sqlite").path)
        return (try! RecordKeeper(home: home, store: store, registry: registry), home)
    }

    /// A library of `paragraphSize` paragraphs for the search benchmarks, built once and kept in the temporary folder
    /// (each benchmark runs in its own process; the folder's name carries the size and the schema, and a marker file
    /// says the build finished).
    nonisolated(unsafe) static let large: (RecordKeeper, SQLiteRecordStore) = {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-bench-library-\(paragraphSize)-schema5")
        let marker = home.appendingPathComponent("complete")
        if !FileManager.default.fileExists(atPath: marker.path) {
            try? FileManager.default.removeItem(at: home)
            let store = try! SQLiteRecordStore(path: home.appendingPathComponent("stocktake.sqlite").path)
            let library = try! RecordKeeper(home: home, store: store, registry: registry)
            for n in 0..<(paragraphSize / 80) { _ = try! library.record(payload(n)) }
            FileManager.default.createFile(atPath: marker.path, contents: Data())
        }
        let store = try! SQLiteRecordStore(path: home.appendingPathComponent("stocktake.sqlite").path)
        let library = try! RecordKeeper(home: home, store: store, registry: registry)
        return (library, store)
    }()

    static let queries = [
        "裁军", "核武器国家", "禁止核武器条约", "action 5(c)", "79/47", "New Agenda Coalition", "переговоры", "مفاوضات", "mesures efficaces",
        "Comprehensive Nuclear-Test-Ban Treaty", "透明度", "good faith",
    ]

    /// The query kinds of issue 13, each in three languages (English, Chinese, Russian).
    static let kinds: [(name: String, queries: [(text: String, language: Language)], concepts: Bool, filtered: Bool)] = [
        ("one word", [("negotiations", .en), ("裁军", .zh), ("переговоры", .ru)], false, false),
        ("three words", [("nuclear weapon States", .en), ("核武器 国家 条约", .zh), ("Коалиция ядерного оружия", .ru)], false, false),
        ("phrase", [("\"good faith\"", .en), ("\"禁止核武器条约\"", .zh), ("\"доброй воли\"", .ru)], false, false),
        ("concept", [("action 5 (c)", .en), ("第六条", .zh), ("Соединенное Королевство", .ru)], true, false),
        ("faceted (language filter)", [("Coalition", .en), ("透明度", .zh), ("Коалиция", .ru)], false, true),
    ]

    static let extractor = DocumentExtractor(registry: registry)

    /// The query for `text` as the server builds it: concepts from the reference extractor, 20 hits, facets,
    /// and, when `filtered`, only paragraphs in the query's language.
    static func query(_ text: String, language: Language, concepts: Bool, filtered: Bool) -> SearchQuery {
        var query = SearchQuery(text: text)
        if concepts { query.concepts = extractor.references.searchConcepts(in: text) }
        if filtered { query.language = language }
        return query
    }
}

/// The same generated library kept in PostgreSQL, when `STOCKTAKE_BENCH_POSTGRES` names a server (its `postgres`
/// database; `Scripts/postgres start` prints one): each benchmark makes the databases it needs there.
enum PostgresLibrary {
    static let server = ProcessInfo.processInfo.environment["STOCKTAKE_BENCH_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// A keeper whose tables and log are in a new database.
    static func fresh(_ name: String) -> (RecordKeeper, URL) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-pg-bench-\(UUID().uuidString)")
        let url = try! PostgresRecordStore.createDatabase(named: "\(name)_\(UInt32.random(in: 0...UInt32.max))", beside: server!)
        return (try! RecordKeeper(home: home, store: try! PostgresRecordStore(url: url), registry: GeneratedLibrary.registry), home)
    }

    /// The library of `paragraphSize` paragraphs in PostgreSQL, built once per server (a marker file says the build finished).
    nonisolated(unsafe) static let large: (RecordKeeper, PostgresRecordStore) = {
        let size = GeneratedLibrary.paragraphSize
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-pg-bench-library-\(size)")
        var components = URLComponents(string: server!)!
        components.path = "/stocktake_bench_\(size)"
        let url = components.string!
        let marker = home.appendingPathComponent("complete")
        if !FileManager.default.fileExists(atPath: marker.path) {
            try? FileManager.default.removeItem(at: home)
            _ = try? PostgresRecordStore.createDatabase(named: "stocktake_bench_\(size)", beside: server!)
            let library = try! RecordKeeper(home: home, store: try! PostgresRecordStore(url: url), registry: GeneratedLibrary.registry)
            let start = Date()
            for n in 0..<(size / 80) { _ = try! library.record(GeneratedLibrary.payload(n)) }
            let seconds = Date().timeIntervalSince(start)
            try! Data("built \(size) paragraphs in \(Int(seconds)) s (\(Int(Double(size) / seconds)) paragraphs/s)\n".utf8).write(to: marker)
        }
        let store = try! PostgresRecordStore(url: url)
        return (try! RecordKeeper(home: home, store: store, registry: GeneratedLibrary.registry), store)
    }()

    /// Words that occur in no paragraph: the rarest term, in the three languages.
    static let rare: [(text: String, language: Language)] = [("zeppelin", .en), ("鲸鱼", .zh), ("дирижабль", .ru)]
}

let benchmarks: @Sendable () -> Void = {
    Benchmark(
        "Ingest 400 documents (32,000 paragraphs): log entry, fsync, SQLite transaction each",
        configuration: .init(
            metrics: [.wallClock, .throughput], timeUnits: .milliseconds, warmupIterations: 0, maxDuration: .seconds(120), maxIterations: 3)
    ) { benchmark in
        let (library, home) = GeneratedLibrary.freshLibrary()
        defer { try? FileManager.default.removeItem(at: home) }
        let payloads = (0..<400).map(GeneratedLibrary.payload)
        benchmark.startMeasurement()
        for payload in payloads { _ = try! library.record(payload) }
        benchmark.stopMeasurement()
    }

    var fullCounter = 0
    Benchmark(
        "Search at \(GeneratedLibrary.paragraphSize) paragraphs: full query (match count, newest 20 hits with joins, snippets and citations)",
        configuration: .init(
            metrics: [.wallClock], timeUnits: .microseconds, warmupIterations: 12, maxDuration: .seconds(120), maxIterations: 600)
    ) { benchmark in
        let (library, _) = GeneratedLibrary.large
        let query = GeneratedLibrary.queries[fullCounter % GeneratedLibrary.queries.count]
        fullCounter += 1
        benchmark.startMeasurement()
        blackHole(try! library.store.search(SearchQuery(text: query)))
        benchmark.stopMeasurement()
    }

    var bareCounter = 0
    Benchmark(
        "Search at \(GeneratedLibrary.paragraphSize) paragraphs: bare FTS5 query over the same tokens, newest 20 rowids (baseline)",
        configuration: .init(
            metrics: [.wallClock], timeUnits: .microseconds, warmupIterations: 12, maxDuration: .seconds(120), maxIterations: 600)
    ) { benchmark in
        let (_, store) = GeneratedLibrary.large
        let tokens = SearchTokenizer.tokens(GeneratedLibrary.queries[bareCounter % GeneratedLibrary.queries.count])
        bareCounter += 1
        benchmark.startMeasurement()
        blackHole(try! store.bareMatchCount(query: tokens.joined(separator: " "), limit: 20))
        benchmark.stopMeasurement()
    }

    for kind in GeneratedLibrary.kinds {
        var counter = 0
        Benchmark(
            "Search at \(GeneratedLibrary.paragraphSize) paragraphs, \(kind.name) (en, zh, ru): parsed, ranked, counted, faceted, 20 hits",
            configuration: .init(
                metrics: [.wallClock], timeUnits: .microseconds, warmupIterations: 6, maxDuration: .seconds(120), maxIterations: 300)
        ) { benchmark in
            let (_, store) = GeneratedLibrary.large
            let (text, language) = kind.queries[counter % kind.queries.count]
            counter += 1
            let query = GeneratedLibrary.query(text, language: language, concepts: kind.concepts, filtered: kind.filtered)
            benchmark.startMeasurement()
            blackHole(try! store.search(query))
            benchmark.stopMeasurement()
        }
        var bare = 0
        Benchmark(
            "Search at \(GeneratedLibrary.paragraphSize) paragraphs, \(kind.name): bare FTS5 query for the same tokens, newest 20 rowids (baseline)",
            configuration: .init(
                metrics: [.wallClock], timeUnits: .microseconds, warmupIterations: 6, maxDuration: .seconds(120), maxIterations: 300)
        ) { benchmark in
            let (_, store) = GeneratedLibrary.large
            let text = kind.queries[bare % kind.queries.count].text
            bare += 1
            benchmark.startMeasurement()
            blackHole(try! store.bareMatchCount(query: text, limit: 20))
            benchmark.stopMeasurement()
        }
    }

    var rareCounter = 0
    Benchmark(
        "Search at \(GeneratedLibrary.paragraphSize) paragraphs, rare (no match) (en, zh, ru): parsed, ranked, counted, faceted, 20 hits",
        configuration: .init(
            metrics: [.wallClock], timeUnits: .microseconds, warmupIterations: 6, maxDuration: .seconds(120), maxIterations: 300)
    ) { benchmark in
        let (_, store) = GeneratedLibrary.large
        let (text, language) = PostgresLibrary.rare[rareCounter % PostgresLibrary.rare.count]
        rareCounter += 1
        let query = GeneratedLibrary.query(text, language: language, concepts: false, filtered: false)
        benchmark.startMeasurement()
        blackHole(try! store.search(query))
        benchmark.stopMeasurement()
    }

    // The same measures on PostgreSQL, in the same run, when a server is given.
    guard PostgresLibrary.server != nil else { return }
    Benchmark(
        "PostgreSQL: ingest 400 documents (32,000 paragraphs), each a log append and a table transaction",
        configuration: .init(
            metrics: [.wallClock, .throughput], timeUnits: .milliseconds, warmupIterations: 0, maxDuration: .seconds(300), maxIterations: 3)
    ) { benchmark in
        let (library, home) = PostgresLibrary.fresh("stocktake_bench_ingest")
        defer { try? FileManager.default.removeItem(at: home) }
        let payloads = (0..<400).map(GeneratedLibrary.payload)
        benchmark.startMeasurement()
        for payload in payloads { _ = try! library.record(payload) }
        benchmark.stopMeasurement()
    }
    for batch in [1, 100] {
        Benchmark(
            "PostgreSQL log: append 2,000 entries of 1 KB in batches of \(batch), each batch one transaction with a signed checkpoint",
            configuration: .init(
                metrics: [.wallClock, .throughput], timeUnits: .milliseconds, warmupIterations: 0, maxDuration: .seconds(300),
                maxIterations: 3)
        ) { benchmark in
            let (library, home) = PostgresLibrary.fresh("stocktake_bench_log")
            defer { try? FileManager.default.removeItem(at: home) }
            let entry = Array(repeating: UInt8(ascii: "a"), count: 1024)
            benchmark.startMeasurement()
            for _ in 0..<(2000 / batch) { try! library.log.append(Array(repeating: entry, count: batch)) }
            benchmark.stopMeasurement()
        }
    }
    for kind in GeneratedLibrary.kinds + [("rare (no match)", PostgresLibrary.rare, false, false)] {
        var counter = 0
        Benchmark(
            "PostgreSQL search at \(GeneratedLibrary.paragraphSize) paragraphs, \(kind.name) (en, zh, ru): parsed, ranked, counted, faceted, 20 hits",
            configuration: .init(
                metrics: [.wallClock], timeUnits: .microseconds, warmupIterations: 6, maxDuration: .seconds(120), maxIterations: 300)
        ) { benchmark in
            let (_, store) = PostgresLibrary.large
            let (text, language) = kind.queries[counter % kind.queries.count]
            counter += 1
            let query = GeneratedLibrary.query(text, language: language, concepts: kind.concepts, filtered: kind.filtered)
            benchmark.startMeasurement()
            blackHole(try! store.search(query))
            benchmark.stopMeasurement()
        }
    }
}
