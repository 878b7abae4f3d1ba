/// An error a person can act on: a stable code for scripts and one plain sentence for people.
public struct StocktakeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kinds of failure, stable across releases so scripts can rely on them.
    public enum Code: String, Sendable {
        case unknownIdentifier = "unknown-identifier"
        case invalidDate = "invalid-date"
        case invalidArgument = "invalid-argument"
        case corruptData = "corrupt-data"
        case dataNotFound = "data-not-found"
        case unreadableFile = "unreadable-file"
        case unsupportedFormat = "unsupported-format"
        case emptyInput = "empty-input"
        case tooLarge = "too-large"
        case encoding = "encoding"
        case missingTool = "missing-tool"
        case ledger = "ledger"
        case ledgerMismatch = "ledger-mismatch"
        case store = "store"
        case key = "key"
        case busy = "busy"
        case unavailable = "unavailable"
    }

    /// What went wrong, as a stable code.
    public let code: Code
    /// One sentence saying what is wrong and what to do.
    public let message: String

    /// Creates an error with a code and a message a user can act on.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
