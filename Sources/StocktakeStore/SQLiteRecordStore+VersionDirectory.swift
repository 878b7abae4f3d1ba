import Foundation
import GRDB

/// What search needs to know of every version (its language, whether it is current, its document's id, symbol and date) and
/// of every document (who submitted it), held in memory between searches so that a thousand candidates need no join each. It is read again whenever the record
/// has changed: the key is the count of applied log entries with the number and highest identifier of versions, read in the
/// same transaction as the search.
final class VersionDirectory: @unchecked Sendable {
    struct Entry {
        let language: String
        let isCurrent: Bool
        let documentID: Int64
        let symbol: String
        let date: String?
    }

    private let lock = NSLock()
    private var key = ""
    private var entries: [Int64: Entry] = [:]
    private var submitters: [Int64: [String]] = [:]

    /// Every version by identifier, as of the transaction `db` is in.
    func entries(_ db: Database) throws -> [Int64: Entry] { try load(db).entries }

    /// The submitters of every document that has any, by document identifier, as of the transaction `db` is in.
    func submitters(_ db: Database) throws -> [Int64: [String]] { try load(db).submitters }

    private func load(_ db: Database) throws -> (entries: [Int64: Entry], submitters: [Int64: [String]]) {
        let current =
            try String.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT (SELECT value FROM meta WHERE key = 'applied_entries') || '|' || (SELECT COUNT(*) FROM versions)
                            || '|' || (SELECT COALESCE(MAX(id), 0) FROM versions)
                        """)) ?? ""
        lock.lock()
        defer { lock.unlock() }
        if current == key { return (entries, submitters) }
        var loaded: [Int64: Entry] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT v.id, v.language, v.is_current, d.id, d.symbol, d.date FROM versions v JOIN documents d ON d.id = v.document_id")
        while let row = try rows.next() {
            loaded[row[0]] = Entry(language: row[1], isCurrent: row[2], documentID: row[3], symbol: row[4], date: row[5])
        }
        var actors: [Int64: [String]] = [:]
        let pairs = try Row.fetchCursor(db, sql: "SELECT document_id, actor FROM document_submitters ORDER BY document_id, actor")
        while let row = try pairs.next() { actors[row[0], default: []].append(row[1]) }
        entries = loaded
        submitters = actors
        key = current
        return (loaded, actors)
    }
}
