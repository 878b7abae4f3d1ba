public import Foundation
import HTTPTypes
import Hummingbird
import Logging
import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore
import StocktakeText

/// Where the server finds the record and how it listens; no argument parsing here.
public struct ServerSettings: Sendable {
    /// Stocktake's working folder (keys, log, database).
    public var home: URL
    /// The SQLite database.
    public var databasePath: String
    /// The reference data folder.
    public var dataDirectory: URL
    /// The address to bind.
    public var host: String
    /// The port; 0 picks a free one.
    public var port: Int
    /// The largest request body accepted for JSON writes, in bytes.
    public var maximumJSONBody = 1 << 20
    /// The largest document upload accepted, in bytes.
    public var maximumDocumentBody = 16 << 20
    /// How long an idle connection is kept, in seconds.
    public var idleTimeout: Int64 = 30

    /// Creates settings.
    public init(home: URL, databasePath: String, dataDirectory: URL, host: String = "127.0.0.1", port: Int = 8080) {
        self.home = home
        self.databasePath = databasePath
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
    }
}
