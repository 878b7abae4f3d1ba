import Foundation
import HTTPTypes
import Hummingbird
import Logging
public import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore
import StocktakeText

/// The read side, opened once: registry, reference data, templates, and the tables without the writer's lock.
public final class Readers: Sendable {
    /// The settings.
    public let settings: ServerSettings
    /// The registry.
    public let registry: Registry
    /// The scale, cycles and method.
    public let stocktaking: StocktakingReference
    /// Bundled figures and programmes.
    public let arsenals: ArsenalReference
    /// Templates and catalogues.
    public let presenter: Presenter
    /// The tables (SQLite runs readers in parallel beside one writer; PostgreSQL serves every process).
    public let store: any RecordStore
    /// The log's verifier key.
    public let logKey: NoteVerifierKey
    /// The reference extractor, built once, that reads what a search query names.
    let references: ReferenceExtractor

    /// Opens everything, setting up a fresh home (keys, empty log, tables) on first use.
    public init(settings: ServerSettings) throws {
        self.settings = settings
        registry = try RegistryDirectory.load(from: settings.dataDirectory)
        stocktaking = try StocktakingDirectory.load(from: settings.dataDirectory, registry: registry)
        arsenals = try ArsenalDirectory.load(from: settings.dataDirectory, registry: registry)
        presenter = try Presenter.bundled()
        let reader = try RecordReader(home: settings.home, databasePath: settings.databasePath, registry: registry)
        store = reader.store
        logKey = reader.log.logKey
        references = DocumentExtractor(registry: registry).references
    }

    /// The log as it is now, opened without the lock (another process may have appended since the last request).
    public func log() throws -> any AppendOnlyLog {
        try store.openLog(ledger: settings.home.appendingPathComponent("ledger"), logKey: logKey, signer: nil)
    }

    /// True when the log lives in PostgreSQL beside the tables, rather than in files under the home.
    var logInDatabase: Bool { PostgresLocation.names(settings.databasePath) }

    /// The latest signed checkpoint, read from the file the writer replaces atomically.
    public func checkpointNote() throws -> String {
        if logInDatabase { return try log().latestCheckpointNote() }
        guard let data = FileManager.default.contents(atPath: settings.home.appendingPathComponent("ledger/checkpoint").path) else {
            throw StocktakeError(.ledger, "The log has no checkpoint yet; run 'stocktake keys init'.")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The latest checkpoint with the cosignatures kept for its size, read from files without opening the log.
    public func servedCheckpoint() throws -> String {
        let note = try checkpointNote()
        if logInDatabase { return note }
        let size = try Checkpoint(unverifiedNote: note).size
        return note + TransparencyLog.keptCosignatures(in: settings.home.appendingPathComponent("ledger"), size: size)
    }

    /// The latest checkpoint as a report states it: origin, size, root and the signed note.
    public func reportCheckpoint() throws -> ReportCheckpoint {
        let note = try checkpointNote()
        let checkpoint = try Checkpoint(unverifiedNote: note)
        return ReportCheckpoint(origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root.base64, note: note)
    }

    /// A review cycle from a request, the latest scheduled one when none is given.
    public func cycle(_ text: String?) throws -> CyclePeriod {
        if let text, !text.isEmpty { return try stocktaking.calendar.period(text) }
        return stocktaking.calendar.scheduled.last!
    }

    /// A scorecard computed by the method in force from every recorded assessment.
    public func scorecard(_ filter: ScorecardFilter) throws -> Scorecard {
        try ScorecardBuilder(registry: registry, scale: stocktaking.scale, method: stocktaking.method)
            .build(assessments: try store.assessments(state: nil, commitment: nil), filter: filter)
    }

    /// Every figure in force: bundled and recorded.
    public func figures() throws -> [RecordedFigure] {
        RecordedFigure.resolve(bundled: arsenals.figures, logged: try store.figures())
    }
}
