import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore

/// Options of the stocktaking commands: the library's options and the method in force.
struct StocktakingOptions: ParsableArguments {
    @OptionGroup var library: LibraryOptions

    @Option(name: .long, help: "A method file (default: Data/stocktaking/method.json).")
    var method: String?

    /// Opens the record for writing and reads the scale, cycles and method.
    func write() throws -> (RecordKeeper, StocktakingReference) {
        let keeper = try library.openLibrary()
        return (keeper, try reference(keeper.registry))
    }

    /// Opens the record for reading (no lock) and reads the scale, cycles and method.
    func read() throws -> (RecordReader, StocktakingReference) {
        let reader = try library.openReader()
        return (reader, try reference(reader.registry))
    }

    func reference(_ registry: Registry) throws -> StocktakingReference {
        try StocktakingDirectory.load(
            from: try RegistryDirectory.locate(explicit: library.dataOptions.data), methodFile: method, registry: registry)
    }

    /// The author key named on the command line.
    func author(_ name: String) throws -> NoteSigner {
        try library.home.keys.authorSigner(name)
    }
}

/// Reads the cycles given, or the latest scheduled cycle.
func periods(_ cycles: [String], calendar: CycleCalendar) throws -> [CyclePeriod] {
    if cycles.isEmpty {
        guard let latest = calendar.scheduled.last else {
            throw StocktakeError(.corruptData, "No review cycle has a reference day; fix Data/stocktaking/cycles.json.")
        }
        return [latest]
    }
    return try cycles.map { try calendar.period($0) }.sorted()
}

/// `stocktake evidence`: link states and commitments to what shows their implementation.
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence", abstract: "Record, list and find evidence: paragraphs of the library, treaty events, outside sources.",
        subcommands: [Add.self, Suggest.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record one evidence item (needs an author key with the assessor role).")

        @Option(name: [.long, .customLong("state")], help: "The state or group the evidence is about (GBR, NWS …).")
        var subject: String
        @Option(name: .long, help: "The commitment (AP2010:5, STEPS2000:9(b) …).")
        var commitment: String
        @Option(name: .long, help: "A paragraph, cited as search prints it: 'SYMBOL, para. N (LANG)'.")
        var cite: String?
        @Option(name: .long, help: "With --cite: the exact passage to quote (default: the whole paragraph).")
        var quote: String?
        @Option(name: .long, help: "A registry treaty event, TREATY:STATE:EVENT[:YYYY-MM-DD], e.g. CTBT:GBR:ratified.")
        var treatyEvent: String?
        @Option(name: .long, help: "An outside source's URL.")
        var url: String?
        @Option(name: .long, help: "With --url: its title.")
        var title: String?
        @Option(name: .long, help: "With --url: the day it was consulted (YYYY-MM-DD).")
        var consulted: String?
        @Option(name: .long, help: "With --url: SHA-256 of a saved copy.")
        var sha256: String?
        @Option(name: .long, help: "A remark.")
        var note: String?
        @Option(name: .long, help: "The author key that signs the entry.")
        var author: String
        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text
        @OptionGroup var options: StocktakingOptions

        func run() throws {
            let given = [cite != nil, treatyEvent != nil, url != nil].filter { $0 }.count
            guard given == 1 else {
                throw StocktakeError(.invalidArgument, "Give exactly one of --cite, --treaty-event or --url to say what the evidence is.")
            }
            let (keeper, _) = try options.write()
            let signer = try options.author(author)
            let source: EvidenceSource
            if let cite {
                source = try keeper.paragraphEvidence(citation: cite, quote: quote)
            } else if let treatyEvent {
                let parts = treatyEvent.split(separator: ":").map(String.init)
                guard parts.count == 3 || parts.count == 4 else {
                    throw StocktakeError(
                        .invalidArgument,
                        "--treaty-event takes TREATY:STATE:EVENT or TREATY:STATE:EVENT:YYYY-MM-DD, for example CTBT:GBR:ratified.")
                }
                source = try keeper.treatyEventEvidence(
                    treaty: parts[0], state: parts[1], event: parts[2], date: parts.count == 4 ? try parseDay(parts[3]) : nil)
            } else {
                guard let title, let consulted else {
                    throw StocktakeError(.invalidArgument, "An outside source needs --title and --consulted as well as --url.")
                }
                source = try RecordKeeper.externalEvidence(url: url!, title: title, consulted: try parseDay(consulted), sha256: sha256)
            }
            let recorded = try keeper.addEvidence(subject: subject, commitment: commitment, source: source, note: note, author: signer)
            emit(
                format == .json
                    ? try json(recorded)
                    : "recorded \(recorded.id): \(recorded.payload.subject) on \(recorded.payload.commitment) — \(source.citation)\n")
        }
    }

    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose evidence for a commitment from the library's paragraphs and the registry's events.")

        @Argument(help: "The commitment.")
        var commitment: String
        @Option(name: .long, help: "Put first what this state (or its groups) submitted, and restrict events to it.")
        var state: String?
        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text
        @OptionGroup var options: StocktakingOptions

        func run() throws {
            let (keeper, reference) = try options.read()
            let suggestions = try keeper.suggestEvidence(commitment: commitment, state: state, reference: reference)
            if format == .json { return emit(try json(suggestions)) }
            guard !suggestions.isEmpty else {
                return emit("No paragraph of the library refers to \(commitment) and no treaty event decides it; ingest documents first.\n")
            }
            var out = ""
            for suggestion in suggestions {
                out += "\(suggestion.kind == "paragraph" ? "paragraph" : "event    ")  \(suggestion.citation)"
                if let submitter = suggestion.submitter { out += "  — submitted by \(submitter)" }
                if !suggestion.surfaces.isEmpty { out += "  [\(suggestion.surfaces.joined(separator: ", "))]" }
                out += "\n    stocktake " + suggestion.arguments.map(shellQuoted).joined(separator: " ") + " --author NAME\n"
            }
            emit(out)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List recorded evidence.")

        @Option(name: [.long, .customLong("state")], help: "Only about this state or group.")
        var subject: String?
        @Option(name: .long, help: "Only for this commitment.")
        var commitment: String?
        @Option(name: .long, help: "Output format: text, json or csv.")
        var format: OutputFormat = .text
        @OptionGroup var options: StocktakingOptions

        func run() throws {
            let (keeper, _) = try options.read()
            let items = try keeper.store.evidenceItems(subject: subject, commitment: commitment)
            switch format {
            case .json: emit(try json(items))
            case .csv:
                emit(
                    csv(
                        [["id", "subject", "commitment", "kind", "citation", "author"]]
                            + items.map {
                                [
                                    $0.id, $0.payload.subject, $0.payload.commitment, $0.payload.source.kind, $0.payload.source.citation,
                                    $0.author,
                                ]
                            }))
            case .text:
                emit(
                    items.isEmpty
                        ? "No evidence is recorded for this selection.\n"
                        : items.map { "\($0.id)  \($0.payload.subject)  \($0.payload.commitment)  \($0.payload.source.citation)" }.joined(
                            separator: "\n") + "\n")
            }
        }
    }
}

