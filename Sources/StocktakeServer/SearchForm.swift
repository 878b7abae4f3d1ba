import Foundation
import StocktakeCore
import StocktakeStore
import StocktakeText

/// The search parameters a page or an API request gives, read into a query.
struct SearchForm: Decodable {
    /// Hits per page.
    static let pageSize = 20

    var q: String?
    var language: String?
    var ref: String?
    var page: Int?
    var sort: String?
    var concepts: String?
    var year: Int?
    var submitter: String?
    var symbol: String?

    /// The query: text (at most 1,000 characters), filters, order, concepts, and the page's window of hits.
    func query(_ readers: Readers) throws -> SearchQuery {
        var query = SearchQuery(text: String((q ?? "").prefix(1000)))
        if let language, !language.isEmpty { query.language = try Language(parsing: language) }
        if let ref = ref?.trimmingCharacters(in: .whitespaces), !ref.isEmpty { query.reference = ref }
        if let sort, !sort.isEmpty {
            guard let order = SearchSort(rawValue: sort) else {
                throw StocktakeError(.invalidArgument, "'\(sort.prefix(20))' is not an order; use relevance, newest or oldest.")
            }
            query.sort = order
        }
        if let year {
            guard (1945...2200).contains(year) else { throw StocktakeError(.invalidArgument, "year must be a year from 1945 to 2200.") }
            query.year = year
        }
        if let submitter, !submitter.isEmpty { query.submitters = [submitter] }
        if let symbol, !symbol.isEmpty { query.symbolPrefix = symbol }
        switch concepts ?? "on" {
        case "on", "": query.concepts = readers.references.searchConcepts(in: query.text)
        case "off": query.useConcepts = false
        default: throw StocktakeError(.invalidArgument, "concepts takes on or off.")
        }
        let page = max(1, min(page ?? 1, 500))
        query.limit = SearchForm.pageSize
        query.offset = (page - 1) * SearchForm.pageSize
        return query
    }

    /// The same search with `changes` applied, as a link (facets narrow, pages move).
    func link(_ path: String, page: Int? = nil, _ changes: [String: String] = [:]) -> String {
        var values: [String: String] = [:]
        for (name, value) in [
            ("q", q), ("language", language), ("ref", ref), ("sort", sort), ("concepts", concepts), ("year", year.map(String.init)),
            ("submitter", submitter), ("symbol", symbol),
        ] {
            if let value, !value.isEmpty { values[name] = value }
        }
        values.merge(changes) { $1 }
        if let page, page > 1 { values["page"] = String(page) }
        var components = URLComponents()
        components.path = path
        components.queryItems = values.keys.sorted().map { URLQueryItem(name: $0, value: values[$0]) }
        return components.string ?? path
    }
}
