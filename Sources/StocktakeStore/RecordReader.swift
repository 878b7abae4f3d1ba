public import Foundation
public import StocktakeCore
public import StocktakeLedger

/// What reading the record needs: the registry, the tables and the log. Both the writer and readers provide it.
public protocol RecordAccess: AnyObject {
    /// The registry.
    var registry: Registry { get }
    /// The record's tables.
    var store: any RecordStore { get }
    /// The log.
    var log: any AppendOnlyLog { get }
}

extension RecordKeeper: RecordAccess {}

/// A reader of the record: the tables and the log opened without the writer's lock, so reading never stops a writer.
///
/// A reader sees the tables as the last writer left them; it never applies entries itself.
public final class RecordReader: RecordAccess {
    public let registry: Registry
    public let store: any RecordStore
    public let log: any AppendOnlyLog

    /// Opens the record in `home` for reading (tables in `databasePath`, a SQLite file or a PostgreSQL URL); a home with no log yet is set up first (keys, empty log, tables).
    public init(home: URL, databasePath: String, registry: Registry) throws {
        let keys = KeyFiles(directory: home.appendingPathComponent("keys"))
        if !keys.hasLogKey || !RecordStoreLocation.mayExist(databasePath) {
            _ = try RecordKeeper(home: home, store: try RecordStoreLocation.open(databasePath), registry: registry)
        }
        self.registry = registry
        store = try RecordStoreLocation.open(databasePath)
        log = try store.openLog(ledger: home.appendingPathComponent("ledger"), logKey: try keys.logVerifier(), signer: nil)
    }
}

extension RecordAccess {
    /// Every figure held: the bundled ones and those in the log, corrections marked.
    public func allFigures(bundled: [RecordedFigure]) throws -> [RecordedFigure] {
        RecordedFigure.resolve(bundled: bundled, logged: try store.figures())
    }

    /// The signed checkpoint of what the tables hold (the log may be a batch ahead while a writer applies it), with its size and root.
    public func checkpointSummary() throws -> (size: UInt64, root: String, note: String) {
        let applied = min(log.size, try store.appliedEntryCount())
        let size = log.checkpointSizes().contains(applied) ? applied : log.size
        let note = try log.checkpointNote(size: size)
        return (size, try Checkpoint(unverifiedNote: note).root.base64, note)
    }
}
