import GRDB
import StocktakeCore
import StocktakeLedger

/// The appliers and queries of escrowed declarations: commitments, reveal entries, revealed rows and values.
extension SQLiteRecordStore {
    static let declarationSchema = """
        CREATE TABLE declarations (
            entry_index INTEGER PRIMARY KEY, state TEXT NOT NULL, author TEXT NOT NULL, time INTEGER NOT NULL, payload TEXT NOT NULL);
        CREATE TABLE declaration_reveals (
            entry_index INTEGER PRIMARY KEY, declaration INTEGER NOT NULL, author TEXT NOT NULL, time INTEGER NOT NULL,
            rows INTEGER NOT NULL, fields INTEGER NOT NULL);
        CREATE INDEX declaration_reveals_by_declaration ON declaration_reveals(declaration);
        CREATE TABLE revealed_rows (
            declaration INTEGER NOT NULL, row INTEGER NOT NULL, commitments TEXT NOT NULL, complete INTEGER NOT NULL,
            PRIMARY KEY (declaration, row));
        CREATE TABLE revealed_values (
            declaration INTEGER NOT NULL, row INTEGER NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, entry_index INTEGER NOT NULL,
            PRIMARY KEY (declaration, row, field));
        """

    static func insert(_ payload: DeclarationCommitmentPayload, entry: LoggedEntry, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO declarations (entry_index, state, author, time, payload) VALUES (?, ?, ?, ?, ?)",
            arguments: [Int64(entry.index), payload.state, entry.author, entry.time, try CanonicalJSON.string(payload)])
    }

    /// Applies a reveal after checking it again against the logged commitment: the projection never holds an unverified value.
    static func insert(_ payload: DeclarationRevealPayload, entry: LoggedEntry, _ db: Database) throws {
        guard let commitment = try commitment(payload.declaration, db), commitment.root == payload.root else {
            throw StocktakeError(
                .ledgerMismatch, "Log entry \(entry.index) reveals rows of a declaration the log does not hold; the log was altered.")
        }
        let check = try RevealVerifier.verify(
            payload.rows, against: commitment, known: try commitments(payload.declaration, rows: payload.rows.map(\.row), db))
        try db.execute(
            sql: "INSERT INTO declaration_reveals (entry_index, declaration, author, time, rows, fields) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [Int64(entry.index), Int64(payload.declaration), entry.author, entry.time, payload.rows.count, check.revealedFields])
        for row in payload.rows {
            for field in row.fields {
                guard let value = field.value else { continue }
                try db.execute(
                    sql: "INSERT OR IGNORE INTO revealed_values (declaration, row, field, value, entry_index) VALUES (?, ?, ?, ?, ?)",
                    arguments: [Int64(payload.declaration), row.row, field.name, value, Int64(entry.index)])
            }
            let shown =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM revealed_values WHERE declaration = ? AND row = ?",
                    arguments: [Int64(payload.declaration), row.row]) ?? 0
            try db.execute(
                sql: """
                    INSERT INTO revealed_rows (declaration, row, commitments, complete) VALUES (?, ?, ?, ?)
                    ON CONFLICT (declaration, row) DO UPDATE SET complete = excluded.complete
                    """,
                arguments: [
                    Int64(payload.declaration), row.row, (check.commitments[row.row] ?? []).joined(separator: ","),
                    shown == commitment.fields.count ? 1 : 0,
                ])
        }
    }

    static func commitment(_ id: UInt64, _ db: Database) throws -> DeclarationCommitmentPayload? {
        try String.fetchOne(db, sql: "SELECT payload FROM declarations WHERE entry_index = ?", arguments: [Int64(id)]).map {
            try CanonicalJSON.decode(DeclarationCommitmentPayload.self, from: $0)
        }
    }

    static func commitments(_ id: UInt64, rows: [Int], _ db: Database) throws -> [Int: [String]] {
        var known: [Int: [String]] = [:]
        for row in Set(rows) {
            if let text = try String.fetchOne(
                db, sql: "SELECT commitments FROM revealed_rows WHERE declaration = ? AND row = ?", arguments: [Int64(id), row])
            {
                known[row] = text.split(separator: ",").map(String.init)
            }
        }
        return known
    }

    static func declaration(_ row: Row, _ db: Database) throws -> RecordedDeclaration {
        let id: Int64 = row["entry_index"]
        let counts = try Row.fetchOne(
            db, sql: "SELECT COUNT(*), COALESCE(SUM(complete), 0) FROM revealed_rows WHERE declaration = ?", arguments: [id])
        let fields = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM revealed_values WHERE declaration = ?", arguments: [id]) ?? 0
        let reveals = try Int64.fetchAll(
            db, sql: "SELECT entry_index FROM declaration_reveals WHERE declaration = ? ORDER BY entry_index", arguments: [id])
        return RecordedDeclaration(
            id: UInt64(id), author: row["author"], time: row["time"],
            commitment: try CanonicalJSON.decode(DeclarationCommitmentPayload.self, from: row["payload"] as String),
            revealedRows: counts?[0] ?? 0, fullyRevealedRows: counts?[1] ?? 0, revealedFields: fields, reveals: reveals.map { UInt64($0) })
    }

    public func declarations() throws -> [RecordedDeclaration] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM declarations ORDER BY entry_index").map { try SQLiteRecordStore.declaration($0, db) }
        }
    }

    public func declaration(_ id: UInt64) throws -> RecordedDeclaration? {
        guard id <= UInt64(Int64.max) else { return nil }
        return try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM declarations WHERE entry_index = ?", arguments: [Int64(id)]).map {
                try SQLiteRecordStore.declaration($0, db)
            }
        }
    }

    public func revealedRows(declaration id: UInt64, fromRow: Int, limit: Int) throws -> [RevealedValues] {
        guard id <= UInt64(Int64.max) else { return [] }
        return try read { db in
            let rows = try Int.fetchAll(
                db, sql: "SELECT row FROM revealed_rows WHERE declaration = ? AND row >= ? ORDER BY row LIMIT ?",
                arguments: [Int64(id), fromRow, limit])
            guard let last = rows.last else { return [] }
            var values: [Int: [String: String]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT row, field, value FROM revealed_values WHERE declaration = ? AND row BETWEEN ? AND ?",
                arguments: [Int64(id), rows[0], last])
            {
                values[row[0], default: [:]][row[1]] = row[2]
            }
            return rows.map { RevealedValues(row: $0, values: values[$0] ?? [:]) }
        }
    }

    public func revealedCommitments(declaration id: UInt64, rows: [Int]) throws -> [Int: [String]] {
        guard id <= UInt64(Int64.max) else { return [:] }
        return try read { db in try SQLiteRecordStore.commitments(id, rows: rows, db) }
    }
}
