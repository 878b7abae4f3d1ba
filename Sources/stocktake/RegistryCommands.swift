import ArgumentParser
import StocktakeCore

/// `stocktake states`: list states, optionally the members of one group on a day.
struct StatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "states", abstract: "List states, or the members of a group or category on a day.")

    @Option(name: .long, help: "Only members of this organization, group or category (for example NAM, NWS, CTBT-ANNEX2).")
    var group: String?

    @Option(name: .customLong("as-of"), help: "The day to ask about, YYYY-MM-DD (default: today).")
    var asOf: String?

    @OptionGroup var options: RegistryOptions

    struct Row: Encodable {
        let id: String, m49: String, unStatus: String, nameEN: String, nameZH: String
    }

    func run() throws {
        let registry = try options.loadRegistry()
        let day = try parseDay(asOf)
        var ids = registry.states.map(\.id)
        var unknown: [String] = []
        if let group {
            (ids, unknown) = try registry.members(of: group, asOf: day)
        }
        let rows = try ids.map { id -> Row in
            let state = try registry.state(id)
            return Row(id: id, m49: state.m49, unStatus: state.unStatus, nameEN: state.names[.en] ?? "", nameZH: state.names[.zh] ?? "")
        }
        switch options.format {
        case .json:
            struct Output: Encodable { let group: String?, asOf: String, count: Int, states: [Row], unknown: [String] }
            emit(try json(Output(group: group?.uppercased(), asOf: day.description, count: rows.count, states: rows, unknown: unknown)))
        case .csv:
            emit(
                csv([["id", "m49", "un_status", "name_en", "name_zh"]] + rows.map { [$0.id, $0.m49, $0.unStatus, $0.nameEN, $0.nameZH] }))
        case .text:
            var out = rows.map { "\($0.id)  \($0.nameEN)  \($0.nameZH)" }
            let subject = group.map { "members of \($0.uppercased()) on \(day)" } ?? "states"
            out.append("\(rows.count) \(subject)")
            if !unknown.isEmpty {
                out.append(
                    "membership not known on that day for \(unknown.count) (recorded only from a later date): \(unknown.joined(separator: " "))"
                )
            }
            emit(out.joined(separator: "\n") + "\n")
        }
    }
}

/// `stocktake state ID`: one state's names, memberships and treaty standing on a day.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state", abstract: "Show a state's names, memberships and treaty status on a day.")

    @Argument(help: "ISO 3166 alpha-3 code, for example GBR.")
    var id: String

    @Option(name: .customLong("as-of"), help: "The day to ask about, YYYY-MM-DD (default: today).")
    var asOf: String?

    @OptionGroup var options: RegistryOptions

    struct TreatyRow: Encodable { let treaty: String, standing: String, events: [String] }
    struct MembershipRow: Encodable { let organization: String, member: String, since: String?, basis: String }
    struct Output: Encodable {
        let id: String, m49: String, unStatus: String, asOf: String
        let names: [String: String]
        let memberships: [MembershipRow]
        let treaties: [TreatyRow]
    }

    func run() throws {
        let registry = try options.loadRegistry()
        let day = try parseDay(asOf)
        let state = try registry.state(id)
        let memberships = try registry.memberships(of: state.id, asOf: day).map { status in
            MembershipRow(
                organization: status.organization, member: status.isMember ? "yes" : "unknown",
                since: status.record.map { ($0.fromPrecision == .onOrBefore ? "on or before " : "") + $0.from.description },
                basis: status.derivation ?? "listed")
        }
        var treaties: [TreatyRow] = []
        for treaty in registry.treaties {
            let report = try registry.treatyStatus(treaty.id, asOf: day)
            guard let status = report.states.first(where: { $0.state == state.id }) else { continue }
            treaties.append(
                TreatyRow(
                    treaty: treaty.id, standing: status.standing.rawValue,
                    events: status.events.map {
                        ($0.datePrecision == .onOrBefore ? "on or before " : "") + "\($0.date) \($0.event.rawValue)"
                    }))
        }
        let names = Dictionary(uniqueKeysWithValues: state.names.map { ($0.key.rawValue, $0.value) })
        let output = Output(
            id: state.id, m49: state.m49, unStatus: state.unStatus, asOf: day.description, names: names, memberships: memberships,
            treaties: treaties)
        switch options.format {
        case .json: emit(try json(output))
        case .csv:
            var rows = [["kind", "id", "status", "detail"]]
            rows += memberships.map { ["membership", $0.organization, $0.member, $0.since ?? $0.basis] }
            rows += treaties.map { ["treaty", $0.treaty, $0.standing, $0.events.joined(separator: "; ")] }
            emit(csv(rows))
        case .text:
            var out = ["\(state.id) (M49 \(state.m49), UN \(state.unStatus)) on \(day)"]
            for language in Language.allCases { out.append("  \(language.rawValue.uppercased())  \(state.names[language] ?? "")") }
            out.append("Memberships:")
            out += memberships.map { "  \($0.organization): \($0.member)\($0.since.map { " since \($0)" } ?? "") [\($0.basis)]" }
            out.append("Treaties:")
            out += treaties.map { "  \($0.treaty): \($0.standing) (\($0.events.joined(separator: "; ")))" }
            emit(out.joined(separator: "\n") + "\n")
        }
    }
}

