import Foundation
import HTTPTypes
import Hummingbird
import Logging
import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore
import StocktakeText

/// SVG charts, the same the command line writes, and the site's stylesheet.
struct ChartRoutes: Sendable {
    let readers: Readers

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("charts/world.svg", use: world)
        router.get("charts/states/:file", use: state)
        let icon = Array(
            ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1d2330"/><path d="M4 8h8M8 4v8" stroke="#fff" stroke-width="2"/></svg>"##
                .utf8)
        for path in ["favicon.svg", "favicon.ico"] {
            router.get(RouterPath(path), use: { _, _ in Responses.bytes(icon, type: "image/svg+xml", cache: "max-age=86400") })
        }
        router.get(
            "static/site.css",
            use: { _, _ in Responses.bytes(Array(readers.presenter.stylesheet.utf8), type: "text/css; charset=utf-8", cache: "max-age=3600")
            })
    }

    struct Query: Decodable { var lang: String? }

    func catalogue(_ request: Request, _ context: BasicRequestContext) throws -> Catalogue {
        let query = try request.uri.decodeQuery(as: Query.self, context: context)
        return readers.presenter.catalogue(try query.lang.map { try InterfaceLanguage(code: $0) } ?? .en)
    }

    @Sendable func world(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let catalogue = try catalogue(request, context)
        let figures = try readers.figures().filter {
            !$0.superseded && $0.payload.series == "SIPRI" && $0.payload.metric == "total-inventory"
        }
        guard let day = figures.map(\.payload.date).max(),
            let total = FigureTotal.of(figures, series: "SIPRI", metric: "total-inventory", date: day)
        else {
            throw StocktakeError(.unknownIdentifier, "There are no SIPRI figures to chart.")
        }
        let bars = figures.filter { $0.payload.date == day }.map(\.payload).sorted { $0.value > $1.value }.map {
            SVGChart.Bar(
                label: readers.registry.displayName(of: $0.state, in: catalogue.language.language), value: $0.value, low: $0.lowOrValue,
                high: $0.highOrValue)
        }
        return Responses.svg(
            SVGChart.world(
                title: "\(catalogue.text("chart.world")) — SIPRI, \(day)", bars: bars,
                total:
                    "\(catalogue.text("chart.total")) \(NumberText.grouped(Int(total.value))) · \(total.states.count) \(catalogue.text("chart.states"))",
                source: "SIPRI Yearbook", catalogue: catalogue))
    }

    @Sendable func state(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let file = try context.parameters.require("file")
        guard file.hasSuffix(".svg") else { throw StocktakeError(.unknownIdentifier, "Charts are served as STATE.svg.") }
        let state = try readers.registry.state(String(file.dropLast(4))).id
        let catalogue = try catalogue(request, context)
        let figures = try readers.figures()
        let lines = ["SIPRI", "FAS"].map {
            SVGChart.Line(label: $0, points: TrajectoryAnalyzer.points(figures, state: state, metric: "total-inventory", series: $0))
        }
        guard lines.contains(where: { !$0.points.isEmpty }) else {
            throw StocktakeError(.unknownIdentifier, "There are no warhead figures for \(state).")
        }
        let analysis = TrajectoryAnalyzer.analyze(
            state: state, metric: "total-inventory", series: "SIPRI", figures: figures,
            programmes: readers.arsenals.programmes.filter { $0.id == "GZ2010" }, asOf: Day.today())
        let milestones = analysis.milestones.compactMap { m in
            m.due.flatMap { due in m.target.map { SVGChart.Milestone(label: "\(m.programme) \(m.phase)", due: due, target: $0) } }
        }
        return Responses.svg(
            SVGChart.series(
                title: "\(readers.registry.displayName(of: state, in: catalogue.language.language)) — total-inventory", lines: lines,
                milestones: milestones,
                sources: lines.compactMap { line in line.points.last.map { "\(line.label) — \($0.source)" } }, catalogue: catalogue))
    }
}
