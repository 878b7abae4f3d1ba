import Foundation
import GRDB
public import StocktakeCore
import StocktakeLedger
import StocktakeText

/// The appliers and queries of roles, evidence and assessments.
extension SQLiteRecordStore {
    static func insert(_ payload: AuthorRolesPayload, entry: LoggedEntry, _ db: Database) throws {
        let keyID = (try? NoteVerifierKey(parsing: payload.key)).map { Hex.encode($0.keyID) } ?? ""
        try db.execute(
            sql: "INSERT OR REPLACE INTO authors (name, key_id, key, roles, entry_index) VALUES (?, ?, ?, ?, ?)",
            arguments: [payload.name, keyID, payload.key, payload.roles.sorted().joined(separator: ","), Int64(entry.index)])
    }

    static func insert(_ payload: EvidencePayload, entry: LoggedEntry, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO evidence (id, entry_index, subject, commitment, kind, author, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                RecordedEvidence.id(entry.index), Int64(entry.index), payload.subject, payload.commitment, payload.source.kind,
                entry.author, try CanonicalJSON.string(payload),
            ])
    }

    static func insert(_ payload: AssessmentPayload, entry: LoggedEntry, _ db: Database) throws {
        try db.execute(
            sql:
                "INSERT INTO assessments (entry_index, state, commitment, cycle, status, author, time, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                Int64(entry.index), payload.state, payload.commitment, payload.cycle.id, payload.status, entry.author, entry.time,
                try CanonicalJSON.string(payload),
            ])
    }

    static func insert(_ payload: FigurePayload, entry: LoggedEntry, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO figures (entry_index, state, metric, series, date, author, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                Int64(entry.index), payload.state, payload.metric, payload.series, payload.date.description, entry.author,
                try CanonicalJSON.string(payload),
            ])
    }

    public func figures() throws -> [RecordedFigure] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT entry_index, author, payload FROM figures ORDER BY entry_index").map { row in
                RecordedFigure(
                    entryIndex: UInt64(row[0] as Int64), author: row[1], payload: try CanonicalJSON.decode(FigurePayload.self, from: row[2])
                )
            }
        }
    }

    /// How many documents, paragraphs (current versions), assessments, evidence items and recorded figures the tables hold.
    public func counts() throws -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for (name, sql) in recordCountQueries {
                counts[name] = try Int.fetchOne(db, sql: sql) ?? 0
            }
            return counts
        }
    }

    public func paragraph(cited: CitationText) throws -> CitedParagraph? {
        try read { db in
            guard
                let version = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT v.id, v.entry_index, v.content_sha256, d.symbol FROM versions v JOIN documents d ON d.id = v.document_id WHERE d.symbol = ? AND v.language = ? AND v.is_current = 1",
                    arguments: [cited.symbol, cited.language.rawValue])
            else { return nil }
            let all = try paragraphs(versionID: version[0], number: cited.number, db)
            guard let found = cited.number != nil ? all.first : all.first(where: { $0.ordinal == cited.ordinal && $0.number == nil }) else {
                return nil
            }
            return CitedParagraph(
                paragraph: found, symbol: version[3], versionEntry: UInt64(version[1] as Int64), contentSHA256: version[2])
        }
    }

    public func roles(author: String, keyID: String) throws -> [String] {
        try read { db in
            let roles =
                try String.fetchOne(db, sql: "SELECT roles FROM authors WHERE name = ? AND key_id = ?", arguments: [author, keyID]) ?? ""
            return roles.split(separator: ",").map(String.init)
        }
    }

    public func evidenceItem(id: String) throws -> RecordedEvidence? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT entry_index, author, payload FROM evidence WHERE id = ?", arguments: [id]).map(
                SQLiteRecordStore.recordedEvidence)
        }
    }

    public func evidenceItems(subject: String?, commitment: String?) throws -> [RecordedEvidence] {
        try read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT entry_index, author, payload FROM evidence WHERE (?1 IS NULL OR subject = ?1) AND (?2 IS NULL OR commitment = ?2) ORDER BY entry_index",
                arguments: [subject, commitment]
            ).map(SQLiteRecordStore.recordedEvidence)
        }
    }

    public func assessments(state: String?, commitment: String?) throws -> [RecordedAssessment] {
        try read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT entry_index, author, time, payload FROM assessments WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR commitment = ?2) ORDER BY entry_index",
                arguments: [state, commitment]
            ).map { row in
                RecordedAssessment(
                    entryIndex: UInt64(row[0] as Int64), author: row[1], time: row[2],
                    payload: try CanonicalJSON.decode(AssessmentPayload.self, from: row[3]))
            }
        }
    }

    static func recordedEvidence(_ row: Row) throws -> RecordedEvidence {
        RecordedEvidence(
            entryIndex: UInt64(row[0] as Int64), author: row[1], payload: try CanonicalJSON.decode(EvidencePayload.self, from: row[2]))
    }
}
