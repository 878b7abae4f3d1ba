public import StocktakeCore

/// A trajectory as text: the series, its trend, when zero is reached, and each milestone's status.
public enum TrajectoryRendering {
    static func year(_ value: Double?) -> String { value.map { NumberText.decimal($0, digits: 1) } ?? "never" }

    /// The text a person reads.
    public static func text(_ trajectory: Trajectory, registry: Registry) -> String {
        var out =
            "\(registry.displayName(of: trajectory.state)) — \(trajectory.metric), series \(trajectory.series), as of \(trajectory.asOf)\n\n"
        if trajectory.points.isEmpty { out += "  no figures in this series\n" }
        for point in trajectory.points {
            out +=
                "  \(point.date)  \(NumberText.withBounds(point.value, low: point.low, high: point.high))  \(point.source)\n"
        }
        if let rate = trajectory.rate, let zero = trajectory.zero {
            out +=
                "\nobserved change \(NumberText.decimal(rate.perYear, digits: 1)) a year from \(rate.from) to \(rate.to) (\(rate.points) points; through the bounds \(NumberText.decimal(rate.low, digits: 1)) to \(NumberText.decimal(rate.high, digits: 1)))\n"
            out +=
                zero.never
                ? "zero is never reached on the current trend (the series is flat or rising)\n"
                : "zero is reached in \(year(zero.year)) at the observed rate (bounds: \(year(zero.earliest)) to \(year(zero.latest)))\n"
        } else {
            out += "\nfewer than two figures up to \(trajectory.asOf): no trend is computed\n"
        }
        if !trajectory.milestones.isEmpty {
            var rows = [["programme", "phase", "due", "target", "status", "needs / year", "observed / year", "sourcing"]]
            for milestone in trajectory.milestones {
                let needed =
                    milestone.requiredPerYear.map {
                        "\(NumberText.decimal($0, digits: 1)) (\(NumberText.decimal(milestone.requiredLow ?? $0, digits: 1))–\(NumberText.decimal(milestone.requiredHigh ?? $0, digits: 1)))"
                    } ?? "—"
                rows.append([
                    milestone.programme, milestone.phase, milestone.due?.description ?? "trigger not yet",
                    milestone.target.map { "≤ " + NumberText.grouped(Int($0)) } ?? (milestone.asked ?? "—"),
                    milestone.status, needed,
                    (milestone.target == nil ? nil : milestone.observedPerYear).map { NumberText.decimal($0, digits: 1) } ?? "—",
                    milestone.sourcing,
                ])
            }
            out += "\n" + ScorecardRendering.table(rows)
        }
        return out
    }
}
