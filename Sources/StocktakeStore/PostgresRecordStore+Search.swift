import Foundation
import StocktakeCore
import StocktakeText

/// Search on PostgreSQL: the parsed query as a `tsquery` over the Swift-made tokens, concepts through the references, and
/// the same ranking, capped counts and facets as on SQLite (computed in Swift from the same counts).
extension PostgresRecordStore {
    /// Collects statement parameters and hands out their placeholders.
    struct Parameters {
        private(set) var values: [PostgresValue] = []

        /// The placeholder (`$n`) of a new parameter.
        mutating func add(_ value: PostgresValue) -> String {
            values.append(value)
            return "$\(values.count)"
        }
    }

    /// The filters of a query as SQL over `p` (paragraphs), `v` (versions) and `d` (documents).
    static func filterClause(_ query: SearchQuery, _ parameters: inout Parameters) -> String {
        var conditions: [String] = []
        if let language = query.language { conditions.append("v.language = \(parameters.add(language.rawValue.bound))") }
        if let prefix = query.symbolPrefix {
            let pattern =
                prefix.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(
                    of: "_", with: "\\_") + "%"
            conditions.append("d.symbol LIKE \(parameters.add(pattern.bound)) ESCAPE '\\'")
        }
        if let reference = query.reference {
            conditions.append(
                "EXISTS (SELECT 1 FROM refs r2 WHERE r2.paragraph_id = p.id AND r2.ref_id = \(parameters.add(reference.bound)))")
        }
        if let submitters = query.submitters {
            conditions.append(
                "EXISTS (SELECT 1 FROM document_submitters s WHERE s.document_id = d.id AND s.actor = ANY(\(parameters.add(.texts(submitters)))::text[]))"
            )
        }
        if let from = query.from { conditions.append("d.date >= \(parameters.add(from.description.bound))") }
        if let to = query.to { conditions.append("d.date <= \(parameters.add(to.description.bound))") }
        if let type = query.type { conditions.append("d.doc_type = \(parameters.add(type.bound))") }
        if let year = query.year { conditions.append("substr(d.date, 1, 4) = \(parameters.add(String(year).bound))") }
        return conditions.map { " AND " + $0 }.joined()
    }

    public func search(_ query: SearchQuery) throws -> SearchResults {
        let parsed = SearchQueryParser.parse(query.text)
        let concepts = query.useConcepts ? Array(Set(query.concepts).sorted().prefix(16)) : []
        guard parsed.expression != nil || !concepts.isEmpty else {
            return SearchResults(
                tokens: parsed.tokens, total: 0, totalIsCapped: false, hits: [], facets: SearchFacets(), concepts: [], notes: parsed.notes)
        }
        let cap = max(1, min(query.cap, SearchQuery.candidateCap))
        let joins = "JOIN versions v ON v.id = p.version_id JOIN documents d ON d.id = v.document_id"
        return try read { session in
            let statistics = try session.rows(
                "SELECT key, value FROM meta WHERE key IN ('indexed_rows', 'indexed_tokens')")
            var counts: [String: Double] = [:]
            for row in statistics { counts[try row.text(0) ?? ""] = Double(try row.text(1) ?? "0") ?? 0 }
            let scoring = SearchCandidates.scoringTokens(parsed.expression)
            let phrase = parsed.expression?.wordsAsPhrase
            var frequencies: [String: Int] = [:]
            let terms = scoring.union(phrase ?? []).sorted()
            if !terms.isEmpty {
                for row in try session.rows("SELECT term, docs FROM term_stats WHERE term = ANY($1::text[])", [.texts(terms)]) {
                    frequencies[try row.text(0) ?? ""] = Int(try row.integer(1) ?? 0)
                }
            }
            let scorer = SearchScorer(
                tokens: scoring, phrase: phrase, rows: counts["indexed_rows"] ?? 0, totalTokens: counts["indexed_tokens"] ?? 0,
                documents: { frequencies[$0] ?? 0 })
            var candidates = SearchCandidates(scorer: scorer)
            func collect(_ sql: (inout Parameters) -> String, tier: Int) throws {
                var parameters = Parameters()
                let statement = sql(&parameters) + " LIMIT \(parameters.add(.integer(Int64(cap + 1))))"
                let rows = try session.rows(statement, parameters.values)
                if rows.count > cap { candidates.capped = true }
                for row in rows.prefix(cap) {
                    candidates.add(
                        id: try row.integer(0) ?? 0, tokens: try row.text(1), characters: try row.text(7), reference: try row.text(2),
                        language: try row.text(3) ?? "", documentID: try row.integer(4) ?? 0, symbol: try row.text(5) ?? "",
                        date: try row.text(6), tier: tier)
                }
            }
            if let expression = parsed.expression {
                try collect(
                    { parameters in
                        let match = parameters.add(PostgresSearchText.query(expression).bound)
                        return """
                            SELECT p.id, p.tokens, NULL::text, v.language, d.id, d.symbol, d.date, p.chars
                            FROM paragraphs p \(joins)
                            WHERE p.search @@ \(match)::tsquery\(PostgresRecordStore.filterClause(query, &parameters)) ORDER BY p.id DESC
                            """
                    }, tier: 1)
            }
            // One query per identifier, newest first up to the cap, as on SQLite, so both engines gather the same candidates.
            for concept in concepts {
                try collect(
                    { parameters in
                        let identifier = parameters.add(.text(concept))
                        return """
                            SELECT r.paragraph_id, NULL::text, r.ref_id, v.language, d.id, d.symbol, d.date, NULL::text
                            FROM refs r JOIN paragraphs p ON p.id = r.paragraph_id \(joins)
                            WHERE r.ref_id = \(identifier) AND v.is_current = 1\(PostgresRecordStore.filterClause(query, &parameters))
                            ORDER BY r.paragraph_id DESC
                            """
                    }, tier: 2)
            }
            let ranked = candidates.ranked(query.sort ?? (parsed.expression == nil ? .newest : .relevance))
            let page = Array(ranked.dropFirst(max(0, query.offset)).prefix(max(0, min(query.limit, 1000))))
            return SearchResults(
                tokens: parsed.tokens, total: ranked.count, totalIsCapped: candidates.capped,
                hits: try PostgresRecordStore.hits(page, parsed: parsed, session), facets: try PostgresRecordStore.facets(ranked, session),
                concepts: concepts, notes: parsed.notes)
        }
    }

