public import StocktakeCore
public import StocktakeStore

/// The signed checkpoint a report was computed from.
public struct ReportCheckpoint: Codable, Sendable, Equatable {
    /// The log's origin.
    public let origin: String
    /// The log size.
    public let size: UInt64
    /// The root hash, base64 as in the checkpoint.
    public let root: String
    /// The signed checkpoint note, verbatim.
    public let note: String

    /// Creates a checkpoint summary.
    public init(origin: String, size: UInt64, root: String, note: String) {
        self.origin = origin
        self.size = size
        self.root = root
        self.note = note
    }
}

/// What a report covers: a state, a commitment, a group, or everything assessed.
public struct ReportScope: Sendable {
    /// Only this state.
    public var state: String?
    /// Only this commitment (and its sub-items).
    public var commitment: String?
    /// Only members of this group.
    public var group: String?

    /// Creates a scope.
    public init(state: String? = nil, commitment: String? = nil, group: String? = nil) {
        self.state = state
        self.commitment = commitment
        self.group = group
    }
}

/// A monitoring report: commitment by commitment, each state's status with rationale and evidence, the change since the previous cycle, and the method.
public struct MonitoringReport: Codable, Sendable {
    /// One evidence item as cited in the report.
    public struct EvidenceLine: Codable, Sendable {
        public let id: String
        public let kind: String
        public let citation: String
        public let quote: String?
        public let url: String?
        public let note: String?
    }

    /// One state's standing on one commitment.
    public struct StateEntry: Codable, Sendable {
        public let state: String
        public let name: String
        public let status: String?
        public let statusLabel: String
        public let statusClass: String
        public let points: String?
        public let derived: Bool
        public let derivedFrom: String?
        public let outranked: String?
        public let rationale: String?
        public let author: String?
        public let entry: String?
        public let assessments: Int
        public let evidence: [EvidenceLine]
        public let hasEvidence: Bool
        public let thin: Bool
        public let previous: String?
        public let previousLabel: String?
        public let change: String
        public let changeLabel: String
    }

    /// One commitment with the states it addresses.
    public struct CommitmentSection: Codable, Sendable {
        public let id: String
        public let label: String
        public let source: String
        /// True when the commitment's source could not be checked against the text.
        public let unverified: Bool
        public let addressees: String
        public let states: [StateEntry]
    }

    /// One line of the summary table.
    public struct SummaryRow: Codable, Sendable {
        public let scope: String
        public let id: String
        public let name: String
        public let score: String
        public let percent: String
        public let scored: Int
        public let missing: Int
        public let evidence: Int
        public let thin: Bool
    }

    /// The method appendix.
    public struct MethodAppendix: Codable, Sendable {
        public struct Row: Codable, Sendable {
            public let key: String
            public let label: String
            public let value: String
        }
        public let id: String
        public let version: String
        public let sha256: String
        public let description: String
        public let points: [Row]
        public let outsideOrder: [String]
        public let defaultWeight: String
        public let weights: [Row]
        public let missingRule: String
        public let minimumEvidence: Int
        public let derivations: [Row]
    }

    public let language: String
    public let title: String
    public let scope: String
    public let cycle: String
    public let referenceDay: String
    public let conference: String?
    public let previousCycle: String?
    public let summary: [SummaryRow]
    public let commitments: [CommitmentSection]
    public let method: MethodAppendix
    public let checkpoint: ReportCheckpoint
    public let reproduce: String
}

/// Builds a monitoring report from a scorecard, the previous cycle's scorecard, the evidence, the method and the checkpoint.
public struct MonitoringReportBuilder {
    /// The registry, for names, labels and sources.
    public let registry: Registry
    /// The scale, cycles and method.
    public let reference: StocktakingReference
    /// The interface language's catalogue.
    public let catalogue: Catalogue

    /// Creates a builder.
    public init(registry: Registry, reference: StocktakingReference, catalogue: Catalogue) {
        self.registry = registry
        self.reference = reference
        self.catalogue = catalogue
    }

