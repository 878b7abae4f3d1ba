/// Which cells a scorecard covers.
public struct ScorecardFilter: Sendable {
    /// Only these states (nil: every state addressed or assessed).
    public var states: [String]?
    /// Only these commitments (nil: every commitment assessed or derived in the cycle).
    public var commitments: [String]?
    /// Only members of this group on the cycle's reference day.
    public var group: String?
    /// The cycles, oldest first.
    public var cycles: [CyclePeriod]

    /// Creates a filter over `cycles`.
    public init(states: [String]? = nil, commitments: [String]? = nil, group: String? = nil, cycles: [CyclePeriod]) {
        self.states = states
        self.commitments = commitments
        self.group = group
        self.cycles = cycles
    }
}

/// One state's status on one commitment in one cycle, with what it rests on.
public struct ScorecardCell: Codable, Sendable, Equatable {
    /// The state.
    public let state: String
    /// The commitment.
    public let commitment: String
    /// The cycle.
    public let cycle: String
    /// The status in force: a person's assessment, else the derived one; nil when neither exists.
    public let status: String?
    /// The points the method gives it; nil when it does not enter the score.
    public let points: Double?
    /// The commitment's weight under the method.
    public let weight: Double
    /// How many evidence items the status rests on.
    public let evidenceCount: Int
    /// True when fewer evidence items than the method's minimum stand behind it.
    public let thin: Bool
    /// True when the status in force was derived from treaty events.
    public let derived: Bool
    /// True when there is neither an assessment nor a derivation.
    public let missing: Bool
    /// The log entry of the assessment in force.
    public let assessment: UInt64?
    /// Its author.
    public let author: String?
    /// Its rationale.
    public let rationale: String?
    /// Its evidence items.
    public let evidence: [String]
    /// The derived status, also when a person's assessment outranks it.
    public let derivedStatus: String?
    /// The treaty event the derived status follows, if any.
    public let derivedFrom: TreatyEventEvidence?
    /// How many assessments were made for this state, commitment and cycle (the one in force and those it superseded).
    public let assessments: Int
}

/// A score over many cells: a state, a commitment, a group or a whole cycle.
public struct ScoreSummary: Codable, Sendable, Equatable {
    /// `state`, `commitment`, `group` or `cycle`.
    public let scope: String
    /// The state, commitment, group or cycle identifier.
    public let id: String
    /// The cycle.
    public let cycle: String
    /// The weighted mean of the points of the scored cells; nil when none is scored.
    public let score: Double?
    /// The score as a share of the scale from its lowest to its highest points, 0–100.
    public let percent: Double?
    /// Cells summarised, scored or not.
    public let cells: Int
    /// Cells that entered the score.
    public let scored: Int
    /// Cells with no assessment and no derivation.
    public let missing: Int
    /// Evidence items behind the scored cells.
    public let evidenceCount: Int
    /// True when the evidence behind the score is fewer than the method's minimum times the cells scored.
    public let thin: Bool
}

/// Scores computed from assessments by an explicit method.
public struct Scorecard: Codable, Sendable, Equatable {
    /// The method, `id@version`.
    public let method: String
    /// The cycles covered.
    public let cycles: [CyclePeriod]
    /// Every state × commitment × cycle cell, in cycle, commitment and state order.
    public let cells: [ScorecardCell]
    /// Per state and cycle.
    public let states: [ScoreSummary]
    /// Per commitment and cycle.
    public let commitments: [ScoreSummary]
    /// Per group and cycle.
    public let groups: [ScoreSummary]
    /// Per cycle.
    public let totals: [ScoreSummary]
}

extension Registry {
    /// The states a commitment addresses on a day: NPT parties for `all-states-parties`, a group's members, or the states named.
    public func addressedStates(of commitment: CommitmentRecord, on day: Day) throws -> [String] {
        var states = Set<String>()
        for addressee in commitment.addressees {
            switch addressee {
            case "all-states-parties":
                states.formUnion(try treatyStatus("NPT", asOf: day).parties.map(\.state))
            case "CTBT-RATIFIERS":
                states.formUnion(try treatyStatus("CTBT", asOf: day).parties.map(\.state))
            default:
                if organizations.contains(where: { $0.id == addressee }) {
                    states.formUnion(try members(of: addressee, asOf: day).members)
                } else {
                    states.insert(try state(addressee).id)
                }
            }
        }
        return states.sorted()
    }
}

