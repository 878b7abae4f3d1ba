public import StocktakeStore

/// A page of search results as the API and `stocktake search --format json` both give it.
public struct SearchPage: Encodable, Sendable {
    /// The query as typed.
    public let query: String
    /// Its search tokens.
    public let tokens: [String]
    /// Matching paragraphs (at most the cap; see `totalIsCapped`).
    public let total: Int
    /// True when more paragraphs match than `total`.
    public let totalIsCapped: Bool
    /// The page size.
    public let limit: Int
    /// Hits skipped.
    public let offset: Int
    /// The order of the hits.
    public let sort: String
    /// Identifiers the query named, whose references matched too.
    public let concepts: [String]
    /// How the query was repaired, if it was.
    public let notes: [String]
    /// Counts of all hits by language, document, year, submitter and commitment.
    public let facets: SearchFacets
    /// The hits.
    public let hits: [SearchHit]

    /// The page for `results` of `query`.
    public init(query: SearchQuery, results: SearchResults) {
        self.query = query.text
        tokens = results.tokens
        total = results.total
        totalIsCapped = results.totalIsCapped
        limit = query.limit
        offset = query.offset
        sort = (query.sort ?? (results.tokens.isEmpty && !results.concepts.isEmpty ? .newest : .relevance)).rawValue
        concepts = results.concepts
        notes = results.notes
        facets = results.facets
        hits = results.hits
    }
}

/// The command line's text for search results: hits, how each matched, the total and the facets.
public enum SearchText {
    /// "12 paragraphs", or "more than 10,000 paragraphs" when the count was capped.
    public static func total(_ results: SearchResults) -> String {
        let count = NumberText.grouped(results.total)
        return results.totalIsCapped ? "more than \(count) paragraphs" : "\(count) paragraph\(results.total == 1 ? "" : "s")"
    }

    /// Hits numbered from `offset + 1`, then the total, the concepts matched, any repair of the query, and the facets.
    public static func render(_ results: SearchResults, offset: Int) -> String {
        var lines: [String] = results.notes
        for (position, hit) in results.hits.enumerated() {
            lines.append("\(offset + position + 1). \(hit.citation)  \(hit.date ?? "")")
            lines.append("   \(hit.snippet)")
            if !hit.matchedBy.isEmpty { lines.append("   matched by reference \(hit.matchedBy.joined(separator: ", "))") }
        }
        if results.tokens.isEmpty && results.concepts.isEmpty {
            lines.append("The query has no searchable words.")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("\(total(results)) match; showing \(results.hits.count) from \(offset + 1).")
        if !results.concepts.isEmpty {
            lines.append("Also matched by reference: \(results.concepts.joined(separator: ", ")) (--no-concepts to match the words only).")
        }
        let facets: [(String, [FacetCount])] = [
            ("language", results.facets.languages), ("year", results.facets.years), ("submitter", results.facets.submitters),
            ("commitment", results.facets.commitments), ("document", results.facets.documents),
        ]
        for (name, counts) in facets where !counts.isEmpty {
            lines.append(
                "  by \(name): " + counts.prefix(10).map { "\($0.value) \(NumberText.grouped($0.count))" }.joined(separator: " · "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
