public import Foundation
public import StocktakeCore

/// The bundled arsenal data: series, figures, treaty limits and programmes, each sourced.
public struct ArsenalReference: Sendable {
    /// The published series.
    public let series: [FigureSeries]
    /// The bundled figures.
    public let figures: [RecordedFigure]
    /// The programmes: the bundled ones, New START's central limits, and any a user gave.
    public let programmes: [Programme]

    /// A programme by identifier, or a sentence listing those that exist.
    public func programme(_ id: String) throws -> Programme {
        guard let programme = programmes.first(where: { $0.id.caseInsensitiveCompare(id) == .orderedSame }) else {
            throw StocktakeError(
                .unknownIdentifier,
                "There is no programme '\(id)'; use one of \(programmes.map(\.id).joined(separator: ", ")), or give a file with --programme-file."
            )
        }
        return programme
    }
}

/// Reads and checks figure CSV files, the bundled one and those users import.
public enum FigureTable {
    /// The columns a figures CSV must have.
    public static let required = ["state", "metric", "value", "low", "high", "date", "nature", "series", "source"]

    /// Parses and checks every row; one or more bad rows refuse the file, each bad line named.
    public static func parse(csv text: String, name: String, registry: Registry) throws -> [FigurePayload] {
        let table = try CSVTable(text: text, required: required, name: name)
        guard !table.rows.isEmpty else { throw StocktakeError(.emptyInput, "\(name) has a header but no rows; add one figure per line.") }
        var payloads: [FigurePayload] = []
        var problems: [String] = []
        for row in table.rows {
            do {
                payloads.append(try payload(row.fields, registry: registry))
            } catch let error as StocktakeError {
                problems.append("line \(row.line): \(error.message)")
            }
        }
        guard problems.isEmpty else {
            throw StocktakeError(
                .invalidArgument,
                "\(problems.count) of \(table.rows.count) rows of \(name) are invalid, so nothing was imported; fix them and import again:\n"
                    + problems.map { "  " + $0 }.joined(separator: "\n"))
        }
        return payloads
    }

    static func number(_ text: String?, _ what: String, required: Bool) throws -> Double? {
        guard let text, !text.isEmpty else {
            if required { throw StocktakeError(.invalidArgument, "the \(what) is missing") }
            return nil
        }
        guard let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite else {
            throw StocktakeError(.invalidArgument, "the \(what) '\(text)' is not a number")
        }
        guard value >= 0 else { throw StocktakeError(.invalidArgument, "the \(what) \(text) is negative; counts and stocks are 0 or more") }
        return value
    }

