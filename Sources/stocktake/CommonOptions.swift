import ArgumentParser
import Foundation
import StocktakeCore
import StocktakePresentation
import StocktakeStore

/// How a command writes its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

/// Where the reference data is: `--data`, else `STOCKTAKE_DATA`, `./Data` or the checkout's `Data/`.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The Data folder (default: $STOCKTAKE_DATA, ./Data, or the checkout's Data).")
    var data: String?

    func loadRegistry() throws -> Registry {
        try RegistryDirectory.load(from: RegistryDirectory.locate(explicit: data))
    }
}

/// Options every registry command shares: where the data is and how to print.
struct RegistryOptions: ParsableArguments {
    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: "Output format: text, json or csv.")
    var format: OutputFormat = .text

    func loadRegistry() throws -> Registry { try dataOptions.loadRegistry() }
}

/// Parses `--as-of`; today (UTC) when absent.
func parseDay(_ text: String?) throws -> Day {
    try text.map(Day.init(parsing:)) ?? Day.today()
}

/// Parses a `--language` value; nil stays nil, anything but a UN language is refused.
func parseLanguage(_ code: String?) throws -> Language? {
    try code.map(Language.init(parsing:))
}

/// Writes rows as RFC 4180 CSV (the presentation module's one CSV writer).
func csv(_ rows: [[String]]) -> String { CSVFormat.render(rows) }

/// Encodes a value as pretty, key-sorted JSON (the presentation module's one JSON writer).
func json(_ value: some Encodable) throws -> String { try JSONFormat.render(value) }

/// Writes to standard output without a trailing newline of its own.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

extension SearchSort: ExpressibleByArgument {}
