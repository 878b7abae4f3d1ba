/// One point of a series, as analysed and drawn.
public struct FigurePoint: Codable, Sendable, Equatable {
    /// The day.
    public let date: Day
    /// The value.
    public let value: Double
    /// The low bound (the value when none is given).
    public let low: Double
    /// The high bound (the value when none is given).
    public let high: Double
    /// Where it can be read.
    public let source: String
}

/// The yearly change observed in a series: a least-squares slope through its values, and through its low and high bounds.
public struct ObservedRate: Codable, Sendable, Equatable {
    /// Change per year through the values; negative is a reduction.
    public let perYear: Double
    /// Change per year through the low bounds.
    public let low: Double
    /// Change per year through the high bounds.
    public let high: Double
    /// The first day of the points fitted.
    public let from: Day
    /// The last day.
    public let to: Day
    /// How many points.
    public let points: Int
}

/// When zero is reached at the observed rate: a year with its range, or never when the trend is flat or upward.
public struct ZeroProjection: Codable, Sendable, Equatable {
    /// The year through the values at the observed rate; nil means never.
    public let year: Double?
    /// The earliest year the bounds allow.
    public let earliest: Double?
    /// The latest year the bounds allow; nil means never.
    public let latest: Double?

    /// True when zero is never reached on the trend through the values.
    public var never: Bool { year == nil }
}

/// Where a state stands on one target of one phase.
public struct MilestoneStatus: Codable, Sendable, Equatable {
    /// The programme.
    public let programme: String
    /// The phase.
    public let phase: String
    /// The phase's name in English.
    public let label: String
    /// When the target is due; nil when the trigger has not happened.
    public let due: Day?
    /// `ceiling`, `zero`, `percent-cut` or `status`.
    public let kind: String
    /// The number the state must be at or below, for measurable targets.
    public let target: Double?
    /// For status targets: what is asked.
    public let asked: String?
    /// `met`, `on-track`, `behind`, `overdue`, `not-started` (trigger not happened), `not-measurable` (a status target) or `no-data`.
    public let status: String
    /// The latest figure on or before the day of analysis.
    public let current: FigurePoint?
    /// The yearly reduction needed from now to meet it, through the value, the low and the high bound.
    public let requiredPerYear: Double?
    /// The required reduction from the low bound.
    public let requiredLow: Double?
    /// The required reduction from the high bound.
    public let requiredHigh: Double?
    /// The reduction per year observed (the negative of the rate).
    public let observedPerYear: Double?
    /// How well the target is sourced.
    public let sourcing: String
}

/// A state's series on one metric, its trend, and its distance to each milestone of the programmes.
public struct Trajectory: Codable, Sendable, Equatable {
    /// The state.
    public let state: String
    /// The metric.
    public let metric: String
    /// The series.
    public let series: String
    /// The day of analysis.
    public let asOf: Day
    /// The series' points, oldest first.
    public let points: [FigurePoint]
    /// The observed rate; nil with fewer than two points.
    public let rate: ObservedRate?
    /// When zero is reached on the trend.
    public let zero: ZeroProjection?
    /// Every measurable or status target that addresses the state.
    public let milestones: [MilestoneStatus]
}

/// Analyses trajectories: pure, so the same figures and programmes give the same answer.
public enum TrajectoryAnalyzer {
    /// A day as a fractional year.
    public static func years(_ day: Day) -> Double {
        Double(day.year) + (Double(day.month) - 1) / 12 + (Double(day.day) - 1) / 365.25
    }

    /// The least-squares slope of `values` against `times`.
    static func slope(_ times: [Double], _ values: [Double]) -> Double {
        let n = Double(times.count)
        let meanT = times.reduce(0, +) / n, meanV = values.reduce(0, +) / n
        let numerator = zip(times, values).reduce(0) { $0 + ($1.0 - meanT) * ($1.1 - meanV) }
        let denominator = times.reduce(0) { $0 + ($1 - meanT) * ($1 - meanT) }
        return denominator == 0 ? 0 : numerator / denominator
    }

