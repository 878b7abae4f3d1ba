import Foundation
import StocktakeCore
import StocktakeStore
import Testing

/// The bundled figures and programmes, read once.
enum ArsenalFixture {
    static let reference = try! ArsenalDirectory.load(from: RegistryDirectory.bundledDataDirectory, registry: RegistryFixture.shipped)
    static let figures = RecordedFigure.resolve(bundled: reference.figures, logged: [])

    static func figure(_ state: String, _ value: Double, _ date: String, low: Double? = nil, high: Double? = nil, series: String = "TEST")
        -> RecordedFigure
    {
        RecordedFigure(
            entryIndex: nil, author: nil,
            payload: FigurePayload(
                state: state, metric: "total-inventory", value: value, low: low, high: high, date: Day(date), nature: "estimated",
                series: series,
                source: "https://example.org/\(series)", consulted: Day(date), verification: "seen", note: nil, objection: nil))
    }
}

@Suite("Arsenal figures, programmes and trajectories")
struct TrajectoryTests {
    @Test("the SIPRI January 2025 world total, summed by Stocktake from its nine figures, is SIPRI's published 12,241")
    func sipriWorldTotal() throws {
        let total = try #require(
            FigureTotal.of(ArsenalFixture.figures, series: "SIPRI", metric: "total-inventory", date: Day("2025-01-01")))
        #expect(total.value == 12_241)
        #expect(total.states == Programme.possessors)
    }

    @Test("every bundled figure names a source and the day it was consulted; series are never merged")
    func provenance() throws {
        #expect(ArsenalFixture.figures.count > 150)
        for figure in ArsenalFixture.figures {
            #expect(figure.payload.source.hasPrefix("http") || figure.payload.source.contains("/"))
            #expect(["SIPRI", "FAS", "NEWSTART"].contains(figure.payload.series))
        }
        let china = ArsenalFixture.figures.filter {
            $0.payload.state == "CHN" && $0.payload.metric == "total-inventory" && $0.payload.date.year == 2025
        }
        #expect(Set(china.map(\.payload.series)) == ["SIPRI", "FAS"], "both estimates are kept, side by side")
        #expect(china.allSatisfy { !$0.superseded })
    }

    @Test("China's rising series: a zero milestone is behind or overdue, and zero is never reached on the current trend")
    func china() throws {
        let trajectory = TrajectoryAnalyzer.analyze(
            state: "CHN", metric: "total-inventory", series: "SIPRI", figures: ArsenalFixture.figures,
            programmes: ArsenalFixture.reference.programmes, asOf: Day("2026-11-26"))
        #expect(trajectory.rate!.perYear > 0)
        #expect(trajectory.zero!.never)
        let zeros = trajectory.milestones.filter { $0.kind == "zero" && $0.due != nil }
        #expect(!zeros.isEmpty && zeros.allSatisfy { $0.status == "behind" || $0.status == "overdue" })
        #expect(trajectory.milestones.first { $0.programme == "GZ2010" && $0.phase == "4" }?.status == "behind")
        #expect(trajectory.milestones.first { $0.programme == "POA1996" && $0.phase == "3" }?.status == "overdue")
        #expect(
            trajectory.milestones.filter { $0.programme == "MNWC" }.allSatisfy { $0.status == "not-started" },
            "the convention has not entered into force")
    }

    @Test("a falling series reaches zero in a finite year, and the bounds give a range around it")
    func fallingWithBounds() throws {
        let figures = [
            ArsenalFixture.figure("PAK", 300, "2020-01-01", low: 280, high: 320),
            ArsenalFixture.figure("PAK", 250, "2022-01-01", low: 230, high: 270),
            ArsenalFixture.figure("PAK", 200, "2024-01-01", low: 170, high: 230),
        ]
        let trajectory = TrajectoryAnalyzer.analyze(
            state: "PAK", metric: "total-inventory", series: "TEST", figures: figures, programmes: [], asOf: Day("2024-06-01"))
        let rate = try #require(trajectory.rate)
        #expect(abs(rate.perYear - -25) < 0.01 && rate.low < rate.perYear && rate.high > rate.perYear)
        let zero = try #require(trajectory.zero)
        #expect(zero.year == 2032)
        #expect(zero.earliest! < 2032 && zero.latest! > 2032)
        let us = TrajectoryAnalyzer.analyze(
            state: "USA", metric: "total-inventory", series: "SIPRI", figures: ArsenalFixture.figures, programmes: [],
            asOf: Day("2026-11-26"))
        #expect(us.rate!.perYear < 0 && us.zero!.year != nil && us.zero!.year! > 2040)
    }

    @Test("a milestone is met, on track or behind by the yearly reduction it requires against the rate observed")
    func milestoneStatuses() throws {
        let figures = [ArsenalFixture.figure("GBR", 300, "2020-01-01"), ArsenalFixture.figure("GBR", 200, "2024-01-01")]
        func programme(ceiling: Double, due: String) throws -> Programme {
            try JSONDecoder().decode(
                Programme.self,
                from: Data(
                    """
                    {"id": "P", "title": {"en": "p"}, "proposedBy": "test", "source": {"url": "https://example.org", "title": "t", "consulted": "2026-01-01", "verification": "seen"},
                     "addressees": ["NWS"], "trigger": null,
                     "phases": [{"id": "1", "label": {"en": "one"}, "start": {"date": "2024-01-01"}, "end": {"date": "\(due)"},
                       "targets": [{"states": ["NWS"], "metric": "total-inventory", "kind": "ceiling", "value": \(ceiling), "sourcing": "seen"}]}]}
                    """.utf8))
        }
        func status(_ ceiling: Double, _ due: String) throws -> MilestoneStatus {
            TrajectoryAnalyzer.analyze(
                state: "GBR", metric: "total-inventory", series: "TEST", figures: figures,
                programmes: [try programme(ceiling: ceiling, due: due)], asOf: Day("2024-01-01")
            ).milestones[0]
        }
        #expect(try status(250, "2030-12-31").status == "met")
        #expect(try status(150, "2026-01-01").status == "on-track", "50 in two years needs 25 a year; 25 a year is observed")
        let behind = try status(0, "2026-01-01")
        #expect(behind.status == "behind" && behind.requiredPerYear == 100 && behind.observedPerYear == 25)
        #expect(try status(100, "2023-06-30").status == "overdue")
    }

    @Test("a correction in the log supersedes the bundled figure with the same key; history keeps both")
    func corrections() throws {
        let bundled = [ArsenalFixture.figure("FRA", 290, "2025-01-01", series: "SIPRI")]
        let corrected = RecordedFigure(
            entryIndex: 12, author: "analyst", payload: ArsenalFixture.figure("FRA", 300, "2025-01-01", series: "SIPRI").payload)
        let resolved = RecordedFigure.resolve(bundled: bundled, logged: [corrected])
        #expect(resolved.map(\.superseded) == [true, false])
        #expect(FigureTotal.of(resolved, series: "SIPRI", metric: "total-inventory", date: Day("2025-01-01"))?.value == 300)
    }

    @Test("every shipped programme checks, ends in zero for the possessors, and says how well each target is sourced")
    func programmes() throws {
        let ids = ArsenalFixture.reference.programmes.map(\.id)
        for id in ["POA1996", "NAM2010", "MNWC", "GZ2010", "NEWSTART"] { #expect(ids.contains(id)) }
        for programme in ArsenalFixture.reference.programmes where programme.id != "NEWSTART" {
            #expect(
                programme.phases.last!.targets.contains {
                    $0.kind == "zero" && Programme.expand($0.states).isSuperset(of: Programme.possessors)
                })
            #expect(programme.phases.flatMap(\.targets).allSatisfy { ["seen", "secondary", "recalled"].contains($0.sourcing) })
        }
    }
}
