import Foundation
import StocktakeCore
public import StocktakeLedger

/// Reads a declaration from CSV (header cells `name` or `name:type`) or JSON (`{"fields": [{"name", "type"}], "rows": [[…] or {…}]}`).
public enum DeclarationFile {
    /// Parses `text`; JSON when it starts with `{`, CSV otherwise. Every value is checked against its field's type.
    public static func parse(_ text: String, name: String) throws -> Declaration {
        if text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).first == "{" { return try parseJSON(text, name: name) }
        let table = try CSVTable(text: text, required: [], name: name)
        let fields = try table.columns.map { try Declaration.field(header: $0) }
        return try Declaration(fields: fields, rows: table.rows.map { row in table.columns.map { row.fields[$0] ?? "" } })
    }

    static func parseJSON(_ text: String, name: String) throws -> Declaration {
        struct File: Decodable {
            let fields: [DeclarationField]
            let rows: [Row]
        }
        enum Row: Decodable {
            case list([Cell])
            case object([String: Cell])
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let list = try? container.decode([Cell].self) {
                    self = .list(list)
                } else {
                    self = .object(try container.decode([String: Cell].self))
                }
            }
        }
        struct Cell: Decodable {
            let text: String
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if container.decodeNil() {
                    text = ""
                } else if let string = try? container.decode(String.self) {
                    text = string
                } else if let integer = try? container.decode(Int64.self) {
                    text = String(integer)
                } else {
                    // Decimals are read as written, not through a binary double.
                    throw DecodingError.dataCorruptedError(in: container, debugDescription: "write decimals as strings")
                }
            }
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(text.utf8))
        } catch {
            throw StocktakeError(
                .invalidArgument,
                "\(name) is not a declaration in JSON; give {\"fields\": [{\"name\": …, \"type\": \"text|integer|decimal|date\"}], \"rows\": [[…], …]}, with decimals as strings."
            )
        }
        let rows = try file.rows.enumerated().map { offset, row -> [String] in
            switch row {
            case .list(let cells): return cells.map(\.text)
            case .object(let cells):
                for key in cells.keys where !file.fields.contains(where: { $0.name == key }) {
                    throw StocktakeError(
                        .invalidArgument,
                        "Row \(offset + 1) of \(name) has the field '\(key.prefix(40))', which the header does not declare.")
                }
                return file.fields.map { cells[$0.name]?.text ?? "" }
            }
        }
        return try Declaration(fields: file.fields, rows: rows)
    }
}
