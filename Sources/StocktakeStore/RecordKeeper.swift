import Crypto
public import Foundation
public import StocktakeCore
public import StocktakeLedger
import StocktakeText

/// The keeper of the record: every write goes signed entry → log → projection, and the projection can always be rebuilt.
///
/// The log is the source of truth. Ingesting a file appends a signed `document.version` entry and then
/// applies it to the store in one transaction; opening the library applies any entries the store has
/// not yet seen (after a crash between the two), and ``rebuild()`` recreates the tables from the log.
public final class RecordKeeper {
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
    /// The log: files in `home/ledger` beside a SQLite store, the database's own log tables beside PostgreSQL.
    public let log: any AppendOnlyLog
    let extractor: DocumentExtractor
    let author: NoteSigner
    /// The keys of the log and of authors.
    public let keys: KeyFiles

    /// Opens the library: the log in `home/ledger` (keys from `home/keys`, created on first use) and the store.
    public init(
        home: URL, store: any RecordStore, registry: Registry, authorName: String = KeyFiles.operatorAuthor,
        origin: String = KeyFiles.defaultOrigin
    ) throws {
        let keys = KeyFiles(directory: home.appendingPathComponent("keys"))
        self.keys = keys
        let ledger = home.appendingPathComponent("ledger")
        if !keys.hasLogKey { _ = try keys.initializeLog(origin: origin, ledger: ledger) }
        let signer = try keys.logSigner()
        log = try store.openLog(ledger: ledger, logKey: signer.verifier, signer: signer)
        author = try keys.authorSigner(authorName)
        self.store = store
        self.registry = registry
        extractor = DocumentExtractor(registry: registry)
        try catchUp()
    }

    /// Applies log entries the store has not seen yet, in order.
    @discardableResult
    public func catchUp() throws -> UInt64 {
        // Another process sharing the log may have appended since.
        try log.refresh()
        var applied = try store.appliedEntryCount()
        guard applied <= log.size else {
            throw StocktakeError(
                .store,
                "The database has applied \(applied) entries but the log holds \(log.size); the database belongs to another log, so move it aside and run 'stocktake rebuild'."
            )
        }
        let start = applied
        while applied < log.size {
            try store.apply(try RecordKeeper.decode(index: applied, entry: try log.entry(applied), log: log))
            applied += 1
        }
        return applied - start
    }

    /// Reads entry `index` of a log into its author, time and decoded payload.
    public static func loggedEntry(_ index: UInt64, in log: any AppendOnlyLog) throws -> LoggedEntry {
        try decode(index: index, entry: try log.entry(index), log: log)
    }

    /// Reads a log entry back into its author, time and decoded payload.
    static func decode(index: UInt64, entry: [UInt8], log: any AppendOnlyLog) throws -> LoggedEntry {
        let envelope = try EntryEnvelope(entry: entry)
        func logged(_ payload: EntryPayload) -> LoggedEntry {
            LoggedEntry(
                index: index, type: envelope.type, author: envelope.authorName, authorKeyID: Hex.encode(envelope.authorKeyID),
                time: envelope.time, payload: payload)
        }
        guard EntryPayload.projectedTypes.contains(envelope.type) else { return logged(.other) }
        var payload: [UInt8]
        if let inline = envelope.payload {
            payload = Array(inline.utf8)
        } else if let hash = envelope.contentHash {
            guard let content = log.content(hash: hash), Array(SHA256.hash(data: content)) == hash else {
                throw StocktakeError(
                    .ledgerMismatch,
                    "The content of a logged entry is missing or altered beside the log (sha256 \(Hex.encode(hash.prefix(6)))…); restore ledger/content from a backup."
                )
            }
            payload = content
        } else {
            payload = []
        }
        let decoder = JSONDecoder()
        do {
            switch envelope.type {
            case DocumentVersionPayload.entryType:
                return logged(.documentVersion(try decoder.decode(DocumentVersionPayload.self, from: Data(payload))))
            case AuthorRolesPayload.entryType: return logged(.authorRoles(try decoder.decode(AuthorRolesPayload.self, from: Data(payload))))
            case EvidencePayload.entryType: return logged(.evidence(try decoder.decode(EvidencePayload.self, from: Data(payload))))
            case AssessmentPayload.entryType: return logged(.assessment(try decoder.decode(AssessmentPayload.self, from: Data(payload))))
            case FigurePayload.entryType: return logged(.figure(try decoder.decode(FigurePayload.self, from: Data(payload))))
            case DeclarationCommitmentPayload.entryType:
                return logged(.declarationCommitment(try decoder.decode(DeclarationCommitmentPayload.self, from: Data(payload))))
            case DeclarationRevealPayload.entryType:
                return logged(.declarationReveal(try decoder.decode(DeclarationRevealPayload.self, from: Data(payload))))
            default: return logged(.other)
            }
        } catch {
            throw StocktakeError(
                .ledgerMismatch,
                "Log entry \(index) (\(envelope.type)) does not hold a valid payload; the log was written by an incompatible version.")
        }
    }

