import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore

/// Options of the arsenal commands: the library's options and extra programme files.
struct ArsenalOptions: ParsableArguments {
    @OptionGroup var library: LibraryOptions

    @Option(name: .long, help: "A programme file of your own (JSON, the format of Data/programmes); repeat for more.")
    var programmeFile: [String] = []

    /// Opens the record for reading (no lock) and reads the bundled figures and programmes.
    func open() throws -> (RecordReader, ArsenalReference, [RecordedFigure]) {
        let reader = try library.openReader()
        let data = try RegistryDirectory.locate(explicit: library.dataOptions.data)
        let reference = try ArsenalDirectory.load(from: data, registry: reader.registry, programmeFiles: programmeFile)
        return (reader, reference, try reader.allFigures(bundled: reference.figures))
    }
}

/// `stocktake figures`: sourced arsenal figures with their uncertainty.
struct FiguresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Sourced figures (warheads, New START counts, fissile stocks) by state, metric and series; import and export them.",
        subcommands: [List.self, Import.self, Export.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List figures; with --series, --metric and --date, also their total with its bounds.")

        @Option(name: .long, help: "Only this state.")
        var state: String?
        @Option(name: .long, help: "Only this metric (total-inventory, military-stockpile, deployed, retired, newstart-…).")
        var metric: String?
        @Option(name: .long, help: "Only this series (SIPRI, FAS, NEWSTART …).")
        var series: String?
        @Option(name: .long, help: "Only figures describing this day.")
        var date: String?
        @Flag(name: .long, help: "Show corrected (superseded) figures too.")
        var history = false
        @Option(name: .long, help: "Output format: text, json or csv.")
        var format: OutputFormat = .text
        @OptionGroup var options: ArsenalOptions

        func run() throws {
            let (keeper, _, figures) = try options.open()
            let stateID = try state.map { try keeper.registry.state($0).id }
            let metricID = try metric.map { try ArsenalMetric(id: $0).rawValue }
            let day = try date.map { try parseDay($0) }
            let shown = figures.filter {
                (history || !$0.superseded) && (stateID == nil || $0.payload.state == stateID)
                    && (metricID == nil || $0.payload.metric == metricID)
                    && (series == nil || $0.payload.series.caseInsensitiveCompare(series!) == .orderedSame)
                    && (day == nil || $0.payload.date == day)
            }.sorted {
                ($0.payload.series, $0.payload.metric, $0.payload.date, $0.payload.state) < (
                    $1.payload.series, $1.payload.metric, $1.payload.date, $1.payload.state
                )
            }
            var totals: [FigureTotal] = []
            if stateID == nil {
                let groups = Set(shown.filter { !$0.superseded }.map { "\($0.payload.series)|\($0.payload.metric)|\($0.payload.date)" })
                    .sorted()
                if groups.count <= 50 {
                    totals = groups.compactMap { key in
                        let parts = key.split(separator: "|").map(String.init)
                        return FigureTotal.of(shown, series: parts[0], metric: parts[1], date: Day(iso: parts[2])!)
                    }.filter { $0.states.count > 1 }
                }
            }
            switch format {
            case .json:
                struct Output: Encodable { let figures: [RecordedFigure], totals: [FigureTotal] }
                emit(try json(Output(figures: shown, totals: totals)))
            case .csv: emit(csv(TableRows.figures(shown)))
            case .text:
                guard !shown.isEmpty else { return emit("No figure matches this selection.\n") }
                var out = ""
                for figure in shown {
                    let p = figure.payload
                    out += "\(p.series)  \(p.date)  \(p.state)  \(p.metric)  "
                    out += NumberText.withBounds(p.value, low: p.lowOrValue, high: p.highOrValue) + "  \(p.nature)  \(p.source)"
                    if figure.superseded { out += "  [corrected later]" }
                    if let objection = p.objection { out += "\n    disputed by \(objection.by): \(objection.text)" }
                    out += "\n"
                }
                for total in totals {
                    out += "\ntotal \(total.series) \(total.metric) \(total.date): "
                    out += NumberText.withBounds(total.value, low: total.low, high: total.high) + " over \(total.states.count) states"
                }
                emit(out + (totals.isEmpty ? "" : "\n"))
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Import figures from CSV (state,metric,value,low,high,date,nature,series,source[,consulted,verification,note,objectionBy,objection]); one bad row refuses the file."
        )

        @Argument(help: "The CSV file.")
        var file: String
        @Option(name: .long, help: "The author key that signs the entries (needs the figures role).")
        var author: String
        @OptionGroup var options: ArsenalOptions

        func run() throws {
            let text = try readSmallTextFile(file, limit: 16 * 1024 * 1024)
            let keeper = try options.library.openLibrary()
            let payloads = try FigureTable.parse(csv: text, name: URL(fileURLWithPath: file).lastPathComponent, registry: keeper.registry)
            let recorded = try keeper.recordFigures(payloads, author: try options.library.home.keys.authorSigner(author))
            emit("imported \(recorded.count) figures; log size \(keeper.log.size)\n")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export every figure in force, bundled and recorded, with its source.")

        @Option(name: .long, help: "Output format: csv or json.")
        var format: OutputFormat = .csv
        @OptionGroup var options: ArsenalOptions

        func run() throws {
            let (_, _, figures) = try options.open()
            let current = figures.filter { !$0.superseded }
            switch format {
            case .json: emit(try json(current))
            default: emit(csv(TableRows.figures(current)))
            }
        }
    }
}

/// `stocktake programmes`: the time-bound programmes and their phases.
struct ProgrammesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programmes", abstract: "List the phased programmes, or show one with its phases and targets.")

    @Argument(help: "A programme to show.")
    var id: String?
    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text
    @OptionGroup var options: ArsenalOptions

    func run() throws {
        let (_, reference, _) = try options.open()
        if let id {
            let programme = try reference.programme(id)
            if format == .json { return emit(try json(programme)) }
            var out =
                "\(programme.id): \(programme.title["en"] ?? programme.id)\nproposed by \(programme.proposedBy); source \(programme.source.url) (\(programme.source.verification), consulted \(programme.source.consulted))\n"
            if let trigger = programme.trigger {
                out +=
                    "counts from: \(trigger.label["en"] ?? trigger.id) — \(trigger.date.map { "happened \($0)" } ?? "has not happened")\n"
            }
            for phase in programme.phases {
                out += "\nphase \(phase.id): \(phase.label["en"] ?? phase.id)\n"
                for target in phase.targets {
                    let what = TargetText.describe(target)
                    out +=
                        "  \(target.states.joined(separator: ", ")): \(what)  [\(target.sourcing)]\(target.note.map { " — \($0)" } ?? "")\n"
                }
            }
            return emit(out)
        }
        if format == .json { return emit(try json(reference.programmes)) }
        emit(
            reference.programmes.map { "\($0.id)  \($0.title["en"] ?? "")  (\($0.phases.count) phases, \($0.source.verification))" }.joined(
                separator: "\n") + "\n")
    }
}

