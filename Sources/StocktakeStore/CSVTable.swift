import Foundation
import StocktakeCore

/// A CSV file read per RFC 4180, each row keeping the line it starts on so errors can name it.
public struct CSVTable: Sendable {
    /// The header's column names.
    public let columns: [String]
    /// The data rows: the line each starts on and its fields by column name.
    public let rows: [(line: Int, fields: [String: String])]

    /// The most rows a file may hold.
    public static let maximumRows = 100_000

    /// Parses text; refuses unbalanced quotes, rows of the wrong width, missing required columns and files over the row limit.
    public init(text: String, required: [String], name: String) throws {
        var records: [(Int, [String])] = []
        var field = String.UnicodeScalarView()
        var record: [String] = []
        var line = 1, recordLine = 1
        var quoted = false, afterQuote = false, fieldStarted = false
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        func endField() {
            record.append(String(field))
            field = String.UnicodeScalarView()
            afterQuote = false
            fieldStarted = false
        }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; afterQuote = true; pending = next }
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where !fieldStarted:
                quoted = true
                fieldStarted = true
            case ",":
                endField()
            case "\r":
                continue
            case "\n":
                endField()
                if !(record.count == 1 && record[0].isEmpty) { records.append((recordLine, record)) }
                record = []
                line += 1
                recordLine = line
            default:
                if afterQuote {
                    throw StocktakeError(
                        .invalidArgument,
                        "Line \(line) of \(name) has text after a closing quote; double a quote inside a quoted field (\"\").")
                }
                fieldStarted = true
                field.append(scalar)
            }
            if records.count > CSVTable.maximumRows {
                throw StocktakeError(.tooLarge, "\(name) has more than \(CSVTable.maximumRows) rows; split it into smaller files.")
            }
        }
        guard !quoted else {
            throw StocktakeError(.invalidArgument, "\(name) ends inside a quoted field opened on line \(recordLine); close the quote.")
        }
        if fieldStarted || !record.isEmpty {
            endField()
            if !(record.count == 1 && record[0].isEmpty) { records.append((recordLine, record)) }
        }
        guard let header = records.first else {
            throw StocktakeError(.emptyInput, "\(name) is empty; it needs a header line with \(required.joined(separator: ",")).")
        }
        let names = header.1.map { $0.trimmingCharacters(in: .whitespaces) }
        columns = names
        let missing = required.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw StocktakeError(
                .invalidArgument,
                "\(name) lacks the column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); its header must name \(required.joined(separator: ","))."
            )
        }
        var parsed: [(line: Int, fields: [String: String])] = []
        for (line, values) in records.dropFirst() {
            guard values.count == names.count else {
                throw StocktakeError(
                    .invalidArgument,
                    "Line \(line) of \(name) has \(values.count) fields where the header has \(names.count); quote fields that contain commas."
                )
            }
            parsed.append(
                (
                    line,
                    Dictionary(zip(names, values.map { $0.trimmingCharacters(in: .whitespaces) }), uniquingKeysWith: { first, _ in first })
                ))
        }
        rows = parsed
    }
}