/// `stocktake treaty ID`: parties, signatories and, for the CTBT, the Annex 2 states still missing.
struct TreatyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "treaty", abstract: "Show a treaty's status, parties and signatories on a day.")

    @Argument(help: "Treaty code, for example NPT, CTBT, TPNW, NEW-START.")
    var id: String

    @Option(name: .customLong("as-of"), help: "The day to ask about, YYYY-MM-DD (default: today).")
    var asOf: String?

    @OptionGroup var options: RegistryOptions

    struct StateRow: Encodable { let state: String, name: String, standing: String }
    struct ConsentedRow: Encodable { let state: String, name: String, boundFrom: String? }
    struct Output: Encodable {
        let treaty: String, name: String, asOf: String, status: String
        let partyCount: Int, signatoryOnlyCount: Int, unknownCount: Int, consentedCount: Int
        let parties: [StateRow], signatoriesOnly: [StateRow], qualified: [StateRow], unknown: [StateRow]
        /// States that have consented and are bound from a later day (the treaty's waiting period), with that day.
        let consented: [ConsentedRow]
        let annex2Outstanding: [StateRow]?
        /// The treaty's protocols, each with the states bound by it and those that have only signed it.
        let protocols: [ProtocolRow]
        let note: String?
    }
    struct ProtocolRow: Encodable {
        let id: String, label: String
        let parties: [StateRow], signatoriesOnly: [StateRow], unknown: [StateRow]
        /// States it is open to for which the registry records no signature or consent.
        let notSigned: [String]
    }

    func run() throws {
        let registry = try options.loadRegistry()
        let day = try parseDay(asOf)
        let report = try registry.treatyStatus(id, asOf: day)
        func row(_ status: StateTreatyStatus) -> StateRow {
            StateRow(state: status.state, name: registry.displayName(of: status.state), standing: status.standing.rawValue)
        }
        var annex2: [StateRow]?
        if report.treaty.id == "CTBT" {
            let listed = try registry.members(of: "CTBT-ANNEX2", asOf: day).members
            let ratified = Set(report.parties.map(\.state))
            annex2 = listed.filter { !ratified.contains($0) }.map { state in
                let standing = report.states.first { $0.state == state }?.standing ?? .none
                return StateRow(
                    state: state, name: registry.displayName(of: state), standing: standing == .none ? "not signed" : standing.rawValue)
            }
        }
        let protocols = try report.treaty.protocols.map { record in
            let status = try registry.protocolStatus(report.treaty.id, protocol: record.id, asOf: day)
            return ProtocolRow(
                id: record.id, label: record.labels[.en] ?? "", parties: status.parties.map(row),
                signatoriesOnly: status.signatoriesOnly.map(row), unknown: status.unknown.map(row), notSigned: status.notSigned)
        }
        let output = Output(
            treaty: report.treaty.id, name: report.treaty.names[.en] ?? report.treaty.id, asOf: day.description,
            status: report.treatyState, partyCount: report.parties.count, signatoryOnlyCount: report.signatoriesOnly.count,
            unknownCount: report.unknown.count, consentedCount: report.consented.count, parties: report.parties.map(row),
            signatoriesOnly: report.signatoriesOnly.map(row), qualified: report.qualified.map(row), unknown: report.unknown.map(row),
            consented: report.consented.map {
                ConsentedRow(state: $0.status.state, name: registry.displayName(of: $0.status.state), boundFrom: $0.boundFrom?.description)
            }, annex2Outstanding: annex2, protocols: protocols, note: report.treaty.note)
        switch options.format {
        case .json: emit(try json(output))
        case .csv:
            emit(csv([["state", "name", "standing"]] + report.states.map(row).map { [$0.state, $0.name, $0.standing] }))
        case .text:
            var out = ["\(output.name) (\(output.treaty)) on \(day): \(output.status)"]
            out.append("\(output.partyCount) parties, \(output.signatoryOnlyCount) further signatories")
            if !output.consented.isEmpty {
                out.append(
                    "  \(output.consentedCount) more have ratified or acceded and are bound from a later day: "
                        + output.consented.map { "\($0.state) (\($0.boundFrom ?? "?"))" }.joined(separator: ", "))
            }
            for q in output.qualified {
                out.append(
                    "  \(q.state) \(q.name): \(q.standing == TreatyStanding.partyWithdrawalContested.rawValue ? "withdrawal announced, contested; counted as a party" : "implementation suspended; counted as a party")"
                )
            }
            if output.unknownCount > 0 {
                out.append(
                    "  standing not known on that day for \(output.unknownCount) states (joining date recorded only as on or before a later day)"
                )
            }
            if let annex2 {
                out.append("Annex 2 States whose ratification is still missing (\(annex2.count)):")
                out += annex2.map { "  \($0.state)  \($0.name)  (\($0.standing))" }
            }
            if !output.signatoriesOnly.isEmpty {
                out.append("Signatories not bound: " + output.signatoriesOnly.map(\.state).joined(separator: " "))
            }
            out.append("Parties: " + output.parties.map(\.state).joined(separator: " "))
            for row in protocols {
                var line = "Protocol \(row.id) (\(row.label)): "
                line += row.parties.isEmpty ? "no parties" : "parties " + row.parties.map(\.state).joined(separator: " ")
                if !row.signatoriesOnly.isEmpty { line += "; signed only " + row.signatoriesOnly.map(\.state).joined(separator: " ") }
                if !row.unknown.isEmpty { line += "; not known on that day " + row.unknown.map(\.state).joined(separator: " ") }
                if !row.notSigned.isEmpty { line += "; no signature recorded for " + row.notSigned.joined(separator: " ") }
                out.append(line)
            }
            if let note = output.note { out.append("Note: \(note)") }
            emit(out.joined(separator: "\n") + "\n")
        }
    }
}

