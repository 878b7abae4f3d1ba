import Foundation
import StocktakeText

/// The search tokens as PostgreSQL text-search values, built here so that PostgreSQL never tokenises anything itself.
///
/// A paragraph's `tsvector` holds each token with its positions, and each Han, kana or hangul character of the
/// paragraph as a lexeme with a leading space (which no token has), so one-character queries match only there, as
/// FTS5's `chars` column does. PostgreSQL keeps positions up to 16,383, at most 256 per lexeme, lexemes under 2 KB
/// and vectors under 1 MB; past those limits (paragraphs far longer than any UN document's) matching is approximate.
enum PostgresSearchText {
    static let maximumPosition = 16_383
    static let maximumPositionsPerLexeme = 256
    static let maximumLexemeBytes = 2_000
    static let maximumVectorBytes = 900_000

    /// A lexeme quoted for `tsvector` and `tsquery` input: in single quotes, with quotes doubled and backslashes escaped.
    static func quoted(_ lexeme: String) -> String {
        "'" + lexeme.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The `tsvector` text of a paragraph's tokens (space-separated, in order) and characters.
    static func vector(tokens: String, characters: String) -> String {
        var positions: [String: [Int]] = [:]
        var order: [String] = []
        var position = 0
        for token in tokens.split(separator: " ") {
            position += 1
            let lexeme = String(token)
            guard lexeme.utf8.count <= maximumLexemeBytes else { continue }
            if positions[lexeme] == nil { order.append(lexeme) }
            if positions[lexeme, default: []].count < maximumPositionsPerLexeme {
                positions[lexeme, default: []].append(min(position, maximumPosition))
            }
        }
        var out = ""
        for lexeme in order {
            let entry = quoted(lexeme) + ":" + positions[lexeme, default: []].map(String.init).joined(separator: ",")
            guard out.utf8.count + entry.utf8.count < maximumVectorBytes else { break }
            if !out.isEmpty { out += " " }
            out += entry
        }
        for character in characters.split(separator: " ") {
            let entry = quoted(" " + character)
            guard out.utf8.count + entry.utf8.count < maximumVectorBytes else { break }
            if !out.isEmpty { out += " " }
            out += entry
        }
        return out
    }

    /// The `tsquery` text of a parsed query: phrases as `<->` chains, prefixes as `:*`, characters as their lexemes.
    static func query(_ expression: SearchExpression) -> String {
        func phrase(_ tokens: [String], prefix: Bool) -> String {
            let parts = tokens.enumerated().map { index, token in
                quoted(token) + (prefix && index == tokens.count - 1 ? ":*" : "")
            }
            return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " <-> ") + ")"
        }
        switch expression {
        case .phrase(let tokens): return phrase(tokens, prefix: false)
        case .prefix(let tokens): return phrase(tokens, prefix: true)
        case .character(let character): return quoted(" " + character)
        case .all(let parts): return "(" + parts.map(query).joined(separator: " & ") + ")"
        case .any(let parts): return "(" + parts.map(query).joined(separator: " | ") + ")"
        case .excluding(let kept, let dropped):
            return "(" + query(kept) + " & !" + (dropped.count == 1 ? query(dropped[0]) : query(.any(dropped))) + ")"
        }
    }
}
