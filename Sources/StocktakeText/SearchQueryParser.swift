/// A search query as people type it, parsed into terms the index understands; user input never reaches FTS syntax.
public indirect enum SearchExpression: Sendable, Equatable {
    /// Tokens that must stand in this order (one word may give several tokens, as `5(c)` or a Chinese word).
    case phrase([String])
    /// Tokens in order, the last one a prefix (`verif*`).
    case prefix([String])
    /// One Han, kana or hangul character, wherever it stands.
    case character(String)
    /// All of these.
    case all([SearchExpression])
    /// Any of these.
    case any([SearchExpression])
    /// The first, but none of the rest.
    case excluding(SearchExpression, [SearchExpression])

    /// The phrases and characters a hit may show, for highlighting.
    public var positiveTerms: [SearchExpression] {
        switch self {
        case .phrase, .prefix, .character: return [self]
        case .all(let parts), .any(let parts): return parts.flatMap(\.positiveTerms)
        case .excluding(let kept, _): return kept.positiveTerms
        }
    }

    /// For a query of plain words only, the phrase of all their tokens (what ranks first); nil otherwise.
    public var wordsAsPhrase: [String]? {
        switch self {
        case .all(let parts) where parts.count > 1:
            var tokens: [String] = []
            for part in parts {
                guard case .phrase(let words) = part else { return nil }
                tokens += words
            }
            return tokens
        default: return nil
        }
    }
}

/// What the parser made of a query: the expression, and what it had to repair, in one sentence each.
public struct ParsedSearch: Sendable, Equatable {
    /// The expression; nil when nothing can be searched for.
    public let expression: SearchExpression?
    /// Sentences saying how the query was repaired (an unclosed quote, a stray parenthesis).
    public let notes: [String]
    /// The query's tokens, in order (for display).
    public let tokens: [String]
    /// The query with its excluded parts blanked out: the text in which concepts (references) are looked for.
    public let conceptText: String
}

/// Parses the search box's language: words are all required; `"…"` is a phrase; `OR` between alternatives;
/// `-word` or `-"…"` excludes; parentheses group; `word*` matches a prefix in alphabetic scripts.
public enum SearchQueryParser {
    /// The longest query read, in characters.
    public static let maximumLength = 1_000
    /// The most terms a query may hold.
    public static let maximumTerms = 32

    enum Lexeme: Equatable {
        case open, close, or
        case word(String, negated: Bool)
        case quoted(String, negated: Bool)
        case negatedOpen
    }

    /// Parses `text`; never fails: what cannot be read is repaired and said in `notes`.
    public static func parse(_ text: String) -> ParsedSearch {
        var notes: [String] = []
        var input = text
        if input.count > maximumLength {
            input = String(input.prefix(maximumLength))
            notes.append("The query was longer than \(maximumLength) characters, so only its beginning was searched.")
        }
        let located = lex(input, notes: &notes)
        let lexemes = located.map(\.lexeme)
        var position = 0
        var depth = 0
        var terms = 0
        var allTokens: [String] = []

        func term(_ text: String, quoted: Bool) -> SearchExpression? {
            guard terms < maximumTerms else { return nil }
            var body = text
            var isPrefix = false
            if !quoted, body.hasSuffix("*") {
                body = String(body.drop { $0 == "*" }.reversed().drop { $0 == "*" }.reversed())
                isPrefix = true
            }
            let tokens = SearchTokenizer.tokens(body)
            guard !tokens.isEmpty else { return nil }
            terms += 1
            allTokens += tokens
            let cjk = body.unicodeScalars.contains { $0.isCJK }
            if tokens.count == 1, let scalar = tokens[0].unicodeScalars.first, tokens[0].unicodeScalars.count == 1, scalar.isCJK {
                return .character(tokens[0])
            }
            if isPrefix && !cjk { return .prefix(tokens) }
            if isPrefix {
                notes.append("A * after Chinese, Japanese or Korean text has no effect; those scripts are matched by their characters.")
            }
            return .phrase(tokens)
        }

        func parseAlternatives() -> SearchExpression? {
            var alternatives: [SearchExpression] = []
            var excludedAlone = false
            while true {
                let (positive, negative) = parseSequence()
                if let positive {
                    alternatives.append(negative.isEmpty ? positive : .excluding(positive, negative))
                } else if !negative.isEmpty {
                    excludedAlone = true
                }
                guard position < lexemes.count, lexemes[position] == .or else { break }
                position += 1
            }
            if excludedAlone {
                notes.append("Words marked with - only exclude; a part of the query with nothing to find was left out.")
            }
            if alternatives.count <= 1 { return alternatives.first }
            return .any(alternatives)
        }

        func parseSequence() -> (SearchExpression?, [SearchExpression]) {
            var required: [SearchExpression] = []
            var excluded: [SearchExpression] = []
            loop: while position < lexemes.count {
                switch lexemes[position] {
                case .or:
                    break loop
                case .close:
                    if depth > 0 { break loop }
                    position += 1
                    notes.append("A closing parenthesis had no opening one, so it was ignored.")
                case .open, .negatedOpen:
                    let negated = lexemes[position] == .negatedOpen
                    position += 1
                    depth += 1
                    let inner = parseAlternatives()
                    depth -= 1
                    if position < lexemes.count, lexemes[position] == .close {
                        position += 1
                    } else {
                        notes.append("A parenthesis was not closed, so it was closed at the end of the query.")
                    }
                    if let inner { negated ? excluded.append(inner) : required.append(inner) }
                case .word(let text, let negated), .quoted(let text, let negated):
                    var quoted = false
                    if case .quoted = lexemes[position] { quoted = true }
                    position += 1
                    if let expression = term(text, quoted: quoted) { negated ? excluded.append(expression) : required.append(expression) }
                }
            }
            let positive: SearchExpression? = required.count > 1 ? .all(required) : required.first
            return (positive, excluded)
        }

        var expression = parseAlternatives()
        while position < lexemes.count {
            // Only stray closing parentheses stop the top level early.
            position += 1
            notes.append("A closing parenthesis had no opening one, so it was ignored.")
            if let more = parseAlternatives() { expression = expression.map { .all([$0, more]) } ?? more }
        }
        if terms >= maximumTerms {
            notes.append("The query has more than \(maximumTerms) terms; only the first \(maximumTerms) were searched.")
        }
        var seen = Set<String>()
        return ParsedSearch(
            expression: expression, notes: notes.filter { seen.insert($0).inserted }, tokens: allTokens,
            conceptText: conceptText(input, located))
    }

