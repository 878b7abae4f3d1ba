public import Foundation
import PostgresNIO
public import StocktakeCore
public import StocktakeLedger
import StocktakeText

/// The record's tables in PostgreSQL (PostgresNIO): the same tables, identifiers and appliers as ``SQLiteRecordStore``,
/// a `tsvector` of the Swift-made search tokens with a GIN index, and text compared byte by byte (`COLLATE "C"`),
/// so both engines hold the same rows, give the same digest and find the same paragraphs.
///
/// Several processes may share one database: each entry is applied in one transaction that first locks the
/// applied count, so an entry another process has applied already is skipped rather than applied twice.
public final class PostgresRecordStore: RecordStore, @unchecked Sendable {
    let link: PostgresLink

    /// Connects to the database at `url` (`postgres://USER:PASSWORD@HOST:PORT/DATABASE`) and creates the tables if needed.
    public init(url: String) throws {
        link = try PostgresLink(try PostgresLocation(url: url))
        try link.transaction { session in
            // One process creates the tables; another opening at the same moment waits here and finds them made.
            try session.execute("SELECT pg_advisory_xact_lock(7438291)")
            if try session.text("SELECT to_regclass('stocktake_schema')::text") == nil {
                try session.script(PostgresRecordStore.schema)
            }
        }
    }

