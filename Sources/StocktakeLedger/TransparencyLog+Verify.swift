import Foundation
import StocktakeCore

/// What `verify` found: the committed size, and every problem with the place it is in.
public struct LogVerification: Sendable {
    /// The size of the latest checkpoint that verifies.
    public var size: UInt64 = 0
    /// Checkpoints checked.
    public var checkpoints = 0
    /// Problems found, the first one first; empty when the log verifies.
    public var problems: [String] = []
    /// True when bytes of an interrupted batch lie beyond the latest checkpoint (discarded on the next write).
    public var uncommittedTail = false
    /// True when nothing is wrong.
    public var isValid: Bool { problems.isEmpty }
}

extension TransparencyLog {
    /// Recomputes everything from the entries, independently of the stored hashes, and checks every
    /// stored hash and every signed checkpoint against it; `authors` are the keys entry signatures are checked with.
    public static func verify(directory: URL, logKey: NoteVerifierKey, authors: [NoteVerifierKey] = []) -> LogVerification {
        var report = LogVerification()
        let fileManager = FileManager.default
        let checkpointsURL = directory.appendingPathComponent("checkpoints")
        guard let names = try? fileManager.contentsOfDirectory(atPath: checkpointsURL.path) else {
            report.problems.append("There is no log in \(directory.path).")
            return report
        }
        // 1. Every checkpoint must be signed by the log key, at the size its name says.
        var roots: [UInt64: TreeHash] = [:]
        for name in names.sorted(by: { (UInt64($0) ?? 0) < (UInt64($1) ?? 0) }) {
            guard let size = UInt64(name) else { continue }
            guard let data = fileManager.contents(atPath: checkpointsURL.appendingPathComponent(name).path),
                let note = String(validating: data, as: UTF8.self)
            else {
                report.problems.append("checkpoints/\(name) cannot be read as text.")
                continue
            }
            do {
                let checkpoint = try Checkpoint.open(note, logKey: logKey)
                if checkpoint.size != size {
                    report.problems.append("checkpoints/\(name) is signed for size \(checkpoint.size), not \(size).")
                } else {
                    roots[size] = checkpoint.root
                }
            } catch let error as StocktakeError {
                report.problems.append("checkpoints/\(name): \(error.message)")
            } catch {
                report.problems.append("checkpoints/\(name) does not verify.")
            }
            report.checkpoints += 1
        }
        let committed = roots.keys.max() ?? 0
        report.size = committed
        if let latest = fileManager.contents(atPath: directory.appendingPathComponent("checkpoint").path),
            let note = String(validating: latest, as: UTF8.self), let checkpoint = try? Checkpoint.open(note, logKey: logKey),
            roots[checkpoint.size] != checkpoint.root
        {
            report.problems.append("checkpoint (the latest) does not match checkpoints/\(checkpoint.size).")
        }
        // 2. The index: end offsets must not go backwards and must stay inside entries.bin.
        guard let entries = try? LogFile(directory.appendingPathComponent("entries.bin"), writable: false),
            let index = try? LogFile(directory.appendingPathComponent("entries.idx"), writable: false),
            let hashes = try? LogFile(directory.appendingPathComponent("hashes.bin"), writable: false)
        else {
            report.problems.append("The log's data files are missing from \(directory.path).")
            return report
        }
        if index.length < committed * 8 {
            report.problems.append(
                "entries.idx holds \(index.length / 8) entries but checkpoint \(committed) needs \(committed): the file was truncated.")
            return report
        }
        let expectedHashes = StoredHashLayout.count(size: committed)
        if hashes.length < expectedHashes * 32 {
            report.problems.append(
                "hashes.bin holds \(hashes.length / 32) hashes but checkpoint \(committed) needs \(expectedHashes): the file was truncated."
            )
        }
        report.uncommittedTail = index.length > committed * 8 || hashes.length > expectedHashes * 32
        // 3. Stream the entries, recompute every stored hash, compare with hashes.bin and the checkpoints.
        var border = RightBorder()
        var previousEnd: UInt64 = 0
        var storedPosition: UInt64 = 0
        var firstHashMismatch: (position: UInt64, level: Int, index: UInt64)?
        var firstLeafMismatch: UInt64?
        var entryProblem: String?
        let authorByID = Dictionary(authors.map { ($0.keyID, $0) }, uniquingKeysWith: { first, _ in first })
        let chunk: UInt64 = 4096
        var indexBuffer: [UInt8] = []
        var hashBuffer: [UInt8] = []
        var hashBufferStart: UInt64 = 0
        func storedHash(_ position: UInt64) -> TreeHash? {
            if position < hashBufferStart || position >= hashBufferStart + UInt64(hashBuffer.count / 32) {
                hashBufferStart = position
                let available = hashes.length / 32
                guard position < available else { return nil }
                hashBuffer = (try? hashes.read(at: position * 32, count: Int(min(chunk, available - position) * 32))) ?? []
            }
            let offset = Int(position - hashBufferStart) * 32
            guard offset + 32 <= hashBuffer.count else { return nil }
            return TreeHash(Array(hashBuffer[offset..<offset + 32]))
        }
        func record(_ hash: TreeHash, level: Int, index: UInt64) {
            if firstHashMismatch == nil, storedHash(storedPosition) != hash {
                firstHashMismatch = (storedPosition, level, index)
                if level == 0 && firstLeafMismatch == nil { firstLeafMismatch = index }
            }
            storedPosition += 1
        }
        var n: UInt64 = 0
        while n < committed {
            if (n % chunk) == 0 {
                indexBuffer = (try? index.read(at: n * 8, count: Int(min(chunk, committed - n) * 8))) ?? []
            }
            let slot = Int(n % chunk) * 8
            let end = indexBuffer[slot..<slot + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard end >= previousEnd, end - previousEnd <= UInt64(Tiles.maximumEntrySize), end > previousEnd else {
                report.problems.append(
                    "entries.idx gives entry \(n) an impossible extent (bytes \(previousEnd) to \(end)): the index was altered.")
                return report
            }
            guard end <= entries.length else {
                report.problems.append(
                    "entries.bin ends at byte \(entries.length) but entry \(n) should end at byte \(end): the file was truncated.")
                return report
            }
            guard let entry = try? entries.read(at: previousEnd, count: Int(end - previousEnd)) else {
                report.problems.append("entry \(n) cannot be read from entries.bin.")
                return report
            }
            if entryProblem == nil { entryProblem = EntryEnvelope.problem(in: entry, index: n, authors: authorByID) }
            border.append(leafHash: MerkleHashing.leafHash(entry)) { hash, level, index in record(hash, level: level, index: index) }
            n += 1
            previousEnd = end
            if let expected = roots[n] {
                if border.root != expected {
                    let culprit = firstLeafMismatch.map { " (the first entry that differs from its stored hash is entry \($0))" } ?? ""
                    report.problems.append(
                        "The entries do not give the root signed in checkpoint \(n)\(culprit): entry data was changed, removed or reordered."
                    )
                    return report
                }
            }
        }
        if let mismatch = firstHashMismatch {
            report.problems.append(
                "hashes.bin is damaged at stored hash \(mismatch.position) (level \(mismatch.level), index \(mismatch.index)); the entries themselves agree with every checkpoint."
            )
        }
        if let entryProblem { report.problems.append(entryProblem) }
        if entries.length > previousEnd && !report.uncommittedTail {
            report.uncommittedTail = true
        }
        return report
    }
}
