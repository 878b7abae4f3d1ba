import Foundation
import StocktakeCore
import StocktakeStore

/// The search parameters a page or an API request gives, read into a query.
struct SearchForm: Decodable {
    /// Hits per page.
    static let pageSize = 20

    var q: String?
    var language: String?
    var ref: String?
    var page: Int?

    /// The query: text (at most 1,000 characters), language, reference, and the page's window of hits.
    func query() throws -> SearchQuery {
        var query = SearchQuery(text: String((q ?? "").prefix(1000)))
        if let language, !language.isEmpty { query.language = try Language(parsing: language) }
        if let ref = ref?.trimmingCharacters(in: .whitespaces), !ref.isEmpty { query.reference = ref }
        let page = max(1, min(page ?? 1, 500))
        query.limit = SearchForm.pageSize
        query.offset = (page - 1) * SearchForm.pageSize
        return query
    }
}