    /// `text` with excluded words, phrases and groups (and the OR operator) replaced by spaces.
    static func conceptText(_ text: String, _ located: [(lexeme: Lexeme, range: Range<Int>)]) -> String {
        var scalars = Array(text.unicodeScalars)
        var index = 0
        func blank(_ range: Range<Int>) { for k in range where k < scalars.count { scalars[k] = " " } }
        while index < located.count {
            let (lexeme, range) = located[index]
            switch lexeme {
            case .word(_, negated: true), .quoted(_, negated: true), .or: blank(range)
            case .negatedOpen:
                var depth = 1
                var end = index + 1
                while end < located.count && depth > 0 {
                    if located[end].lexeme == .open || located[end].lexeme == .negatedOpen { depth += 1 }
                    if located[end].lexeme == .close { depth -= 1 }
                    end += 1
                }
                blank(range.lowerBound..<(end - 1 < located.count && end > index + 1 ? located[end - 1].range.upperBound : scalars.count))
                index = end
                continue
            default: break
            }
            index += 1
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    static func lex(_ text: String, notes: inout [String]) -> [(lexeme: Lexeme, range: Range<Int>)] {
        var lexemes: [(lexeme: Lexeme, range: Range<Int>)] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace || s == "\u{3000}" }
        func isQuote(_ s: Unicode.Scalar) -> Bool { s == "\"" || s == "“" || s == "”" || s == "«" || s == "»" || s == "„" || s == "＂" }
        while i < scalars.count {
            let c = scalars[i]
            if isSpace(c) {
                i += 1
                continue
            }
            if c == "(" || c == "（" {
                lexemes.append((.open, i..<(i + 1)))
                i += 1
                continue
            }
            if c == ")" || c == "）" {
                lexemes.append((.close, i..<(i + 1)))
                i += 1
                continue
            }
            var negated = false
            var start = i
            if (c == "-" || c == "−") && i + 1 < scalars.count && !isSpace(scalars[i + 1]) {
                negated = true
                start = i + 1
                if scalars[start] == "(" || scalars[start] == "（" {
                    lexemes.append((.negatedOpen, i..<(start + 1)))
                    i = start + 1
                    continue
                }
            }
            if isQuote(scalars[start]) {
                var j = start + 1
                while j < scalars.count && !isQuote(scalars[j]) { j += 1 }
                var body = String.UnicodeScalarView()
                body.append(contentsOf: scalars[(start + 1)..<j])
                if j >= scalars.count { notes.append("A quotation mark was not closed, so the rest of the query was read as one phrase.") }
                lexemes.append((.quoted(String(body), negated: negated), i..<min(j + 1, scalars.count)))
                i = j + 1
                continue
            }
            var j = start
            while j < scalars.count && !isSpace(scalars[j]) && !isQuote(scalars[j])
                && !((scalars[j] == "(" || scalars[j] == "（") && j == start)
                && !((scalars[j] == ")" || scalars[j] == "）") && !opensBefore(scalars, start, j))
            {
                j += 1
            }
            var word = String.UnicodeScalarView()
            word.append(contentsOf: scalars[start..<j])
            let text = String(word)
            if text == "OR" && !negated {
                lexemes.append((.or, start..<j))
            } else if !text.isEmpty {
                lexemes.append((.word(text, negated: negated), i..<j))
            }
            i = max(j, start + 1)
        }
        return lexemes
    }

    /// True when the word being read opened a parenthesis of its own (`5(c)`), so its `)` belongs to it.
    static func opensBefore(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        var open = 0
        for k in start..<end {
            if scalars[k] == "(" || scalars[k] == "（" { open += 1 }
            if scalars[k] == ")" || scalars[k] == "）" { open -= 1 }
        }
        return open > 0
    }
}
