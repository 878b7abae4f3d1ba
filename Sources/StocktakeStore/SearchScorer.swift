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
    /// Each term's length and first eight bytes (little-endian), compared before its bytes.
    let heads: [(size: Int, head: UInt64)]
    /// The length in bytes of the longest term.
    let longestTerm: Int

    /// Weights for `tokens` from the index's counts: `rows` paragraphs holding `totalTokens` tokens, and the paragraphs holding each term.
    init(tokens: Set<String>, phrase: [String]?, rows: Double, totalTokens: Double, documents: (String) throws -> Int) rethrows {
        let sorted = tokens.union(phrase ?? []).sorted()
        terms = try sorted.map { token in
            let count = Double(try documents(token))
            return (Array(token.utf8), tokens.contains(token) ? log(1 + (rows - count + 0.5) / (count + 0.5)) : 0)
        }
        self.phrase = (phrase ?? []).compactMap { sorted.firstIndex(of: $0) }
        averageLength = rows > 0 ? max(1, totalTokens / rows) : 1
        heads = terms.map { term in
            term.bytes.withUnsafeBufferPointer { ($0.count, SearchScorer.head($0.baseAddress!, $0.count, available: $0.count)) }
        }
        longestTerm = terms.map(\.bytes.count).max() ?? 0
    }

    /// Calls `body` once for each token of `bytes` (UTF-8, space-separated) with the index of the scoring token it is, if any,
    /// and returns how many tokens it has. Works on the bytes in place: no substrings, no hashing; a token is compared with a
    /// term only when their lengths and first eight bytes agree.
    @inline(__always)
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int?) -> Void) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let count = bytes.count
        var length = 0
        var start = 0
        var i = 0
        while i <= count {
            if i < count && base[i] != 0x20 {
                i += 1
                continue
            }
            if i > start {
                length += 1
                let size = i - start
                var matched: Int?
                if size <= longestTerm {
                    let head = SearchScorer.head(base + start, size, available: count - start)
                    for k in 0..<heads.count where heads[k].size == size && heads[k].head == head {
                        if size <= 8 || terms[k].bytes.withUnsafeBufferPointer({ memcmp(base + start + 8, $0.baseAddress! + 8, size - 8) }) == 0 {
                            matched = k
                            break
                        }
                    }
                }
                body(matched)
            }
            i += 1
            start = i
        }
        return length
    }

    /// The first eight bytes (fewer for a shorter token, the rest zero) of a token, as one integer.
    @inline(__always)
    static func head(_ pointer: UnsafePointer<UInt8>, _ size: Int, available: Int) -> UInt64 {
        let take = min(size, 8)
        if available >= 8 {
            let word = UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)
            return take == 8 ? word : word & ((1 << UInt64(take * 8)) - 1)
        }
        var word: UInt64 = 0
        for j in 0..<take { word |= UInt64(pointer[j]) << UInt64(j * 8) }
        return word
    }

    /// The BM25 score of a paragraph from its index texts (higher is better), and whether it holds the phrase.
    func score(_ tokens: String, characters: String) -> (score: Double, phrase: Bool) {
        var tokens = tokens
        var characters = characters
        return tokens.withUTF8 { tokens in characters.withUTF8 { characters in score(tokens, characters: characters) } }
    }

    /// The BM25 score of a paragraph from the UTF-8 bytes of its index texts, read in place (higher is better), and whether
    /// it holds the phrase.
    func score(_ tokens: UnsafeBufferPointer<UInt8>, characters: UnsafeBufferPointer<UInt8>) -> (score: Double, phrase: Bool) {
        guard !terms.isEmpty else { return (0, false) }
        let span = phrase.count
        // Counts and the window of recent tokens live on the stack: no allocation per paragraph.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: terms.count + max(span, 1)) { buffer in
            let counts = buffer.baseAddress!
            let recent = counts + terms.count
            counts.initialize(repeating: 0, count: terms.count)
            recent.initialize(repeating: -1, count: max(span, 1))
            var position = 0
            var holdsPhrase = false
            let length = scan(tokens) { k in
                if let k { counts[k] += 1 }
                if span > 1 && !holdsPhrase {
                    // The phrase holds when the last `span` tokens are its terms in order: checked when its last term comes.
                    recent[position % span] = k ?? -1
                    if k == phrase[span - 1] && position >= span - 1 {
                        var all = true
                        for j in 0..<span where recent[(position - span + 1 + j) % span] != phrase[j] {
                            all = false
                            break
                        }
                        holdsPhrase = all
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
            for k in 0..<terms.count where counts[k] > 0 {
                let tf = Double(counts[k])
                sum += terms[k].weight * tf * (SearchScorer.k1 + 1) / (tf + norm)
            }
            return (sum, holdsPhrase)
        }
    }
}