/// Quotes an argument for a POSIX shell when it needs it.
func shellQuoted(_ argument: String) -> String {
    argument.allSatisfy({ $0.isLetter || $0.isNumber || "-_:./@".contains($0) })
        ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// `stocktake assess`: record one assessment.
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess", abstract: "Record a dated assessment of one state on one commitment in one cycle (needs the assessor role).")

    @Option(name: .long, help: "The state.")
    var state: String
    @Option(name: .long, help: "The commitment.")
    var commitment: String
    @Option(name: .long, help: "The review cycle (2015, 2020, 2026 …) or a range YYYY-MM-DD/YYYY-MM-DD.")
    var cycle: String
    @Option(
        name: .long,
        help: "A status on the scale: implemented, substantial, limited, none, regressed, not-applicable, insufficient-information.")
    var status: String
    @Option(name: .long, help: "Why, in a sentence or more.")
    var rationale: String
    @Option(name: .long, help: "An evidence item (ev-12) or a paragraph citation; repeat for more.")
    var evidence: [String] = []
    @Option(name: .long, help: "The author key that signs the entry.")
    var author: String
    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text
    @OptionGroup var options: StocktakingOptions

    func run() throws {
        let (keeper, reference) = try options.write()
        let draft = AssessmentDraft(
            state: state, commitment: commitment, cycle: cycle, status: status, rationale: rationale, evidence: evidence)
        let recorded = try keeper.assess([(nil, draft)], reference: reference, author: try options.author(author))
        if format == .json { return emit(try json(recorded)) }
        emit(
            recorded.map {
                "recorded assessment at log entry \($0.entryIndex): \($0.payload.state) on \($0.payload.commitment), cycle \($0.payload.cycle.id): \($0.payload.status) (evidence \($0.payload.evidence.joined(separator: ", ")))"
            }.joined(separator: "\n") + "\n")
    }
}