/// Computes scorecards from assessments, the registry's treaty events and a method; pure, so the same inputs give the same scores.
public struct ScorecardBuilder: Sendable {
    /// The registry.
    public let registry: Registry
    /// The status scale.
    public let scale: StatusScale
    /// The method in force.
    public let method: AssessmentMethod
    /// Groups summarised when the filter names none.
    public var defaultGroups = ["NWS", "NAM", "NNWS"]

    /// Creates a builder.
    public init(registry: Registry, scale: StatusScale, method: AssessmentMethod) {
        self.registry = registry
        self.scale = scale
        self.method = method
    }

    /// The derived status of a state on a commitment on a day, with the event it follows; nil when no rule applies.
    public func derivedStatus(state: String, commitment: String, on day: Day) throws -> (status: String, event: TreatyEventEvidence?)? {
        guard let rule = method.derivations.first(where: { $0.commitment == commitment }) else { return nil }
        if let group = rule.appliesTo, !(try registry.members(of: group, asOf: day).members.contains(state)) { return nil }
        let report = try registry.treatyStatus(rule.treaty, asOf: day)
        let standing = report.states.first { $0.state == state }
        guard let status = rule.statuses[(standing?.standing ?? .none).rawValue] else { return nil }
        let event = standing?.events.last(where: { !$0.event.isTreatyWide }).map { event in
            TreatyEventEvidence(
                treaty: rule.treaty, state: state, event: event.event.rawValue, date: event.date,
                datePrecision: event.datePrecision?.rawValue,
                source: registry.source(event.source, in: "treaties.json")?.url ?? event.source)
        }
        return (status, event)
    }

    /// Builds the scorecard for the filter's cycles from every recorded assessment.
    public func build(assessments: [RecordedAssessment], filter: ScorecardFilter) throws -> Scorecard {
        var cells: [ScorecardCell] = []
        var groups: [ScoreSummary] = []
        for period in filter.cycles {
            let inCycle = assessments.filter { $0.payload.cycle.id == period.id }
            var allowed: Set<String>? = filter.states.map(Set.init)
            let groupIDs = filter.group.map { [$0] } ?? defaultGroups
            if let group = filter.group {
                let members = Set(try registry.members(of: group, asOf: period.referenceDay).members)
                allowed = allowed.map { $0.intersection(members) } ?? members
            }
            let commitmentIDs =
                filter.commitments
                ?? Set(inCycle.map(\.payload.commitment)).union(method.derivations.map(\.commitment)).sorted {
                    registry.commitmentOrder($0) < registry.commitmentOrder($1)
                }
            var cycleCells: [ScorecardCell] = []
            for commitmentID in commitmentIDs {
                let commitment = try registry.commitment(commitmentID)
                let forCommitment = inCycle.filter { $0.payload.commitment == commitmentID }
                var states = Set(try registry.addressedStates(of: commitment, on: period.referenceDay)).union(
                    forCommitment.map(\.payload.state))
                if let allowed { states.formIntersection(allowed) }
                for state in states.sorted() {
                    let made = forCommitment.filter { $0.payload.state == state }
                    cycleCells.append(try cell(state: state, commitment: commitmentID, period: period, made: made))
                }
            }
            cells += cycleCells
            groups += try groupIDs.map { group in
                let members = Set(try registry.members(of: group, asOf: period.referenceDay).members)
                return summary(scope: "group", id: group, cycle: period.id, cycleCells.filter { members.contains($0.state) })
            }.filter { $0.cells > 0 }
        }
        let states = Set(cells.map(\.state)).sorted()
        let commitments = Set(cells.map(\.commitment)).sorted { registry.commitmentOrder($0) < registry.commitmentOrder($1) }
        return Scorecard(
            method: "\(method.id)@\(method.version)", cycles: filter.cycles, cells: cells,
            states: filter.cycles.flatMap { period in
                states.map { state in
                    summary(scope: "state", id: state, cycle: period.id, cells.filter { $0.cycle == period.id && $0.state == state })
                }
            }
            .filter { $0.cells > 0 },
            commitments: filter.cycles.flatMap { period in
                commitments.map { id in
                    summary(scope: "commitment", id: id, cycle: period.id, cells.filter { $0.cycle == period.id && $0.commitment == id })
                }
            }.filter { $0.cells > 0 },
            groups: groups,
            totals: filter.cycles.map { period in
                summary(scope: "cycle", id: period.id, cycle: period.id, cells.filter { $0.cycle == period.id })
            })
    }

