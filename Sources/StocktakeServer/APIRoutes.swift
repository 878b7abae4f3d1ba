import Foundation
import HTTPTypes
import Hummingbird
import Logging
import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore
import StocktakeText

/// The JSON API under `/api/v1`: everything the pages show, CSV for tables, problems for errors.
struct APIRoutes: Sendable {
    let readers: Readers
    let openAPI: [UInt8]

    /// Every read route of the API: method, path (as the router writes it) and handler; the OpenAPI test compares this table with the document.
    var routes: [(method: String, path: String, handler: @Sendable (Request, BasicRequestContext) async throws -> Response)] {
        [
            ("GET", "openapi.json", { [openAPI] _, _ in Responses.bytes(openAPI, type: "application/json; charset=utf-8") }),
            ("GET", "search", search), ("GET", "documents/**", document), ("GET", "commitments", commitments),
            ("GET", "commitments/:id", commitment),
            ("GET", "states/:id", state), ("GET", "scorecard", scorecard), ("GET", "assessments", assessments),
            ("GET", "evidence", evidence),
            ("GET", "figures", figures), ("GET", "programmes", programmes), ("GET", "programmes/:id", programme),
            ("GET", "trajectory/:state", trajectory),
            ("GET", "reports/:state", report), ("GET", "checkpoint", checkpoint),
            ("GET", "declarations", declarations), ("GET", "declarations/:id", declaration),
        ]
    }

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        for route in routes { group.get(RouterPath(route.path), use: route.handler) }
    }

    struct Query: Decodable {
        var q: String?
        var language: String?
        var ref: String?
        var page: Int?
        var format: String?
        var cycle: String?
        var state: String?
        var commitment: String?
        var subject: String?
        var group: String?
        var metric: String?
        var series: String?
        var date: String?
        var programme: String?
        var from: Int?
        var limit: Int?
    }

    func query(_ request: Request, _ context: BasicRequestContext) throws -> Query {
        var query = try request.uri.decodeQuery(as: Query.self, context: context)
        // An empty parameter means the same as an absent one.
        for path in [\Query.q, \.language, \.ref, \.state, \.commitment, \.subject, \.group, \.metric, \.series, \.programme]
        where query[keyPath: path]?.isEmpty == true {
            query[keyPath: path] = nil
        }
        if let page = query.page, !(1...500).contains(page) {
            throw StocktakeError(.invalidArgument, "page must be a whole number from 1 to 500.")
        }
        if let format = query.format, !["json", "csv"].contains(format) {
            throw StocktakeError(.invalidArgument, "'\(format)' is not a format here; use json or csv.")
        }
        return query
    }

    @Sendable func search(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let q = try query(request, context)
        let form = try request.uri.decodeQuery(as: SearchForm.self, context: context)
        let search = try form.query(readers)
        let results = try readers.store.search(search)
        if q.format == "csv" {
            return Responses.csv(CSVFormat.render(TableRows.searchHits(results.hits)))
        }
        return try Responses.json(SearchPage(query: search, results: results))
    }

    @Sendable func document(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let q = try query(request, context)
        let symbol = context.parameters.getCatchAll().joined(separator: "/")
        let language = try q.language.flatMap { $0.isEmpty ? nil : $0 }.map(Language.init(parsing:))
        guard let document = try readers.store.document(symbol: symbol.removingPercentEncoding ?? symbol, language: language) else {
            throw StocktakeError(.unknownIdentifier, "The library holds no document \(symbol); search for it instead.")
        }
        return try Responses.json(document)
    }

    @Sendable func commitments(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let q = try query(request, context)
        if q.format == "csv" {
            return Responses.csv(
                CSVFormat.render(
                    [["id", "instrument", "parent", "addressees", "label"]]
                        + readers.registry.commitments.map {
                            [$0.id, $0.instrument, $0.parent ?? "", $0.addressees.joined(separator: ";"), $0.labels[.en] ?? ""]
                        }))
        }
        return try Responses.json(readers.registry.commitments)
    }

    @Sendable func commitment(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let q = try query(request, context)
        let commitment = try readers.registry.commitment(try PageRoutes.parameter(context, "id"))
        let period = try readers.cycle(q.cycle)
        let card = try readers.scorecard(ScorecardFilter(commitments: [commitment.id], cycles: [period]))
        struct Output: Encodable { let commitment: CommitmentRecord, cycle: CyclePeriod, cells: [ScorecardCell], paragraphs: [EvidenceHit] }
        return try Responses.json(
            Output(commitment: commitment, cycle: period, cells: card.cells, paragraphs: try readers.store.evidence(for: commitment.id)))
    }

    @Sendable func state(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let state = try readers.registry.state(try PageRoutes.parameter(context, "id"))
        let today = Day.today()
        struct Standing: Encodable { let treaty: String, standing: String }
        struct Output: Encodable {
            let id: String, names: [String: String], memberships: [String], treaties: [Standing], assessments: [RecordedAssessment],
                figures: [RecordedFigure]
        }
        return try Responses.json(
            Output(
                id: state.id, names: Dictionary(uniqueKeysWithValues: state.names.map { ($0.key.rawValue, $0.value) }),
                memberships: try readers.registry.memberships(of: state.id, asOf: today).filter(\.isMember).map(\.organization),
                treaties: try ["NPT", "CTBT", "TPNW"].map {
                    Standing(
                        treaty: $0,
                        standing: (try readers.registry.treatyStatus($0, asOf: today).states.first { $0.state == state.id }?.standing
                            ?? .none).rawValue)
                },
                assessments: try readers.store.assessments(state: state.id, commitment: nil),
                figures: try readers.figures().filter { $0.payload.state == state.id }))
    }

    @Sendable func scorecard(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let q = try query(request, context)
        let registry = readers.registry
        let period = try readers.cycle(q.cycle)
        let filter = ScorecardFilter(
            states: try q.state.map { [try registry.state($0).id] }, commitments: try q.commitment.map { [try registry.commitment($0).id] },
            group: try q.group.map { try registry.organization($0).id }, cycles: [period])
        let card = try readers.scorecard(filter)
        if q.format == "csv" { return Responses.csv(ScorecardRendering.csv(card)) }
        return Responses.bytes(
            Array(try ScorecardRendering.json(card, methodSHA256: readers.stocktaking.methodSHA256).utf8),
            type: "application/json; charset=utf-8")
    }

    @Sendable func assessments(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let q = try query(request, context)
        let state = try q.state.map { try readers.registry.state($0).id }
        let commitment = try q.commitment.map { try readers.registry.commitment($0).id }
        let items = try readers.store.assessments(state: state, commitment: commitment)
        if q.format == "csv" {
            return Responses.csv(CSVFormat.render(TableRows.assessments(AssessmentHistory(items).entries)))
        }
        return try Responses.json(items)
    }

    @Sendable func evidence(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let q = try query(request, context)
        return try Responses.json(try readers.store.evidenceItems(subject: q.subject ?? q.state, commitment: q.commitment))
    }

    @Sendable func figures(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let q = try query(request, context)
        let metric = try q.metric.map { try ArsenalMetric(id: $0).rawValue }
        let state = try q.state.map { try readers.registry.state($0).id }
        let day = try q.date.map(Day.init(parsing:))
        let shown = try readers.figures().filter {
            !$0.superseded && (state == nil || $0.payload.state == state) && (metric == nil || $0.payload.metric == metric)
                && (q.series == nil || $0.payload.series == q.series)
                && (day == nil || $0.payload.date == day)
        }
        if q.format == "csv" {
            return Responses.csv(CSVFormat.render(TableRows.figures(shown)))
        }
        return try Responses.json(shown)
    }

    @Sendable func declarations(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let q = try query(request, context)
        let declarations = try readers.store.declarations()
        if q.format == "csv" { return Responses.csv(CSVFormat.render(TableRows.declarations(declarations))) }
        return try Responses.json(declarations)
    }

    @Sendable func declaration(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let q = try query(request, context)
        if let limit = q.limit, !(1...10_000).contains(limit) {
            throw StocktakeError(.invalidArgument, "limit must be a whole number from 1 to 10000.")
        }
        let status = try DeclarationStatus.build(
            try PageRoutes.declarationID(context), store: readers.store, log: try readers.log(), fromRow: try PageRoutes.firstRow(q.from),
            limit: q.limit ?? 1000)
        if q.format == "csv" { return Responses.csv(CSVFormat.render(TableRows.revealedValues(status))) }
        return try Responses.json(status)
    }

    @Sendable func programmes(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try Responses.json(readers.arsenals.programmes)
    }

    @Sendable func programme(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try Responses.json(try readers.arsenals.programme(try PageRoutes.parameter(context, "id")))
    }

    @Sendable func trajectory(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let q = try query(request, context)
        let state = try readers.registry.state(try PageRoutes.parameter(context, "state")).id
        let programmes = try q.programme.map { [try readers.arsenals.programme($0)] } ?? readers.arsenals.programmes
        let metric = try ArsenalMetric(id: q.metric ?? "total-inventory").rawValue
        return try Responses.json(
            TrajectoryAnalyzer.analyze(
                state: state, metric: metric, series: q.series ?? "SIPRI", figures: try readers.figures(), programmes: programmes,
                asOf: Day.today()))
    }

    @Sendable func report(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let q = try query(request, context)
        let state = try readers.registry.state(try PageRoutes.parameter(context, "state")).id
        return try Responses.json(try ReportService(readers: readers).report(state: state, cycle: q.cycle, language: .en))
    }

    @Sendable func checkpoint(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let checkpoint = try readers.reportCheckpoint()
        struct Output: Encodable { let origin: String, size: UInt64, root: String, note: String, key: String }
        return try Responses.json(
            Output(
                origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root, note: checkpoint.note, key: readers.logKey.encoded)
        )
    }
}
