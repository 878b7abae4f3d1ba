import Foundation
import GRDB
import StocktakeCore
import StocktakeText

/// Search: the parsed query as an FTS5 expression over Swift-made tokens, concept matches through the references,
/// relevance (phrase first, then BM25 computed here), sorting, capped counts and facets.
extension SQLiteRecordStore {
    /// SQL counting the space-separated tokens of a column.
    static func tokenCountSQL(_ column: String) -> String {
        "CASE WHEN \(column) = '' THEN 0 ELSE length(\(column)) - length(replace(\(column), ' ', '')) + 1 END"
    }

    /// The number of space-separated tokens in an index text.
    static func tokenCount(_ tokens: String) -> Int {
        tokens.isEmpty ? 0 : tokens.utf8.reduce(1) { $0 + ($1 == 0x20 ? 1 : 0) }
    }

    /// The distinct terms of a paragraph's two index columns (tokens and characters), as FTS5 counts documents per term.
    static func distinctTerms(_ tokens: String, _ characters: String) -> Set<String> {
        var terms = Set<String>()
        for token in tokens.split(separator: " ") { terms.insert(String(token)) }
        for character in characters.split(separator: " ") { terms.insert(String(character)) }
        return terms
    }

    /// Keeps what BM25 needs as the index changes: indexed paragraphs, their tokens, and the paragraphs holding each term.
    static func adjustIndexStatistics(rows: Int, tokens: Int, terms: [String: Int], _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE meta SET value = CAST(CAST(value AS INTEGER) + ? AS TEXT) WHERE key = 'indexed_rows';
                UPDATE meta SET value = CAST(CAST(value AS INTEGER) + ? AS TEXT) WHERE key = 'indexed_tokens';
                """, arguments: [rows, tokens])
        let upsert = try db.cachedStatement(
            sql: "INSERT INTO term_stats (term, docs) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs")
        for (term, change) in terms where change != 0 { try upsert.execute(arguments: [term, change]) }
    }

    /// The FTS5 text of an expression: every token quoted, so nothing a user types is FTS syntax.
    static func ftsExpression(_ expression: SearchExpression) -> String {
        func quoted(_ tokens: [String]) -> String {
            "\"" + tokens.map { $0.replacingOccurrences(of: "\"", with: "\"\"") }.joined(separator: " ") + "\""
        }
        switch expression {
        case .phrase(let tokens): return "tokens : " + quoted(tokens)
        case .prefix(let tokens): return "tokens : " + quoted(tokens) + " *"
        case .character(let character): return "chars : " + quoted([character])
        case .all(let parts): return "(" + parts.map(ftsExpression).joined(separator: " AND ") + ")"
        case .any(let parts): return "(" + parts.map(ftsExpression).joined(separator: " OR ") + ")"
        case .excluding(let kept, let dropped):
            return "(" + ftsExpression(kept) + " NOT " + (dropped.count == 1 ? ftsExpression(dropped[0]) : ftsExpression(.any(dropped)))
                + ")"
        }
    }

    /// The distinct Han, kana and hangul characters of a text, space-separated: the index column that makes one-character queries exact.
    static func indexCharacters(_ text: String) -> String {
        var seen = Set<Unicode.Scalar>()
        var out = String.UnicodeScalarView()
        for scalar in FoldedText(text).scalars where scalar.isCJK && seen.insert(scalar).inserted {
            if !out.isEmpty { out.append(" ") }
            out.append(scalar)
        }
        return String(out)
    }

    /// The filters of a query as SQL over `p` (paragraphs), `v` (versions) and `d` (documents).
    static func filterClause(_ query: SearchQuery) -> (sql: String, arguments: [any DatabaseValueConvertible]) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let language = query.language {
            conditions.append("v.language = ?")
            arguments.append(language.rawValue)
        }
        if let prefix = query.symbolPrefix {
            conditions.append("d.symbol LIKE ? ESCAPE '\\'")
            arguments.append(
                prefix.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(
                    of: "_", with: "\\_") + "%")
        }
        if let reference = query.reference {
            conditions.append("EXISTS (SELECT 1 FROM refs r2 WHERE r2.paragraph_id = p.id AND r2.ref_id = ?)")
            arguments.append(reference)
        }
        if let submitters = query.submitters {
            if submitters.isEmpty {
                conditions.append("0")
            } else {
                conditions.append(
                    "EXISTS (SELECT 1 FROM document_submitters s WHERE s.document_id = d.id AND s.actor IN (\(submitters.map { _ in "?" }.joined(separator: ","))))"
                )
                arguments += submitters.map { $0 as any DatabaseValueConvertible }
            }
        }
        if let from = query.from {
            conditions.append("d.date >= ?")
            arguments.append(from.description)
        }
        if let to = query.to {
            conditions.append("d.date <= ?")
            arguments.append(to.description)
        }
        if let type = query.type {
            conditions.append("d.doc_type = ?")
            arguments.append(type)
        }
        if let year = query.year {
            conditions.append("substr(d.date, 1, 4) = ?")
            arguments.append(String(year))
        }
        return (conditions.joined(separator: " AND "), arguments)
    }

    public func search(_ query: SearchQuery) throws -> SearchResults {
        let parsed = SearchQueryParser.parse(query.text)
        let concepts = query.useConcepts ? Array(Set(query.concepts).sorted().prefix(16)) : []
        guard parsed.expression != nil || !concepts.isEmpty else {
            return SearchResults(
                tokens: parsed.tokens, total: 0, totalIsCapped: false, hits: [], facets: SearchFacets(), concepts: [], notes: parsed.notes)
        }
        let cap = max(1, min(query.cap, SearchQuery.candidateCap))
        let (filter, filterArguments) = SQLiteRecordStore.filterClause(query)
        let joins = "JOIN versions v ON v.id = p.version_id JOIN documents d ON d.id = v.document_id"
        let andFilter = filter.isEmpty ? "" : "AND \(filter)"
        return try read { db in
            let rows = Double(try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'indexed_rows'")) ?? "0") ?? 0
            let total =
                Double(try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'indexed_tokens'")) ?? "0") ?? 0
            let frequency = try db.cachedStatement(sql: "SELECT docs FROM term_stats WHERE term = ?")
            let scorer = try SearchScorer(
                tokens: SearchCandidates.scoringTokens(parsed.expression), phrase: parsed.expression?.wordsAsPhrase, rows: rows,
                totalTokens: total, documents: { try Int.fetchOne(frequency, arguments: [$0]) ?? 0 })
            var candidates = SearchCandidates(scorer: scorer)
            // Without filters, versions and documents come from the directory held in memory instead of two joins per row.
            let directory = filter.isEmpty ? try versionDirectory.entries(db) : nil
            // A document's symbol and date are read once, then reused for its other paragraphs.
            var documents: [Int64: (symbol: String, date: String?)] = [:]
            /// Reads up to `cap` candidates (newest first) from a query giving id, tokens, ref, chars and commitments, then either
            /// language, document id, symbol and date (joined) or the version id (looked up in the directory, where a version that
            /// is no longer current is passed over).
            func collect(_ sql: String, _ arguments: [any DatabaseValueConvertible], tier: Int) throws {
                // A cached statement and a cursor: rows are read in place, not copied.
                let statement = try db.cachedStatement(sql: sql)
                let limit: [any DatabaseValueConvertible] = directory == nil ? [cap + 1] : []
                let rows = try Row.fetchCursor(statement, arguments: StatementArguments(arguments + filterArguments + limit))
                var read = 0
                while let row = try rows.next() {
                    let language: String
                    let documentID: Int64
                    let document: (symbol: String, date: String?)
                    if let directory {
                        guard let version = directory[row[5]], version.isCurrent else { continue }
                        language = version.language
                        documentID = version.documentID
                        document = (version.symbol, version.date)
                    } else {
                        language = row[5]
                        documentID = row[6]
                        if let known = documents[documentID] {
                            document = known
                        } else {
                            document = (row[7], row[8])
                            documents[documentID] = document
                        }
                    }
                    read += 1
                    if read > cap {
                        candidates.capped = true
                        break
                    }
                    // The index texts are scored where SQLite holds them, without copying them into strings.
                    let scored = try row.withUnsafeData(atIndex: 1) { tokens in
                        try row.withUnsafeData(atIndex: 3) { characters in
                            tokens.map { tokens in
                                tokens.withUnsafeBytes { tokens in
                                    (characters ?? Data()).withUnsafeBytes { characters in
                                        candidates.scorer.score(
                                            tokens.bindMemory(to: UInt8.self), characters: characters.bindMemory(to: UInt8.self))
                                    }
                                }
                            }
                        }
                    }
                    candidates.add(
                        id: row[0], scored: scored, reference: row[2], language: language, documentID: documentID, symbol: document.symbol,
                        date: document.date, tier: tier, commitments: row[4])
                }
            }
            // With the directory, rows carry only their version and are read until the cap (superseded versions are passed
            // over in Swift); without it, the joins give the version's fields and apply the filters, and SQL stops at the cap.
            let (fields, versionJoins, filtered, limit) =
                directory == nil
                ? (", v.language, d.id, d.symbol, d.date", joins, andFilter, "LIMIT ?") : (", p.version_id", "", "", "")
            // The newest matches of the words, scored by BM25 (negated, so lower is better); phrase matches of the same words rank first.
            let text = """
                SELECT paragraph_index.rowid, p.tokens, NULL, \(scorer.countsCharacters ? "p.chars" : "''"), p.commitments\(fields)
                FROM paragraph_index JOIN paragraphs p ON p.id = paragraph_index.rowid \(versionJoins)
                WHERE paragraph_index MATCH ? \(filtered) ORDER BY paragraph_index.rowid DESC \(limit)
                """
            if let expression = parsed.expression {
                try collect(text, [SQLiteRecordStore.ftsExpression(expression)], tier: 1)
            }
            // Concepts: paragraphs in any language whose references name what the query names (current versions only). One
            // query per identifier walks its index entries newest first and stops at the cap; a single query over several
            // identifiers would have to sort every reference to all of them first (seconds for identifiers cited 200,000 times).
            let conceptSQL = """
                SELECT r.paragraph_id, NULL, r.ref_id, NULL, p.commitments\(fields)
                FROM refs r JOIN paragraphs p ON p.id = r.paragraph_id \(versionJoins)
                WHERE r.ref_id = ? \(directory == nil ? "AND v.is_current = 1" : "") \(filtered)
                ORDER BY r.paragraph_id DESC \(limit)
                """
            for concept in concepts {
                try collect(conceptSQL, [concept], tier: 2)
            }
            let ranked = candidates.ranked(query.sort ?? (parsed.expression == nil ? .newest : .relevance))
            let page = Array(ranked.dropFirst(max(0, query.offset)).prefix(max(0, min(query.limit, 1000))))
            let hits = try SQLiteRecordStore.hits(page, parsed: parsed, db)
            let facets = try self.facets(ranked, db)
            return SearchResults(
                tokens: parsed.tokens, total: ranked.count, totalIsCapped: candidates.capped, hits: hits, facets: facets,
                concepts: concepts,
                notes: parsed.notes)
        }
    }

    /// The page's hits with text, snippet and citation; a hit found only through a reference is highlighted there.
    static func hits(_ page: [SearchCandidate], parsed: ParsedSearch, _ db: Database) throws -> [SearchHit] {
        guard !page.isEmpty else { return [] }
        var stored: [Int64: (number: String?, ordinal: Int, title: String?, text: String)] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT p.id, p.number, p.ordinal, d.title, p.text FROM json_each(?) j JOIN paragraphs p ON p.id = j.value
                    JOIN versions v ON v.id = p.version_id JOIN documents d ON d.id = v.document_id
                    """),
            arguments: ["[" + page.map { String($0.id) }.joined(separator: ",") + "]"])
        while let row = try rows.next() { stored[row[0]] = (row[1], row[2], row[3], row[4]) }
        return try page.map { candidate in
            guard let paragraph = stored[candidate.id] else {
                throw StocktakeError(.store, "A paragraph found by search has gone from the database; run 'stocktake rebuild'.")
            }
            // A hit found through a reference alone is highlighted where it names the identifier.
            var span = candidate.score == nil ? nil : SearchHighlighter.firstMatch(in: paragraph.text, of: parsed.expression)
            if span == nil, let reference = candidate.references.sorted().first {
                span = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT start, \"end\" FROM refs WHERE paragraph_id = ? AND ref_id = ? ORDER BY start LIMIT 1"),
                    arguments: [candidate.id, reference]
                ).map { ($0[0], $0[1]) }
            }
            return SearchHit(
                symbol: candidate.symbol, language: candidate.language, paragraph: paragraph.number, ordinal: paragraph.ordinal,
                date: candidate.date, title: paragraph.title, snippet: SearchHighlighter.snippet(paragraph.text, span: span),
                citation: SQLiteRecordStore.citation(
                    symbol: candidate.symbol, number: paragraph.number, ordinal: paragraph.ordinal, language: candidate.language),
                matchedBy: candidate.references.sorted())
        }
    }

    /// Counts of the candidates by language, document, year, submitter and referenced commitment; each adds up to the total (or, for
    /// submitters and commitments, counts each hit once per value it has). The commitments were read with the matches; the
    /// submitters come from the directory held in memory.
    func facets(_ candidates: [SearchCandidate], _ db: Database) throws -> SearchFacets {
        var submitters: [(document: Int64, actor: String)] = []
        if !candidates.isEmpty {
            let known = try versionDirectory.submitters(db)
            for document in SearchCandidates.documentCounts(candidates).keys {
                for actor in known[document] ?? [] { submitters.append((document, actor)) }
            }
        }
        return SearchCandidates.facets(
            candidates, submitters: submitters, commitments: SearchCandidates.commitmentCounts(candidates))
    }
}

