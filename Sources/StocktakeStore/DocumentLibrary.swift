import Crypto
public import Foundation
public import StocktakeCore
public import StocktakeLedger
import StocktakeText

/// The document library: ingests documents into the log first and projects them into the record's tables.
///
/// The log is the source of truth. Ingesting a file appends a signed `document.version` entry and then
/// applies it to the store in one transaction; opening the library applies any entries the store has
/// not yet seen (after a crash between the two), and ``rebuild()`` recreates the tables from the log.
public final class DocumentLibrary {
    /// What ingesting one file did.
    public enum Outcome: Sendable, Equatable {
        /// A new document, or a new language of one.
        case added(StoredVersion)
        /// A changed text: a new version; the old one stays citable.
        case newVersion(StoredVersion)
        /// The same bytes were ingested before: nothing changed.
        case unchanged(StoredVersion)
    }

    /// The registry the extractor matches against.
    public let registry: Registry
    /// The record's tables.
    public let store: any RecordStore
    /// The log.
    public let log: TransparencyLog
    let extractor: DocumentExtractor
    let author: NoteSigner

    /// Opens the library: the log in `home/ledger` (keys from `home/keys`, created on first use) and the store.
    public init(
        home: URL, store: any RecordStore, registry: Registry, authorName: String = KeyFiles.operatorAuthor, origin: String = KeyFiles.defaultOrigin
    ) throws {
        let keys = KeyFiles(directory: home.appendingPathComponent("keys"))
        let ledger = home.appendingPathComponent("ledger")
        if !keys.hasLogKey { _ = try keys.initializeLog(origin: origin, ledger: ledger) }
        let signer = try keys.logSigner()
        log = try TransparencyLog(directory: ledger, logKey: signer.verifier, signer: signer)
        author = try keys.authorSigner(authorName)
        self.store = store
        self.registry = registry
        extractor = DocumentExtractor(registry: registry)
        try catchUp()
    }

    /// Applies log entries the store has not seen yet, in order.
    @discardableResult
    public func catchUp() throws -> UInt64 {
        var applied = try store.appliedEntryCount()
        guard applied <= log.size else {
            throw StocktakeError(.store, "The database has applied \(applied) entries but the log holds \(log.size); the database belongs to another log, so move it aside and run 'stocktake rebuild'.")
        }
        let start = applied
        while applied < log.size {
            let (type, payload) = try DocumentLibrary.decode(entry: try log.entry(applied), log: log)
            try store.apply(index: applied, type: type, payload: payload)
            applied += 1
        }
        return applied - start
    }

    /// Reads a log entry back into its type and, for document versions, its payload.
    static func decode(entry: [UInt8], log: TransparencyLog) throws -> (String, DocumentVersionPayload?) {
        let envelope = try EntryEnvelope(entry: entry)
        guard envelope.type == DocumentVersionPayload.entryType else { return (envelope.type, nil) }
        var payload: [UInt8]
        if let inline = envelope.payload {
            payload = Array(inline.utf8)
        } else if let hash = envelope.contentHash {
            guard let content = log.content(hash: hash), Array(SHA256.hash(data: content)) == hash else {
                throw StocktakeError(.ledgerMismatch, "The content of a logged document is missing or altered beside the log (sha256 \(Hex.encode(hash.prefix(6)))…); restore ledger/content from a backup.")
            }
            payload = content
        } else {
            payload = []
        }
        do {
            return (envelope.type, try JSONDecoder().decode(DocumentVersionPayload.self, from: Data(payload)))
        } catch {
            throw StocktakeError(.ledgerMismatch, "A document.version entry does not hold a valid payload; the log was written by an incompatible version.")
        }
    }

    /// Ingests one file: extracts it, logs it, projects it. Identical bytes change nothing.
    public func ingest(file url: URL, symbol: String? = nil, language: Language? = nil) throws -> Outcome {
        let (text, _) = try DocumentFileReader.read(url)
        let contentHash = try DocumentFileReader.sha256(of: url)
        if let existing = try store.version(contentSHA256: contentHash) { return .unchanged(existing) }
        let document = extractor.extract(text: text, language: language, symbol: symbol)
        guard !document.paragraphs.isEmpty else {
            throw StocktakeError(.emptyInput, "\(url.lastPathComponent) has no paragraphs after its header; check that it is the document's full text.")
        }
        guard let languageCode = document.document.language else {
            throw StocktakeError(.invalidArgument, "The language of \(url.lastPathComponent) is not stated and cannot be told from its script; give it with --language.")
        }
        let key = document.document.symbol ?? "UNSYMBOLLED/" + String(contentHash.prefix(12))
        let submitterIDs = document.document.submitter.map { submitter in
            extractor.references.references(in: submitter, defaultTreaty: nil).filter { $0.kind == "state" || $0.kind == "organization" }.map(\.id)
        } ?? []
        let payload = DocumentVersionPayload(
            symbol: key, language: languageCode, contentSHA256: contentHash, sourceName: url.lastPathComponent,
            submitterIDs: Array(Set(submitterIDs)).sorted(), document: document)
        return try record(payload)
    }

    /// Logs a payload and projects it; used by ingest and by benchmarks that generate documents.
    public func record(_ payload: DocumentVersionPayload) throws -> Outcome {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(payload), as: UTF8.self)
        let sealed = try EntryEnvelope.seal(type: DocumentVersionPayload.entryType, payload: json, author: author, time: Int64(Date().timeIntervalSince1970))
        if let content = sealed.externalContent {
            try log.storeContent(content, hash: Array(SHA256.hash(data: content)))
        }
        try catchUp()
        let index = log.size
        try log.append([sealed.entry])
        try store.apply(index: index, type: DocumentVersionPayload.entryType, payload: payload)
        guard let stored = try store.version(contentSHA256: payload.contentSHA256) else {
            throw StocktakeError(.store, "The document was logged but not found in the database; run 'stocktake rebuild'.")
        }
        return stored.version == 1 ? .added(stored) : .newVersion(stored)
    }

    /// Recreates every table from the log and returns the digest of the result.
    @discardableResult
    public func rebuild() throws -> String {
        try store.reset()
        try catchUp()
        return try store.digest()
    }

    /// Replays the log into an in-memory store and compares it with this store: true when the tables are exactly the log's projection.
    public func projectionMatchesLog() throws -> Bool {
        try DocumentLibrary.checkProjection(store: store, log: log) == nil
    }

    /// Checks a store against a log without writing to either: nil when the store holds exactly the projection
    /// of the log's first entries (all of them, or fewer after an interrupted ingest), else what is wrong.
    public static func checkProjection(store: any RecordStore, log: TransparencyLog) throws -> String? {
        let applied = try store.appliedEntryCount()
        guard applied <= log.size else {
            return "the database has applied \(applied) entries but the log holds only \(log.size)"
        }
        let fresh = try SQLiteRecordStore(path: nil)
        for index in 0..<applied {
            let (type, payload) = try decode(entry: try log.entry(index), log: log)
            try fresh.apply(index: index, type: type, payload: payload)
        }
        return try fresh.digest() == store.digest() ? nil : "the database tables differ from the projection of the log's first \(applied) entries"
    }
}
