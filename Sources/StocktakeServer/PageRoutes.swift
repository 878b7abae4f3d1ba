import Foundation
import HTTPTypes
import Hummingbird
import Logging
import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore
import StocktakeText

/// The pages, in English at `/…` (or as `Accept-Language` asks) and in Chinese at `/zh/…`.
struct PageRoutes: Sendable {
    let readers: Readers

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("", use: home)
        group.get("search", use: search)
        group.get("documents/**", use: document)
        group.get("commitments", use: commitments)
        group.get("commitments/:id", use: commitment)
        group.get("states", use: states)
        group.get("states/:id", use: state)
        group.get("compare", use: compare)
        group.get("programmes", use: programmes)
        group.get("programmes/:id", use: programme)
        group.get("scorecard", use: scorecard)
        group.get("reports/:state", use: report)
        group.get("declarations", use: declarations)
        group.get("declarations/:id", use: declaration)
        group.get("log", use: log)
    }

    func pages(_ request: Request) -> SitePages {
        SitePages(readers: readers, language: SiteLanguage.of(request), path: request.uri.path)
    }

    static func parameter(_ context: BasicRequestContext, _ name: String) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }

    struct Query: Decodable {
        var language: String?
        var compare: String?
        var cycle: String?
        var states: String?
        var from: Int?
    }

    @Sendable func home(_ request: Request, context: BasicRequestContext) async throws -> Response {
        Responses.html(try pages(request).home())
    }

    @Sendable func search(_ request: Request, context: BasicRequestContext) async throws -> Response {
        Responses.html(try pages(request).search(try request.uri.decodeQuery(as: SearchForm.self, context: context)))
    }

    @Sendable func document(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let symbol = context.parameters.getCatchAll().joined(separator: "/")
        let query = try request.uri.decodeQuery(as: Query.self, context: context)
        return Responses.html(
            try pages(request).document(symbol: symbol.removingPercentEncoding ?? symbol, language: query.language, compare: query.compare))
    }

    @Sendable func commitments(_ request: Request, context: BasicRequestContext) async throws -> Response {
        Responses.html(try pages(request).commitments())
    }

    @Sendable func commitment(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = try request.uri.decodeQuery(as: Query.self, context: context)
        return Responses.html(try pages(request).commitment(try PageRoutes.parameter(context, "id"), cycle: query.cycle))
    }

    @Sendable func states(_ request: Request, context: BasicRequestContext) async throws -> Response {
        Responses.html(try pages(request).states())
    }

    @Sendable func state(_ request: Request, context: BasicRequestContext) async throws -> Response {
        Responses.html(try pages(request).state(try PageRoutes.parameter(context, "id")))
    }

    @Sendable func compare(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = try request.uri.decodeQuery(as: Query.self, context: context)
        return Responses.html(try pages(request).compare(states: query.states, cycle: query.cycle))
    }

    @Sendable func programmes(_ request: Request, context: BasicRequestContext) async throws -> Response {
        Responses.html(try pages(request).programmes())
    }

    @Sendable func programme(_ request: Request, context: BasicRequestContext) async throws -> Response {
        Responses.html(try pages(request).programme(try PageRoutes.parameter(context, "id")))
    }

    @Sendable func scorecard(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = try request.uri.decodeQuery(as: Query.self, context: context)
        return Responses.html(try pages(request).scorecardPage(cycle: query.cycle))
    }

    @Sendable func report(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = try request.uri.decodeQuery(as: Query.self, context: context)
        let state = try readers.registry.state(try PageRoutes.parameter(context, "state")).id
        return Responses.html(
            try ReportService(readers: readers).html(state: state, cycle: query.cycle, language: SiteLanguage.of(request)),
            inlineStyle: true)
    }

    @Sendable func declarations(_ request: Request, context: BasicRequestContext) async throws -> Response {
        Responses.html(try pages(request).declarations())
    }

    @Sendable func declaration(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = try request.uri.decodeQuery(as: Query.self, context: context)
        return Responses.html(
            try pages(request).declaration(try PageRoutes.declarationID(context), from: try PageRoutes.firstRow(query.from)))
    }

    /// The `:id` of a declaration route: a log entry number.
    static func declarationID(_ context: BasicRequestContext) throws -> UInt64 {
        let text = try parameter(context, "id")
        guard let id = UInt64(text) else {
            throw StocktakeError(
                .invalidArgument, "'\(text.prefix(40))' is not a declaration ID; IDs are log entry numbers, as /declarations lists them.")
        }
        return id
    }

    /// A `from` row: 1 when absent, refused when below 1.
    static func firstRow(_ from: Int?) throws -> Int {
        guard let from else { return 1 }
        guard from >= 1 else { throw StocktakeError(.invalidArgument, "from must be a row number of 1 or more.") }
        return from
    }

    @Sendable func log(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let host = request.head.authority ?? "\(readers.settings.host):\(readers.settings.port)"
        return Responses.html(try pages(request).logPage(base: "http://\(host)"))
    }
}

/// The monitoring report, computed as `stocktake report` computes it.
struct ReportService {
    let readers: Readers

    func report(state: String?, cycle text: String?, language: InterfaceLanguage) throws -> MonitoringReport {
        let period = try readers.cycle(text)
        let checkpoint = try readers.reportCheckpoint()
        let command = "stocktake report" + (state.map { " --state \($0)" } ?? "") + " --cycle \(period.id) --lang \(language.rawValue)"
        return try MonitoringReportBuilder(
            registry: readers.registry, reference: readers.stocktaking, catalogue: readers.presenter.catalogue(language)
        ).build(
            store: readers.store, scope: ReportScope(state: state), states: state.map { [$0] }, commitments: nil, group: nil,
            period: period, checkpoint: checkpoint,
            command: command)
    }

    func html(state: String?, cycle: String?, language: InterfaceLanguage) throws -> String {
        try readers.presenter.reportHTML(try report(state: state, cycle: cycle, language: language))
    }
}