    /// Appends entries as one durable batch, signed by `author`, then projects each; all of them or none reach the log.
    @discardableResult
    public func append(_ items: [(type: String, payload: any Encodable & Sendable)], author: NoteSigner) throws -> [LoggedEntry] {
        guard !items.isEmpty else { return [] }
        try catchUp()
        let time = Int64(Date().timeIntervalSince1970)
        var sealed: [[UInt8]] = []
        for item in items {
            let json = try CanonicalJSON.string(item.payload)
            let entry = try EntryEnvelope.seal(type: item.type, payload: json, author: author, time: time)
            if let content = entry.externalContent {
                try log.storeContent(content, hash: Array(SHA256.hash(data: content)))
            }
            sealed.append(entry.entry)
        }
        // The log gives the batch its place (after whatever another writer appended), then the tables catch up in log order.
        let checkpoint = try log.append(sealed)
        let first = checkpoint.size - UInt64(sealed.count)
        try catchUp()
        return try sealed.enumerated().map { offset, entry in try RecordKeeper.decode(index: first + UInt64(offset), entry: entry, log: log)
        }
    }

    /// Ingests one file: extracts it, logs it signed by `author` (the operator when nil), projects it. Identical bytes change nothing.
    public func ingest(file url: URL, symbol: String? = nil, language: Language? = nil, author signer: NoteSigner? = nil) throws -> Outcome
    {
        let (text, _) = try DocumentFileReader.read(url)
        let contentHash = try DocumentFileReader.sha256(of: url)
        // Entries logged but not yet applied (a write cut short) are applied first, so a retry finds what the log holds.
        try catchUp()
        if let existing = try store.version(contentSHA256: contentHash) { return .unchanged(existing) }
        let document = extractor.extract(text: text, language: language, symbol: symbol)
        guard !document.paragraphs.isEmpty else {
            throw StocktakeError(
                .emptyInput, "\(url.lastPathComponent) has no paragraphs after its header; check that it is the document's full text.")
        }
        guard let languageCode = document.document.language else {
            throw StocktakeError(
                .invalidArgument,
                "The language of \(url.lastPathComponent) is not stated and cannot be told from its script; give it with --language.")
        }
        let key = document.document.symbol ?? "UNSYMBOLLED/" + String(contentHash.prefix(12))
        let submitterIDs =
            document.document.submitter.map { submitter in
                extractor.references.references(in: submitter, defaultTreaty: nil).filter {
                    $0.kind == "state" || $0.kind == "organization"
                }.map(\.id)
            } ?? []
        let payload = DocumentVersionPayload(
            symbol: key, language: languageCode, contentSHA256: contentHash, sourceName: url.lastPathComponent,
            submitterIDs: Array(Set(submitterIDs)).sorted(), document: document)
        return try record(payload, author: signer)
    }

