import Foundation
import PostgresNIO
import StocktakeCore
public import StocktakeLedger

/// The log kept in PostgreSQL beside the record's tables, so that several processes on several hosts append to one log.
///
/// Each append runs in one transaction under an advisory lock the database holds: it reads the committed size,
/// rebuilds the right border from the stored hashes, inserts the entries, the subtree hashes they complete and the
/// signed checkpoint, and commits; a writer that dies mid-append leaves nothing, since the transaction never commits.
/// Entries, hashes and checkpoints are the same bytes as a file log's, so proofs, tiles and the outside verifier
/// treat both alike.
public final class PostgresLog: AppendOnlyLog, @unchecked Sendable {
    let link: PostgresLink
    public let logKey: NoteVerifierKey
    let signer: NoteSigner?
    public private(set) var size: UInt64 = 0
    public private(set) var root: TreeHash = MerkleHashing.emptyRoot

    /// The advisory lock that sequences appends (any constant the record's tables do not use).
    static let appendLock: Int64 = 7_438_292

    /// Opens the log in the database `link` reaches; with a signer, creates the empty log (checkpoint 0) if there is none.
    init(link: PostgresLink, logKey: NoteVerifierKey, signer: NoteSigner?) throws {
        self.link = link
        self.logKey = logKey
        self.signer = signer
        if let signer {
            try link.transaction { session in
                try session.execute("SELECT pg_advisory_xact_lock(\(PostgresLog.appendLock))")
                if try session.integer("SELECT COUNT(*) FROM log_checkpoints") == 0 {
                    let note = try Checkpoint(origin: signer.name, size: 0, root: MerkleHashing.emptyRoot).signed(by: signer)
                    try session.execute("INSERT INTO log_checkpoints (size, note) VALUES (0, $1)", [note.bound])
                }
            }
        }
        try refresh()
    }

    public var place: String { "the log tables of \(link.location.description)" }

    public func refresh() throws {
        let latest = try link.withConnection { session in
            try session.rows("SELECT size, note FROM log_checkpoints ORDER BY size DESC LIMIT 1").first.map {
                (UInt64(try $0.integer(0) ?? 0), try $0.text(1) ?? "")
            }
        }
        guard let (latestSize, note) = latest else {
            throw StocktakeError(
                .ledger, "There is no log in \(link.location.description) yet; run a command that writes (stocktake ingest) first.")
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint.open(note, logKey: logKey)
        } catch {
            throw StocktakeError(
                .ledgerMismatch,
                "The log in \(link.location.description) is not signed by this home's log key (\(logKey.name)); use the keys it was created with."
            )
        }
        guard checkpoint.size == latestSize else {
            throw StocktakeError(
                .ledgerMismatch, "The checkpoint stored for size \(latestSize) is signed for size \(checkpoint.size); the log was altered.")
        }
        size = latestSize
        root = checkpoint.root
    }

    public func entry(_ n: UInt64) throws -> [UInt8] {
        guard n < size else {
            throw StocktakeError(
                .unknownIdentifier, "The log has \(size) entries, numbered 0 to \(max(1, size) - 1); there is no entry \(n).")
        }
        let hex = try link.withConnection {
            try $0.text("SELECT encode(entry, 'hex') FROM log_entries WHERE idx = $1", [.integer(Int64(n))])
        }
        guard let hex, let bytes = Hex.decode(hex) else {
            throw StocktakeError(
                .ledgerMismatch, "Entry \(n) is missing from \(place); the log was altered, so run 'stocktake log verify'.")
        }
        return bytes
    }

    public func hash(level: Int, index n: UInt64) throws -> TreeHash {
        guard level < 64, n < (size >> UInt64(level)) else {
            throw StocktakeError(.ledger, "The log has no complete subtree at level \(level), index \(n).")
        }
        return try link.withConnection { try PostgresLog.storedHash(level: level, index: n, $0) }
    }

    static func storedHash(level: Int, index n: UInt64, _ session: PostgresSession) throws -> TreeHash {
        let position = Int64(StoredHashLayout.index(level: level, index: n))
        guard let hex = try session.text("SELECT encode(hash, 'hex') FROM log_hashes WHERE position = $1", [.integer(position)]),
            let bytes = Hex.decode(hex), let hash = TreeHash(bytes)
        else {
            throw StocktakeError(
                .ledgerMismatch, "A stored hash (level \(level), index \(n)) is missing from the log tables; run 'stocktake log verify'.")
        }
        return hash
    }