/// One commitment as the commands print it.
struct CommitmentView: Encodable {
    let id: String, parent: String?, instrument: String, source: String, sourceSymbol: String?, sourceParagraph: String
    let addressees: [String], labelEN: String, labelZH: String, dueDate: String?, status: String, statusNote: String?
    let items: [String], relatedTo: [String]
    /// The labels in every language the registry has, keyed by language code.
    let labels: [String: String]
    /// `unverified` when the commitment's source could not be checked against the text; nil otherwise.
    let sourceVerification: String?

    init(_ commitment: CommitmentRecord, in registry: Registry) {
        let instrument = try? registry.instrument(commitment.instrument)
        id = commitment.id
        parent = commitment.parent
        self.instrument = commitment.instrument
        source = registry.source(commitment.source, in: "commitments.json")?.url ?? commitment.source
        sourceSymbol = instrument?.symbol
        sourceParagraph = commitment.sourceParagraph
        addressees = commitment.addressees
        labelEN = commitment.labels[.en] ?? ""
        labelZH = commitment.labels[.zh] ?? ""
        dueDate = commitment.dueDate?.description
        status = commitment.status ?? "active"
        statusNote = commitment.statusNote
        items = registry.children(of: commitment.id).map(\.id)
        relatedTo = commitment.relatedTo
        labels = Dictionary(uniqueKeysWithValues: commitment.labels.map { ($0.key.rawValue, $0.value) })
        sourceVerification = registry.isUnverified(commitment) ? "unverified" : nil
    }
}

/// `stocktake commitments`: list commitments, optionally of one instrument.
struct CommitmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commitments", abstract: "List commitments (top-level items; lettered sub-items with --all).")

    @Option(name: .long, help: "Only this instrument: NPT, PO1995, ME1995, STEPS2000, AP2010.")
    var instrument: String?

    @Flag(name: .long, help: "Include lettered sub-items such as AP2010:5(c).")
    var all = false

    @OptionGroup var options: RegistryOptions

    func run() throws {
        let registry = try options.loadRegistry()
        let instrumentID = try instrument.map { try registry.instrument($0).id }
        let selected = registry.commitments.filter { commitment in
            (instrumentID == nil || commitment.instrument == instrumentID)
                && (all || commitment.parent == nil || commitment.parent == commitment.instrument)
        }
        let views = selected.map { CommitmentView($0, in: registry) }
        switch options.format {
        case .json: emit(try json(views))
        case .csv:
            emit(
                csv(
                    [["id", "instrument", "addressees", "label_en", "label_zh", "status", "due"]]
                        + views.map {
                            [
                                $0.id, $0.instrument, $0.addressees.joined(separator: " "), $0.labelEN, $0.labelZH, $0.status,
                                $0.dueDate ?? "",
                            ]
                        }))
        case .text:
            var out = views.map {
                "\($0.id)  \($0.labelEN)  [\($0.addressees.map { registry.displayName(of: $0) }.joined(separator: ", "))]\($0.status == "active" ? "" : " (\($0.status))")"
            }
            out.append("\(views.count) commitments")
            emit(out.joined(separator: "\n") + "\n")
        }
    }
}

