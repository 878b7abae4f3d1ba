import PostgresNIO
import StocktakeCore
import StocktakeLedger

/// The appliers and queries of escrowed declarations on PostgreSQL, as on SQLite.
extension PostgresRecordStore {
    /// Applies a reveal after checking it again against the logged commitment: the projection never holds an unverified value.
    static func insert(_ payload: DeclarationRevealPayload, entry: LoggedEntry, _ session: PostgresSession) throws {
        let declaration = Int64(payload.declaration)
        guard
            let commitment = try session.text("SELECT payload FROM declarations WHERE entry_index = $1", [.integer(declaration)]).map({
                try CanonicalJSON.decode(DeclarationCommitmentPayload.self, from: $0)
            }), commitment.root == payload.root
        else {
            throw StocktakeError(
                .ledgerMismatch, "Log entry \(entry.index) reveals rows of a declaration the log does not hold; the log was altered.")
        }
        let check = try RevealVerifier.verify(
            payload.rows, against: commitment, known: try commitments(payload.declaration, rows: payload.rows.map(\.row), session))
        try session.execute(
            "INSERT INTO declaration_reveals (entry_index, declaration, author, time, rows, fields) VALUES ($1, $2, $3, $4, $5, $6)",
            [
                .integer(Int64(entry.index)), .integer(declaration), entry.author.bound, .integer(entry.time),
                .integer(Int64(payload.rows.count)), .integer(Int64(check.revealedFields)),
            ])
        for row in payload.rows {
            for field in row.fields {
                guard let value = field.value else { continue }
                try session.execute(
                    """
                    INSERT INTO revealed_values (declaration, row, field, value, entry_index) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT DO NOTHING
                    """, [.integer(declaration), .integer(Int64(row.row)), field.name.bound, value.bound, .integer(Int64(entry.index))])
            }
            let shown =
                try session.integer(
                    "SELECT COUNT(*) FROM revealed_values WHERE declaration = $1 AND row = $2",
                    [.integer(declaration), .integer(Int64(row.row))])
                ?? 0
            try session.execute(
                """
                INSERT INTO revealed_rows (declaration, row, commitments, complete) VALUES ($1, $2, $3, $4)
                ON CONFLICT (declaration, row) DO UPDATE SET complete = excluded.complete
                """,
                [
                    .integer(declaration), .integer(Int64(row.row)), (check.commitments[row.row] ?? []).joined(separator: ",").bound,
                    .integer(shown == commitment.fields.count ? 1 : 0),
                ])
        }
    }

    static func commitments(_ id: UInt64, rows: [Int], _ session: PostgresSession) throws -> [Int: [String]] {
        guard !rows.isEmpty else { return [:] }
        var known: [Int: [String]] = [:]
        for row in try session.rows(
            "SELECT row, commitments FROM revealed_rows WHERE declaration = $1 AND row = ANY($2::bigint[])",
            [.integer(Int64(id)), .integers(Set(rows).map(Int64.init))])
        {
            known[Int(try row.integer(0) ?? 0)] = (try row.text(1) ?? "").split(separator: ",").map(String.init)
        }
        return known
    }

    static func declaration(_ row: PostgresRandomAccessRow, _ session: PostgresSession) throws -> RecordedDeclaration {
        let id = try row.integer(0) ?? 0
        let counts = try session.rows(
            "SELECT COUNT(*), COALESCE(SUM(complete), 0)::bigint FROM revealed_rows WHERE declaration = $1", [.integer(id)]
        ).first
        let fields = try session.integer("SELECT COUNT(*) FROM revealed_values WHERE declaration = $1", [.integer(id)]) ?? 0
        let reveals = try session.rows(
            "SELECT entry_index FROM declaration_reveals WHERE declaration = $1 ORDER BY entry_index", [.integer(id)]
        ).map { UInt64(try $0.integer(0) ?? 0) }
        return RecordedDeclaration(
            id: UInt64(id), author: try row.text(2) ?? "", time: try row.integer(3) ?? 0,
            commitment: try CanonicalJSON.decode(DeclarationCommitmentPayload.self, from: try row.text(4) ?? ""),
            revealedRows: Int(try counts?.integer(0) ?? 0), fullyRevealedRows: Int(try counts?.integer(1) ?? 0),
            revealedFields: Int(fields),
            reveals: reveals)
    }

    public func declarations() throws -> [RecordedDeclaration] {
        try read { session in
            try session.rows("SELECT entry_index, state, author, time, payload FROM declarations ORDER BY entry_index").map {
                try PostgresRecordStore.declaration($0, session)
            }
        }
    }

    public func declaration(_ id: UInt64) throws -> RecordedDeclaration? {
        guard id <= UInt64(Int64.max) else { return nil }
        return try read { session in
            try session.rows(
                "SELECT entry_index, state, author, time, payload FROM declarations WHERE entry_index = $1", [.integer(Int64(id))]
            ).first.map { try PostgresRecordStore.declaration($0, session) }
        }
    }

    public func revealedRows(declaration id: UInt64, fromRow: Int, limit: Int) throws -> [RevealedValues] {
        guard id <= UInt64(Int64.max) else { return [] }
        return try read { session in
            let rows = try session.rows(
                "SELECT row FROM revealed_rows WHERE declaration = $1 AND row >= $2 ORDER BY row LIMIT $3",
                [.integer(Int64(id)), .integer(Int64(fromRow)), .integer(Int64(max(0, limit)))]
            ).map { Int(try $0.integer(0) ?? 0) }
            guard let first = rows.first, let last = rows.last else { return [] }
            var values: [Int: [String: String]] = [:]
            for row in try session.rows(
                "SELECT row, field, value FROM revealed_values WHERE declaration = $1 AND row BETWEEN $2 AND $3",
                [.integer(Int64(id)), .integer(Int64(first)), .integer(Int64(last))])
            {
                values[Int(try row.integer(0) ?? 0), default: [:]][try row.text(1) ?? ""] = try row.text(2) ?? ""
            }
            return rows.map { RevealedValues(row: $0, values: values[$0] ?? [:]) }
        }
    }

    public func revealedCommitments(declaration id: UInt64, rows: [Int]) throws -> [Int: [String]] {
        guard id <= UInt64(Int64.max) else { return [:] }
        return try read { session in try PostgresRecordStore.commitments(id, rows: rows, session) }
    }
}