/// `stocktake assessments`: list them, with history, or import a CSV.
struct AssessmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assessments", abstract: "List assessments (current, or with --history every one ever made), or import a CSV.",
        subcommands: [List.self, Import.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List assessments in force, or every one with --history.")

        @Option(name: .long, help: "Only this state.")
        var state: String?
        @Option(name: .long, help: "Only this commitment.")
        var commitment: String?
        @Option(name: .long, help: "Only this cycle.")
        var cycle: String?
        @Flag(name: .long, help: "Show superseded assessments too.")
        var history = false
        @Option(name: .long, help: "Output format: text, json or csv.")
        var format: OutputFormat = .text
        @OptionGroup var options: StocktakingOptions

        func run() throws {
            let (keeper, reference) = try options.read()
            let cycleID = try cycle.map { try reference.calendar.period($0).id }
            let all = AssessmentHistory(
                try keeper.store.assessments(
                    state: state.map { try keeper.registry.state($0).id },
                    commitment: commitment.map { try keeper.registry.commitment($0).id }))
            let shown = all.entries.filter { (history || $0.inForce) && (cycleID == nil || $0.assessment.payload.cycle.id == cycleID) }
            struct Row: Encodable { let entry: UInt64, author: String, time: Int64, inForce: Bool, assessment: AssessmentPayload }
            switch format {
            case .json:
                emit(
                    try json(
                        shown.map {
                            Row(
                                entry: $0.assessment.entryIndex, author: $0.assessment.author, time: $0.assessment.time,
                                inForce: $0.inForce, assessment: $0.assessment.payload)
                        }))
            case .csv:
                emit(csv(TableRows.assessments(shown)))
            case .text:
                guard !shown.isEmpty else { return emit("No assessment is recorded for this selection.\n") }
                emit(
                    shown.map {
                        let p = $0.assessment.payload
                        return
                            "entry \($0.assessment.entryIndex)  \(p.state)  \(p.commitment)  \(p.cycle.id)  \(p.status)\($0.inForce ? "" : "  (superseded)")  by \($0.assessment.author)\n    \(p.rationale)\n    evidence: \(p.evidence.isEmpty ? "none" : p.evidence.joined(separator: ", "))"
                    }.joined(separator: "\n") + "\n")
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Import assessments from CSV (state,commitment,cycle,status,rationale[,evidence]); every row is checked and one bad row refuses the file."
        )

        @Argument(help: "The CSV file; evidence is a ';'-separated list of ev-ids or citations.")
        var file: String
        @Option(name: .long, help: "The author key that signs the entries.")
        var author: String
        @OptionGroup var options: StocktakingOptions

        func run() throws {
            let text = try readSmallTextFile(file, limit: 16 * 1024 * 1024)
            let drafts = try RecordKeeper.assessmentDrafts(csv: text, name: URL(fileURLWithPath: file).lastPathComponent)
            let (keeper, reference) = try options.write()
            let recorded = try keeper.assess(drafts, reference: reference, author: try options.author(author))
            emit("imported \(recorded.count) assessments; log size \(keeper.log.size)\n")
        }
    }
}

/// Reads a UTF-8 text file of bounded size, with one sentence for each way it can fail.
func readSmallTextFile(_ path: String, limit: Int) throws -> String {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    guard let size = attributes?[.size] as? Int, let data = FileManager.default.contents(atPath: path) else {
        throw StocktakeError(.unreadableFile, "\(path) cannot be read; check the path and its permissions.")
    }
    guard size <= limit else { throw StocktakeError(.tooLarge, "\(path) is \(size) bytes, more than the \(limit) accepted; split it.") }
    guard let text = String(validating: data, as: UTF8.self) else {
        throw StocktakeError(.encoding, "\(path) is not UTF-8 text; save it as UTF-8 CSV and try again.")
    }
    return text
}

/// `stocktake method show`: the method in force.
struct MethodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "method", abstract: "The scoring method in force.", subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the method in force (or --method FILE), its hash and where it was read.")

        @Option(name: .long, help: "A method file (default: Data/stocktaking/method.json).")
        var method: String?
        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text
        @OptionGroup var dataOptions: DataOptions

        func run() throws {
            let registry = try dataOptions.loadRegistry()
            let reference = try StocktakingDirectory.load(
                from: try RegistryDirectory.locate(explicit: dataOptions.data), methodFile: method, registry: registry)
            if format == .json { return emit(reference.methodText.hasSuffix("\n") ? reference.methodText : reference.methodText + "\n") }
            let m = reference.method
            var out =
                "method \(m.id) \(m.version)\nfile \(reference.methodPath)\nsha256 \(reference.methodSHA256)\n\n\(m.description)\n\npoints\n"
            for status in reference.scale.statuses {
                out +=
                    "  \(status.id.padding(toLength: 26, withPad: " ", startingAt: 0))"
                    + (m.points[status.id].map { NumberText.decimal($0) } ?? "not scored (outside the order)") + "\n"
            }
            out +=
                "weights\n  default \(NumberText.decimal(m.defaultWeight))\n"
                + m.weights.keys.sorted().map { "  \($0) \(NumberText.decimal(m.weights[$0]!))\n" }.joined()
            switch m.missing {
            case .exclude: out += "missing assessments are left out of averages\n"
            case .countAs(let status): out += "missing assessments count as \(status)\n"
            }
            out += "thin evidence: fewer than \(m.minimumEvidence) item(s)\nderivations\n"
            for rule in m.derivations {
                out +=
                    "  \(rule.commitment) from \(rule.treaty) events\(rule.appliesTo.map { ", for members of \($0)" } ?? ""): "
                    + rule.statuses.keys.sorted().map { "\($0)→\(rule.statuses[$0]!)" }.joined(separator: " ") + "\n"
            }
            emit(out)
        }
    }
}