/// `stocktake trajectory STATE`: how far a state is from each milestone, and when zero is reached at its observed rate.
struct TrajectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trajectory",
        abstract: "A state's series, its observed rate with bounds, the year zero is reached, and each programme milestone's status.")

    @Argument(help: "The state.")
    var state: String
    @Option(name: .long, help: "Only this programme; repeat for more (default: every programme).")
    var programme: [String] = []
    @Option(name: .long, help: "The metric.")
    var metric = "total-inventory"
    @Option(name: .long, help: "The series.")
    var series = "SIPRI"
    @Option(name: .long, help: "The day of analysis (default: today).")
    var asOf: String?
    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text
    @OptionGroup var options: ArsenalOptions

    func run() throws {
        let (keeper, reference, figures) = try options.open()
        let stateID = try keeper.registry.state(state).id
        let metricID = try ArsenalMetric(id: metric).rawValue
        let programmes = programme.isEmpty ? reference.programmes : try programme.map { try reference.programme($0) }
        let trajectory = TrajectoryAnalyzer.analyze(
            state: stateID, metric: metricID, series: series, figures: figures, programmes: programmes, asOf: try parseDay(asOf))
        emit(format == .json ? try json(trajectory) : TrajectoryRendering.text(trajectory, registry: keeper.registry))
    }
}