/// `stocktake commitment ID`: one commitment with its parent, addressees, source and labels.
struct CommitmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commitment", abstract: "Show one commitment: parent, addressees, source, labels, items and links.")

    @Argument(help: "Commitment identifier, for example AP2010:5(c), STEPS2000:9, NPT:VI.")
    var id: String

    @OptionGroup var options: RegistryOptions

    func run() throws {
        let registry = try options.loadRegistry()
        let view = CommitmentView(try registry.commitment(id), in: registry)
        switch options.format {
        case .json: emit(try json(view))
        case .csv:
            emit(
                csv([
                    ["field", "value"], ["id", view.id], ["parent", view.parent ?? ""], ["instrument", view.instrument],
                    ["source", view.source], ["source_symbol", view.sourceSymbol ?? ""], ["source_paragraph", view.sourceParagraph],
                    ["addressees", view.addressees.joined(separator: " ")], ["label_en", view.labelEN], ["label_zh", view.labelZH],
                    ["status", view.status], ["due", view.dueDate ?? ""], ["items", view.items.joined(separator: " ")],
                    ["related_to", view.relatedTo.joined(separator: " ")],
                ]))
        case .text:
            var out = ["\(view.id)"]
            for language in Language.allCases {
                if let label = view.labels[language.rawValue] { out.append("  \(language.rawValue.uppercased()): \(label)") }
            }
            out.append("  parent: \(view.parent ?? "none")   instrument: \(view.instrument)")
            out.append("  addressees: \(view.addressees.map { "\($0) (\(registry.displayName(of: $0)))" }.joined(separator: ", "))")
            out.append("  source: \(view.sourceSymbol.map { "\($0), " } ?? "")\(view.sourceParagraph) <\(view.source)>")
            if view.sourceVerification != nil {
                out.append("  unverified: this commitment's number, label and addressees have not yet been checked against the text")
            }
            if let due = view.dueDate { out.append("  due: \(due)") }
            out.append("  status: \(view.status)\(view.statusNote.map { " (\($0))" } ?? "")")
            if !view.items.isEmpty { out.append("  items: \(view.items.joined(separator: " "))") }
            if !view.relatedTo.isEmpty { out.append("  related: \(view.relatedTo.joined(separator: " "))") }
            emit(out.joined(separator: "\n") + "\n")
        }
    }
}

/// `stocktake registry-check`: run the data linter.
struct RegistryCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry-check", abstract: "Check the registry data: identifiers, references, sources, aliases.")

    @OptionGroup var options: RegistryOptions

    func run() throws {
        let registry = try options.loadRegistry()
        let issues = registry.validate()
        let provenance = registry.provenanceSummary()
        if issues.isEmpty {
            let statuses = (Registry.verificationStatuses + ["unmarked"]).filter { provenance.sourcesByVerification[$0] != nil }
            func list(_ counts: [(what: String, count: Int)]) -> String {
                counts.map { "\($0.what) \($0.count)" }.joined(separator: ", ")
            }
            let byStatus: [String] = statuses.map { "\(provenance.sourcesByVerification[$0]!) \($0)" }
            let vague: String = provenance.onOrBefore.isEmpty ? "" : " (\(list(provenance.onOrBefore)))"
            let unchecked: String = provenance.unchecked.isEmpty ? "" : ": " + provenance.unchecked.joined(separator: "; ")
            let resting: String = provenance.resting.isEmpty ? "none" : list(provenance.resting)
            var lines: [String] = []
            lines.append(
                "registry is consistent: \(registry.states.count) states, \(registry.organizations.count) organizations, \(registry.treaties.count) treaties, \(registry.treatyEvents.count) treaty events, \(registry.protocolEvents.count) protocol events, \(registry.commitments.count) commitments"
            )
            lines.append("sources by verification: " + byStatus.joined(separator: ", "))
            lines.append(
                "dated facts: \(provenance.datedFacts), of which \(provenance.onOrBeforeTotal) are known only as on or before a day\(vague)"
            )
            lines.append("\(provenance.unchecked.count) sources still marked recalled or unverified\(unchecked)")
            lines.append("facts resting on them: \(resting)")
            lines.append("")
            emit(lines.joined(separator: "\n"))
        } else {
            emit(issues.map(\.description).joined(separator: "\n") + "\n")
            throw StocktakeError(.corruptData, "The registry has \(issues.count) problems, listed above; fix the files named.")
        }
    }
}
