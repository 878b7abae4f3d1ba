import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO
import StocktakeCore

/// Where a PostgreSQL database is, read from `postgres://USER:PASSWORD@HOST:PORT/DATABASE`.
public struct PostgresLocation: Sendable, Equatable {
    /// The host name or address.
    public let host: String
    /// The port, 5432 unless given.
    public let port: Int
    /// The role to log in as.
    public let user: String
    /// The password, when the URL gives one.
    public let password: String?
    /// The database name.
    public let database: String

    /// True when `text` names a PostgreSQL database rather than a SQLite file.
    public static func names(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads a connection URL; percent-escapes in the user, password and database are decoded.
    public init(url text: String) throws {
        func invalid(_ what: String) -> StocktakeError {
            StocktakeError(
                .invalidArgument,
                "The database URL \(PostgresLocation.redacted(text)) \(what); write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE.")
        }
        guard PostgresLocation.names(text), let components = URLComponents(string: text) else {
            throw invalid("is not a PostgreSQL URL")
        }
        guard let host = components.host, !host.isEmpty else { throw invalid("has no host") }
        guard let user = components.user, !user.isEmpty else { throw invalid("has no user name") }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty, !path.contains("/") else { throw invalid("has no database name after the host") }
        if let port = components.port, !(1...65535).contains(port) { throw invalid("has a port outside 1–65535") }
        if let query = components.query, !query.isEmpty { throw invalid("has options after '?', which are not supported") }
        self.host = host
        self.port = components.port ?? 5432
        self.user = components.user?.removingPercentEncoding ?? user
        self.password = components.password?.removingPercentEncoding
        self.database = path.removingPercentEncoding ?? path
    }

    /// The URL with its password replaced by `***`, for messages and logs.
    public static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "postgres://…"
    }

    /// This location as a URL without its password.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}

/// One connection to PostgreSQL used from synchronous code: statements run on SwiftNIO's event loops and
/// the caller waits, so it must not be called on an event loop. Calls are serialised; a lost connection is
/// opened again on the next call, and a transaction that loses its connection is rolled back by the server.
final class PostgresLink: @unchecked Sendable {
    let location: PostgresLocation
    private let lock = NIOLock()
    private var connection: PostgresConnection?
    private let logger = Logger(label: "stocktake.postgres")
    private let nextID = NIOLockedValueBox(0)

    /// Connects at once, so a wrong host, password or database name is reported when the store is opened.
    init(_ location: PostgresLocation) throws {
        self.location = location
        try lock.withLock { _ = try connected() }
    }

    deinit {
        if let connection { try? connection.close().wait() }
    }

