import Crypto
import Foundation
import StocktakeCore

/// A log entry: a versioned, canonical envelope (type, schema version, author, time, payload) signed by its author.
///
/// The bytes of an entry are a C2SP signed note whose text is:
///
///     stocktake.entry/v1
///     type <type>
///     schema <decimal>
///     author <key name>+<8 hex key ID>
///     time <seconds since 1970, UTC>
///     payload <one line of UTF-8, usually canonical JSON>
///
/// so any signed-note verifier can check who wrote it. A payload that would make the entry larger
/// than an entry bundle holds is replaced by `content sha256:<hex> length <n>`, and the content is kept
/// beside the log.
public struct EntryEnvelope: Sendable, Equatable {
    /// The first line of every entry, naming the format and its version.
    public static let formatLine = "stocktake.entry/v1"
    /// The largest entry stored whole; larger payloads are logged by their hash.
    public static let maximumEntrySize = Tiles.maximumEntrySize

    /// What the entry records, such as `document.version` or `assessment`.
    public let type: String
    /// The payload schema version.
    public let schema: Int
    /// The author's key name.
    public let authorName: String
    /// The author's 4-byte key ID.
    public let authorKeyID: [UInt8]
    /// When it was written, seconds since 1970 UTC.
    public let time: Int64
    /// The payload line, when stored inline.
    public let payload: String?
    /// The SHA-256 of external content, when the payload is kept beside the log.
    public let contentHash: [UInt8]?
    /// The external content's length.
    public let contentLength: Int?

    /// The envelope's canonical text.
    public var text: String {
        var out =
            "\(EntryEnvelope.formatLine)\ntype \(type)\nschema \(schema)\nauthor \(authorName)+\(Hex.encode(authorKeyID))\ntime \(time)\n"
        if let payload {
            out += "payload \(payload)\n"
        } else if let contentHash, let contentLength {
            out += "content sha256:\(Hex.encode(contentHash)) length \(contentLength)\n"
        }
        return out
    }

    /// Builds and signs an entry; returns its bytes and, when the payload is kept outside, the content to store.
    public static func seal(type: String, schema: Int = 1, payload: String, author: NoteSigner, time: Int64) throws -> (
        entry: [UInt8], externalContent: [UInt8]?
    ) {
        guard type.range(of: #"^[a-z][a-z0-9.\-]{0,63}$"#, options: .regularExpression) != nil else {
            throw StocktakeError(.invalidArgument, "'\(type)' is not an entry type; use lower-case letters, digits, dots and hyphens.")
        }
        guard !payload.contains("\n"), !payload.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw StocktakeError(
                .invalidArgument, "An entry payload must be one line without control characters; encode it as compact JSON.")
        }
        var envelope = EntryEnvelope(
            type: type, schema: schema, authorName: author.name, authorKeyID: author.verifier.keyID, time: time, payload: payload,
            contentHash: nil, contentLength: nil)
        var note = try author.sign(text: envelope.text)
        var external: [UInt8]?
        if note.utf8.count > maximumEntrySize {
            let content = Array(payload.utf8)
            envelope = EntryEnvelope(
                type: type, schema: schema, authorName: author.name, authorKeyID: author.verifier.keyID, time: time, payload: nil,
                contentHash: Array(SHA256.hash(data: content)), contentLength: content.count)
            note = try author.sign(text: envelope.text)
            external = content
        }
        return (Array(note.utf8), external)
    }

    /// Parses an entry's bytes (without checking the author's signature).
    public init(entry: [UInt8]) throws {
        guard let note = String(validating: entry, as: UTF8.self) else {
            throw StocktakeError(.ledger, "The entry is not UTF-8, so it is not a Stocktake entry.")
        }
        let parsed = try SignedNote(parsing: note)
        try self.init(text: parsed.text)
    }

    init(text: String) throws {
        func bad(_ why: String) -> StocktakeError { StocktakeError(.ledger, "The entry is malformed: \(why).") }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count == 7, lines[0] == EntryEnvelope.formatLine, lines[6] == "" else {
            throw bad("it is not a \(EntryEnvelope.formatLine) envelope")
        }
        func field(_ index: Int, _ name: String) throws -> String {
            guard lines[index].hasPrefix(name + " ") else { throw bad("line \(index + 1) should start with '\(name)'") }
            return String(lines[index].dropFirst(name.count + 1))
        }
        type = try field(1, "type")
        guard let schema = Int(try field(2, "schema")) else { throw bad("the schema is not a number") }
        self.schema = schema
        let author = try field(3, "author")
        guard let plus = author.lastIndex(of: "+"), let id = UInt32(author[author.index(after: plus)...], radix: 16) else {
            throw bad("the author is not name+keyID")
        }
        authorName = String(author[..<plus])
        authorKeyID = [UInt8(id >> 24), UInt8((id >> 16) & 0xFF), UInt8((id >> 8) & 0xFF), UInt8(id & 0xFF)]
        guard let time = Int64(try field(4, "time")) else { throw bad("the time is not a number") }
        self.time = time
        if lines[5].hasPrefix("payload ") {
            payload = String(lines[5].dropFirst(8))
            contentHash = nil
            contentLength = nil
        } else {
            let content = try field(5, "content").split(separator: " ")
            guard content.count == 3, content[0].hasPrefix("sha256:"), content[1] == "length", let length = Int(content[2]) else {
                throw bad("the content line is malformed")
            }
            guard let hash = Hex.decode(content[0].dropFirst(7)), hash.count == 32 else {
                throw bad("the content hash is not 64 hex digits")
            }
            contentHash = hash
            contentLength = length
            payload = nil
        }
    }

    private init(
        type: String, schema: Int, authorName: String, authorKeyID: [UInt8], time: Int64, payload: String?, contentHash: [UInt8]?,
        contentLength: Int?
    ) {
        self.type = type
        self.schema = schema
        self.authorName = authorName
        self.authorKeyID = authorKeyID
        self.time = time
        self.payload = payload
        self.contentHash = contentHash
        self.contentLength = contentLength
    }
}