/// `stocktake scorecard`: scores computed from assessments by the method.
struct ScorecardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "Scores per state, commitment, group and cycle, each with its evidence count and a thin-evidence flag.")

    @Option(name: .long, help: "Only this state.")
    var state: String?
    @Option(name: .long, help: "Only this commitment.")
    var commitment: String?
    @Option(name: .long, help: "Only members of this group (NWS, NAM, NNWS …).")
    var group: String?
    @Option(name: .long, help: "A review cycle or date range; repeat for several (default: the latest cycle).")
    var cycle: [String] = []
    @Option(name: .long, help: "Output format: text, json or csv.")
    var format: OutputFormat = .text
    @OptionGroup var options: StocktakingOptions

    func run() throws {
        let (keeper, reference) = try options.read()
        let registry = keeper.registry
        let filter = ScorecardFilter(
            states: try state.map { [try registry.state($0).id] }, commitments: try commitment.map { [try registry.commitment($0).id] },
            group: try group.map { try registry.organization($0).id }, cycles: try periods(cycle, calendar: reference.calendar))
        let card = try ScorecardBuilder(registry: registry, scale: reference.scale, method: reference.method).build(
            assessments: try keeper.store.assessments(state: nil, commitment: nil), filter: filter)
        switch format {
        case .json: emit(try ScorecardRendering.json(card, methodSHA256: reference.methodSHA256))
        case .csv: emit(ScorecardRendering.csv(card))
        case .text: emit(ScorecardRendering.text(card, registry: registry))
        }
    }
}

/// The formats a report is written in.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case html, md, csv, json
}

/// `stocktake report`: a monitoring report generated from the record.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "A monitoring report from the record: commitment by commitment, status, rationale, cited evidence, change since the previous cycle, the method."
    )

    @Option(name: .long, help: "Only this state.")
    var state: String?
    @Option(name: .long, help: "Only this commitment.")
    var commitment: String?
    @Option(name: .long, help: "Only members of this group.")
    var group: String?
    @Option(name: .long, help: "The review cycle or date range (default: the latest cycle).")
    var cycle: String?
    @Option(name: .long, help: "Format: html, md, csv or json.")
    var format: ReportFormat = .html
    @Option(name: .long, help: "Interface language of the report: en or zh.")
    var lang = "en"
    @Option(name: .long, help: "Write to this file instead of standard output.")
    var output: String?
    @OptionGroup var options: StocktakingOptions

    func run() throws {
        let language = try InterfaceLanguage(code: lang)
        let (keeper, reference) = try options.read()
        let registry = keeper.registry
        let period = try periods(cycle.map { [$0] } ?? [], calendar: reference.calendar)[0]
        let summary = try keeper.checkpointSummary()
        let checkpoint = ReportCheckpoint(origin: keeper.log.origin, size: summary.size, root: summary.root, note: summary.note)
        var command = ["stocktake", "report"]
        if let state { command += ["--state", state] }
        if let commitment { command += ["--commitment", commitment] }
        if let group { command += ["--group", group] }
        command += ["--cycle", period.id, "--format", format.rawValue, "--lang", language.rawValue]
        if let method = options.method { command += ["--method", method] }
        let presenter = try Presenter.bundled()
        let report = try MonitoringReportBuilder(registry: registry, reference: reference, catalogue: presenter.catalogue(language)).build(
            store: keeper.store, scope: ReportScope(state: state, commitment: commitment, group: group),
            states: try state.map { [try registry.state($0).id] },
            commitments: try commitment.map { [try registry.commitment($0).id] }, group: try group.map { try registry.organization($0).id },
            period: period,
            checkpoint: checkpoint, command: command.map(shellQuoted).joined(separator: " "))
        let text: String
        switch format {
        case .html: text = try presenter.reportHTML(report)
        case .md: text = presenter.reportMarkdown(report)
        case .csv: text = presenter.reportCSV(report)
        case .json: text = try JSONFormat.render(report)
        }
        if let output {
            try DurableWrite.text(text, to: output)
            emit("wrote \(output): \(report.commitments.count) commitments, cycle \(period.id), log size \(checkpoint.size)\n")
        } else {
            emit(text)
        }
    }
}

/// Writes a file atomically, so a crash leaves the old file or the new one, never half of one.
enum DurableWrite {
    static func text(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw StocktakeError(
                .unreadableFile, "\(path) cannot be written (\(error.localizedDescription)); check the folder exists and is writable.")
        }
    }
}