/// `stocktake chart STATE|world`: an SVG chart written by Stocktake.
struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract:
            "An SVG chart: a state's series with bounds and sources and programme milestones, or the world view of all possessor states.")

    @Argument(help: "A state, or 'world'.")
    var subject: String
    @Option(name: .long, help: "Overlay this programme's milestones; repeat for more.")
    var programme: [String] = []
    @Option(name: .long, help: "A series to draw; repeat to draw several side by side (default: SIPRI and FAS).")
    var series: [String] = []
    @Option(name: .long, help: "The metric.")
    var metric = "total-inventory"
    @Option(name: .long, help: "For the world view: the day of the figures (default: the series' latest).")
    var date: String?
    @Option(name: .long, help: "Interface language of labels and legends: en or zh.")
    var lang = "en"
    @Option(name: .long, help: "Write to this file instead of standard output.")
    var output: String?
    @OptionGroup var options: ArsenalOptions

    func run() throws {
        let language = try InterfaceLanguage(code: lang)
        let catalogue = try Presenter.bundled().catalogue(language)
        let (keeper, reference, figures) = try options.open()
        let registry = keeper.registry
        let metricID = try ArsenalMetric(id: metric).rawValue
        let svg: String
        if subject.lowercased() == "world" {
            let seriesID = series.first ?? "SIPRI"
            let candidates = figures.filter { !$0.superseded && $0.payload.series == seriesID && $0.payload.metric == metricID }
            guard let day = try date.map({ try parseDay($0) }) ?? candidates.map(\.payload.date).max() else {
                throw StocktakeError(
                    .unknownIdentifier, "The \(seriesID) series has no \(metricID) figures; see 'stocktake figures --series \(seriesID)'.")
            }
            guard let total = FigureTotal.of(candidates, series: seriesID, metric: metricID, date: day) else {
                throw StocktakeError(
                    .unknownIdentifier,
                    "The \(seriesID) series has no \(metricID) figures for \(day); see 'stocktake figures --series \(seriesID)'.")
            }
            let bars = candidates.filter { $0.payload.date == day }.map(\.payload).sorted { $0.value > $1.value }.map {
                SVGChart.Bar(
                    label: registry.displayName(of: $0.state, in: language.language), value: $0.value, low: $0.lowOrValue,
                    high: $0.highOrValue)
            }
            let sources = Set(candidates.filter { $0.payload.date == day }.map(\.payload.source)).sorted()
            svg = SVGChart.world(
                title: "\(catalogue.text("chart.world")) — \(seriesID), \(day)", bars: bars,
                total: "\(catalogue.text("chart.total")) \(NumberText.withBounds(total.value, low: total.low, high: total.high))"
                    + " · \(total.states.count) \(catalogue.text("chart.states"))",
                source: sources.count == 1
                    ? sources[0] : "\(seriesID) (\(sources.count) sources; stocktake figures --series \(seriesID) --date \(day))",
                catalogue: catalogue)
        } else {
            let stateID = try registry.state(subject).id
            let seriesIDs = series.isEmpty ? ["SIPRI", "FAS"] : series
            let programmes = try programme.map { try reference.programme($0) }
            let lines = seriesIDs.map {
                SVGChart.Line(label: $0, points: TrajectoryAnalyzer.points(figures, state: stateID, metric: metricID, series: $0))
            }
            guard lines.contains(where: { !$0.points.isEmpty }) else {
                throw StocktakeError(
                    .unknownIdentifier,
                    "There are no \(metricID) figures for \(stateID) in \(seriesIDs.joined(separator: ", ")); see 'stocktake figures --state \(stateID)'."
                )
            }
            let analysis = TrajectoryAnalyzer.analyze(
                state: stateID, metric: metricID, series: seriesIDs[0], figures: figures, programmes: programmes, asOf: try parseDay(nil))
            let milestones = analysis.milestones.compactMap { milestone in
                milestone.due.flatMap { due in
                    milestone.target.map { SVGChart.Milestone(label: "\(milestone.programme) \(milestone.phase)", due: due, target: $0) }
                }
            }
            let sources = lines.compactMap { line in line.points.last.map { "\(line.label) — \($0.source)" } }
            svg = SVGChart.series(
                title: "\(registry.displayName(of: stateID, in: language.language)) — \(metricID)", lines: lines, milestones: milestones,
                sources: sources, catalogue: catalogue)
        }
        if let output {
            try DurableWrite.text(svg, to: output)
            emit("wrote \(output)\n")
        } else {
            emit(svg)
        }
    }
}
