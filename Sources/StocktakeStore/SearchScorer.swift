import Foundation

/// BM25 (k1 = 1.2, b = 0.75, IDF = ln(1 + (N − df + 0.5) / (df + 0.5))) over the same tokens on every engine:
/// the weights of the query's tokens, from the index's own counts.
struct SearchScorer {
    static let k1 = 1.2
    static let b = 0.75
    /// Each scoring token's UTF-8 bytes and IDF weight.
    let terms: [(bytes: [UInt8], weight: Double)]
    /// The query's words as a phrase, as indexes into `terms`; a paragraph holding it ranks first.
    let phrase: [Int]
    let averageLength: Double

    /// Weights for `tokens` from the index's counts: `rows` paragraphs holding `totalTokens` tokens, and the paragraphs holding each term.
    init(tokens: Set<String>, phrase: [String]?, rows: Double, totalTokens: Double, documents: (String) throws -> Int) rethrows {
        let sorted = tokens.union(phrase ?? []).sorted()
        terms = try sorted.map { token in
            let count = Double(try documents(token))
            return (Array(token.utf8), tokens.contains(token) ? log(1 + (rows - count + 0.5) / (count + 0.5)) : 0)
        }
        self.phrase = (phrase ?? []).compactMap { sorted.firstIndex(of: $0) }
        averageLength = rows > 0 ? max(1, totalTokens / rows) : 1
    }

    /// Calls `body` once for each token of `text` (space-separated) with the index of the scoring token it is, if any,
    /// and returns how many tokens it has. Works on the UTF-8 bytes in place: no substrings, no hashing.
    func scan(_ text: String, _ body: (Int?) -> Void) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var length = 0
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 {
                defer { start = i + 1 }
                guard i > start else { continue }
                length += 1
                var matched: Int?
                for (k, term) in terms.enumerated() where term.bytes.count == i - start {
                    var equal = true
                    for j in 0..<term.bytes.count where bytes[start + j] != term.bytes[j] {
                        equal = false
                        break
                    }
                    if equal {
                        matched = k
                        break
                    }
                }
                body(matched)
            }
            return length
        }
    }

    /// The BM25 score of a paragraph from its index texts (higher is better), and whether it holds the phrase.
    func score(_ tokens: String, characters: String) -> (score: Double, phrase: Bool) {
        guard !terms.isEmpty else { return (0, false) }
        var counts = [Int](repeating: 0, count: terms.count)
        let span = phrase.count
        var recent = [Int](repeating: -1, count: max(span, 1))
        var position = 0
        var holdsPhrase = false
        let length = scan(tokens) { k in
            if let k { counts[k] += 1 }
            if span > 1 && !holdsPhrase {
                recent[position % span] = k ?? -1
                if position >= span - 1 {
                    holdsPhrase = (0..<span).allSatisfy { recent[(position - span + 1 + $0) % span] == phrase[$0] }
                }
            }
            position += 1
        }
        if !characters.isEmpty {
            // A single Han character is counted once, from the characters column, when it is not a token of its own.
            _ = scan(characters) { k in if let k, counts[k] == 0 { counts[k] = 1 } }
        }
        let norm = SearchScorer.k1 * (1 - SearchScorer.b + SearchScorer.b * Double(length) / averageLength)
        var sum = 0.0
        for (k, count) in counts.enumerated() where count > 0 {
            let tf = Double(count)
            sum += terms[k].weight * tf * (SearchScorer.k1 + 1) / (tf + norm)
        }
        return (sum, holdsPhrase)
    }
}
