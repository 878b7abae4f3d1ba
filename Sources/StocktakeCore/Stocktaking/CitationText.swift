import Foundation

/// The citation text of a paragraph, as `search` and `refs` print it and evidence accepts it.
///
/// `NPT/CONF.2026/PC.III/WP.12, para. 9 (ZH)`; an unnumbered paragraph is
/// `SYMBOL, unnumbered paragraph K (LANG)`, K its position in the document.
public struct CitationText: Sendable, Equatable {
    /// The document's symbol.
    public let symbol: String
    /// The paragraph number as printed, when numbered.
    public let number: String?
    /// The position of an unnumbered paragraph, from 1.
    public let ordinal: Int?
    /// The language.
    public let language: Language

    /// Formats a citation.
    public static func format(symbol: String, number: String?, ordinal: Int, language: String) -> String {
        "\(symbol), " + (number.map { "para. \($0)" } ?? "unnumbered paragraph \(ordinal)") + " (\(language.uppercased()))"
    }

    /// Reads a citation; anything else is refused with a sentence showing the form.
    public init(parsing text: String) throws {
        let example = "write it as search prints it, for example 'NPT/CONF.2026/PC.III/WP.12, para. 9 (ZH)'"
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 400, trimmed.hasSuffix(")"), let open = trimmed.range(of: " (", options: .backwards) else {
            throw StocktakeError(.invalidArgument, "'\(text.prefix(80))' is not a paragraph citation; \(example).")
        }
        let code = trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)].lowercased()
        guard let language = Language(code: code) else {
            throw StocktakeError(.invalidArgument, "'\(code)' in the citation is not a UN language; \(example).")
        }
        let head = trimmed[..<open.lowerBound]
        if let marker = head.range(of: ", para. ", options: .backwards) {
            let number = head[marker.upperBound...].trimmingCharacters(in: .whitespaces)
            guard !number.isEmpty else { throw StocktakeError(.invalidArgument, "The citation gives no paragraph number; \(example).") }
            self.number = number
            ordinal = nil
            symbol = String(head[..<marker.lowerBound])
        } else if let marker = head.range(of: ", unnumbered paragraph ", options: .backwards),
            let position = Int(head[marker.upperBound...]), position > 0
        {
            number = nil
            ordinal = position
            symbol = String(head[..<marker.lowerBound])
        } else {
            throw StocktakeError(.invalidArgument, "'\(text.prefix(80))' names no paragraph; \(example).")
        }
        guard !symbol.isEmpty else { throw StocktakeError(.invalidArgument, "The citation names no document; \(example).") }
        self.language = language
    }
}
