import Foundation
import StocktakeCore

/// A durable, append-only Merkle log in a folder: entries, every subtree hash, and every signed checkpoint.
///
/// Layout: `entries.bin` (entries back to back), `entries.idx` (big-endian end offset of each entry),
/// `hashes.bin` (all complete subtree hashes in ``StoredHashLayout`` order), `checkpoints/<size>`
/// (each signed checkpoint), `checkpoint` (the latest), `content/<sha256>` (payloads logged by hash).
/// A batch is durable once its checkpoint is renamed into place; on opening, anything beyond the
/// latest checkpoint (a batch interrupted by a crash) is cut away, so the log is always as it was
/// after the last completed batch.
public final class TransparencyLog: AppendOnlyLog {
    /// The folder holding the log.
    public let directory: URL
    /// The log's verifier key; its name is the origin.
    public let logKey: NoteVerifierKey
    /// The number of committed entries.
    public private(set) var size: UInt64 = 0
    /// The root of the committed tree.
    public private(set) var root: TreeHash = MerkleHashing.emptyRoot

    let signer: NoteSigner?
    let entries: LogFile
    let index: LogFile
    let hashes: LogFile
    let lock: LogFile?
    /// The complete subtrees on the right edge of the committed tree.
    var border = RightBorder()
    var entriesLength: UInt64 = 0

    /// The folder, for messages.
    public var place: String { directory.path }

    /// A writer holds the lock, so no one else appends; a reader sees the size it opened at (open again to see more).
    public func refresh() throws {}