    /// The current points of a state's series on a metric, one per day, oldest first.
    public static func points(_ figures: [RecordedFigure], state: String, metric: String, series: String) -> [FigurePoint] {
        figures.filter { !$0.superseded && $0.payload.state == state && $0.payload.metric == metric && $0.payload.series == series }
            .map {
                FigurePoint(
                    date: $0.payload.date, value: $0.payload.value, low: $0.payload.lowOrValue, high: $0.payload.highOrValue,
                    source: $0.payload.source)
            }
            .sorted { $0.date < $1.date }
    }

    /// Analyses a state against programmes on a day.
    public static func analyze(state: String, metric: String, series: String, figures: [RecordedFigure], programmes: [Programme], asOf: Day)
        -> Trajectory
    {
        let all = points(figures, state: state, metric: metric, series: series)
        let known = all.filter { $0.date <= asOf }
        var rate: ObservedRate?
        var zero: ZeroProjection?
        if known.count >= 2, let first = known.first, let last = known.last {
            let times = known.map { years($0.date) }
            rate = ObservedRate(
                perYear: slope(times, known.map(\.value)), low: slope(times, known.map(\.low)), high: slope(times, known.map(\.high)),
                from: first.date, to: last.date,
                points: known.count)
            zero = projection(from: last, rate: rate!)
        }
        var milestones: [MilestoneStatus] = []
        for programme in programmes {
            for phase in programme.phases {
                for target in phase.targets
                where Programme.expand(target.states).contains(state) && (target.metric == nil || target.metric == metric) {
                    milestones.append(milestone(programme: programme, phase: phase, target: target, points: known, rate: rate, asOf: asOf))
                }
            }
        }
        return Trajectory(
            state: state, metric: metric, series: series, asOf: asOf, points: all, rate: rate, zero: zero, milestones: milestones)
    }

    static func projection(from last: FigurePoint, rate: ObservedRate) -> ZeroProjection {
        let start = years(last.date)
        func reach(_ value: Double, _ slope: Double) -> Double? {
            if value <= 0 { return start }
            return slope < 0 ? start + value / -slope : nil
        }
        let central = reach(last.value, rate.perYear)
        let combinations = [last.low, last.value, last.high].flatMap { value in
            [rate.low, rate.perYear, rate.high].map { reach(value, $0) }
        }
        let finite = combinations.compactMap { $0 }
        return ZeroProjection(
            year: central.map(round1), earliest: finite.min().map(round1),
            latest: finite.count == combinations.count ? finite.max().map(round1) : nil)
    }

    static func round1(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    static func milestone(
        programme: Programme, phase: ProgrammePhase, target: ProgrammeTarget, points: [FigurePoint], rate: ObservedRate?, asOf: Day
    ) -> MilestoneStatus {
        let due = phase.end.day(trigger: programme.trigger?.date)
        func status(_ status: String, target value: Double? = nil, current: FigurePoint? = nil, required: (Double, Double, Double)? = nil)
            -> MilestoneStatus
        {
            MilestoneStatus(
                programme: programme.id, phase: phase.id, label: phase.label["en"] ?? phase.id, due: due, kind: target.kind, target: value,
                asked: target.status,
                status: status, current: current, requiredPerYear: required.map { round1($0.0) },
                requiredLow: required.map { round1($0.1) },
                requiredHigh: required.map { round1($0.2) }, observedPerYear: rate.map { round1(-$0.perYear) }, sourcing: target.sourcing)
        }
        guard let due else { return status("not-started") }
        if target.kind == "status" { return status("not-measurable") }
        var goal: Double
        switch target.kind {
        case "ceiling": goal = target.value ?? 0
        case "percent-cut":
            guard let baselineDay = target.baseline, let baseline = points.last(where: { $0.date <= baselineDay }) else {
                return status("no-data")
            }
            goal = baseline.value * (1 - (target.value ?? 0) / 100)
        default: goal = 0
        }
        goal = round1(goal)
        guard let current = points.last else { return status("no-data", target: goal) }
        if current.value <= goal { return status("met", target: goal, current: current) }
        if due < asOf { return status("overdue", target: goal, current: current) }
        let left = max(1.0 / 365.25, years(due) - years(asOf))
        let required = ((current.value - goal) / left, (current.low - goal) / left, (current.high - goal) / left)
        guard let rate else { return status("no-data", target: goal, current: current, required: required) }
        return status(-rate.perYear >= required.0 ? "on-track" : "behind", target: goal, current: current, required: required)
    }
}
