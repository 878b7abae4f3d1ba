import Foundation
public import StocktakeCore

/// CSV as RFC 4180: fields with commas, quotes or line breaks quoted, quotes doubled, CRLF-free lines.
public enum CSVFormat {
    /// Renders rows, the first being the header.
    public static func render(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { field in
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }
}

/// Pretty, key-sorted JSON, the same bytes for the same value wherever it is printed.
public enum JSONFormat {
    /// Renders a value.
    public static func render(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

/// Numbers printed the same way everywhere, never through the user's locale.
public enum NumberText {
    /// At most `digits` decimals, trailing zeros dropped: 3.5, 2, 0.333.
    public static func decimal(_ value: Double, digits: Int = 3) -> String {
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// A count with its range when the bounds differ: `5,177`, `50 (40–50)`.
    public static func withBounds(_ value: Double, low: Double, high: Double) -> String {
        grouped(Int(value)) + (high > low ? " (\(grouped(Int(low)))–\(grouped(Int(high))))" : "")
    }

    /// A whole number with thin grouping: 12,241.
    public static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }
}

/// What a programme target asks, in one line: `total-inventory ≤ 1,000`, `total-inventory = 0`, `status: de-alerted`.
public enum TargetText {
    /// The line for a target.
    public static func describe(_ target: ProgrammeTarget) -> String {
        switch target.kind {
        case "ceiling": "\(target.metric ?? "") ≤ \(NumberText.grouped(Int(target.value ?? 0)))"
        case "zero": "\(target.metric ?? "") = 0"
        case "percent-cut":
            "\(target.metric ?? "") cut by \(NumberText.decimal(target.value ?? 0))% from \(target.baseline?.description ?? "")"
        default: "status: \(target.status ?? "")"
        }
    }
}