/// Where a query's words stand in a paragraph, and the snippet around them.
public enum SearchHighlighter {
    /// The first place (Unicode scalar offsets) where the query's words as a phrase, else any of its terms, occur.
    public static func firstMatch(in text: String, of expression: SearchExpression?) -> (Int, Int)? {
        guard let expression else { return nil }
        let spans = SearchTokenizer.spans(text)
        var terms = expression.positiveTerms
        if let phrase = expression.wordsAsPhrase { terms.insert(.phrase(phrase), at: 0) }
        for term in terms {
            switch term {
            case .phrase(let tokens), .prefix(let tokens):
                guard !tokens.isEmpty, tokens.count <= spans.count else { continue }
                let isPrefix: Bool = { if case .prefix = term { return true } else { return false } }()
                for start in 0...(spans.count - tokens.count) {
                    let matches = (0..<tokens.count).allSatisfy { k in
                        k == tokens.count - 1 && isPrefix
                            ? spans[start + k].token.hasPrefix(tokens[k]) : spans[start + k].token == tokens[k]
                    }
                    if matches { return (spans[start].start, spans[start + tokens.count - 1].end) }
                }
            case .character(let character):
                let folded = FoldedText(text)
                if let index = folded.scalars.firstIndex(where: { String($0) == character }) {
                    let range = folded.originalRange(index, index + 1)
                    return (range.start, range.end)
                }
            default: continue
            }
        }
        return nil
    }