    func cell(state: String, commitment: String, period: CyclePeriod, made: [RecordedAssessment]) throws -> ScorecardCell {
        let current = made.max { $0.entryIndex < $1.entryIndex }
        let derived = try derivedStatus(state: state, commitment: commitment, on: period.referenceDay)
        let status = current?.payload.status ?? derived?.status
        let missing = status == nil
        var points: Double?
        if let status {
            points = method.points[status]
        } else if case .countAs(let substitute) = method.missing {
            points = method.points[substitute]
        }
        let evidenceCount = current?.payload.evidence.count ?? (derived?.event == nil ? 0 : 1)
        return ScorecardCell(
            state: state, commitment: commitment, cycle: period.id, status: status, points: points, weight: method.weight(of: commitment),
            evidenceCount: evidenceCount, thin: !missing && evidenceCount < method.minimumEvidence,
            derived: current == nil && derived != nil,
            missing: missing, assessment: current?.entryIndex, author: current?.author, rationale: current?.payload.rationale,
            evidence: current?.payload.evidence ?? [], derivedStatus: derived?.status, derivedFrom: derived?.event, assessments: made.count)
    }

    func summary(scope: String, id: String, cycle: String, _ cells: [ScorecardCell]) -> ScoreSummary {
        let scored = cells.filter { $0.points != nil && $0.weight > 0 }
        let totalWeight = scored.reduce(0) { $0 + $1.weight }
        let score = totalWeight > 0 ? scored.reduce(0) { $0 + $1.weight * $1.points! } / totalWeight : nil
        let values = method.points.values
        let low = values.min() ?? 0, high = values.max() ?? 0
        let percent = score.map { high > low ? (($0 - low) / (high - low) * 1000).rounded() / 10 : 0 }
        let evidence = scored.reduce(0) { $0 + $1.evidenceCount }
        return ScoreSummary(
            scope: scope, id: id, cycle: cycle, score: score.map { ($0 * 1000).rounded() / 1000 }, percent: percent, cells: cells.count,
            scored: scored.count,
            missing: cells.filter(\.missing).count, evidenceCount: evidence,
            thin: !scored.isEmpty && evidence < method.minimumEvidence * scored.count)
    }
}

extension Registry {
    /// A sort key that keeps commitments in registry order (article I before II, action 2 before 10).
    public func commitmentOrder(_ id: String) -> Int {
        commitments.firstIndex { $0.id == id } ?? Int.max
    }
}

/// The assessments of one state, commitment and cycle, the one in force marked.
public struct AssessmentHistory: Sendable {
    /// Every assessment given, oldest first, each with whether it is in force.
    public let entries: [(assessment: RecordedAssessment, inForce: Bool)]

    /// Groups assessments by state, commitment and cycle; the latest of each group is in force, the rest superseded.
    public init(_ assessments: [RecordedAssessment]) {
        var latest: [String: UInt64] = [:]
        for assessment in assessments {
            let key = "\(assessment.payload.state)|\(assessment.payload.commitment)|\(assessment.payload.cycle.id)"
            latest[key] = max(latest[key] ?? 0, assessment.entryIndex)
        }
        entries = assessments.sorted { $0.entryIndex < $1.entryIndex }.map { assessment in
            (
                assessment,
                latest["\(assessment.payload.state)|\(assessment.payload.commitment)|\(assessment.payload.cycle.id)"]
                    == assessment.entryIndex
            )
        }
    }
}