    /// Creates a new, empty log in `directory`, signing its first checkpoint (size 0).
    public static func create(in directory: URL, signer: NoteSigner) throws -> TransparencyLog {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: directory.appendingPathComponent("checkpoint").path) {
            throw StocktakeError(.ledger, "There is already a log in \(directory.path); open it instead of creating one.")
        }
        try fileManager.createDirectory(at: directory.appendingPathComponent("checkpoints"), withIntermediateDirectories: true)
        try fileManager.createDirectory(at: directory.appendingPathComponent("content"), withIntermediateDirectories: true)
        let note = try Checkpoint(origin: signer.name, size: 0, root: MerkleHashing.emptyRoot).signed(by: signer)
        try DurableFile.writeAtomically(Array(note.utf8), to: directory.appendingPathComponent("checkpoints/0"))
        try DurableFile.writeAtomically(Array(note.utf8), to: directory.appendingPathComponent("checkpoint"))
        return try TransparencyLog(directory: directory, logKey: signer.verifier, signer: signer)
    }

    /// How long a writer waits for another to release the log: `STOCKTAKE_LOCK_WAIT` seconds, else 30.
    public static var defaultLockWait: Double {
        ProcessInfo.processInfo.environment["STOCKTAKE_LOCK_WAIT"].flatMap(Double.init) ?? 30
    }

    /// Opens a log for appending (with the log's signer, waiting up to `lockWait` seconds for another writer) or for reading (verifier key only, no lock).
    public init(directory: URL, logKey: NoteVerifierKey, signer: NoteSigner? = nil, lockWait: Double = TransparencyLog.defaultLockWait)
        throws
    {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("checkpoints").path) else {
            throw StocktakeError(.ledger, "There is no log in \(directory.path); run 'stocktake keys init' first.")
        }
        self.directory = directory
        self.logKey = logKey
        self.signer = signer
        let writable = signer != nil
        if writable {
            let lockFile = try LogFile(directory.appendingPathComponent("lock"), writable: true)
            try lockFile.lockExclusively(wait: lockWait)
            lock = lockFile
        } else {
            lock = nil
        }
        for name in ["entries.bin", "entries.idx", "hashes.bin"]
        where !FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) {
            _ = FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: nil)
        }
        entries = try LogFile(directory.appendingPathComponent("entries.bin"), writable: writable)
        index = try LogFile(directory.appendingPathComponent("entries.idx"), writable: writable)
        hashes = try LogFile(directory.appendingPathComponent("hashes.bin"), writable: writable)
        let (latestSize, latest) = try latestCheckpoint()
        try restore(size: latestSize, expectedRoot: latest.root, repair: writable)
    }

    /// Sizes of every stored checkpoint, ascending.
    public func checkpointSizes() -> [UInt64] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("checkpoints").path)) ?? []
        return names.compactMap { UInt64($0) }.sorted()
    }

    func latestCheckpoint() throws -> (UInt64, Checkpoint) {
        guard let largest = checkpointSizes().last else {
            throw StocktakeError(.ledger, "The log in \(directory.path) has no checkpoint; it is damaged.")
        }
        let note = try checkpointNote(size: largest)
        let checkpoint = try Checkpoint.open(note, logKey: logKey)
        guard checkpoint.size == largest else {
            throw StocktakeError(
                .ledgerMismatch, "checkpoints/\(largest) is signed for size \(checkpoint.size); the checkpoint files were moved.")
        }
        return (largest, checkpoint)
    }

    /// The signed checkpoint at `size`, as stored.
    public func checkpointNote(size: UInt64) throws -> String {
        let url = directory.appendingPathComponent("checkpoints/\(size)")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw StocktakeError(
                .unknownIdentifier, "The log signed no checkpoint at size \(size); 'stocktake log checkpoint' lists the latest.")
        }
        guard let note = String(validating: data, as: UTF8.self) else {
            throw StocktakeError(.ledgerMismatch, "checkpoints/\(size) is not UTF-8: the file was damaged.")
        }
        return note
    }

    /// Restores the in-memory state for `size` committed entries, cutting away an interrupted batch's tail.
    func restore(size newSize: UInt64, expectedRoot: TreeHash, repair: Bool) throws {
        let indexLength = newSize * 8
        let hashLength = StoredHashLayout.count(size: newSize) * 32
        guard index.length >= indexLength else {
            throw StocktakeError(
                .ledgerMismatch,
                "entries.idx is shorter than checkpoint \(newSize) requires: the log was truncated; run 'stocktake log verify'.")
        }
        guard hashes.length >= hashLength else {
            throw StocktakeError(
                .ledgerMismatch,
                "hashes.bin is shorter than checkpoint \(newSize) requires: the log was truncated; run 'stocktake log verify'.")
        }
        let end = newSize == 0 ? 0 : try readOffset(newSize - 1)
        guard entries.length >= end else {
            throw StocktakeError(
                .ledgerMismatch,
                "entries.bin is shorter than checkpoint \(newSize) requires: the log was truncated; run 'stocktake log verify'.")
        }
        if repair {
            if index.length > indexLength { try index.truncate(to: indexLength) }
            if hashes.length > hashLength { try hashes.truncate(to: hashLength) }
            if entries.length > end { try entries.truncate(to: end) }
        }
        size = newSize
        entriesLength = end
        border = try RightBorder(size: newSize, source: self)
        root = border.root
        guard root == expectedRoot else {
            throw StocktakeError(
                .ledgerMismatch,
                "The stored hashes give a root that differs from the signed checkpoint at size \(newSize); run 'stocktake log verify' to find the damage."
            )
        }
    }

    func readOffset(_ n: UInt64) throws -> UInt64 {
        try index.read(at: n * 8, count: 8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    /// Entry `n`'s exact bytes.
    public func entry(_ n: UInt64) throws -> [UInt8] {
        guard n < size else {
            throw StocktakeError(
                .unknownIdentifier, "The log has \(size) entries, numbered 0 to \(max(1, size) - 1); there is no entry \(n).")
        }
        let start = n == 0 ? 0 : try readOffset(n - 1)
        let end = try readOffset(n)
        guard end >= start, end - start <= UInt64(Tiles.maximumEntrySize) else {
            throw StocktakeError(.ledgerMismatch, "entries.idx gives entry \(n) an impossible length; run 'stocktake log verify'.")
        }
        return try entries.read(at: start, count: Int(end - start))
    }

    /// Appends entries as one durable batch and signs a checkpoint for the new size.
    @discardableResult
    public func append(_ batch: [[UInt8]]) throws -> Checkpoint {
        guard let signer else {
            throw StocktakeError(.key, "The log was opened without its signing key, so it cannot be appended to.")
        }
        guard !batch.isEmpty else { return try Checkpoint.open(latestCheckpointNote(), logKey: logKey) }
        for (position, entry) in batch.enumerated() where entry.isEmpty || entry.count > Tiles.maximumEntrySize {
            throw StocktakeError(
                .invalidArgument,
                "Entry \(position) of the batch has \(entry.count) bytes; an entry must have 1 to \(Tiles.maximumEntrySize) bytes.")
        }
        var entryBytes: [UInt8] = []
        var indexBytes: [UInt8] = []
        var hashBytes: [UInt8] = []
        entryBytes.reserveCapacity(batch.reduce(0) { $0 + $1.count })
        indexBytes.reserveCapacity(batch.count * 8)
        hashBytes.reserveCapacity(batch.count * 64)
        var newBorder = border
        var offset = entriesLength
        for entry in batch {
            entryBytes += entry
            offset += UInt64(entry.count)
            for shift in stride(from: 56, through: 0, by: -8) { indexBytes.append(UInt8((offset >> UInt64(shift)) & 0xFF)) }
            newBorder.append(leafHash: MerkleHashing.leafHash(entry)) { hash, _, _ in hashBytes += hash.bytes }
        }
        try entries.append(entryBytes, at: entriesLength)
        try index.append(indexBytes, at: size * 8)
        try hashes.append(hashBytes, at: StoredHashLayout.count(size: size) * 32)
        try entries.sync()
        try index.sync()
        try hashes.sync()
        let previous = (border, size, entriesLength)
        border = newBorder
        size = newBorder.size
        entriesLength = offset
        let newRoot = newBorder.root
        let checkpoint = Checkpoint(origin: origin, size: newBorder.size, root: newRoot)
        do {
            let note = Array(try checkpoint.signed(by: signer).utf8)
            try DurableFile.writeAtomically(note, to: directory.appendingPathComponent("checkpoints/\(newBorder.size)"))
            try DurableFile.writeAtomically(note, to: directory.appendingPathComponent("checkpoint"))
        } catch {
            (border, size, entriesLength) = previous
            throw error
        }
        root = newRoot
        return checkpoint
    }

    /// Keeps content logged by its hash beside the log, named by its SHA-256.
    public func storeContent(_ content: [UInt8], hash: [UInt8]) throws {
        let name = Hex.encode(hash)
        try DurableFile.writeAtomically(content, to: directory.appendingPathComponent("content/\(name)"))
    }

    /// Content logged by its hash, read back from beside the log.
    public func content(hash: [UInt8]) -> [UInt8]? {
        let name = Hex.encode(hash)
        return FileManager.default.contents(atPath: directory.appendingPathComponent("content/\(name)").path).map { [UInt8]($0) }
    }
}

extension TransparencyLog {
    public func hash(level: Int, index n: UInt64) throws -> TreeHash {
        guard level < 64, n < (size >> UInt64(level)) else {
            throw StocktakeError(.ledger, "The log has no complete subtree at level \(level), index \(n).")
        }
        let position = StoredHashLayout.index(level: level, index: n)
        return TreeHash(try hashes.read(at: position * 32, count: 32))!
    }
}
