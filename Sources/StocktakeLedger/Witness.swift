import Crypto
public import Foundation
import StocktakeCore

/// A log this witness follows: its key, and the latest checkpoint it cosigned.
public struct FollowedLog: Codable, Sendable, Equatable {
    /// The log's origin.
    public let origin: String
    /// The log's verifier key string.
    public let key: String
    /// The size of the latest checkpoint cosigned (0 before the first).
    public let size: UInt64
    /// Its root hash, base64.
    public let root: String
}

/// What a witness answers to an add-checkpoint request (C2SP tlog-witness).
public enum WitnessAnswer: Sendable, Equatable {
    /// 200: the cosignature line to add to the checkpoint.
    case cosigned(String)
    /// 409: the witness's recorded size differs from the request's `old`; retry from this size.
    case conflict(UInt64)
    /// 404: the witness does not follow this origin.
    case unknownLog(String)
    /// 403: the checkpoint's signature does not verify with the followed key.
    case badSignature(String)
    /// 422: the consistency proof does not prove the new checkpoint extends the old.
    case badProof(String)
    /// 400: the request is malformed.
    case malformed(String)
}

/// A witness (C2SP tlog-witness v1): follows logs, cosigns each checkpoint after checking it extends the last one it cosigned.
///
/// State lives in `home/witness/<sha256(origin)>.json`; the cosigning key in `home/keys/witness.key`.
/// The state is written before a cosignature is returned, so a witness never cosigns two forks of one log.
public struct Witness: Sendable {
    let directory: URL
    let keys: KeyFiles

    /// The witness of the installation in `home`.
    public init(home: URL) {
        directory = home.appendingPathComponent("witness")
        keys = KeyFiles(directory: home.appendingPathComponent("keys"))
    }

    func stateURL(_ origin: String) -> URL {
        directory.appendingPathComponent(Hex.encode(SHA256.hash(data: Array(origin.utf8))) + ".json")
    }

