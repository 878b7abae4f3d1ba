/// A trie over Unicode scalars that finds the longest key starting at a position.
struct ScalarTrie<Payload: Sendable>: Sendable {
    private struct Node: Sendable {
        var children: [UInt32: Int32] = [:]
        var payloads: [Payload] = []
    }

    private var nodes: [Node] = [Node()]
    /// Root children for ASCII scalars, as a flat table (-1: none), so most positions are rejected without hashing.
    private var asciiRoot = [Int32](repeating: -1, count: 128)

    /// Adds a key (already folded) with its payload.
    mutating func insert(_ key: [Unicode.Scalar], _ payload: Payload) {
        guard !key.isEmpty else { return }
        var current = 0
        for scalar in key {
            if let next = nodes[current].children[scalar.value] {
                current = Int(next)
            } else {
                nodes.append(Node())
                let index = nodes.count - 1
                nodes[current].children[scalar.value] = Int32(index)
                if current == 0 && scalar.value < 128 { asciiRoot[Int(scalar.value)] = Int32(index) }
                current = index
            }
        }
        nodes[current].payloads.append(payload)
    }

    /// All keys matching at `start`, longest first, as (end position, payloads).
    func matches(in text: [Unicode.Scalar], at start: Int) -> [(end: Int, payloads: [Payload])] {
        matches(in: text, at: start, after: [])
    }

    /// All keys matching `prefix` followed by the text at `start`, longest first; ends are positions in `text`.
    /// Arabic uses it for the article a preposition absorbs: ل + المعاهدة is written للمعاهدة.
    func matches(in text: [Unicode.Scalar], at start: Int, after prefix: [Unicode.Scalar]) -> [(end: Int, payloads: [Payload])] {
        var found: [(Int, [Payload])] = []
        var current = 0
        for scalar in prefix {
            guard let next = nodes[current].children[scalar.value] else { return [] }
            current = Int(next)
        }
        var position = start
        while position < text.count, let next = nodes[current].children[text[position].value] {
            current = Int(next)
            position += 1
            if !nodes[current].payloads.isEmpty { found.append((position, nodes[current].payloads)) }
        }
        return found.reversed()
    }

    /// True when some key starts with this scalar (a cheap filter before `matches`).
    func startsWith(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 128 ? asciiRoot[Int(scalar.value)] >= 0 : nodes[0].children[scalar.value] != nil
    }
}
