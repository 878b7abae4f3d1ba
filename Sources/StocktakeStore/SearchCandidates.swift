import StocktakeText

/// One paragraph a search found: how it matched and what ranking and facets need. Shared by every engine.
struct SearchCandidate {
    let id: Int64
    var tier: Int
    var score: Double?
    var references: Set<String>
    let language: String
    let documentID: Int64
    let symbol: String
    let date: String?
    /// The commitments the paragraph cites, space-separated, when the engine read them with the match (SQLite); empty otherwise.
    var commitments: String = ""
}

/// The candidates of one search, gathered from the engine's match queries (words, then concepts), ranked in Swift
/// so that every engine orders the same matches the same way.
struct SearchCandidates {
    private(set) var byID: [Int64: SearchCandidate] = [:]
    /// True when some query had more matches than the cap.
    var capped = false
    let scorer: SearchScorer

    init(scorer: SearchScorer) { self.scorer = scorer }

    /// Adds a match: `tokens` and `characters` when the words matched (to score it), `reference` when a concept did.
    mutating func add(
        id: Int64, tokens: String?, characters: String?, reference: String?, language: String, documentID: Int64, symbol: String,
        date: String?, tier: Int
    ) {
        add(
            id: id, scored: tokens.map { scorer.score($0, characters: characters ?? "") }, reference: reference, language: language,
            documentID: documentID, symbol: symbol, date: date, tier: tier)
    }

    /// Adds a match already scored by ``scorer`` (nil when only a concept matched), with the commitments its paragraph cites
    /// when the engine read them.
    mutating func add(
        id: Int64, scored: (score: Double, phrase: Bool)?, reference: String?, language: String, documentID: Int64, symbol: String,
        date: String?, tier: Int, commitments: String = ""
    ) {
        let score: Double? = scored.map { -$0.score }
        let tier = scored?.phrase == true ? 2 : tier
        if var existing = byID[id] {
            existing.tier = max(existing.tier, tier)
            if let score { existing.score = min(existing.score ?? score, score) }
            if let reference { existing.references.insert(reference) }
            byID[id] = existing
        } else {
            byID[id] = SearchCandidate(
                id: id, tier: tier, score: score, references: reference.map { [$0] } ?? [], language: language, documentID: documentID,
                symbol: symbol, date: date, commitments: commitments)
        }
    }

    /// The candidates in the order asked for: relevance (phrase and concept matches, then BM25, then newest), newest or oldest.
    func ranked(_ sort: SearchSort) -> [SearchCandidate] {
        var ranked = Array(byID.values)
        switch sort {
        case .relevance:
            ranked.sort { a, b in
                if a.tier != b.tier { return a.tier > b.tier }
                switch (a.score, b.score) {
                case (let x?, let y?) where x != y: return x < y
                case (.some, nil): return true
                case (nil, .some): return false
                default: return a.id > b.id
                }
            }
        case .newest: ranked.sort { ($0.date ?? "", $0.id) > ($1.date ?? "", $1.id) }
        case .oldest: ranked.sort { ($0.date ?? "9999", $0.id) < ($1.date ?? "9999", $1.id) }
        }
        return ranked
    }

    /// Facets from the ranked candidates, the submitters of their documents and the commitments their paragraphs cite.
    static func facets(_ candidates: [SearchCandidate], submitters: [(document: Int64, actor: String)], commitments: [String: Int])
        -> SearchFacets
    {
        func top(_ counts: [String: Int], limit: Int = 20) -> [FacetCount] {
            counts.map { FacetCount(value: $0.key, count: $0.value) }.sorted { ($0.count, $1.value) > ($1.count, $0.value) }.prefix(limit)
                .map { $0 }
        }
        var languages: [String: Int] = [:], documents: [String: Int] = [:], years: [String: Int] = [:]
        // Documents and years are counted per document, then once per distinct value: far fewer strings to hash.
        var perDocument: [Int64: (count: Int, symbol: String, date: String?)] = [:]
        for candidate in candidates {
            languages[candidate.language, default: 0] += 1
            perDocument[candidate.documentID, default: (0, candidate.symbol, candidate.date)].count += 1
        }
        for document in perDocument.values {
            documents[document.symbol, default: 0] += document.count
            years[document.date.map { String($0.prefix(4)) } ?? "undated", default: 0] += document.count
        }
        var bySubmitter: [String: Int] = [:]
        for (document, actor) in submitters { bySubmitter[actor, default: 0] += perDocument[document]?.count ?? 0 }
        return SearchFacets(
            languages: top(languages, limit: 6), documents: top(documents), years: top(years, limit: 40), submitters: top(bySubmitter),
            commitments: top(commitments))
    }

    /// How many candidates cite each commitment, from the commitments read with each match.
    static func commitmentCounts(_ candidates: [SearchCandidate]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for candidate in candidates where !candidate.commitments.isEmpty {
            for commitment in candidate.commitments.split(separator: " ") { counts[String(commitment), default: 0] += 1 }
        }
        return counts
    }

    /// How many candidates each document has.
    static func documentCounts(_ candidates: [SearchCandidate]) -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        for candidate in candidates { counts[candidate.documentID, default: 0] += 1 }
        return counts
    }

    /// The tokens a query scores by: its words' and phrases' tokens, its characters, and the whole tokens before a prefix.
    static func scoringTokens(_ expression: SearchExpression?) -> Set<String> {
        var tokens = Set<String>()
        for term in expression?.positiveTerms ?? [] {
            switch term {
            case .phrase(let words): tokens.formUnion(words)
            case .prefix(let words): tokens.formUnion(words.dropLast())
            case .character(let character): tokens.insert(character)
            default: break
            }
        }
        return tokens
    }
}
