/// Where a programme comes from.
public struct ProgrammeSource: Codable, Sendable, Equatable {
    /// A URL or UN symbol.
    public let url: String
    /// A description in our own words.
    public let title: String
    /// The day it was consulted.
    public let consulted: Day
    /// `seen`, `secondary` or `recalled`.
    public let verification: String
}

/// The event a relative timetable counts from, such as a convention's entry into force.
public struct ProgrammeTrigger: Codable, Sendable, Equatable {
    /// Its identifier.
    public let id: String
    /// What it is, by language code.
    public let label: [String: String]
    /// When it happened; nil while it has not.
    public let date: Day?
}

/// A phase boundary: a day, or a number of years after the trigger.
public struct PhaseBound: Codable, Sendable, Equatable {
    /// Years after the trigger.
    public struct AfterTrigger: Codable, Sendable, Equatable {
        /// How many years.
        public let years: Int
    }
    /// An absolute day.
    public let date: Day?
    /// A day relative to the trigger.
    public let afterTrigger: AfterTrigger?

    /// The day, given the trigger's day; nil while a relative bound's trigger has not happened.
    public func day(trigger: Day?) -> Day? {
        if let date { return date }
        guard let years = afterTrigger?.years, let trigger else { return nil }
        return Day(year: trigger.year + years, month: trigger.month, day: min(trigger.day, 28)) ?? trigger
    }
}

/// A measurable (or status) target of a phase.
public struct ProgrammeTarget: Codable, Sendable, Equatable {
    /// States or groups (`NWS`, `POSSESSORS`, `OTHERS`) it applies to.
    public let states: [String]
    /// The metric it is measured on.
    public let metric: String?
    /// `ceiling`, `zero`, `percent-cut` or `status`.
    public let kind: String
    /// The ceiling, or the percentage of a cut.
    public let value: Double?
    /// For a cut: the day of the reference figure.
    public let baseline: Day?
    /// For a status target: the status asked for.
    public let status: String?
    /// How well the target is sourced: `seen`, `secondary` or `recalled`.
    public let sourcing: String
    /// A remark in our own words.
    public let note: String?
}

/// One phase of a programme.
public struct ProgrammePhase: Codable, Sendable, Equatable {
    /// Its identifier within the programme.
    public let id: String
    /// Its name by language code.
    public let label: [String: String]
    /// When it starts.
    public let start: PhaseBound
    /// When its targets are due.
    public let end: PhaseBound
    /// What it asks.
    public let targets: [ProgrammeTarget]
}

/// A time-bound programme for eliminating nuclear weapons: phases with dates and targets per state or group.
public struct Programme: Codable, Sendable, Equatable {
    /// The possessor states, the group `POSSESSORS` stands for.
    public static let possessors = ["CHN", "FRA", "GBR", "IND", "ISR", "PAK", "PRK", "RUS", "USA"]
    /// The nuclear-weapon States of the NPT, the group `NWS` stands for.
    public static let nuclearWeaponStates = ["CHN", "FRA", "GBR", "RUS", "USA"]

    /// Its identifier.
    public let id: String
    /// Its title by language code.
    public let title: [String: String]
    /// Who proposed it.
    public let proposedBy: String
    /// Where it comes from.
    public let source: ProgrammeSource
    /// Who it addresses.
    public let addressees: [String]
    /// The event a relative timetable counts from.
    public let trigger: ProgrammeTrigger?
    /// The phases, in order.
    public let phases: [ProgrammePhase]

    /// The states a target's list names.
    public static func expand(_ names: [String]) -> Set<String> {
        var states = Set<String>()
        for name in names {
            switch name {
            case "POSSESSORS": states.formUnion(possessors)
            case "NWS": states.formUnion(nuclearWeaponStates)
            case "OTHERS": states.formUnion(possessors.filter { $0 != "USA" && $0 != "RUS" })
            default: states.insert(name)
            }
        }
        return states
    }

    /// Checks the programme: phases present, targets of known kinds with what their kind needs, dates in order.
    public func validate(registry: Registry) throws {
        func bad(_ why: String) -> StocktakeError { StocktakeError(.corruptData, "The programme \(id) is not usable: \(why).") }
        guard !phases.isEmpty else { throw bad("it has no phases") }
        for phase in phases {
            guard !phase.targets.isEmpty else { throw bad("phase \(phase.id) has no target") }
            guard phase.end.date != nil || phase.end.afterTrigger != nil, phase.start.date != nil || phase.start.afterTrigger != nil else {
                throw bad("phase \(phase.id) needs a start and an end, each a date or years after the trigger")
            }
            if (phase.end.afterTrigger != nil || phase.start.afterTrigger != nil) && trigger == nil {
                throw bad("phase \(phase.id) counts from a trigger the programme does not name")
            }
            if let start = phase.start.date, let end = phase.end.date, end < start { throw bad("phase \(phase.id) ends before it starts") }
            for target in phase.targets {
                for name in target.states where !["POSSESSORS", "NWS", "OTHERS"].contains(name) { _ = try registry.state(name) }
                switch target.kind {
                case "ceiling":
                    guard let value = target.value, value >= 0, target.metric != nil else {
                        throw bad("a ceiling in phase \(phase.id) needs a metric and a value of 0 or more")
                    }
                case "zero": guard target.metric != nil else { throw bad("a zero target in phase \(phase.id) needs a metric") }
                case "percent-cut":
                    guard let value = target.value, value > 0, value <= 100, target.metric != nil, target.baseline != nil else {
                        throw bad("a percent cut in phase \(phase.id) needs a metric, a percentage from 0 to 100 and a baseline date")
                    }
                case "status":
                    guard target.status != nil else { throw bad("a status target in phase \(phase.id) needs the status asked for") }
                default: throw bad("'\(target.kind)' in phase \(phase.id) is not a target kind (ceiling, zero, percent-cut, status)")
                }
                if let metric = target.metric { _ = try ArsenalMetric(id: metric) }
            }
        }
    }
}

extension Programme {
    /// A treaty's limits as a one-phase programme of ceilings, so its parties can be measured against them like any timetable.
    public static func treatyLimits(
        id: String, title: [String: String], parties: [String], from: Day, to: Day, source: String, consulted: Day, verification: String,
        ceilings: [(metric: String, value: Double)]
    ) -> Programme {
        Programme(
            id: id, title: title, proposedBy: parties.joined(separator: " and "),
            source: ProgrammeSource(url: source, title: "Treaty limits", consulted: consulted, verification: verification),
            addressees: parties, trigger: nil,
            phases: [
                ProgrammePhase(
                    id: "limits", label: ["en": "Limits in force", "zh": "限额生效期间"], start: PhaseBound(date: from, afterTrigger: nil),
                    end: PhaseBound(date: to, afterTrigger: nil),
                    targets: ceilings.map {
                        ProgrammeTarget(
                            states: parties, metric: $0.metric, kind: "ceiling", value: $0.value, baseline: nil, status: nil,
                            sourcing: verification, note: nil)
                    })
            ])
    }
}

extension Programme {
    /// The programme reduced to one target of one phase, to analyse a state against it alone.
    public static func only(_ programme: Programme, phase: ProgrammePhase, target: ProgrammeTarget) -> Programme {
        Programme(
            id: programme.id, title: programme.title, proposedBy: programme.proposedBy, source: programme.source,
            addressees: programme.addressees, trigger: programme.trigger,
            phases: [ProgrammePhase(id: phase.id, label: phase.label, start: phase.start, end: phase.end, targets: [target])])
    }
}
