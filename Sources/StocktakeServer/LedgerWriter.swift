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

    /// Answers a witness request; one at a time, so a log's state moves forward only once per checkpoint.
    func witness(_ body: String, now: UInt64) throws -> WitnessAnswer {
        try Witness(home: settings.home).addCheckpoint(body, now: now)
    }

    /// This installation's witness key, created on first use.
    func witnessKey() throws -> String {
        try KeyFiles(directory: settings.home.appendingPathComponent("keys")).witnessSigner().verifier.encoded
    }

    /// Opens the record, runs `body`, and releases the log's lock when it returns.
    func write<T: Sendable>(_ body: (RecordKeeper) throws -> T) throws -> T {
        let keeper = try RecordKeeper(home: settings.home, store: try RecordStoreLocation.open(settings.databasePath), registry: registry)
        return try body(keeper)
    }
}