    /// A window of about 160 characters around `span`, the span wrapped in ⟦ ⟧; the paragraph's start when there is no span.
    public static func snippet(_ text: String, span: (Int, Int)?) -> String {
        let scalars = Array(text.unicodeScalars)
        guard var (from, to) = span, from < to, to <= scalars.count else { return String(String.UnicodeScalarView(scalars.prefix(160))) }
        if to < scalars.count && (scalars[to] == ")" || scalars[to] == "）") && from > 0
            && scalars[..<to].contains(where: { $0 == "(" || $0 == "（" })
        {
            let opened = scalars[from..<to].filter { $0 == "(" || $0 == "（" }.count
            let closed = scalars[from..<to].filter { $0 == ")" || $0 == "）" }.count
            if opened > closed { to += 1 }
        }
        from = max(0, from)
        let left = max(0, from - 70), right = min(scalars.count, to + 70)
        var out = String.UnicodeScalarView()
        if left > 0 { out.append("…") }
        out.append(contentsOf: scalars[left..<from])
        out.append("⟦")
        out.append(contentsOf: scalars[from..<to])
        out.append("⟧")
        out.append(contentsOf: scalars[to..<right])
        if right < scalars.count { out.append("…") }
        return String(out)
    }
}

extension SQLiteRecordStore {
    /// Differences between the statistics BM25 reads and the index itself (documents per term, rows, tokens); empty when they agree.
    /// It reads the whole index, so it is for tests and `stocktake rebuild`, not for every search.
    public func indexStatisticsProblems() throws -> [String] {
        try read { db in
            var problems: [String] = []
            try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.index_terms USING fts5vocab(main, 'paragraph_index', 'row')")
            let mismatched =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM (
                            SELECT term, doc FROM temp.index_terms
                            EXCEPT SELECT term, docs FROM term_stats WHERE docs > 0
                            UNION ALL
                            SELECT term, docs FROM term_stats WHERE docs > 0
                            EXCEPT SELECT term, doc FROM temp.index_terms)
                        """) ?? 0
            if mismatched > 0 { problems.append("\(mismatched) terms have another document count than the index") }
            let rows =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM paragraphs p JOIN versions v ON v.id = p.version_id WHERE v.is_current = 1") ?? 0
            let tokens =
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT COALESCE(SUM(\(SQLiteRecordStore.tokenCountSQL("p.tokens"))), 0) FROM paragraphs p JOIN versions v ON v.id = p.version_id WHERE v.is_current = 1"
                ) ?? 0
            let kept = try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key IN ('indexed_rows', 'indexed_tokens') ORDER BY key")
            let values = Dictionary(uniqueKeysWithValues: kept.map { ($0[0] as String, Int($0[1] as String) ?? -1) })
            if values["indexed_rows"] != rows {
                problems.append("the index holds \(rows) paragraphs but \(values["indexed_rows"] ?? -1) are counted")
            }
            if values["indexed_tokens"] != tokens {
                problems.append("the index holds \(tokens) tokens but \(values["indexed_tokens"] ?? -1) are counted")
            }
            return problems
        }
    }
}
