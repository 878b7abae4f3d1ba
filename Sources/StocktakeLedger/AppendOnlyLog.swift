import StocktakeCore

/// A signed, append-only Merkle log, wherever it is kept: files in a folder (``TransparencyLog``) or tables in a
/// database shared by several writers. Entries, stored subtree hashes and signed checkpoints have the same bytes
/// in every kind, so proofs, tiles and verification do not depend on where the log lives.
public protocol AppendOnlyLog: AnyObject, SubtreeHashSource {
    /// The log's verifier key; its name is the origin.
    var logKey: NoteVerifierKey { get }
    /// The number of committed entries, as of the last append or ``refresh()``.
    var size: UInt64 { get }
    /// The root of the committed tree, as of the last append or ``refresh()``.
    var root: TreeHash { get }
    /// Where the log is, for messages.
    var place: String { get }
    /// Reads the committed size again (another process may have appended since).
    func refresh() throws
    /// Entry `n`'s exact bytes.
    func entry(_ n: UInt64) throws -> [UInt8]
    /// Sizes of every stored checkpoint, ascending.
    func checkpointSizes() -> [UInt64]
    /// The signed checkpoint at `size`, as stored.
    func checkpointNote(size: UInt64) throws -> String
    /// Appends entries as one batch, all or none, sequenced after whatever is committed, and signs a checkpoint for the new size.
    @discardableResult
    func append(_ batch: [[UInt8]]) throws -> Checkpoint
    /// Keeps content logged by its hash beside the log.
    func storeContent(_ content: [UInt8], hash: [UInt8]) throws
    /// Content logged by its hash.
    func content(hash: [UInt8]) -> [UInt8]?
}

extension AppendOnlyLog {
    /// The origin line of every checkpoint.
    public var origin: String { logKey.name }

    /// The latest signed checkpoint.
    public func latestCheckpointNote() throws -> String { try checkpointNote(size: size) }

    /// A tlog-proof receipt for entry `n` under the latest checkpoint.
    public func receipt(for n: UInt64) throws -> InclusionReceipt {
        _ = try entry(n)
        return InclusionReceipt(index: n, proof: try inclusionProof(index: n, size: size), checkpointNote: try latestCheckpointNote())
    }

    /// Recomputes the tree from the entries and checks every stored hash and every signed checkpoint against it; `authors`
    /// are the keys entry signatures are checked with. Works on any kind of log through its public reads.
    public func verifyThroughReads(authors: [NoteVerifierKey] = []) -> LogVerification {
        var report = LogVerification()
        var roots: [UInt64: TreeHash] = [:]
        for size in checkpointSizes() {
            report.checkpoints += 1
            do {
                let checkpoint = try Checkpoint.open(try checkpointNote(size: size), logKey: logKey)
                if checkpoint.size != size {
                    report.problems.append("The checkpoint stored for size \(size) is signed for size \(checkpoint.size).")
                } else {
                    roots[size] = checkpoint.root
                }
            } catch let error as StocktakeError {
                report.problems.append("The checkpoint at size \(size): \(error.message)")
            } catch {
                report.problems.append("The checkpoint at size \(size) does not verify.")
            }
        }
        let committed = roots.keys.max() ?? 0
        report.size = committed
        let authorByID = Dictionary(authors.map { ($0.keyID, $0) }, uniquingKeysWith: { first, _ in first })
        var border = RightBorder()
        var firstHashMismatch: (level: Int, index: UInt64)?
        var entryProblem: String?
        for n in 0..<committed {
            guard let entry = try? entry(n) else {
                report.problems.append("Entry \(n) cannot be read from \(place).")
                return report
            }
            if entryProblem == nil { entryProblem = EntryEnvelope.problem(in: entry, index: n, authors: authorByID) }
            border.append(leafHash: MerkleHashing.leafHash(entry)) { hash, level, index in
                if firstHashMismatch == nil, (try? self.hash(level: level, index: index)) != hash { firstHashMismatch = (level, index) }
            }
            if let expected = roots[n + 1], border.root != expected {
                report.problems.append(
                    "The entries do not give the root signed in checkpoint \(n + 1): entry data was changed, removed or reordered.")
                return report
            }
        }
        if let mismatch = firstHashMismatch {
            report.problems.append(
                "A stored hash is damaged (level \(mismatch.level), index \(mismatch.index)); the entries themselves agree with every checkpoint."
            )
        }
        if let entryProblem { report.problems.append(entryProblem) }
        return report
    }
}

extension EntryEnvelope {
    /// What is wrong with entry `index` (it does not parse, or its author's signature does not verify), nil when nothing;
    /// entries by authors not in `authors` are only parsed.
    static func problem(in entry: [UInt8], index: UInt64, authors: [[UInt8]: NoteVerifierKey]) -> String? {
        do {
            let envelope = try EntryEnvelope(entry: entry)
            if let author = authors[envelope.authorKeyID] {
                _ = try SignedNote.open(String(decoding: entry, as: UTF8.self), verifiers: [author])
            }
            return nil
        } catch let error as StocktakeError {
            return "entry \(index): \(error.message)"
        } catch {
            return "entry \(index) cannot be parsed."
        }
    }
}
