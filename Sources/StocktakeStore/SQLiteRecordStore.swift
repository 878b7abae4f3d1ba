import Crypto
public import Foundation
import GRDB
public import StocktakeCore
public import StocktakeLedger
import StocktakeText

/// The record's tables in SQLite (GRDB): WAL, foreign keys, migrations, and an FTS5 index over search tokens.
public final class SQLiteRecordStore: RecordStore, @unchecked Sendable {
    let writer: any DatabaseWriter
    /// Versions and their documents, held in memory for search.
    let versionDirectory = VersionDirectory()

    /// Opens (creating and migrating) the database at `path`, or an in-memory database when `path` is nil.
    public init(path: String?) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Another process may be writing (an ingest beside a server): wait for it rather than fail.
        configuration.busyMode = .timeout(30)
        // Searches read a thousand scattered rows: mapping the file spares a system call and a copy per page, and a larger
        // page cache keeps the index's interior pages between queries.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -16384")
        }
        do {
            if let path {
                try FileManager.default.createDirectory(
                    at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
                writer = try DatabasePool(path: path, configuration: configuration)
            } else {
                writer = try DatabaseQueue(configuration: configuration)
            }
            // Two processes opening a new database at once both try to migrate it; the one that loses
            // finds the tables made when it looks again, so a failed attempt is retried before giving up.
            var attempt = 0
            let migrating = try !writer.read { try SQLiteRecordStore.migrator.hasCompletedMigrations($0) }
            while true {
                do {
                    try SQLiteRecordStore.migrator.migrate(writer)
                    // A migration that rewrote many pages leaves them all in the write-ahead log, where every later read
                    // would look each page up first; copy them into the file and empty the log (best effort: a busy
                    // database is checkpointed by its next writer anyway).
                    if migrating && path != nil { _ = try? writer.writeWithoutTransaction { try $0.checkpoint(.truncate) } }
                    break
                } catch let error as DatabaseError where attempt < 5 {
                    _ = error
                    attempt += 1
                    usleep(UInt32(100_000 * attempt))
                }
            }
        } catch let error as DatabaseError {
            throw StocktakeError(
                .store,
                "The database \(path ?? "in memory") cannot be opened (\(error.message ?? "SQLite error \(error.resultCode)")); check the path, or move the file aside and run 'stocktake rebuild'."
            )
        }
    }

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: documents, versions, paragraphs, references, search index") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    INSERT INTO meta VALUES ('applied_entries', '0');
                    CREATE TABLE documents (
                        id INTEGER PRIMARY KEY, symbol TEXT NOT NULL UNIQUE, doc_type TEXT NOT NULL, date TEXT, title TEXT,
                        submitter TEXT, session TEXT, original_language TEXT);
                    CREATE TABLE document_submitters (
                        document_id INTEGER NOT NULL REFERENCES documents(id), actor TEXT NOT NULL, PRIMARY KEY (document_id, actor));
                    CREATE INDEX document_submitters_actor ON document_submitters(actor);
                    CREATE TABLE versions (
                        id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id), language TEXT NOT NULL,
                        version INTEGER NOT NULL, content_sha256 TEXT NOT NULL, source_name TEXT NOT NULL, entry_index INTEGER NOT NULL UNIQUE,
                        is_current INTEGER NOT NULL, UNIQUE (document_id, language, version));
                    CREATE INDEX versions_content ON versions(content_sha256);
                    CREATE TABLE paragraphs (
                        id INTEGER PRIMARY KEY, version_id INTEGER NOT NULL REFERENCES versions(id), ordinal INTEGER NOT NULL,
                        number TEXT, text TEXT NOT NULL, tokens TEXT NOT NULL, is_footnote INTEGER NOT NULL, UNIQUE (version_id, ordinal));
                    CREATE TABLE refs (
                        paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id), kind TEXT NOT NULL, ref_id TEXT NOT NULL,
                        surface TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL);
                    CREATE INDEX refs_by_id ON refs(ref_id, paragraph_id);
                    CREATE INDEX refs_by_paragraph ON refs(paragraph_id);
                    CREATE VIRTUAL TABLE paragraph_index USING fts5(tokens, content='paragraphs', content_rowid='id', tokenize='ascii');
                    """)
        }
        migrator.registerMigration("v2: authors, evidence, assessments") { db in
            try db.execute(
                sql: """
                    CREATE TABLE authors (
                        name TEXT NOT NULL, key_id TEXT NOT NULL, key TEXT NOT NULL, roles TEXT NOT NULL, entry_index INTEGER NOT NULL,
                        PRIMARY KEY (name, key_id));
                    CREATE TABLE evidence (
                        id TEXT PRIMARY KEY, entry_index INTEGER NOT NULL UNIQUE, subject TEXT NOT NULL, commitment TEXT NOT NULL,
                        kind TEXT NOT NULL, author TEXT NOT NULL, payload TEXT NOT NULL);
                    CREATE INDEX evidence_by_commitment ON evidence(commitment, subject);
                    CREATE TABLE assessments (
                        entry_index INTEGER PRIMARY KEY, state TEXT NOT NULL, commitment TEXT NOT NULL, cycle TEXT NOT NULL,
                        status TEXT NOT NULL, author TEXT NOT NULL, time INTEGER NOT NULL, payload TEXT NOT NULL);
                    CREATE INDEX assessments_by_key ON assessments(state, commitment, cycle);
                    """)
        }
        migrator.registerMigration("v3: figures") { db in
            try db.execute(
                sql: """
                    CREATE TABLE figures (
                        entry_index INTEGER PRIMARY KEY, state TEXT NOT NULL, metric TEXT NOT NULL, series TEXT NOT NULL, date TEXT NOT NULL,
                        author TEXT NOT NULL, payload TEXT NOT NULL);
                    CREATE INDEX figures_by_key ON figures(state, metric, series, date);
                    """)
        }
        migrator.registerMigration("v4: escrowed declarations") { db in
            try db.execute(sql: SQLiteRecordStore.declarationSchema)
        }
        migrator.registerMigration("v5: one-character search (a column of the Han, kana and hangul characters of each paragraph)") { db in
            try db.execute(
                sql: """
                    ALTER TABLE paragraphs ADD COLUMN chars TEXT NOT NULL DEFAULT '';
                    DROP TABLE paragraph_index;
                    CREATE VIRTUAL TABLE paragraph_index USING fts5(tokens, chars, content='paragraphs', content_rowid='id', tokenize='ascii');
                    """)
            let update = try db.makeStatement(sql: "UPDATE paragraphs SET chars = ? WHERE id = ?")
            let rows = try Row.fetchCursor(db, sql: "SELECT id, text FROM paragraphs")
            var pending: [(Int64, String)] = []
            while let row = try rows.next() {
                let text: String = row[1]
                if text.unicodeScalars.contains(where: { $0.value >= 0x2E80 }) {
                    pending.append((row[0], SQLiteRecordStore.indexCharacters(text)))
                }
            }
            for (id, characters) in pending { try update.execute(arguments: [characters, id]) }
            try db.execute(
                sql: """
                    INSERT INTO paragraph_index (rowid, tokens, chars)
                    SELECT p.id, p.tokens, p.chars FROM paragraphs p JOIN versions v ON v.id = p.version_id WHERE v.is_current = 1
                    """)
        }
        migrator.registerMigration("v6: references by paragraph cover their kind and identifier (search facets read the index alone)") {
            db in
            try db.execute(
                sql: """
                    DROP INDEX refs_by_paragraph;
                    CREATE INDEX refs_by_paragraph ON refs(paragraph_id, kind, ref_id);
                    """)
        }
        migrator.registerMigration("v7: statistics for BM25 computed in Swift (documents per term, indexed rows and tokens)") { db in
            try db.execute(
                sql: """
                    CREATE TABLE term_stats (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
                    CREATE VIRTUAL TABLE temp.paragraph_terms USING fts5vocab(main, 'paragraph_index', 'row');
                    INSERT INTO term_stats (term, docs) SELECT term, doc FROM temp.paragraph_terms;
                    DROP TABLE temp.paragraph_terms;
                    INSERT INTO meta (key, value) SELECT 'indexed_rows', CAST(COUNT(*) AS TEXT)
                        FROM paragraphs p JOIN versions v ON v.id = p.version_id WHERE v.is_current = 1;
                    INSERT INTO meta (key, value) SELECT 'indexed_tokens', CAST(COALESCE(SUM(\(SQLiteRecordStore.tokenCountSQL("p.tokens"))), 0) AS TEXT)
                        FROM paragraphs p JOIN versions v ON v.id = p.version_id WHERE v.is_current = 1;
                    """)
        }
        migrator.registerMigration("v8: paragraphs carry the commitments they cite (search's commitment facet reads them with the match)") {
            db in
            try db.execute(
                sql: """
                    ALTER TABLE paragraphs ADD COLUMN commitments TEXT NOT NULL DEFAULT '';
                    UPDATE paragraphs SET commitments = (
                        SELECT group_concat(ref_id, ' ') FROM (
                            SELECT DISTINCT ref_id FROM refs WHERE paragraph_id = paragraphs.id AND kind = 'commitment' ORDER BY ref_id))
                    WHERE id IN (SELECT paragraph_id FROM refs WHERE kind = 'commitment');
                    """)
        }
        return migrator
    }()

    /// The distinct commitments a paragraph's references name, sorted and space-separated, as the `commitments` column holds them.
    static func commitmentsColumn(_ references: [Reference]) -> String {
        Set(references.filter { $0.kind == "commitment" }.map(\.id)).sorted().joined(separator: " ")
    }

    func run<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(body)
        } catch let error as StocktakeError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw StocktakeError(.busy, "The database is busy with another writer; nothing was changed, so try again in a moment.")
        } catch let error as DatabaseError {
            throw StocktakeError(
                .store, "The database refused a write (\(error.message ?? "SQLite error \(error.resultCode)")); nothing was changed.")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw StocktakeError(.busy, "The database is busy with another writer; try again in a moment.")
        } catch let error as DatabaseError {
            throw StocktakeError(
                .store,
                "The database could not be read (\(error.message ?? "SQLite error \(error.resultCode)")); run 'stocktake rebuild' to recreate it from the log."
            )
        }
    }

    public func appliedEntryCount() throws -> UInt64 {
        try read(SQLiteRecordStore.appliedEntries)
    }

    /// How many log entries the tables hold, read inside a transaction.
    static func appliedEntries(_ db: Database) throws -> UInt64 {
        UInt64(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'applied_entries'") ?? "0") ?? 0
    }

    public func apply(_ entry: LoggedEntry) throws {
        try run { db in
            let applied = try SQLiteRecordStore.appliedEntries(db)
            guard applied == entry.index else {
                throw StocktakeError(
                    .store,
                    "The database has applied \(applied) log entries, so entry \(entry.index) cannot be applied next; run 'stocktake rebuild'."
                )
            }
            switch entry.payload {
            case .documentVersion(let payload): try SQLiteRecordStore.insert(payload, entryIndex: entry.index, db)
            case .authorRoles(let payload): try SQLiteRecordStore.insert(payload, entry: entry, db)
            case .evidence(let payload): try SQLiteRecordStore.insert(payload, entry: entry, db)
            case .assessment(let payload): try SQLiteRecordStore.insert(payload, entry: entry, db)
            case .figure(let payload): try SQLiteRecordStore.insert(payload, entry: entry, db)
            case .declarationCommitment(let payload): try SQLiteRecordStore.insert(payload, entry: entry, db)
            case .declarationReveal(let payload): try SQLiteRecordStore.insert(payload, entry: entry, db)
            case .other: break
            }
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'applied_entries'", arguments: [String(entry.index + 1)])
        }
    }

    static func documentType(_ symbol: String) -> String {
        if symbol.contains("/RES/") { return "resolution" }
        if symbol.contains("/WP.") { return "working-paper" }
        if symbol.contains("/CRP.") { return "conference-room-paper" }
        if symbol.contains("/INF.") { return "information" }
        return "document"
    }

    static func insert(_ payload: DocumentVersionPayload, entryIndex: UInt64, _ db: Database) throws {
        let header = payload.document.document
        let documentID: Int64
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE symbol = ?", arguments: [payload.symbol]) {
            documentID = existing
            // Header fields a later version states fill in what an earlier one left unknown.
            try db.execute(
                sql: """
                    UPDATE documents SET date = COALESCE(date, ?), title = COALESCE(title, ?), submitter = COALESCE(submitter, ?),
                    session = COALESCE(session, ?), original_language = COALESCE(original_language, ?) WHERE id = ?
                    """,
                arguments: [header.date, header.title, header.submitter, header.session, header.originalLanguage, documentID])
        } else {
            try db.execute(
                sql:
                    "INSERT INTO documents (symbol, doc_type, date, title, submitter, session, original_language) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    payload.symbol, documentType(payload.symbol), header.date, header.title, header.submitter, header.session,
                    header.originalLanguage,
                ])
            documentID = db.lastInsertedRowID
        }
        for actor in Set(payload.submitterIDs).sorted() {
            try db.execute(
                sql: "INSERT OR IGNORE INTO document_submitters (document_id, actor) VALUES (?, ?)", arguments: [documentID, actor])
        }
        let previous =
            try Int.fetchOne(
                db, sql: "SELECT MAX(version) FROM versions WHERE document_id = ? AND language = ?",
                arguments: [documentID, payload.language]) ?? 0
        // The search index holds current versions only; a superseded version stays stored and citable with 'show'.
        let superseded = try Row.fetchAll(
            db,
            sql:
                "SELECT p.id, p.tokens, p.chars FROM paragraphs p JOIN versions v ON v.id = p.version_id WHERE v.document_id = ? AND v.language = ? AND v.is_current = 1",
            arguments: [documentID, payload.language])
        var removedTokens = 0
        var termChanges: [String: Int] = [:]
        for row in superseded {
            removedTokens += SQLiteRecordStore.tokenCount(row[1] as String)
            for term in SQLiteRecordStore.distinctTerms(row[1] as String, row[2] as String) { termChanges[term, default: 0] -= 1 }
            try db.execute(
                sql: "INSERT INTO paragraph_index(paragraph_index, rowid, tokens, chars) VALUES('delete', ?, ?, ?)",
                arguments: [row[0] as Int64, row[1] as String, row[2] as String])
        }
        try db.execute(
            sql: "UPDATE versions SET is_current = 0 WHERE document_id = ? AND language = ?", arguments: [documentID, payload.language])
        try db.execute(
            sql:
                "INSERT INTO versions (document_id, language, version, content_sha256, source_name, entry_index, is_current) VALUES (?, ?, ?, ?, ?, ?, 1)",
            arguments: [documentID, payload.language, previous + 1, payload.contentSHA256, payload.sourceName, Int64(entryIndex)])
        let versionID = db.lastInsertedRowID
        let paragraphs = payload.document.paragraphs.map { ($0, false) } + payload.document.footnotes.map { ($0, true) }
        let insertParagraph = try db.cachedStatement(
            sql:
                "INSERT INTO paragraphs (version_id, ordinal, number, text, tokens, is_footnote, chars, commitments) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        )
        let insertIndex = try db.cachedStatement(sql: "INSERT INTO paragraph_index (rowid, tokens, chars) VALUES (?, ?, ?)")
        let insertReference = try db.cachedStatement(
            sql: "INSERT INTO refs (paragraph_id, kind, ref_id, surface, start, \"end\") VALUES (?, ?, ?, ?, ?, ?)")
        var addedTokens = 0
        for (ordinal, (paragraph, isFootnote)) in paragraphs.enumerated() {
            let tokens = SearchTokenizer.indexText(paragraph.text)
            addedTokens += SQLiteRecordStore.tokenCount(tokens)
            let characters = SQLiteRecordStore.indexCharacters(paragraph.text)
            for term in SQLiteRecordStore.distinctTerms(tokens, characters) { termChanges[term, default: 0] += 1 }
            try insertParagraph.execute(arguments: [
                versionID, ordinal + 1, paragraph.number, paragraph.text, tokens, isFootnote, characters,
                SQLiteRecordStore.commitmentsColumn(paragraph.references),
            ])
            let paragraphID = db.lastInsertedRowID
            try insertIndex.execute(arguments: [paragraphID, tokens, characters])
            for reference in paragraph.references {
                try insertReference.execute(arguments: [
                    paragraphID, reference.kind, reference.id, reference.surface, reference.start, reference.end,
                ])
            }
        }
        try SQLiteRecordStore.adjustIndexStatistics(
            rows: paragraphs.count - superseded.count, tokens: addedTokens - removedTokens, terms: termChanges, db)
    }

    public func version(contentSHA256: String) throws -> StoredVersion? {
        try read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT d.symbol, v.language, v.version, v.entry_index FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.content_sha256 = ?",
                arguments: [contentSHA256]
            ).map { StoredVersion(symbol: $0[0], language: $0[1], version: $0[2], entryIndex: UInt64($0[3] as Int64)) }
        }
    }

    /// "NPT/CONF.2026/PC.III/WP.12, para. 9 (ZH)"; unnumbered paragraphs are cited by position.
    static func citation(symbol: String, number: String?, ordinal: Int, language: String) -> String {
        CitationText.format(symbol: symbol, number: number, ordinal: ordinal, language: language)
    }

    public func evidence(for id: String) throws -> [EvidenceHit] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.symbol, d.date, d.submitter, v.language, p.number, p.ordinal, group_concat(r.surface, ' | '),
                        (SELECT group_concat(s.actor, ',') FROM (SELECT actor FROM document_submitters WHERE document_id = d.id ORDER BY actor) s)
                    FROM refs r JOIN paragraphs p ON p.id = r.paragraph_id JOIN versions v ON v.id = p.version_id JOIN documents d ON d.id = v.document_id
                    WHERE r.ref_id = ? AND v.is_current = 1
                    GROUP BY p.id
                    ORDER BY d.date IS NULL, d.date, d.submitter, d.symbol, v.language, p.ordinal
                    """,
                arguments: [id])
            return rows.map { row in
                let surfaces = (row[6] as String? ?? "").components(separatedBy: " | ")
                return EvidenceHit(
                    symbol: row[0], date: row[1], submitter: row[2],
                    submitters: (row[7] as String?)?.split(separator: ",").map(String.init) ?? [], language: row[3], paragraph: row[4],
                    surfaces: surfaces,
                    citation: SQLiteRecordStore.citation(symbol: row[0], number: row[4], ordinal: row[5], language: row[3]))
            }
        }
    }

    func paragraphs(versionID: Int64, number: String?, _ db: Database) throws -> [StoredParagraph] {
        var sql =
            "SELECT p.id, v.language, p.number, p.ordinal, p.text FROM paragraphs p JOIN versions v ON v.id = p.version_id WHERE p.version_id = ?"
        var arguments: [any DatabaseValueConvertible] = [versionID]
        if let number {
            sql += " AND p.number = ?"
            arguments.append(number)
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY p.ordinal", arguments: StatementArguments(arguments)).map { row in
            let references = try Row.fetchAll(
                db, sql: "SELECT kind, ref_id, surface, start, \"end\" FROM refs WHERE paragraph_id = ? ORDER BY start, rowid",
                arguments: [row[0] as Int64]
            )
            .map { Reference(kind: $0[0], id: $0[1], surface: $0[2], start: $0[3], end: $0[4]) }
            return StoredParagraph(language: row[1], number: row[2], ordinal: row[3], text: row[4], references: references)
        }
    }

    public func document(symbol: String, language: Language?) throws -> StoredDocument? {
        try read { db in
            guard
                let document = try Row.fetchOne(
                    db, sql: "SELECT id, symbol, date, title, submitter, session, original_language FROM documents WHERE symbol = ?",
                    arguments: [symbol])
            else { return nil }
            let versions = try Row.fetchAll(
                db, sql: "SELECT id, language, version FROM versions WHERE document_id = ? AND is_current = 1 ORDER BY language",
                arguments: [document[0] as Int64])
            guard let chosen = versions.first(where: { language == nil || ($0[1] as String) == language!.rawValue }) else {
                return StoredDocument(
                    symbol: document[1], header: DocumentHeader(),
                    versions: Dictionary(uniqueKeysWithValues: versions.map { ($0[1] as String, $0[2] as Int) }), paragraphs: [])
            }
            let header = DocumentHeader(
                symbol: document[1], language: chosen[1], originalLanguage: document[6], date: document[2], title: document[3],
                submitter: document[4], session: document[5])
            return StoredDocument(
                symbol: document[1], header: header,
                versions: Dictionary(uniqueKeysWithValues: versions.map { ($0[1] as String, $0[2] as Int) }),
                paragraphs: try paragraphs(versionID: chosen[0], number: nil, db))
        }
    }

    public func siblings(symbol: String, number: String) throws -> [StoredParagraph] {
        try read { db in
            let versions = try Int64.fetchAll(
                db,
                sql:
                    "SELECT v.id FROM versions v JOIN documents d ON d.id = v.document_id WHERE d.symbol = ? AND v.is_current = 1 ORDER BY v.language",
                arguments: [symbol])
            return try versions.flatMap { try paragraphs(versionID: $0, number: number, db) }
        }
    }

    public func digest() throws -> String {
        try read { db in
            var builder = RecordDigest.Builder()
            for table in RecordDigest.tables {
                builder.begin(table)
                let cursor = try Row.fetchCursor(db, sql: RecordDigest.select(table) { "CAST(\($0) AS TEXT)" })
                while let row = try cursor.next() {
                    builder.add((0..<row.count).map { row[$0] as String? })
                }
            }
            return builder.finish(applied: try SQLiteRecordStore.appliedEntries(db))
        }
    }

    public func openLog(ledger: URL, logKey: NoteVerifierKey, signer: NoteSigner?) throws -> any AppendOnlyLog {
        if let signer, !FileManager.default.fileExists(atPath: ledger.appendingPathComponent("checkpoints").path) {
            return try TransparencyLog.create(in: ledger, signer: signer)
        }
        return try TransparencyLog(directory: ledger, logKey: logKey, signer: signer)
    }

    public func reset() throws {
        try run { db in
            try db.execute(
                sql: """
                    INSERT INTO paragraph_index(paragraph_index) VALUES('delete-all'); DELETE FROM refs; DELETE FROM authors; DELETE FROM evidence; DELETE FROM assessments; DELETE FROM figures; DELETE FROM term_stats; DELETE FROM declarations; DELETE FROM declaration_reveals; DELETE FROM revealed_rows; DELETE FROM revealed_values; DELETE FROM paragraphs; DELETE FROM versions;
                    DELETE FROM document_submitters; DELETE FROM documents; UPDATE meta SET value = '0' WHERE key IN ('applied_entries', 'indexed_rows', 'indexed_tokens');
                    """)
        }
    }

    /// The rowids a bare FTS5 query finds for the parsed query (newest first, at most `limit`): the engine alone, for benchmarks.
    public func bareMatchCount(query: String, limit: Int) throws -> Int {
        guard let expression = SearchQueryParser.parse(query).expression else { return 0 }
        return try read { db in
            try Int.fetchAll(
                db, sql: "SELECT rowid FROM paragraph_index WHERE paragraph_index MATCH ? ORDER BY rowid DESC LIMIT ?",
                arguments: [SQLiteRecordStore.ftsExpression(expression), limit]
            ).count
        }
    }
}
