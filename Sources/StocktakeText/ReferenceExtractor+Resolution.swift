extension ReferenceExtractor {
    /// Resolves items and anaphora to identifiers and keeps only the most specific mention of each chain.
    func resolve(_ mentions: inout [Mention], _ s: [Unicode.Scalar], defaultTreaty: String?) {
        // "The Treaty": the treaty last named before it in the paragraph, else the document's treaty.
        var lastTreaty: String?
        for index in mentions.indices {
            if mentions[index].role == .anaphora {
                if let treaty = lastTreaty ?? defaultTreaty {
                    mentions[index].id = treaty
                    mentions[index].scope = treaty
                    mentions[index].throughDefault = lastTreaty == nil
                } else {
                    mentions[index].suppressed = true
                }
            } else if mentions[index].kind == "treaty" {
                lastTreaty = mentions[index].id
            }
        }
        // Items: find their instrument from the chain they stand in. The ends of each run of sibling items are
        // carried along, so a paragraph of a hundred thousand chained references is resolved in linear time.
        func siblings(_ a: Int, _ b: Int) -> Bool {
            mentions[a].role == .item && mentions[b].role == .item && mentions[a].scope == mentions[b].scope
                && gapIsConnector(mentions, a, b, s, allowSeparators: true)
        }
        // Later items are still as scanned when an item is resolved: their runs are found once, from the end.
        var forwardEdge = Array(mentions.indices)
        for j in mentions.indices.reversed().dropFirst() where siblings(j, j + 1) { forwardEdge[j] = forwardEdge[j + 1] }
        // Earlier items are already resolved: their runs grow as the loop goes.
        var backwardEdge = Array(mentions.indices)
        var lastTreatyBefore: Int?
        var treatyScan = 0
        for index in mentions.indices where mentions[index].role == .item {
            if index > 0, mentions[index - 1].role == .item, index > 1, siblings(index - 2, index - 1) {
                backwardEdge[index - 1] = backwardEdge[index - 2]
            }
            while treatyScan < index {
                if mentions[treatyScan].kind == "treaty" && !mentions[treatyScan].id.isEmpty { lastTreatyBefore = treatyScan }
                treatyScan += 1
            }
            let item = mentions[index]
            var scope = item.scope
            func neighbour(step: Int) -> Int? {
                var edge = index
                let next = index + step
                if next >= 0 && next < mentions.count && mentions[next].role == .item && mentions[next].scope == item.scope
                    && gapIsConnector(mentions, index, next, s, allowSeparators: true)
                {
                    edge = step < 0 ? backwardEdge[next] : forwardEdge[next]
                }
                let other = edge + step
                guard other >= 0 && other < mentions.count else { return nil }
                return gapIsConnector(mentions, edge, other, s, allowSeparators: false) ? other : nil
            }
            let before = neighbour(step: -1)
            let after = neighbour(step: 1)
            let neighbour = [before, after].compactMap { $0 }.first { mentions[$0].role == .container || mentions[$0].role == .anaphora }
            // A container the item is chained to decides between instruments that number items with the same word:
            // "la mesure 12 des 13 mesures concrètes" is step 12, not action 12.
            if let neighbour, mentions[neighbour].kind == "commitment", mentions[neighbour].role == .container,
                mentions[neighbour].id != scope, treatyInstruments[scope] == nil,
                commitmentIDs.contains("\(mentions[neighbour].id):\(item.id)")
            {
                scope = mentions[neighbour].id
            }
            if scope.isEmpty || treatyInstruments[scope] != nil {
                // Articles belong to the treaty of the chain, else the last named treaty, else the document's.
                if let neighbour, mentions[neighbour].kind == "treaty" {
                    scope = mentions[neighbour].id
                    mentions[index].throughDefault = mentions[neighbour].throughDefault
                } else if treatyInstruments[scope] != nil || scope.isEmpty {
                    scope = lastTreatyBefore.map { mentions[$0].id } ?? defaultTreaty ?? ""
                    mentions[index].throughDefault = lastTreatyBefore == nil
                }
            } else if item.needsContext {
                guard let neighbour, mentions[neighbour].scope == scope else {
                    mentions[index].suppressed = true
                    continue
                }
            }
            let id = "\(scope):\(item.id)"
            if commitmentIDs.contains(id) {
                mentions[index].id = id
                mentions[index].scope = scope
            } else {
                mentions[index].suppressed = true
            }
        }
        // A body that issued a resolution names the resolution only: directly before its number ("General Assembly resolution
        // 79/47") or chained after it ("resolution 79/47 of the General Assembly"). "The General Assembly, in resolution
        // 53/77 D," names both.
        for index in mentions.indices where mentions[index].kind == "organization" {
            if let other = chainNeighbour(mentions, index, step: 1, s), mentions[other].role == .resolution,
                isConnector(s, mentions[index].end, mentions[other].start, allowSeparators: false)
                    && !s[mentions[index].end..<mentions[other].start].contains(where: \.isWordCharacter)
            {
                mentions[index].suppressed = true
            }
            if let other = chainNeighbour(mentions, index, step: -1, s), mentions[other].role == .resolution {
                mentions[index].suppressed = true
            }
        }
        // Containers and anaphora directly chained to an item of theirs name the item only.
        var changed = true
        while changed {
            changed = false
            for index in mentions.indices
            where !mentions[index].suppressed && (mentions[index].role == .container || mentions[index].role == .anaphora) {
                for step in [1, -1] {
                    guard let other = chainNeighbour(mentions, index, step: step, s),
                        !mentions[other].suppressed || mentions[other].role != .item
                    else { continue }
                    let next = mentions[other]
                    let specific =
                        (next.role == .item && !next.suppressed && next.scope == mentions[index].id)
                        || (next.role == .container && next.id == mentions[index].id
                            && chainNeighbour(mentions, other, step: step, s).map {
                                mentions[$0].role == .item && mentions[$0].scope == next.id
                            } == true)
                    if specific {
                        mentions[index].suppressed = true
                        changed = true
                        break
                    }
                }
            }
        }
    }

    /// The neighbouring mention in direction `step` when only connecting words, quotes or spaces stand between them;
    /// sibling items of one list ("第3段和第4段") are passed over, so every item of a list reaches the list's container.
    func chainNeighbour(_ mentions: [Mention], _ index: Int, step: Int, _ s: [Unicode.Scalar]) -> Int? {
        var edge = index
        var other = index + step
        while other >= 0 && other < mentions.count && mentions[index].role == .item && mentions[other].role == .item
            && mentions[other].scope == mentions[index].scope && gapIsConnector(mentions, edge, other, s, allowSeparators: true)
        {
            edge = other
            other += step
        }
        guard other >= 0 && other < mentions.count else { return nil }
        return gapIsConnector(mentions, edge, other, s, allowSeparators: false) ? other : nil
    }

    func gapIsConnector(_ mentions: [Mention], _ a: Int, _ b: Int, _ s: [Unicode.Scalar], allowSeparators: Bool) -> Bool {
        let (from, to) = a < b ? (mentions[a].end, mentions[b].start) : (mentions[b].end, mentions[a].start)
        guard from < to else { return true }
        return isConnector(s, from, to, allowSeparators: allowSeparators)
    }

    /// True when `s[from..<to]` holds only spaces, quotes, brackets and chain connectors ("of the", 的).
    func isConnector(_ s: [Unicode.Scalar], _ from: Int, _ to: Int, allowSeparators: Bool = false) -> Bool {
        var k = from
        while k < to {
            let c = s[k]
            if c == " " || "\"'“”‘’«»《》「」()".unicodeScalars.contains(c) {
                k += 1
                continue
            }
            if allowSeparators, let separator = separators.matches(in: s, at: k).first(where: { $0.end <= to }) {
                k = separator.end
                continue
            }
            guard let match = connectors.matches(in: s, at: k).first(where: { $0.end <= to }) else { return false }
            k = match.end
        }
        return true
    }
}