    static func payload(_ fields: [String: String], registry: Registry) throws -> FigurePayload {
        let state = try registry.state(fields["state"] ?? "").id
        let metric = try ArsenalMetric(id: fields["metric"] ?? "").rawValue
        let value = try number(fields["value"], "value", required: true)!
        let low = try number(fields["low"], "low bound", required: false)
        let high = try number(fields["high"], "high bound", required: false)
        guard (low ?? value) <= value, value <= (high ?? value) else {
            throw StocktakeError(
                .invalidArgument,
                "the bounds \(fields["low"] ?? "")–\(fields["high"] ?? "") do not enclose the value \(fields["value"] ?? "")")
        }
        guard let date = Day(iso: fields["date"] ?? "") else {
            throw StocktakeError(.invalidDate, "'\(fields["date"] ?? "")' is not a date; write YYYY-MM-DD")
        }
        let nature = fields["nature"] ?? ""
        guard FigurePayload.natures.contains(nature) else {
            throw StocktakeError(.invalidArgument, "'\(nature)' is not a nature; use declared, estimated or modelled")
        }
        let series = fields["series"] ?? ""
        guard series.range(of: #"^[A-Za-z0-9][A-Za-z0-9._\-]{0,39}$"#, options: .regularExpression) != nil else {
            throw StocktakeError(.invalidArgument, "'\(series)' is not a series name; use letters, digits, '.', '_' or '-'")
        }
        let source = fields["source"] ?? ""
        let isURL = source.hasPrefix("https://") || source.hasPrefix("http://")
        let isSymbol = source.range(of: #"^[A-Z][A-Za-z0-9.\-]*(/[A-Za-z0-9.()\- ]+)+$"#, options: .regularExpression) != nil
        guard !source.isEmpty else {
            throw StocktakeError(.invalidArgument, "the source is missing; give the URL or UN symbol where the figure can be read")
        }
        guard isURL || isSymbol, source.count <= 2_000 else {
            throw StocktakeError(.invalidArgument, "the source '\(source.prefix(60))' is neither a web address nor a UN symbol")
        }
        let consultedText = fields["consulted"] ?? ""
        guard let consulted = consultedText.isEmpty ? date : Day(iso: consultedText) else {
            throw StocktakeError(.invalidDate, "'\(consultedText)' is not a date; write YYYY-MM-DD")
        }
        let objection = (fields["objectionBy"]).flatMap { $0.isEmpty ? nil : $0 }.map {
            FigureObjection(by: $0, text: fields["objection"] ?? "")
        }
        func optional(_ key: String) -> String? { fields[key].flatMap { $0.isEmpty ? nil : $0 } }
        return FigurePayload(
            state: state, metric: metric, value: value, low: low, high: high, date: date, nature: nature, series: series, source: source,
            consulted: consulted,
            verification: optional("verification"), note: optional("note"), objection: objection)
    }
}

/// Finds and reads `Data/arsenals/` and `Data/programmes/`.
public enum ArsenalDirectory {
    struct SeriesFile: Decodable { let series: [FigureSeries] }
    struct LimitsFile: Decodable {
        struct Limit: Decodable {
            let treaty: String, metric: String, value: Double, from: Day, to: Day, source: String, consulted: Day, verification: String
        }
        let limits: [Limit]
    }

    /// Reads the bundled data (and extra programme files), checked against the registry.
    public static func load(from dataDirectory: URL, registry: Registry, programmeFiles: [String] = []) throws -> ArsenalReference {
        let folder = dataDirectory.appendingPathComponent("arsenals")
        let series = try StocktakingDirectory.decode(SeriesFile.self, at: folder.appendingPathComponent("series.json"), what: "series")
            .series
        let csvData = try StocktakingDirectory.read(folder.appendingPathComponent("figures.csv"), what: "figures", limit: 16 * 1024 * 1024)
        let payloads: [FigurePayload]
        do {
            payloads = try FigureTable.parse(
                csv: String(decoding: csvData, as: UTF8.self), name: "Data/arsenals/figures.csv", registry: registry)
        } catch let error as StocktakeError {
            throw StocktakeError(.corruptData, "The bundled figures do not check: \(error.message)")
        }
        let figures = payloads.map { RecordedFigure(entryIndex: nil, author: nil, payload: $0) }
        let limits = try StocktakingDirectory.decode(
            LimitsFile.self, at: folder.appendingPathComponent("limits.json"), what: "treaty limits"
        ).limits
        var programmes: [Programme] = []
        let programmeFolder = dataDirectory.appendingPathComponent("programmes")
        let bundled = ((try? FileManager.default.contentsOfDirectory(atPath: programmeFolder.path)) ?? []).filter { $0.hasSuffix(".json") }
            .sorted()
        for path in bundled.map({ programmeFolder.appendingPathComponent($0).path }) + programmeFiles {
            let programme = try StocktakingDirectory.decode(Programme.self, at: URL(fileURLWithPath: path), what: "programme")
            try programme.validate(registry: registry)
            guard !programmes.contains(where: { $0.id == programme.id }) else {
                throw StocktakeError(.invalidArgument, "Two programmes are named \(programme.id); give the new one another id.")
            }
            programmes.append(programme)
        }
        if let first = limits.first {
            // New START's central limits, as a one-phase programme of ceilings for its two parties.
            programmes.append(
                Programme.treatyLimits(
                    id: "NEWSTART", title: ["en": "New START central limits", "zh": "《新裁武条约》核心限额"], parties: ["USA", "RUS"],
                    from: first.from, to: first.to,
                    source: first.source, consulted: first.consulted, verification: first.verification,
                    ceilings: limits.map { ($0.metric, $0.value) }))
        }
        return ArsenalReference(series: series, figures: figures, programmes: programmes)
    }
}
