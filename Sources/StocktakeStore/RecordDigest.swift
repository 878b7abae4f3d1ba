import Crypto
import StocktakeLedger

/// The digest of a record's tables, the same on every engine: every column of every projected table, read as text
/// in a canonical row order (byte order for text), each value length-prefixed so no two tables hash alike.
enum RecordDigest {
    /// A table, its columns in order, and the columns that order its rows.
    struct Table {
        let name: String
        let columns: [String]
        let order: [String]
    }

    /// Every table the digest covers. Identifiers are assigned in log order on every engine, so they are covered too.
    static let tables: [Table] = [
        Table(
            name: "documents", columns: ["id", "symbol", "doc_type", "date", "title", "submitter", "session", "original_language"],
            order: ["id"]),
        Table(name: "document_submitters", columns: ["document_id", "actor"], order: ["document_id", "actor"]),
        Table(
            name: "versions",
            columns: ["id", "document_id", "language", "version", "content_sha256", "source_name", "entry_index", "is_current"],
            order: ["id"]),
        Table(
            name: "paragraphs", columns: ["id", "version_id", "ordinal", "number", "text", "tokens", "is_footnote", "chars"],
            order: ["id"]),
        Table(
            name: "refs", columns: ["paragraph_id", "kind", "ref_id", "surface", "start", "\"end\""],
            order: ["paragraph_id", "start", "ref_id", "kind", "\"end\"", "surface"]),
        Table(name: "authors", columns: ["name", "key_id", "key", "roles", "entry_index"], order: ["name", "key_id"]),
        Table(
            name: "evidence", columns: ["id", "entry_index", "subject", "commitment", "kind", "author", "payload"],
            order: ["entry_index"]),
        Table(
            name: "assessments", columns: ["entry_index", "state", "commitment", "cycle", "status", "author", "time", "payload"],
            order: ["entry_index"]),
        Table(
            name: "figures", columns: ["entry_index", "state", "metric", "series", "date", "author", "payload"],
            order: ["entry_index"]),
        Table(name: "declarations", columns: ["entry_index", "state", "author", "time", "payload"], order: ["entry_index"]),
        Table(
            name: "declaration_reveals", columns: ["entry_index", "declaration", "author", "time", "rows", "fields"],
            order: ["entry_index"]),
        Table(name: "revealed_rows", columns: ["declaration", "row", "commitments", "complete"], order: ["declaration", "row"]),
        Table(
            name: "revealed_values", columns: ["declaration", "row", "field", "value", "entry_index"],
            order: ["declaration", "row", "field"]),
    ]

    /// The statement that reads a table for the digest, each column cast to text with `cast`. The order names the table's own
    /// columns, not the text columns of the result that carry the same names (PostgreSQL would sort those as text).
    static func select(_ table: Table, cast: (String) -> String) -> String {
        "SELECT " + table.columns.map(cast).joined(separator: ", ") + " FROM \(table.name) ORDER BY "
            + table.order.map { "\(table.name).\($0)" }.joined(separator: ", ")
    }

    /// Accumulates rows into the digest.
    struct Builder {
        private var hasher = SHA256()

        /// Starts a table.
        mutating func begin(_ table: Table) {
            hasher.update(data: Array("table \(table.name)\n".utf8))
        }

        /// Adds one row, its values as text (nil for NULL).
        mutating func add(_ values: [String?]) {
            var bytes: [UInt8] = []
            for value in values {
                if let value {
                    bytes += Array("\(value.utf8.count):".utf8)
                    bytes += Array(value.utf8)
                } else {
                    bytes += Array("-".utf8)
                }
                bytes.append(0x1F)
            }
            bytes.append(0x0A)
            hasher.update(data: bytes)
        }

        /// Ends with the applied count and returns the hex digest.
        mutating func finish(applied: UInt64) -> String {
            hasher.update(data: Array("applied \(applied)".utf8))
            return Hex.encode(hasher.finalize())
        }
    }
}
