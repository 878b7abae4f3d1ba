/// Turns text into search tokens that SQLite FTS5 and PostgreSQL index the same way.
///
/// Text is folded as for matching (NFKC, lower case, Arabic diacritics and tatweel dropped,
/// Arabic-Indic digits to ASCII). Runs of Han, kana or hangul become overlapping bigrams (a run of
/// one character stays a unigram), so two-character Chinese words are found; runs of other letters
/// and digits become one token each; everything else separates tokens. Queries go through the same
/// tokenizer and run as phrase queries, so "裁军" matches exactly the paragraphs containing 裁军.
public enum SearchTokenizer {
    /// The tokens of `text`, in order.
    public static func tokens(_ text: String) -> [String] { spans(text).map(\.token) }

    /// The tokens of `text` with their offsets (Unicode scalars, end exclusive) in the original text.
    public static func spans(_ text: String) -> [(token: String, start: Int, end: Int)] {
        let folded = FoldedText(text)
        let scalars = folded.scalars
        var tokens: [(token: String, start: Int, end: Int)] = []
        func add(_ token: String, _ from: Int, _ to: Int) {
            let range = folded.originalRange(from, to)
            tokens.append((token, range.start, range.end))
        }
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            if scalar.isCJK {
                var j = i
                while j < scalars.count && scalars[j].isCJK { j += 1 }
                if j - i == 1 {
                    add(String(scalar), i, j)
                } else {
                    for k in i..<(j - 1) {
                        var token = String.UnicodeScalarView()
                        token.append(scalars[k])
                        token.append(scalars[k + 1])
                        add(String(token), k, k + 2)
                    }
                }
                i = j
            } else if scalar.isWordCharacter && scalar != "_" {
                var j = i
                var token = String.UnicodeScalarView()
                while j < scalars.count && scalars[j].isWordCharacter && scalars[j] != "_" && !scalars[j].isCJK {
                    token.append(scalars[j])
                    j += 1
                }
                add(String(token), i, j)
                i = j
            } else {
                i += 1
            }
        }
        return tokens
    }

    /// The tokens joined by spaces, as stored in the index column.
    public static func indexText(_ text: String) -> String { tokens(text).joined(separator: " ") }
}