    static func hits(_ page: [SearchCandidate], parsed: ParsedSearch, _ session: PostgresSession) throws -> [SearchHit] {
        guard !page.isEmpty else { return [] }
        var stored: [Int64: (number: String?, ordinal: Int, title: String?, text: String)] = [:]
        for row in try session.rows(
            """
            SELECT p.id, p.number, p.ordinal, d.title, p.text FROM paragraphs p JOIN versions v ON v.id = p.version_id
            JOIN documents d ON d.id = v.document_id WHERE p.id = ANY($1::bigint[])
            """, [.integers(page.map(\.id))])
        {
            stored[try row.integer(0) ?? 0] = (try row.text(1), Int(try row.integer(2) ?? 0), try row.text(3), try row.text(4) ?? "")
        }
        return try page.map { candidate in
            guard let paragraph = stored[candidate.id] else {
                throw StocktakeError(.store, "A paragraph found by search has gone from the database; run 'stocktake rebuild'.")
            }
            var span = candidate.score == nil ? nil : SearchHighlighter.firstMatch(in: paragraph.text, of: parsed.expression)
            if span == nil, let reference = candidate.references.sorted().first {
                span = try session.rows(
                    "SELECT start, \"end\" FROM refs WHERE paragraph_id = $1 AND ref_id = $2 ORDER BY start LIMIT 1",
                    [.integer(candidate.id), reference.bound]
                ).first.map { (Int(try $0.integer(0) ?? 0), Int(try $0.integer(1) ?? 0)) }
            }
            return SearchHit(
                symbol: candidate.symbol, language: candidate.language, paragraph: paragraph.number, ordinal: paragraph.ordinal,
                date: candidate.date, title: paragraph.title, snippet: SearchHighlighter.snippet(paragraph.text, span: span),
                citation: CitationText.format(
                    symbol: candidate.symbol, number: paragraph.number, ordinal: paragraph.ordinal, language: candidate.language),
                matchedBy: candidate.references.sorted())
        }
    }

    static func facets(_ candidates: [SearchCandidate], _ session: PostgresSession) throws -> SearchFacets {
        var submitters: [(document: Int64, actor: String)] = []
        var commitments: [String: Int] = [:]
        if !candidates.isEmpty {
            for row in try session.rows(
                "SELECT document_id, actor FROM document_submitters WHERE document_id = ANY($1::bigint[])",
                [.integers(Array(SearchCandidates.documentCounts(candidates).keys))])
            {
                submitters.append((try row.integer(0) ?? 0, try row.text(1) ?? ""))
            }
            for row in try session.rows(
                """
                SELECT ref_id, COUNT(DISTINCT paragraph_id) FROM refs
                WHERE kind = 'commitment' AND paragraph_id = ANY($1::bigint[]) GROUP BY ref_id
                """, [.integers(candidates.map(\.id))])
            {
                commitments[try row.text(0) ?? ""] = Int(try row.integer(1) ?? 0)
            }
        }
        return SearchCandidates.facets(candidates, submitters: submitters, commitments: commitments)
    }
}