    /// Logs a payload and projects it; used by ingest and by benchmarks that generate documents.
    public func record(_ payload: DocumentVersionPayload, author signer: NoteSigner? = nil) throws -> Outcome {
        try append([(DocumentVersionPayload.entryType, payload)], author: signer ?? author)
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

    /// Copies the record into another store and the log that goes with it (files in `ledger` for SQLite, the database's
    /// own log tables for PostgreSQL): the log's entries in the same batches, so every checkpoint is signed alike, then
    /// the tables replayed from the copied log. Proved by the latest checkpoint and the digest. Returns the entries applied
    /// and the digest.
    @discardableResult
    public func copy(to target: any RecordStore, ledger: URL) throws -> (applied: UInt64, digest: String) {
        try catchUp()
        let targetLog = try target.openLog(ledger: ledger, logKey: log.logKey, signer: try keys.logSigner())
        if targetLog.place != log.place { try RecordKeeper.copyLog(from: log, to: targetLog) }
        return try RecordKeeper.copy(log: targetLog, source: store, to: target)
    }

    /// Appends to `target` the entries of `source` it lacks, batch by batch as `source` committed them, so that each
    /// checkpoint is the same signed note; refuses a target that holds another log. Returns the entries appended.
    @discardableResult
    public static func copyLog(from source: any AppendOnlyLog, to target: any AppendOnlyLog) throws -> UInt64 {
        try source.refresh()
        try target.refresh()
        let have = target.size
        guard have <= source.size, have == 0 || (try? source.checkpointNote(size: have)) == (try? target.checkpointNote(size: have)) else {
            throw StocktakeError(
                .ledgerMismatch,
                "The target's log (\(target.place)) holds \(have) entries that are not this log's first \(have); give an empty database or one copied from this log."
            )
        }
        var start = have
        for end in source.checkpointSizes() where end > have {
            let batch = try (start..<end).map { try source.entry($0) }
            for entry in batch {
                if let hash = try EntryEnvelope(entry: entry).contentHash, let content = source.content(hash: hash) {
                    try target.storeContent(content, hash: hash)
                }
            }
            try target.append(batch)
            start = end
        }
        guard try target.latestCheckpointNote() == source.latestCheckpointNote() else {
            throw StocktakeError(
                .ledgerMismatch, "The copied log's latest checkpoint differs from the source's; keep the source and report this.")
        }
        return source.size - have
    }

    /// Replays `log` into `target` and checks it against `source`, a store holding the whole log's projection.
    @discardableResult
    public static func copy(log: any AppendOnlyLog, source: any RecordStore, to target: any RecordStore) throws -> (
        applied: UInt64, digest: String
    ) {
        if let problem = try checkProjection(store: target, log: log) {
            throw StocktakeError(
                .store, "The target database already holds another record (\(problem)); give an empty database or one copied from this log."
            )
        }
        var applied = try target.appliedEntryCount()
        let start = applied
        while applied < log.size {
            try target.apply(try decode(index: applied, entry: try log.entry(applied), log: log))
            applied += 1
        }
        let digest = try source.digest()
        guard try target.digest() == digest else {
            throw StocktakeError(
                .store, "The copy's tables differ from the source's though both replay the same log; report this, and keep the source.")
        }
        return (applied - start, digest)
    }

    /// Replays the log into an in-memory store and compares it with this store: true when the tables are exactly the log's projection.
    public func projectionMatchesLog() throws -> Bool {
        try RecordKeeper.checkProjection(store: store, log: log) == nil
    }

    /// Checks a store against a log without writing to either: nil when the store holds exactly the projection
    /// of the log's first entries (all of them, or fewer after an interrupted ingest), else what is wrong.
    public static func checkProjection(store: any RecordStore, log: any AppendOnlyLog) throws -> String? {
        let applied = try store.appliedEntryCount()
        guard applied <= log.size else {
            return "the database has applied \(applied) entries but the log holds only \(log.size)"
        }
        let fresh = try SQLiteRecordStore(path: nil)
        for index in 0..<applied {
            try fresh.apply(try decode(index: index, entry: try log.entry(index), log: log))
        }
        return try fresh.digest() == store.digest()
            ? nil : "the database tables differ from the projection of the log's first \(applied) entries"
    }
}
