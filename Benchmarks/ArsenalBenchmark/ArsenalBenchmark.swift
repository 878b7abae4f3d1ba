import Benchmark
import Foundation
import StocktakeCore
import StocktakePresentation
import StocktakeStore

/// The bundled registry, figures and programmes, read once outside the measurements.
enum ArsenalInputs {
    static let data = RegistryDirectory.bundledDataDirectory
    static let registry = try! RegistryDirectory.load(from: data)
    static let reference = try! ArsenalDirectory.load(from: data, registry: registry)
    static let figures = RecordedFigure.resolve(bundled: reference.figures, logged: [])
    static let catalogue = try! Catalogue.loadAll(
        from: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/StocktakePresentation/Catalogues"))[.en]!
    static let asOf = Day(iso: "2026-11-26")!
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock], timeUnits: .microseconds, warmupIterations: 3, maxDuration: .seconds(10), maxIterations: 200)
    _ = ArsenalInputs.figures

    // Baseline: one pass over every figure, the least any analysis must do.
    Benchmark("One pass summing every bundled figure (baseline)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ArsenalInputs.figures.reduce(0.0) { $0 + $1.payload.value })
        }
    }

    Benchmark("Trajectory of all nine possessor states against every shipped programme", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            for state in Programme.possessors {
                blackHole(
                    TrajectoryAnalyzer.analyze(
                        state: state, metric: "total-inventory", series: "SIPRI", figures: ArsenalInputs.figures,
                        programmes: ArsenalInputs.reference.programmes,
                        asOf: ArsenalInputs.asOf))
            }
        }
    }

    Benchmark("World chart (SVG) of the SIPRI 2025 figures", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            let day = Day(iso: "2025-01-01")!
            let total = FigureTotal.of(ArsenalInputs.figures, series: "SIPRI", metric: "total-inventory", date: day)!
            let bars = ArsenalInputs.figures.filter {
                !$0.superseded && $0.payload.series == "SIPRI" && $0.payload.metric == "total-inventory" && $0.payload.date == day
            }
            .map(\.payload).sorted { $0.value > $1.value }
            .map {
                SVGChart.Bar(
                    label: ArsenalInputs.registry.displayName(of: $0.state), value: $0.value, low: $0.lowOrValue, high: $0.highOrValue)
            }
            blackHole(
                SVGChart.world(title: "world", bars: bars, total: "\(total.value)", source: "SIPRI", catalogue: ArsenalInputs.catalogue))
        }
    }

    Benchmark("State chart (SVG) of China, two series, with every programme's milestones", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            let analysis = TrajectoryAnalyzer.analyze(
                state: "CHN", metric: "total-inventory", series: "SIPRI", figures: ArsenalInputs.figures,
                programmes: ArsenalInputs.reference.programmes, asOf: ArsenalInputs.asOf)
            let lines = ["SIPRI", "FAS"].map {
                SVGChart.Line(
                    label: $0, points: TrajectoryAnalyzer.points(ArsenalInputs.figures, state: "CHN", metric: "total-inventory", series: $0)
                )
            }
            let milestones = analysis.milestones.compactMap { m in
                m.due.flatMap { due in m.target.map { SVGChart.Milestone(label: m.programme, due: due, target: $0) } }
            }
            blackHole(
                SVGChart.series(title: "China", lines: lines, milestones: milestones, sources: [], catalogue: ArsenalInputs.catalogue))
        }
    }
}
