/// What a figure measures.
public enum ArsenalMetric: String, Codable, Sendable, CaseIterable {
    /// All warheads held, including those retired and awaiting dismantlement.
    case totalInventory = "total-inventory"
    /// Warheads in military stockpiles, for use by the forces.
    case militaryStockpile = "military-stockpile"
    /// Warheads on missiles or at bases with operational forces.
    case deployed
    /// Warheads retired and awaiting dismantlement.
    case retired
    /// New START: deployed ICBMs, SLBMs and heavy bombers.
    case newstartDeployedLaunchers = "newstart-deployed-launchers"
    /// New START: warheads on deployed ICBMs and SLBMs and counted for deployed heavy bombers.
    case newstartDeployedWarheads = "newstart-deployed-warheads"
    /// New START: deployed and non-deployed launchers.
    case newstartLaunchers = "newstart-launchers"
    /// Highly enriched uranium, tonnes.
    case heuTonnes = "heu-tonnes"
    /// Separated plutonium, tonnes.
    case plutoniumTonnes = "plutonium-tonnes"

    /// Reads a metric identifier, with a sentence listing the ones that exist.
    public init(id: String) throws {
        guard let metric = ArsenalMetric(rawValue: id) else {
            throw StocktakeError(
                .invalidArgument, "'\(id)' is not a metric; use one of \(ArsenalMetric.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        self = metric
    }
}

/// The other party's objection to a disputed figure.
public struct FigureObjection: Codable, Sendable, Equatable {
    /// The state or body objecting.
    public let by: String
    /// What it objects to, in the author's words.
    public let text: String

    /// Creates an objection.
    public init(by: String, text: String) {
        self.by = by
        self.text = text
    }
}

/// What a `figure` log entry carries: one sourced figure with its uncertainty.
public struct FigurePayload: Codable, Sendable, Equatable {
    /// The entry type of figures.
    public static let entryType = "figure"
    /// The natures a figure can have.
    public static let natures = ["declared", "estimated", "modelled"]

    /// The state.
    public let state: String
    /// The metric.
    public let metric: String
    /// The value.
    public let value: Double
    /// The low bound, when the source gives one.
    public let low: Double?
    /// The high bound, when the source gives one.
    public let high: Double?
    /// The day the figure describes.
    public let date: Day
    /// `declared`, `estimated` or `modelled`.
    public let nature: String
    /// The series it belongs to (SIPRI, FAS, NEWSTART, or another source's own); series are never merged.
    public let series: String
    /// A URL or UN symbol where it can be read.
    public let source: String
    /// The day the source was consulted.
    public let consulted: Day
    /// `seen` or `secondary`.
    public let verification: String?
    /// A remark.
    public let note: String?
    /// The other party's objection, for a disputed figure.
    public let objection: FigureObjection?

    /// Creates a payload.
    public init(
        state: String, metric: String, value: Double, low: Double?, high: Double?, date: Day, nature: String, series: String,
        source: String, consulted: Day,
        verification: String?, note: String?, objection: FigureObjection?
    ) {
        self.state = state
        self.metric = metric
        self.value = value
        self.low = low
        self.high = high
        self.date = date
        self.nature = nature
        self.series = series
        self.source = source
        self.consulted = consulted
        self.verification = verification
        self.note = note
        self.objection = objection
    }

    /// The low bound, the value itself when none is given.
    public var lowOrValue: Double { low ?? value }
    /// The high bound, the value itself when none is given.
    public var highOrValue: Double { high ?? value }
    /// What identifies the figure: a later figure with the same key corrects it.
    public var key: String { "\(state)|\(metric)|\(series)|\(date)" }
}

/// A figure as held: bundled with Stocktake's data, or recorded in the log (which then supersedes a bundled one with the same key).
public struct RecordedFigure: Codable, Sendable, Equatable {
    /// The log entry, nil for a bundled figure.
    public let entryIndex: UInt64?
    /// The author's key name, nil for a bundled figure.
    public let author: String?
    /// The figure.
    public let payload: FigurePayload
    /// True when a later figure with the same key corrects it.
    public let superseded: Bool

    /// Creates a recorded figure.
    public init(entryIndex: UInt64?, author: String?, payload: FigurePayload, superseded: Bool = false) {
        self.entryIndex = entryIndex
        self.author = author
        self.payload = payload
        self.superseded = superseded
    }

    /// Marks corrections: per key, the logged figure with the highest entry beats earlier ones and any bundled one.
    public static func resolve(bundled: [RecordedFigure], logged: [RecordedFigure]) -> [RecordedFigure] {
        let all = bundled + logged.sorted { ($0.entryIndex ?? 0) < ($1.entryIndex ?? 0) }
        var latest: [String: Int] = [:]
        for (position, figure) in all.enumerated() { latest[figure.payload.key] = position }
        return all.enumerated().map { position, figure in
            RecordedFigure(
                entryIndex: figure.entryIndex, author: figure.author, payload: figure.payload,
                superseded: latest[figure.payload.key] != position)
        }
    }
}

/// A published series of figures.
public struct FigureSeries: Codable, Sendable, Equatable {
    /// Its identifier.
    public let id: String
    /// Its name.
    public let name: String
    /// Who publishes it.
    public let publisher: String
    /// Where it is published.
    public let url: String
    /// `declared` or `estimated`.
    public let nature: String
    /// A remark in our own words.
    public let note: String?
}

/// A sum of one series' figures on one day, with its bounds: the world total when all possessors are in it.
public struct FigureTotal: Codable, Sendable, Equatable {
    /// The series.
    public let series: String
    /// The metric.
    public let metric: String
    /// The day.
    public let date: Day
    /// The states summed.
    public let states: [String]
    /// The sum of values.
    public let value: Double
    /// The sum of low bounds.
    public let low: Double
    /// The sum of high bounds.
    public let high: Double

    /// Sums the current figures of a series, metric and day; nil when there are none.
    public static func of(_ figures: [RecordedFigure], series: String, metric: String, date: Day) -> FigureTotal? {
        let chosen = figures.filter {
            !$0.superseded && $0.payload.series == series && $0.payload.metric == metric && $0.payload.date == date
        }.map(\.payload)
        guard !chosen.isEmpty else { return nil }
        return FigureTotal(
            series: series, metric: metric, date: date, states: chosen.map(\.state).sorted(), value: chosen.reduce(0) { $0 + $1.value },
            low: chosen.reduce(0) { $0 + $1.lowOrValue }, high: chosen.reduce(0) { $0 + $1.highOrValue })
    }
}
