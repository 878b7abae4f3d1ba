import Foundation
import StocktakeText

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
    /// An open-addressing table from a token's key (head mixed with length) to the term it may be, -1 when empty (a power of
    /// two, at most half full), with each slot's key beside it.
    let slotTerms: [Int32]
    let slotKeys: [UInt64]
    /// True when some term is a single Han, kana or hangul character, the only terms the characters column can count.
    let countsCharacters: Bool

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
        let size = max(8, 1 << (Int.bitWidth - (terms.count * 2).leadingZeroBitCount))
        var table = [Int32](repeating: -1, count: size)
        var keys = [UInt64](repeating: 0, count: size)
        for (k, entry) in heads.enumerated() {
            let key = entry.head ^ (UInt64(entry.size) &* 0x9E37_79B9_7F4A_7C15)
            var slot = SearchScorer.slot(key, mask: size - 1)
            while table[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            table[slot] = Int32(k)
            keys[slot] = key
        }
        slotTerms = table
        slotKeys = keys
        countsCharacters = sorted.contains { token in token.unicodeScalars.count == 1 && token.unicodeScalars.first!.isCJK }
    }

    /// Calls `body` once for each token of `bytes` (UTF-8, space-separated) with the index of the scoring token it is, or -1,
    /// and returns how many tokens it has. Works on the bytes in place: no substrings, no hashing; a token is compared with a
    /// term only when a table keyed by its length and first eight bytes points to that term.
    @inline(__always)
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        let end = base + bytes.count
        let mask = slotTerms.count - 1
        var length = 0
        var start = base
        return slotTerms.withUnsafeBufferPointer { slotTerms in
            slotKeys.withUnsafeBufferPointer { slotKeys in
                while start < end {
                    let stop = memchr(start, 0x20, end - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) } ?? end
                    let size = stop - start
                    if size > 0 {
                        length += 1
                        var matched = -1
                        if size <= longestTerm {
                            let head = SearchScorer.head(start, size, available: end - start)
                            let key = head ^ (UInt64(size) &* 0x9E37_79B9_7F4A_7C15)
                            var slot = SearchScorer.slot(key, mask: mask)
                            while true {
                                let k = Int(slotTerms[slot])
                                if k < 0 { break }
                                if slotKeys[slot] == key && heads[k].size == size && heads[k].head == head
                                    && (size <= 8
                                        || terms[k].bytes.withUnsafeBufferPointer({ memcmp(start + 8, $0.baseAddress! + 8, size - 8) }) == 0)
                                {
                                    matched = k
                                    break
                                }
                                slot = (slot + 1) & mask
                            }
                        }
                        body(matched)
                    }
                    start = stop + 1
                }
                return length
            }
        }
    }

    /// Where a token with this key (its head mixed with its length) starts its probe in the table of terms.
    @inline(__always)
    static func slot(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0xFF51_AFD7_ED55_8CCD) >> 40) & mask
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
            var ring = 0
            var holdsPhrase = false
            let last = span > 0 ? phrase[span - 1] : -2
            let length = scan(tokens) { k in
                if k >= 0 { counts[k] += 1 }
                if span > 1 && !holdsPhrase {
                    // The phrase holds when the last `span` tokens are its terms in order: checked when its last term comes.
                    recent[ring] = k
                    if k == last && position >= span - 1 {
                        var all = true
                        var j = span - 1
                        var r = ring
                        while j >= 0 {
                            if recent[r] != phrase[j] {
                                all = false
                                break
                            }
                            j -= 1
                            r = r == 0 ? span - 1 : r - 1
                        }
                        holdsPhrase = all
                    }
                    ring = ring + 1 == span ? 0 : ring + 1
                }
                position += 1
            }
            if countsCharacters && !characters.isEmpty {
                // A single Han character is counted once, from the characters column, when it is not a token of its own.
                _ = scan(characters) { k in if k >= 0 && counts[k] == 0 { counts[k] = 1 } }
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
