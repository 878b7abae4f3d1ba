import Foundation

/// Opens the record's tables from one setting: a PostgreSQL URL (`postgres://…`) or the path of a SQLite file.
public enum RecordStoreLocation {
    /// Opens the store `location` names, creating its tables if needed.
    public static func open(_ location: String) throws -> any RecordStore {
        if PostgresLocation.names(location) { return try PostgresRecordStore(url: location) }
        return try SQLiteRecordStore(path: location)
    }

    /// True when the store `location` names may already hold tables: a PostgreSQL database, or a SQLite file that exists.
    public static func mayExist(_ location: String) -> Bool {
        PostgresLocation.names(location) || FileManager.default.fileExists(atPath: location)
    }

    /// The location as it may be shown: a PostgreSQL URL without its password.
    public static func display(_ location: String) -> String {
        PostgresLocation.names(location) ? PostgresLocation.redacted(location) : location
    }
}