    /// Creates an empty database named `name` on the server `url` names (connecting to the database in `url`), and returns its URL.
    public static func createDatabase(named name: String, beside url: String) throws -> String {
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), !name.isEmpty else {
            throw StocktakeError(.invalidArgument, "A database name may hold only ASCII letters, digits and underscores; choose another.")
        }
        let location = try PostgresLocation(url: url)
        let link = try PostgresLink(location)
        try link.withConnection { try $0.execute("CREATE DATABASE \(name)") }
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + name
        return components.string ?? url
    }

    /// The log kept in this database's log tables.
    public func openLog(ledger: URL, logKey: NoteVerifierKey, signer: NoteSigner?) throws -> any AppendOnlyLog {
        try PostgresLog(link: link, logKey: logKey, signer: signer)
    }

    /// Where the database is, without its password.
    public var location: String { link.location.description }

    static let schema = """
        CREATE TABLE stocktake_schema (version INTEGER NOT NULL);
        INSERT INTO stocktake_schema VALUES (1);
        CREATE TABLE meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('applied_entries', '0'), ('indexed_rows', '0'), ('indexed_tokens', '0');
        CREATE TABLE documents (
            id BIGINT PRIMARY KEY, symbol TEXT COLLATE "C" NOT NULL UNIQUE, doc_type TEXT COLLATE "C" NOT NULL, date TEXT COLLATE "C",
            title TEXT COLLATE "C", submitter TEXT COLLATE "C", session TEXT COLLATE "C", original_language TEXT COLLATE "C");
        CREATE TABLE document_submitters (
            document_id BIGINT NOT NULL REFERENCES documents(id), actor TEXT COLLATE "C" NOT NULL, PRIMARY KEY (document_id, actor));
        CREATE INDEX document_submitters_actor ON document_submitters(actor);
        CREATE TABLE versions (
            id BIGINT PRIMARY KEY, document_id BIGINT NOT NULL REFERENCES documents(id), language TEXT COLLATE "C" NOT NULL,
            version BIGINT NOT NULL, content_sha256 TEXT COLLATE "C" NOT NULL, source_name TEXT COLLATE "C" NOT NULL,
            entry_index BIGINT NOT NULL UNIQUE, is_current BIGINT NOT NULL, UNIQUE (document_id, language, version));
        CREATE INDEX versions_content ON versions(content_sha256);
        CREATE TABLE paragraphs (
            id BIGINT PRIMARY KEY, version_id BIGINT NOT NULL REFERENCES versions(id), ordinal BIGINT NOT NULL, number TEXT COLLATE "C",
            text TEXT COLLATE "C" NOT NULL, tokens TEXT COLLATE "C" NOT NULL, is_footnote BIGINT NOT NULL,
            chars TEXT COLLATE "C" NOT NULL DEFAULT '', search TSVECTOR, UNIQUE (version_id, ordinal));
        CREATE INDEX paragraphs_search ON paragraphs USING GIN (search);
        CREATE TABLE refs (
            paragraph_id BIGINT NOT NULL REFERENCES paragraphs(id), kind TEXT COLLATE "C" NOT NULL, ref_id TEXT COLLATE "C" NOT NULL,
            surface TEXT COLLATE "C" NOT NULL, start BIGINT NOT NULL, "end" BIGINT NOT NULL);
        CREATE INDEX refs_by_id ON refs(ref_id, paragraph_id);
        CREATE INDEX refs_by_paragraph ON refs(paragraph_id, kind, ref_id);
        CREATE TABLE term_stats (term TEXT COLLATE "C" PRIMARY KEY, docs BIGINT NOT NULL);
        CREATE TABLE authors (
            name TEXT COLLATE "C" NOT NULL, key_id TEXT COLLATE "C" NOT NULL, key TEXT COLLATE "C" NOT NULL, roles TEXT COLLATE "C" NOT NULL,
            entry_index BIGINT NOT NULL, PRIMARY KEY (name, key_id));
        CREATE TABLE evidence (
            id TEXT COLLATE "C" PRIMARY KEY, entry_index BIGINT NOT NULL UNIQUE, subject TEXT COLLATE "C" NOT NULL,
            commitment TEXT COLLATE "C" NOT NULL, kind TEXT COLLATE "C" NOT NULL, author TEXT COLLATE "C" NOT NULL,
            payload TEXT COLLATE "C" NOT NULL);
        CREATE INDEX evidence_by_commitment ON evidence(commitment, subject);
        CREATE TABLE assessments (
            entry_index BIGINT PRIMARY KEY, state TEXT COLLATE "C" NOT NULL, commitment TEXT COLLATE "C" NOT NULL,
            cycle TEXT COLLATE "C" NOT NULL, status TEXT COLLATE "C" NOT NULL, author TEXT COLLATE "C" NOT NULL, time BIGINT NOT NULL,
            payload TEXT COLLATE "C" NOT NULL);
        CREATE INDEX assessments_by_key ON assessments(state, commitment, cycle);
        CREATE TABLE figures (
            entry_index BIGINT PRIMARY KEY, state TEXT COLLATE "C" NOT NULL, metric TEXT COLLATE "C" NOT NULL,
            series TEXT COLLATE "C" NOT NULL, date TEXT COLLATE "C" NOT NULL, author TEXT COLLATE "C" NOT NULL,
            payload TEXT COLLATE "C" NOT NULL);
        CREATE INDEX figures_by_key ON figures(state, metric, series, date);
        CREATE TABLE declarations (
            entry_index BIGINT PRIMARY KEY, state TEXT COLLATE "C" NOT NULL, author TEXT COLLATE "C" NOT NULL, time BIGINT NOT NULL,
            payload TEXT COLLATE "C" NOT NULL);
        CREATE TABLE declaration_reveals (
            entry_index BIGINT PRIMARY KEY, declaration BIGINT NOT NULL, author TEXT COLLATE "C" NOT NULL, time BIGINT NOT NULL,
            rows BIGINT NOT NULL, fields BIGINT NOT NULL);
        CREATE INDEX declaration_reveals_by_declaration ON declaration_reveals(declaration);
        CREATE TABLE revealed_rows (
            declaration BIGINT NOT NULL, row BIGINT NOT NULL, commitments TEXT COLLATE "C" NOT NULL, complete BIGINT NOT NULL,
            PRIMARY KEY (declaration, row));
        CREATE TABLE log_entries (idx BIGINT PRIMARY KEY, entry BYTEA NOT NULL);
        CREATE TABLE log_hashes (position BIGINT PRIMARY KEY, hash BYTEA NOT NULL);
        CREATE TABLE log_checkpoints (size BIGINT PRIMARY KEY, note TEXT NOT NULL);
        CREATE TABLE log_content (sha256 TEXT COLLATE "C" PRIMARY KEY, content BYTEA NOT NULL);
        CREATE TABLE revealed_values (
            declaration BIGINT NOT NULL, row BIGINT NOT NULL, field TEXT COLLATE "C" NOT NULL, value TEXT COLLATE "C" NOT NULL,
            entry_index BIGINT NOT NULL, PRIMARY KEY (declaration, row, field));
        """

    func read<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try link.withConnection(body)
    }

    public func appliedEntryCount() throws -> UInt64 {
        try read { UInt64(try $0.text("SELECT value FROM meta WHERE key = 'applied_entries'") ?? "0") ?? 0 }
    }

    public func apply(_ entry: LoggedEntry) throws {
        try link.transaction { session in
            // The row lock makes processes sharing the database apply entries one at a time, in order.
            let applied = UInt64(try session.text("SELECT value FROM meta WHERE key = 'applied_entries' FOR UPDATE") ?? "0") ?? 0
            if applied > entry.index { return }
            guard applied == entry.index else {
                throw StocktakeError(
                    .store,
                    "The database has applied \(applied) log entries, so entry \(entry.index) cannot be applied next; run 'stocktake rebuild'."
                )
            }
            switch entry.payload {
            case .documentVersion(let payload): try PostgresRecordStore.insert(payload, entryIndex: entry.index, session)
            case .authorRoles(let payload):
                let keyID = (try? NoteVerifierKey(parsing: payload.key)).map { Hex.encode($0.keyID) } ?? ""
                try session.execute(
                    """
                    INSERT INTO authors (name, key_id, key, roles, entry_index) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (name, key_id) DO UPDATE SET key = excluded.key, roles = excluded.roles, entry_index = excluded.entry_index
                    """,
                    [
                        payload.name.bound, keyID.bound, payload.key.bound, payload.roles.sorted().joined(separator: ",").bound,
                        .integer(Int64(entry.index)),
                    ])
            case .evidence(let payload):
                try session.execute(
                    "INSERT INTO evidence (id, entry_index, subject, commitment, kind, author, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    [
                        RecordedEvidence.id(entry.index).bound, .integer(Int64(entry.index)), payload.subject.bound,
                        payload.commitment.bound,
                        payload.source.kind.bound, entry.author.bound, try CanonicalJSON.string(payload).bound,
                    ])
            case .assessment(let payload):
                try session.execute(
                    "INSERT INTO assessments (entry_index, state, commitment, cycle, status, author, time, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    [
                        .integer(Int64(entry.index)), payload.state.bound, payload.commitment.bound, payload.cycle.id.bound,
                        payload.status.bound,
                        entry.author.bound, .integer(entry.time), try CanonicalJSON.string(payload).bound,
                    ])
            case .figure(let payload):
                try session.execute(
                    "INSERT INTO figures (entry_index, state, metric, series, date, author, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    [
                        .integer(Int64(entry.index)), payload.state.bound, payload.metric.bound, payload.series.bound,
                        payload.date.description.bound, entry.author.bound, try CanonicalJSON.string(payload).bound,
                    ])
            case .declarationCommitment(let payload):
                try session.execute(
                    "INSERT INTO declarations (entry_index, state, author, time, payload) VALUES ($1, $2, $3, $4, $5)",
                    [
                        .integer(Int64(entry.index)), payload.state.bound, entry.author.bound, .integer(entry.time),
                        try CanonicalJSON.string(payload).bound,
                    ])
            case .declarationReveal(let payload): try PostgresRecordStore.insert(payload, entry: entry, session)
            case .other: break
            }
            try session.execute("UPDATE meta SET value = $1 WHERE key = 'applied_entries'", [String(entry.index + 1).bound])
        }
    }

    /// The next identifier of a table: one more than the largest, as SQLite assigns them, so both engines number rows alike.
    static func nextID(_ table: String, _ session: PostgresSession) throws -> Int64 {
        try session.integer("SELECT COALESCE(MAX(id), 0) + 1 FROM \(table)") ?? 1
    }

    static func insert(_ payload: DocumentVersionPayload, entryIndex: UInt64, _ session: PostgresSession) throws {
        let header = payload.document.document
        let documentID: Int64
        if let existing = try session.integer("SELECT id FROM documents WHERE symbol = $1", [payload.symbol.bound]) {
            documentID = existing
            try session.execute(
                """
                UPDATE documents SET date = COALESCE(date, $1), title = COALESCE(title, $2), submitter = COALESCE(submitter, $3),
                session = COALESCE(session, $4), original_language = COALESCE(original_language, $5) WHERE id = $6
                """,
                [
                    .text(header.date), .text(header.title), .text(header.submitter), .text(header.session), .text(header.originalLanguage),
                    .integer(documentID),
                ])
        } else {
            documentID = try nextID("documents", session)
            try session.execute(
                "INSERT INTO documents (id, symbol, doc_type, date, title, submitter, session, original_language) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                [
                    .integer(documentID), payload.symbol.bound, SQLiteRecordStore.documentType(payload.symbol).bound, .text(header.date),
                    .text(header.title), .text(header.submitter), .text(header.session), .text(header.originalLanguage),
                ])
        }
        let actors = Set(payload.submitterIDs).sorted()
        if !actors.isEmpty {
            try session.execute(
                "INSERT INTO document_submitters (document_id, actor) SELECT $1, a FROM unnest($2::text[]) AS a ON CONFLICT DO NOTHING",
                [.integer(documentID), .texts(actors)])
        }
        let previous =
            try session.integer(
                "SELECT MAX(version) FROM versions WHERE document_id = $1 AND language = $2",
                [.integer(documentID), payload.language.bound])
            ?? 0
        // The index holds current versions only; a superseded version stays stored and citable with 'show'.
        let superseded = try session.rows(
            """
            SELECT p.tokens, p.chars FROM paragraphs p JOIN versions v ON v.id = p.version_id
            WHERE v.document_id = $1 AND v.language = $2 AND v.is_current = 1
            """, [.integer(documentID), payload.language.bound])
        var removedTokens = 0
        var termChanges: [String: Int] = [:]
        for row in superseded {
            let tokens = try row.text(0) ?? "", characters = try row.text(1) ?? ""
            removedTokens += SQLiteRecordStore.tokenCount(tokens)
            for term in SQLiteRecordStore.distinctTerms(tokens, characters) { termChanges[term, default: 0] -= 1 }
        }
        try session.execute(
            """
            UPDATE paragraphs SET search = NULL WHERE version_id IN (
                SELECT id FROM versions WHERE document_id = $1 AND language = $2 AND is_current = 1)
            """, [.integer(documentID), payload.language.bound])
        try session.execute(
            "UPDATE versions SET is_current = 0 WHERE document_id = $1 AND language = $2", [.integer(documentID), payload.language.bound])
        let versionID = try nextID("versions", session)
        try session.execute(
            """
            INSERT INTO versions (id, document_id, language, version, content_sha256, source_name, entry_index, is_current)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
            """,
            [
                .integer(versionID), .integer(documentID), payload.language.bound, .integer(previous + 1), payload.contentSHA256.bound,
                payload.sourceName.bound, .integer(Int64(entryIndex)),
            ])
        let paragraphs = payload.document.paragraphs.map { ($0, false) } + payload.document.footnotes.map { ($0, true) }
        let firstID = try nextID("paragraphs", session)
        var ids: [Int64] = [], ordinals: [Int64] = [], numbers: [String] = [], texts: [String] = [], tokenTexts: [String] = []
        var footnotes: [Int64] = [], characterTexts: [String] = [], vectors: [String] = []
        var refParagraphs: [Int64] = [], kinds: [String] = [], refIDs: [String] = [], surfaces: [String] = []
        var starts: [Int64] = [], ends: [Int64] = []
        var addedTokens = 0
        for (offset, (paragraph, isFootnote)) in paragraphs.enumerated() {
            let id = firstID + Int64(offset)
            let tokens = SearchTokenizer.indexText(paragraph.text)
            let characters = SQLiteRecordStore.indexCharacters(paragraph.text)
            addedTokens += SQLiteRecordStore.tokenCount(tokens)
            for term in SQLiteRecordStore.distinctTerms(tokens, characters) { termChanges[term, default: 0] += 1 }
            ids.append(id)
            ordinals.append(Int64(offset + 1))
            // An unnumbered paragraph is sent as "" and stored as NULL: no printed number is empty.
            numbers.append(paragraph.number ?? "")
            texts.append(paragraph.text)
            tokenTexts.append(tokens)
            footnotes.append(isFootnote ? 1 : 0)
            characterTexts.append(characters)
            vectors.append(PostgresSearchText.vector(tokens: tokens, characters: characters))
            for reference in paragraph.references {
                refParagraphs.append(id)
                kinds.append(reference.kind)
                refIDs.append(reference.id)
                surfaces.append(reference.surface)
                starts.append(Int64(reference.start))
                ends.append(Int64(reference.end))
            }
        }
        if !ids.isEmpty {
            try session.execute(
                """
                INSERT INTO paragraphs (id, version_id, ordinal, number, text, tokens, is_footnote, chars, search)
                SELECT i, $2, o, NULLIF(n, ''), t, k, f, c, s::tsvector
                FROM unnest($1::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[])
                    AS x(i, o, n, t, k, f, c, s)
                """,
                [
                    .integers(ids), .integer(versionID), .integers(ordinals), .texts(numbers), .texts(texts), .texts(tokenTexts),
                    .integers(footnotes), .texts(characterTexts), .texts(vectors),
                ])
        }
        if !refParagraphs.isEmpty {
            try session.execute(
                """
                INSERT INTO refs (paragraph_id, kind, ref_id, surface, start, "end")
                SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
                """,
                [.integers(refParagraphs), .texts(kinds), .texts(refIDs), .texts(surfaces), .integers(starts), .integers(ends)])
        }
        let changed = termChanges.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        if !changed.isEmpty {
            try session.execute(
                """
                INSERT INTO term_stats (term, docs) SELECT * FROM unnest($1::text[], $2::bigint[])
                ON CONFLICT (term) DO UPDATE SET docs = term_stats.docs + excluded.docs
                """, [.texts(changed.map(\.key)), .integers(changed.map { Int64($0.value) })])
        }
        try session.execute(
            """
            UPDATE meta SET value = (value::bigint + CASE key WHEN 'indexed_rows' THEN $1::bigint ELSE $2::bigint END)::text
            WHERE key IN ('indexed_rows', 'indexed_tokens')
            """, [.integer(Int64(paragraphs.count - superseded.count)), .integer(Int64(addedTokens - removedTokens))])
    }

    public func version(contentSHA256: String) throws -> StoredVersion? {
        try read { session in
            try session.rows(
                """
                SELECT d.symbol, v.language, v.version, v.entry_index FROM versions v JOIN documents d ON d.id = v.document_id
                WHERE v.content_sha256 = $1 ORDER BY v.id LIMIT 1
                """, [contentSHA256.bound]
            ).first.map {
                StoredVersion(
                    symbol: try $0.text(0) ?? "", language: try $0.text(1) ?? "", version: Int(try $0.integer(2) ?? 0),
                    entryIndex: UInt64(try $0.integer(3) ?? 0))
            }
        }
    }

    public func evidence(for id: String) throws -> [EvidenceHit] {
        try read { session in
            try session.rows(
                """
                SELECT d.symbol, d.date, d.submitter, v.language, p.number, p.ordinal, string_agg(r.surface, ' | ' ORDER BY r.start, r.ctid),
                    (SELECT string_agg(s.actor, ',' ORDER BY s.actor) FROM document_submitters s WHERE s.document_id = d.id)
                FROM refs r JOIN paragraphs p ON p.id = r.paragraph_id JOIN versions v ON v.id = p.version_id
                JOIN documents d ON d.id = v.document_id
                WHERE r.ref_id = $1 AND v.is_current = 1
                GROUP BY p.id, v.id, d.id
                ORDER BY d.date IS NULL, d.date, d.submitter NULLS FIRST, d.symbol, v.language, p.ordinal
                """, [id.bound]
            ).map { row in
                let symbol = try row.text(0) ?? "", language = try row.text(3) ?? "", number = try row.text(4)
                return EvidenceHit(
                    symbol: symbol, date: try row.text(1), submitter: try row.text(2),
                    submitters: (try row.text(7))?.split(separator: ",").map(String.init) ?? [], language: language, paragraph: number,
                    surfaces: (try row.text(6) ?? "").components(separatedBy: " | "),
                    citation: CitationText.format(symbol: symbol, number: number, ordinal: Int(try row.integer(5) ?? 0), language: language)
                )
            }
        }
    }

    func paragraphs(versionID: Int64, number: String?, _ session: PostgresSession) throws -> [StoredParagraph] {
        var sql =
            "SELECT p.id, v.language, p.number, p.ordinal, p.text FROM paragraphs p JOIN versions v ON v.id = p.version_id WHERE p.version_id = $1"
        var values: [PostgresValue] = [.integer(versionID)]
        if let number {
            sql += " AND p.number = $2"
            values.append(number.bound)
        }
        let rows = try session.rows(sql + " ORDER BY p.ordinal", values)
        guard !rows.isEmpty else { return [] }
        var references: [Int64: [Reference]] = [:]
        let ids = try rows.map { try $0.integer(0) ?? 0 }
        for row in try session.rows(
            "SELECT paragraph_id, kind, ref_id, surface, start, \"end\" FROM refs WHERE paragraph_id = ANY($1::bigint[]) ORDER BY paragraph_id, start, ctid",
            [.integers(ids)])
        {
            references[try row.integer(0) ?? 0, default: []].append(
                Reference(
                    kind: try row.text(1) ?? "", id: try row.text(2) ?? "", surface: try row.text(3) ?? "",
                    start: Int(try row.integer(4) ?? 0),
                    end: Int(try row.integer(5) ?? 0)))
        }
        return try rows.map { row in
            StoredParagraph(
                language: try row.text(1) ?? "", number: try row.text(2), ordinal: Int(try row.integer(3) ?? 0),
                text: try row.text(4) ?? "",
                references: references[try row.integer(0) ?? 0] ?? [])
        }
    }

    public func document(symbol: String, language: Language?) throws -> StoredDocument? {
        try read { session in
            guard
                let document = try session.rows(
                    "SELECT id, symbol, date, title, submitter, session, original_language FROM documents WHERE symbol = $1", [symbol.bound]
                ).first
            else { return nil }
            let versions = try session.rows(
                "SELECT id, language, version FROM versions WHERE document_id = $1 AND is_current = 1 ORDER BY language",
                [.integer(try document.integer(0) ?? 0)])
            let held = Dictionary(uniqueKeysWithValues: try versions.map { (try $0.text(1) ?? "", Int(try $0.integer(2) ?? 0)) })
            let languages = try versions.map { try $0.text(1) ?? "" }
            guard let position = languages.firstIndex(where: { language == nil || $0 == language!.rawValue }) else {
                return StoredDocument(symbol: try document.text(1) ?? "", header: DocumentHeader(), versions: held, paragraphs: [])
            }
            let header = DocumentHeader(
                symbol: try document.text(1), language: languages[position], originalLanguage: try document.text(6),
                date: try document.text(2),
                title: try document.text(3), submitter: try document.text(4), session: try document.text(5))
            return StoredDocument(
                symbol: try document.text(1) ?? "", header: header, versions: held,
                paragraphs: try paragraphs(versionID: try versions[position].integer(0) ?? 0, number: nil, session))
        }
    }

    public func siblings(symbol: String, number: String) throws -> [StoredParagraph] {
        try read { session in
            try session.rows(
                """
                SELECT v.id FROM versions v JOIN documents d ON d.id = v.document_id
                WHERE d.symbol = $1 AND v.is_current = 1 ORDER BY v.language
                """, [symbol.bound]
            ).flatMap { try paragraphs(versionID: try $0.integer(0) ?? 0, number: number, session) }
        }
    }

    public func paragraph(cited: CitationText) throws -> CitedParagraph? {
        try read { session in
            guard
                let version = try session.rows(
                    """
                    SELECT v.id, v.entry_index, v.content_sha256, d.symbol FROM versions v JOIN documents d ON d.id = v.document_id
                    WHERE d.symbol = $1 AND v.language = $2 AND v.is_current = 1
                    """, [cited.symbol.bound, cited.language.rawValue.bound]
                ).first
            else { return nil }
            let all = try paragraphs(versionID: try version.integer(0) ?? 0, number: cited.number, session)
            guard let found = cited.number != nil ? all.first : all.first(where: { $0.ordinal == cited.ordinal && $0.number == nil }) else {
                return nil
            }
            return CitedParagraph(
                paragraph: found, symbol: try version.text(3) ?? "", versionEntry: UInt64(try version.integer(1) ?? 0),
                contentSHA256: try version.text(2) ?? "")
        }
    }

    public func roles(author: String, keyID: String) throws -> [String] {
        try read { session in
            (try session.text("SELECT roles FROM authors WHERE name = $1 AND key_id = $2", [author.bound, keyID.bound]) ?? "")
                .split(separator: ",").map(String.init)
        }
    }

    public func evidenceItem(id: String) throws -> RecordedEvidence? {
        try read { session in
            try session.rows("SELECT entry_index, author, payload FROM evidence WHERE id = $1", [id.bound]).first.map {
                try PostgresRecordStore.recordedEvidence($0)
            }
        }
    }

    public func evidenceItems(subject: String?, commitment: String?) throws -> [RecordedEvidence] {
        try read { session in
            try session.rows(
                """
                SELECT entry_index, author, payload FROM evidence
                WHERE ($1::text IS NULL OR subject = $1) AND ($2::text IS NULL OR commitment = $2) ORDER BY entry_index
                """, [.text(subject), .text(commitment)]
            ).map { try PostgresRecordStore.recordedEvidence($0) }
        }
    }

    static func recordedEvidence(_ row: PostgresRandomAccessRow) throws -> RecordedEvidence {
        RecordedEvidence(
            entryIndex: UInt64(try row.integer(0) ?? 0), author: try row.text(1) ?? "",
            payload: try CanonicalJSON.decode(EvidencePayload.self, from: try row.text(2) ?? ""))
    }

    public func assessments(state: String?, commitment: String?) throws -> [RecordedAssessment] {
        try read { session in
            try session.rows(
                """
                SELECT entry_index, author, time, payload FROM assessments
                WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR commitment = $2) ORDER BY entry_index
                """, [.text(state), .text(commitment)]
            ).map { row in
                RecordedAssessment(
                    entryIndex: UInt64(try row.integer(0) ?? 0), author: try row.text(1) ?? "", time: try row.integer(2) ?? 0,
                    payload: try CanonicalJSON.decode(AssessmentPayload.self, from: try row.text(3) ?? ""))
            }
        }
    }

    public func figures() throws -> [RecordedFigure] {
        try read { session in
            try session.rows("SELECT entry_index, author, payload FROM figures ORDER BY entry_index").map { row in
                RecordedFigure(
                    entryIndex: UInt64(try row.integer(0) ?? 0), author: try row.text(1) ?? "",
                    payload: try CanonicalJSON.decode(FigurePayload.self, from: try row.text(2) ?? ""))
            }
        }
    }

    public func counts() throws -> [String: Int] {
        try read { session in
            var counts: [String: Int] = [:]
            for (name, sql) in recordCountQueries {
                counts[name] = Int(try session.integer(sql) ?? 0)
            }
            return counts
        }
    }

    public func digest() throws -> String {
        try read { session in
            var builder = RecordDigest.Builder()
            for table in RecordDigest.tables {
                builder.begin(table)
                for row in try session.rows(RecordDigest.select(table) { "(\($0))::text" }) {
                    builder.add(try (0..<row.count).map { try row.text($0) })
                }
            }
            return builder.finish(applied: UInt64(try session.text("SELECT value FROM meta WHERE key = 'applied_entries'") ?? "0") ?? 0)
        }
    }

    public func reset() throws {
        try link.transaction { session in
            try session.execute("SELECT value FROM meta WHERE key = 'applied_entries' FOR UPDATE")
            try session.execute(
                """
                TRUNCATE refs, paragraphs, versions, document_submitters, documents, authors, evidence, assessments, figures, term_stats,
                    declarations, declaration_reveals, revealed_rows, revealed_values
                """)
            try session.execute("UPDATE meta SET value = '0' WHERE key IN ('applied_entries', 'indexed_rows', 'indexed_tokens')")
        }
    }
}