    /// Starts following a log, identified by its verifier key; refollowing the same key keeps its state.
    @discardableResult
    public func follow(key text: String) throws -> FollowedLog {
        let key = try NoteVerifierKey(parsing: text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard key.type == NoteVerifierKey.ed25519 else {
            throw StocktakeError(.key, "A log's key is an Ed25519 note key (type 0x01); this is not one.")
        }
        if let existing = try followed(origin: key.name) {
            guard existing.key == key.encoded else {
                throw StocktakeError(
                    .key,
                    "This witness already follows \(key.name) with another key; a log keeps its key for life, so the new key is refused.")
            }
            return existing
        }
        let state = FollowedLog(origin: key.name, key: key.encoded, size: 0, root: MerkleHashing.emptyRoot.base64)
        try save(state)
        return state
    }

    /// The state of a followed log, or nil.
    public func followed(origin: String) throws -> FollowedLog? {
        guard let data = FileManager.default.contents(atPath: stateURL(origin).path) else { return nil }
        do {
            return try JSONDecoder().decode(FollowedLog.self, from: data)
        } catch {
            throw StocktakeError(.corruptData, "The witness state of \(origin) is damaged; restore home/witness from a backup.")
        }
    }

    /// Every followed log.
    public func followedLogs() throws -> [FollowedLog] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }
        return try names.compactMap { name in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { return nil }
            do { return try JSONDecoder().decode(FollowedLog.self, from: data) } catch {
                throw StocktakeError(.corruptData, "The witness state \(name) is damaged.")
            }
        }.sorted { $0.origin < $1.origin }
    }

    func save(_ state: FollowedLog) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try DurableFile.writeAtomically(Array(try encoder.encode(state)), to: stateURL(state.origin))
    }

    /// The request body of add-checkpoint: `old N`, the consistency proof (one base64 hash a line), a blank line, the signed checkpoint.
    public static func requestBody(oldSize: UInt64, proof: [TreeHash], checkpointNote: String) -> String {
        "old \(oldSize)\n" + proof.map { $0.base64 + "\n" }.joined() + "\n" + checkpointNote
    }

    /// Answers an add-checkpoint request at time `now` (seconds since 1970).
    public func addCheckpoint(_ body: String, now: UInt64) throws -> WitnessAnswer {
        guard body.utf8.count <= 64 * 1024 else {
            return .malformed("The request is larger than 64 KiB; send one checkpoint with its proof.")
        }
        guard let separator = body.range(of: "\n\n") else {
            return .malformed("The request needs 'old N', the proof lines, a blank line, then the checkpoint.")
        }
        let head = body[..<separator.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        let note = String(body[separator.upperBound...])
        guard let first = head.first, first.hasPrefix("old "), let oldSize = UInt64(first.dropFirst(4)) else {
            return .malformed("The request's first line must be 'old N' with N a size.")
        }
        guard head.count - 1 <= 63 else { return .malformed("A consistency proof has at most 63 hashes.") }
        var proof: [TreeHash] = []
        for line in head.dropFirst() {
            guard let hash = TreeHash(base64: String(line)) else { return .malformed("A proof line is not a base64 SHA-256 hash.") }
            proof.append(hash)
        }
        let body: String
        do {
            body = try SignedNote(parsing: note).text
        } catch {
            return .malformed("The checkpoint is not a signed note.")
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint(text: body)
        } catch {
            return .malformed("The checkpoint's body is not origin, size and root.")
        }
        guard let state = try followed(origin: checkpoint.origin) else {
            return .unknownLog("This witness does not follow \(checkpoint.origin).")
        }
        let key = try NoteVerifierKey(parsing: state.key)
        do {
            _ = try Checkpoint.open(note, logKey: key)
        } catch {
            return .badSignature("The checkpoint is not signed by the key this witness follows for \(checkpoint.origin).")
        }
        guard oldSize == state.size else { return .conflict(state.size) }
        guard checkpoint.size >= oldSize else { return .badProof("The checkpoint is smaller than the one already cosigned.") }
        guard let oldRoot = TreeHash(base64: state.root) else {
            throw StocktakeError(.corruptData, "The witness state of \(checkpoint.origin) is damaged.")
        }
        if checkpoint.size == oldSize {
            guard proof.isEmpty, checkpoint.root == oldRoot else {
                return .badProof("A checkpoint of the same size must have the same root and an empty proof.")
            }
        } else if oldSize > 0 {
            guard
                ProofVerification.verifyConsistency(
                    oldSize: oldSize, newSize: checkpoint.size, oldRoot: oldRoot, newRoot: checkpoint.root, proof: proof)
            else {
                return .badProof(
                    "The consistency proof does not show that the checkpoint extends the one of size \(oldSize) already cosigned.")
            }
        } else {
            guard proof.isEmpty else { return .badProof("From size 0 the consistency proof is empty.") }
        }
        try save(FollowedLog(origin: state.origin, key: state.key, size: checkpoint.size, root: checkpoint.root.base64))
        return .cosigned(try Cosignature.line(checkpointText: body, time: now, witness: try keys.witnessSigner()))
    }
}

extension TransparencyLog {
    /// Keeps a witness's cosignature line for the checkpoint of `size`, after checking it against the witness's key.
    public func storeCosignature(_ line: String, size: UInt64, witness: NoteVerifierKey) throws {
        let note = try checkpointNote(size: size)
        _ = try Cosignature.verify(note: note + (line.hasSuffix("\n") ? line : line + "\n"), witness: witness)
        let folder = directory.appendingPathComponent("cosignatures/\(size)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try DurableFile.writeAtomically(
            Array((line.hasSuffix("\n") ? line : line + "\n").utf8), to: folder.appendingPathComponent(Hex.encode(witness.keyID)))
    }

    /// The checkpoint of `size` with every cosignature kept for it appended, as served to clients.
    public func cosignedCheckpointNote(size: UInt64) throws -> String {
        try checkpointNote(size: size) + TransparencyLog.keptCosignatures(in: directory, size: size)
    }

    /// The cosignature lines kept for the checkpoint of `size` in the log folder `directory`, read without opening the log.
    public static func keptCosignatures(in directory: URL, size: UInt64) -> String {
        let folder = directory.appendingPathComponent("cosignatures/\(size)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().compactMap { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { String(decoding: $0, as: UTF8.self) }
        }.joined()
    }
}
