import Foundation
import StocktakeCore

/// The type of a declaration's field, which fixes the one canonical text each value is committed in.
public enum DeclarationFieldType: String, Codable, Sendable, CaseIterable {
    /// Any text without control characters, committed in Unicode NFC.
    case text
    /// A whole number, committed without leading zeros or a plus sign (`-0` is `0`).
    case integer
    /// A decimal number, committed without leading zeros, trailing fractional zeros or a bare point.
    case decimal
    /// A calendar day, committed as `YYYY-MM-DD`.
    case date

    /// The canonical text of `raw` for this type; an empty cell stays empty (no value declared).
    public func canonical(_ raw: String) throws -> String {
        if raw.isEmpty { return "" }
        switch self {
        case .text:
            guard !raw.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
                throw StocktakeError(
                    .invalidArgument, "A text value contains a control character; remove line breaks and tabs from the cell.")
            }
            guard raw.utf8.count <= 4096 else {
                throw StocktakeError(.tooLarge, "A text value is longer than 4,096 bytes; shorten it or split it into fields.")
            }
            return raw.precomposedStringWithCanonicalMapping
        case .integer:
            var digits = Substring(raw)
            let negative = digits.first == "-"
            if negative || digits.first == "+" { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.count <= 40, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw StocktakeError(.invalidArgument, "'\(raw.prefix(40))' is not a whole number; write digits only, such as 1550.")
            }
            let stripped = digits.drop(while: { $0 == "0" })
            if stripped.isEmpty { return "0" }
            return (negative ? "-" : "") + stripped
        case .decimal:
            var body = Substring(raw)
            let negative = body.first == "-"
            if negative || body.first == "+" { body = body.dropFirst() }
            let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
            guard !(whole.isEmpty && fraction.isEmpty), whole.count + fraction.count <= 40,
                (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber })
            else {
                throw StocktakeError(.invalidArgument, "'\(raw.prefix(40))' is not a decimal number; write it as 12.5 with a point.")
            }
            let canonicalWhole = whole.drop(while: { $0 == "0" })
            var canonicalFraction = fraction
            while canonicalFraction.last == "0" { canonicalFraction = canonicalFraction.dropLast() }
            let number =
                (canonicalWhole.isEmpty ? "0" : String(canonicalWhole)) + (canonicalFraction.isEmpty ? "" : "." + canonicalFraction)
            return negative && number != "0" ? "-" + number : number
        case .date:
            guard let day = Day(iso: raw) else {
                throw StocktakeError(.invalidDate, "'\(raw.prefix(40))' is not a day; write dates as YYYY-MM-DD, such as 2026-05-01.")
            }
            return day.description
        }
    }
}

/// A named, typed column of a declaration.
public struct DeclarationField: Codable, Sendable, Equatable, Hashable {
    /// The name, as the declaration's header gives it.
    public let name: String
    /// The type its values are canonicalised by.
    public let type: DeclarationFieldType

    /// Creates a field.
    public init(name: String, type: DeclarationFieldType) {
        self.name = name
        self.type = type
    }
}

/// A declaration in the clear: typed fields and rows of canonical values, rows numbered from 1 in the file's order.
public struct Declaration: Sendable, Equatable {
    /// The most rows one declaration holds.
    public static let maximumRows = 1_000_000
    /// The most fields a row holds.
    public static let maximumFields = 64

    /// The fields, in order.
    public let fields: [DeclarationField]
    /// The rows; each holds one canonical value per field.
    public let rows: [[String]]

    /// Checks the shape and canonicalises every value; a bad cell is named by its row and field.
    public init(fields: [DeclarationField], rows: [[String]]) throws {
        guard !fields.isEmpty, fields.count <= Declaration.maximumFields else {
            throw StocktakeError(
                .invalidArgument, "A declaration needs between 1 and \(Declaration.maximumFields) fields; check its header.")
        }
        var seen = Set<String>()
        for field in fields {
            guard !field.name.isEmpty, field.name.utf8.count <= 64,
                field.name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0 != "," && $0 != ":" && $0.value != 0x7F })
            else {
                throw StocktakeError(
                    .invalidArgument, "'\(field.name.prefix(64))' is not a field name; use up to 64 characters without commas or colons.")
            }
            guard seen.insert(field.name).inserted else {
                throw StocktakeError(.invalidArgument, "The field '\(field.name)' appears twice; give every column its own name.")
            }
        }
        guard !rows.isEmpty else { throw StocktakeError(.emptyInput, "The declaration has no rows; a commitment needs at least one.") }
        guard rows.count <= Declaration.maximumRows else {
            throw StocktakeError(
                .tooLarge, "The declaration has \(rows.count) rows, more than the \(Declaration.maximumRows) one commitment holds.")
        }
        var canonical: [[String]] = []
        canonical.reserveCapacity(rows.count)
        for (offset, row) in rows.enumerated() {
            guard row.count == fields.count else {
                throw StocktakeError(
                    .invalidArgument,
                    "Row \(offset + 1) has \(row.count) values for \(fields.count) fields; give every row one value per field.")
            }
            var values: [String] = []
            for (field, raw) in zip(fields, row) {
                do {
                    values.append(try field.type.canonical(raw))
                } catch let error as StocktakeError {
                    throw StocktakeError(error.code, "Row \(offset + 1), field '\(field.name)': \(error.message)")
                }
            }
            canonical.append(values)
        }
        self.fields = fields
        self.rows = canonical
    }

    /// Reads a field header cell `name` or `name:type` (text when no type is given).
    public static func field(header cell: String) throws -> DeclarationField {
        let parts = cell.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 2 else { return DeclarationField(name: parts[0], type: .text) }
        guard let type = DeclarationFieldType(rawValue: parts[1].lowercased()) else {
            throw StocktakeError(
                .invalidArgument,
                "'\(parts[1].prefix(20))' in the header cell '\(cell.prefix(64))' is not a field type; use text, integer, decimal or date.")
        }
        return DeclarationField(name: parts[0], type: type)
    }
}