    public func checkpointSizes() -> [UInt64] {
        (try? link.withConnection { session in
            try session.rows("SELECT size FROM log_checkpoints ORDER BY size").map { UInt64(try $0.integer(0) ?? 0) }
        }) ?? []
    }

    public func checkpointNote(size: UInt64) throws -> String {
        guard size <= UInt64(Int64.max),
            let note = try link.withConnection({ try $0.text("SELECT note FROM log_checkpoints WHERE size = $1", [.integer(Int64(size))]) })
        else {
            throw StocktakeError(
                .unknownIdentifier, "The log signed no checkpoint at size \(size); 'stocktake log checkpoint' gives the latest.")
        }
        return note
    }

    /// The subtree hashes of the committed tree, read inside the append's transaction.
    struct SessionHashes: SubtreeHashSource {
        let session: PostgresSession
        func hash(level: Int, index n: UInt64) throws -> TreeHash { try PostgresLog.storedHash(level: level, index: n, session) }
    }

    @discardableResult
    public func append(_ batch: [[UInt8]]) throws -> Checkpoint {
        guard let signer else {
            throw StocktakeError(.key, "The log was opened without its signing key, so it cannot be appended to.")
        }
        guard !batch.isEmpty else {
            try refresh()
            return try Checkpoint.open(latestCheckpointNote(), logKey: logKey)
        }
        for (position, entry) in batch.enumerated() where entry.isEmpty || entry.count > Tiles.maximumEntrySize {
            throw StocktakeError(
                .invalidArgument,
                "Entry \(position) of the batch has \(entry.count) bytes; an entry must have 1 to \(Tiles.maximumEntrySize) bytes.")
        }
        let checkpoint = try link.transaction { session -> Checkpoint in
            // Appends from every process are sequenced here, one transaction at a time.
            try session.execute("SELECT pg_advisory_xact_lock(\(PostgresLog.appendLock))")
            let committed = UInt64(try session.integer("SELECT COALESCE(MAX(size), 0) FROM log_checkpoints") ?? 0)
            var border = try RightBorder(size: committed, source: SessionHashes(session: session))
            var positions: [Int64] = []
            var hashes: [String] = []
            for entry in batch {
                border.append(leafHash: MerkleHashing.leafHash(entry)) { hash, level, index in
                    positions.append(Int64(StoredHashLayout.index(level: level, index: index)))
                    hashes.append(Hex.encode(hash.bytes))
                }
            }
            try session.execute(
                "INSERT INTO log_entries (idx, entry) SELECT i, decode(e, 'hex') FROM unnest($1::bigint[], $2::text[]) AS x(i, e)",
                [.integers((0..<batch.count).map { Int64(committed) + Int64($0) }), .texts(batch.map { Hex.encode($0) })])
            try session.execute(
                "INSERT INTO log_hashes (position, hash) SELECT p, decode(h, 'hex') FROM unnest($1::bigint[], $2::text[]) AS x(p, h)",
                [.integers(positions), .texts(hashes)])
            let checkpoint = Checkpoint(origin: logKey.name, size: border.size, root: border.root)
            try session.execute(
                "INSERT INTO log_checkpoints (size, note) VALUES ($1, $2)",
                [.integer(Int64(border.size)), try checkpoint.signed(by: signer).bound])
            return checkpoint
        }
        size = checkpoint.size
        root = checkpoint.root
        return checkpoint
    }

    public func storeContent(_ content: [UInt8], hash: [UInt8]) throws {
        try link.withConnection {
            try $0.execute(
                "INSERT INTO log_content (sha256, content) VALUES ($1, decode($2, 'hex')) ON CONFLICT DO NOTHING",
                [Hex.encode(hash).bound, Hex.encode(content).bound])
        }
    }

    public func content(hash: [UInt8]) -> [UInt8]? {
        (try? link.withConnection {
            try $0.text("SELECT encode(content, 'hex') FROM log_content WHERE sha256 = $1", [Hex.encode(hash).bound])
        })
        .flatMap { $0 }.flatMap { Hex.decode($0) }
    }
}
