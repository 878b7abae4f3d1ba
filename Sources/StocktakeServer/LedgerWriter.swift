import Foundation
import HTTPTypes
import Hummingbird
import Logging
import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore
import StocktakeText

/// The only code in the server that opens the log for writing: one write at a time, the lock held only for that write.
actor LedgerWriter {
    let settings: ServerSettings
    let registry: Registry

    init(settings: ServerSettings, registry: Registry) {
        self.settings = settings
        self.registry = registry
    }

    /// Opens the record, runs `body`, and releases the log's lock when it returns.
    func write<T: Sendable>(_ body: (RecordKeeper) throws -> T) throws -> T {
        let keeper = try RecordKeeper(home: settings.home, store: try SQLiteRecordStore(path: settings.databasePath), registry: registry)
        return try body(keeper)
    }
}