    func statusLabel(_ status: String?) -> String {
        status.map { catalogue.text("status.\($0)") } ?? catalogue.text("report.notAssessed")
    }

    func rank(_ status: String?) -> Int? {
        status.flatMap { id in reference.scale.statuses.first { $0.id == id }?.rank }
    }

    /// Builds the report for one cycle.
    public func build(
        scope: ReportScope, current: Scorecard, previous: Scorecard?, evidence: [String: RecordedEvidence], checkpoint: ReportCheckpoint,
        command: String
    ) -> MonitoringReport {
        let language = catalogue.language.language
        let period = current.cycles.first!
        let cycleRecord = reference.calendar.cycles.first { $0.id == period.id }
        let commitmentIDs = current.cells.map(\.commitment).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let sections = commitmentIDs.compactMap { id -> MonitoringReport.CommitmentSection? in
            guard let commitment = try? registry.commitment(id) else { return nil }
            let instrument = try? registry.instrument(commitment.instrument)
            let source = [instrument?.symbol, commitment.sourceParagraph].compactMap { $0 }.joined(separator: ", ")
            let entries = current.cells.filter { $0.commitment == id }.map { cell -> MonitoringReport.StateEntry in
                let before = previous?.cells.first { $0.state == cell.state && $0.commitment == cell.commitment }
                let change: String
                switch (rank(cell.status), rank(before?.status)) {
                case (nil, _): change = "none"
                case (.some, nil): change = "new"
                case (let now?, let then?): change = now < then ? "improved" : (now > then ? "declined" : "unchanged")
                }
                let lines = cell.evidence.compactMap { evidence[$0] }.map { item -> MonitoringReport.EvidenceLine in
                    switch item.payload.source {
                    case .paragraph(let paragraph):
                        return .init(
                            id: item.id, kind: "paragraph", citation: paragraph.citation, quote: paragraph.quote, url: nil,
                            note: item.payload.note)
                    case .treatyEvent(let event):
                        return .init(
                            id: item.id, kind: "treaty-event", citation: event.summary, quote: nil,
                            url: event.source.hasPrefix("http") ? event.source : nil, note: item.payload.note)
                    case .external(let external):
                        return .init(
                            id: item.id, kind: "external", citation: "\(external.title) (\(external.consulted))", quote: nil,
                            url: external.url, note: item.payload.note)
                    }
                }
                let derivedLine = cell.derivedFrom.map { event in "\(event.summary) — \(event.source)" }
                return MonitoringReport.StateEntry(
                    state: cell.state, name: registry.displayName(of: cell.state, in: language), status: cell.status,
                    statusLabel: statusLabel(cell.status),
                    statusClass: cell.status ?? "missing", points: cell.points.map { NumberText.decimal($0) }, derived: cell.derived,
                    derivedFrom: derivedLine,
                    outranked: (!cell.derived && cell.derivedStatus != nil && cell.derivedStatus != cell.status)
                        ? statusLabel(cell.derivedStatus) : nil,
                    rationale: cell.rationale, author: cell.author, entry: cell.assessment.map(String.init), assessments: cell.assessments,
                    evidence: lines,
                    hasEvidence: !lines.isEmpty || derivedLine != nil, thin: cell.thin, previous: before?.status,
                    previousLabel: previous == nil ? nil : statusLabel(before?.status), change: change,
                    changeLabel: catalogue.text("report.change.\(change)"))
            }
            return MonitoringReport.CommitmentSection(
                id: id, label: commitment.labels[language] ?? commitment.labels[.en] ?? id, source: source,
                unverified: registry.isUnverified(commitment),
                addressees: commitment.addressees.map { registry.displayName(of: $0, in: language) }.joined(separator: ", "),
                states: entries)
        }
        let summaries = (current.states + current.groups).map { summary in
            MonitoringReport.SummaryRow(
                scope: catalogue.text(summary.scope == "state" ? "report.state" : "report.group"), id: summary.id,
                name: registry.displayName(of: summary.id, in: language),
                score: summary.score.map { NumberText.decimal($0) } ?? "—",
                percent: summary.percent.map { NumberText.decimal($0, digits: 1) + "%" } ?? "—",
                scored: summary.scored, missing: summary.missing, evidence: summary.evidenceCount, thin: summary.thin)
        }.filter { $0.scored + $0.missing > 0 }
        let method = reference.method
        let missingRule: String
        switch method.missing {
        case .exclude: missingRule = catalogue.text("report.missingRule.exclude")
        case .countAs(let status): missingRule = catalogue.text("report.missingRule.countAs") + " " + statusLabel(status)
        }
        let appendix = MonitoringReport.MethodAppendix(
            id: method.id, version: method.version, sha256: reference.methodSHA256, description: method.description,
            points: reference.scale.statuses.filter { !$0.isOutsideOrder }.map {
                .init(key: $0.id, label: statusLabel($0.id), value: NumberText.decimal(method.points[$0.id] ?? 0))
            },
            outsideOrder: reference.scale.statuses.filter(\.isOutsideOrder).map { statusLabel($0.id) },
            defaultWeight: NumberText.decimal(method.defaultWeight),
            weights: method.weights.keys.sorted().map { .init(key: $0, label: $0, value: NumberText.decimal(method.weights[$0]!)) },
            missingRule: missingRule,
            minimumEvidence: method.minimumEvidence,
            derivations: method.derivations.map { rule in
                .init(
                    key: rule.commitment, label: registry.displayName(of: rule.treaty, in: language),
                    value: rule.appliesTo.map {
                        catalogue.text("report.derivation.appliesTo") + " " + registry.displayName(of: $0, in: language)
                    } ?? catalogue.text("report.derivation.all"))
            })
        var scopeParts: [String] = []
        if let state = scope.state { scopeParts.append(registry.displayName(of: state, in: language)) }
        if let commitment = scope.commitment { scopeParts.append(commitment) }
        if let group = scope.group { scopeParts.append(registry.displayName(of: group, in: language)) }
        return MonitoringReport(
            language: catalogue.language.rawValue, title: catalogue.text("report.title"),
            scope: scopeParts.isEmpty ? catalogue.text("report.scope.all") : scopeParts.joined(separator: " · "), cycle: period.id,
            referenceDay: period.referenceDay.description, conference: cycleRecord?.conference, previousCycle: previous?.cycles.first?.id,
            summary: summaries,
            commitments: sections, method: appendix, checkpoint: checkpoint, reproduce: command)
    }
}

extension MonitoringReportBuilder {
    /// Builds the report of one cycle from the record: the scorecard of the cycle and of the one before, and the evidence cited.
    public func build(
        store: any RecordStore, scope: ReportScope, states: [String]?, commitments: [String]?, group: String?, period: CyclePeriod,
        checkpoint: ReportCheckpoint,
        command: String
    ) throws -> MonitoringReport {
        let builder = ScorecardBuilder(registry: registry, scale: reference.scale, method: reference.method)
        let assessments = try store.assessments(state: nil, commitment: nil)
        var filter = ScorecardFilter(states: states, commitments: commitments, group: group, cycles: [period])
        let current = try builder.build(assessments: assessments, filter: filter)
        let previous = try reference.calendar.previous(before: period).map { before in
            filter.cycles = [before]
            filter.commitments = filter.commitments ?? Array(Set(current.cells.map(\.commitment)))
            return try builder.build(assessments: assessments, filter: filter)
        }
        var evidence: [String: RecordedEvidence] = [:]
        for id in Set(current.cells.flatMap(\.evidence)) { evidence[id] = try store.evidenceItem(id: id) }
        return build(scope: scope, current: current, previous: previous, evidence: evidence, checkpoint: checkpoint, command: command)
    }
}