    private func connected() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        let id = nextID.withLockedValue {
            $0 += 1
            return $0
        }
        do {
            let opened = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: id, logger: logger
            ).wait()
            connection = opened
            return opened
        } catch {
            throw PostgresLink.explain(error, location: location, connecting: true)
        }
    }

    /// Runs `body` with the connection, opening it first if it was lost.
    func withConnection<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try lock.withLock {
            let session = PostgresSession(connection: try connected(), logger: logger, location: location)
            do {
                return try body(session)
            } catch {
                if session.connection.isClosed { connection = nil }
                throw error
            }
        }
    }

    /// Runs `body` in one transaction: all of its statements take effect or none do.
    func transaction<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try withConnection { session in
            try session.execute("BEGIN")
            do {
                let result = try body(session)
                try session.execute("COMMIT")
                return result
            } catch {
                if !session.connection.isClosed { try? session.execute("ROLLBACK") }
                throw error
            }
        }
    }

    /// One sentence for a failure: which part of the URL is wrong, or that the server went away.
    static func explain(_ error: any Error, location: PostgresLocation, connecting: Bool = false) -> StocktakeError {
        if let error = error as? StocktakeError { return error }
        let place = location.description
        if let error = error as? PSQLError {
            if let state = error.serverInfo?[.sqlState] {
                let message = error.serverInfo?[.message] ?? state
                switch state {
                case "28P01":
                    return StocktakeError(
                        .store,
                        "PostgreSQL at \(place) refused user \(location.user) with that password; check the user name and the password in the URL."
                    )
                case "28000":
                    return StocktakeError(
                        .store,
                        "PostgreSQL does not let user \(location.user) log in at \(place) (\(message)); check the user name in the URL.")
                case "3D000":
                    return StocktakeError(
                        .store,
                        "There is no database named \(location.database) at \(location.host):\(location.port); create it (createdb \(location.database)) or correct the name in the URL."
                    )
                case "57P01", "57P02", "57P03":
                    return StocktakeError(
                        .unavailable,
                        "The PostgreSQL server at \(place) is shutting down or starting (\(message)); nothing was changed, so try again when it is up."
                    )
                case "40001", "40P01":
                    return StocktakeError(
                        .busy, "PostgreSQL stopped a transaction that met another writer; nothing was changed, so try again.")
                default:
                    return StocktakeError(
                        .store, "PostgreSQL at \(place) refused a statement (\(message), SQLSTATE \(state)); nothing was changed.")
                }
            }
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
                // A connection error names its cause (refused, timed out); PostgresNIO's own errors describe nothing useful.
                let cause = error.underlying.flatMap { $0 is PSQLError ? nil : " (\(String(describing: $0)))" } ?? ""
                return StocktakeError(
                    .unavailable,
                    connecting
                        ? "Cannot reach PostgreSQL at \(location.host):\(location.port)\(cause); check the host and port in the URL and that the server is running."
                        : "The connection to PostgreSQL at \(place) was lost\(cause), so nothing more was written; run the command again when the server is back."
                )
            case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
                return StocktakeError(
                    .store,
                    "PostgreSQL at \(place) asks for a password the URL does not give or cannot be used; add it as postgres://USER:PASSWORD@…."
                )
            default:
                return StocktakeError(.store, "PostgreSQL at \(place) failed (\(error.code)); nothing was changed.")
            }
        }
        return StocktakeError(
            connecting ? .unavailable : .store,
            connecting
                ? "Cannot reach PostgreSQL at \(location.host):\(location.port) (\(error)); check the host and port in the URL and that the server is running."
                : "PostgreSQL at \(place) failed (\(error)); nothing was changed."
        )
    }
}

/// A value bound to a statement parameter.
enum PostgresValue: Sendable {
    case text(String?)
    case integer(Int64?)
    case texts([String])
    case integers([Int64])
}

/// Statements on one open connection, with their values bound as parameters (`$1`, `$2`…), never spliced into the text.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger
    let location: PostgresLocation

    /// Runs a statement and returns its rows.
    @discardableResult
    func rows(_ sql: String, _ values: [PostgresValue] = []) throws -> [PostgresRandomAccessRow] {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): bindings.append(text)
            case .integer(let number): bindings.append(number)
            case .texts(let texts): bindings.append(texts)
            case .integers(let numbers): bindings.append(numbers)
            }
        }
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).wait().rows.map {
                $0.makeRandomAccess()
            }
        } catch {
            throw PostgresLink.explain(error, location: location)
        }
    }

    /// Runs several statements separated by semicolons, without parameters (a schema).
    func script(_ sql: String) throws {
        for statement in sql.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) {
            try execute(String(statement))
        }
    }

    /// Runs a statement for its effect.
    func execute(_ sql: String, _ values: [PostgresValue] = []) throws {
        try rows(sql, values)
    }

    /// The first column of the first row, as text.
    func text(_ sql: String, _ values: [PostgresValue] = []) throws -> String? {
        try rows(sql, values).first.flatMap { try $0[0].decode(String?.self) }
    }

    /// The first column of the first row, as an integer.
    func integer(_ sql: String, _ values: [PostgresValue] = []) throws -> Int64? {
        try rows(sql, values).first.flatMap { try $0[0].decode(Int64?.self) }
    }
}

extension PostgresRandomAccessRow {
    /// The text in column `index`, nil when NULL.
    func text(_ index: Int) throws -> String? { try self[index].decode(String?.self) }
    /// The integer in column `index` (any integer type), nil when NULL.
    func integer(_ index: Int) throws -> Int64? { try self[index].decode(Int64?.self) }
}

extension String {
    /// A `PostgresValue` holding this text.
    var bound: PostgresValue { .text(self) }
}
