import Crypto
import Foundation
import StocktakeCore

/// A C2SP tlog-checkpoint body: origin, tree size, root hash, optional extension lines.
public struct Checkpoint: Sendable, Equatable {
    /// The log's origin, which is also its key name.
    public let origin: String
    /// The number of entries.
    public let size: UInt64
    /// The Merkle root.
    public let root: TreeHash
    /// Extension lines after the root, if any.
    public let extensions: [String]

    /// Creates a checkpoint body.
    public init(origin: String, size: UInt64, root: TreeHash, extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    /// The note text: each line ends in a newline.
    public var text: String {
        ([origin, String(size), root.base64] + extensions).map { $0 + "\n" }.joined()
    }

    /// Parses a checkpoint body from note text.
    public init(text: String) throws {
        func bad(_ why: String) -> StocktakeError { StocktakeError(.ledger, "The checkpoint is malformed: \(why).") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.last == "" else { throw bad("it does not end with a newline") }
        lines.removeLast()
        guard lines.count >= 3 else { throw bad("it needs an origin, a size and a root hash") }
        guard !lines[0].isEmpty else { throw bad("the origin is empty") }
        guard let size = UInt64(lines[1]), String(size) == lines[1] else {
            throw bad("the size '\(lines[1])' is not a decimal without leading zeros")
        }
        guard let root = TreeHash(base64: lines[2]) else { throw bad("the root is not base64 of 32 bytes") }
        guard !lines[3...].contains(where: \.isEmpty) else { throw bad("it has an empty extension line") }
        self.init(origin: lines[0], size: size, root: root, extensions: Array(lines[3...]))
    }

    /// Signs the checkpoint as a note with the log's key; the key name must equal the origin.
    public func signed(by signer: NoteSigner) throws -> String {
        guard signer.name == origin else {
            throw StocktakeError(
                .key, "The log key is named \(signer.name) but the origin is \(origin); a checkpoint's key name must be its origin.")
        }
        return try signer.sign(text: text)
    }

    /// Reads the body of a signed checkpoint note without checking its signatures: for showing what a note says; ``open(_:logKey:)`` verifies.
    public init(unverifiedNote note: String) throws {
        try self.init(text: try SignedNote(parsing: note).text)
    }

    /// Opens a signed checkpoint, verifying the log's signature, and returns it with the raw note.
    public static func open(_ note: String, logKey: NoteVerifierKey) throws -> Checkpoint {
        let opened = try SignedNote.open(note, verifiers: [logKey])
        let checkpoint = try Checkpoint(text: opened.text)
        guard checkpoint.origin == logKey.name else {
            throw StocktakeError(.ledger, "The checkpoint's origin \(checkpoint.origin) is not the log key's name \(logKey.name).")
        }
        return checkpoint
    }
}

/// C2SP tlog-cosignature v1: a witness's timestamped Ed25519 signature over a checkpoint.
public enum Cosignature {
    /// The message a witness signs: "cosignature/v1\ntime T\n" followed by the checkpoint body.
    public static func message(checkpointText: String, time: UInt64) -> [UInt8] {
        Array("cosignature/v1\ntime \(time)\n".utf8) + Array(checkpointText.utf8)
    }

    /// The witness's signature line for a checkpoint at `time` (seconds since the epoch).
    public static func line(checkpointText: String, time: UInt64, witness: NoteSigner) throws -> String {
        guard witness.verifier.type == NoteVerifierKey.cosignatureV1 else {
            throw StocktakeError(.key, "The witness key \(witness.name) is not a cosignature/v1 key (type 0x04).")
        }
        let signature = try witness.sign(message(checkpointText: checkpointText, time: time))
        let timestamp = (0..<8).map { UInt8((time >> (56 - 8 * UInt64($0))) & 0xFF) }
        return "\u{2014} \(witness.name) \(Base64.encode(witness.verifier.keyID + timestamp + signature))\n"
    }

    /// Verifies a witness's cosignature on a checkpoint note and returns its timestamp.
    public static func verify(note: String, witness: NoteVerifierKey) throws -> UInt64 {
        let parsed = try SignedNote(parsing: note)
        guard witness.type == NoteVerifierKey.cosignatureV1 else {
            throw StocktakeError(.key, "The witness key \(witness.name) is not a cosignature/v1 key.")
        }
        guard let signature = parsed.signatures.first(where: { $0.name == witness.name && $0.keyID == witness.keyID }) else {
            throw StocktakeError(.ledger, "The checkpoint carries no cosignature by \(witness.name).")
        }
        guard signature.signature.count == 72 else { throw StocktakeError(.ledger, "The cosignature by \(witness.name) is not 72 bytes.") }
        let time = signature.signature.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard
            witness.publicKey.isValidSignature(
                Array(signature.signature.dropFirst(8)), for: message(checkpointText: parsed.text, time: time))
        else {
            throw StocktakeError(.ledger, "The cosignature by \(witness.name) does not verify.")
        }
        return time
    }
}

/// C2SP tlog-proof: an offline receipt that an entry is in the log under a checkpoint.
public struct InclusionReceipt: Sendable, Equatable {
    /// The entry's index.
    public let index: UInt64
    /// The audit path, leaf's sibling first.
    public let proof: [TreeHash]
    /// The signed checkpoint, verbatim.
    public let checkpointNote: String
    /// Opaque extra data, unauthenticated.
    public let extra: [UInt8]?

    /// Creates a receipt.
    public init(index: UInt64, proof: [TreeHash], checkpointNote: String, extra: [UInt8]? = nil) {
        self.index = index
        self.proof = proof
        self.checkpointNote = checkpointNote
        self.extra = extra
    }

    /// The receipt in the `c2sp.org/tlog-proof@v1` text format.
    public var encoded: String {
        var out = "c2sp.org/tlog-proof@v1\n"
        if let extra { out += "extra \(Base64.encode(extra))\n" }
        out += "index \(index)\n"
        for hash in proof { out += hash.base64 + "\n" }
        return out + "\n" + checkpointNote
    }

    /// Parses a receipt.
    public init(parsing text: String) throws {
        func bad(_ why: String) -> StocktakeError { StocktakeError(.ledger, "The proof is not a c2sp.org/tlog-proof@v1 receipt: \(why).") }
        guard let blank = text.range(of: "\n\n") else { throw bad("there is no blank line before the checkpoint") }
        var lines = text[..<blank.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == "c2sp.org/tlog-proof@v1" else { throw bad("the first line is not c2sp.org/tlog-proof@v1") }
        lines.removeFirst()
        var extra: [UInt8]?
        if let first = lines.first, first.hasPrefix("extra ") {
            guard let decoded = Base64.decode(String(first.dropFirst(6))) else { throw bad("the extra data is not base64") }
            extra = decoded
            lines.removeFirst()
        }
        guard let indexLine = lines.first, indexLine.hasPrefix("index "), let index = UInt64(indexLine.dropFirst(6)),
            String(index) == indexLine.dropFirst(6)
        else { throw bad("the index line is missing or not a decimal") }
        var proof: [TreeHash] = []
        for line in lines.dropFirst() {
            guard let hash = TreeHash(base64: line) else { throw bad("a proof line is not base64 of 32 bytes") }
            proof.append(hash)
        }
        self.init(index: index, proof: proof, checkpointNote: String(text[blank.upperBound...]), extra: extra)
    }

    /// Verifies the receipt for an entry: the log's signature on the checkpoint and the inclusion proof.
    public func verify(entry: [UInt8], logKey: NoteVerifierKey) throws -> Checkpoint {
        let checkpoint = try Checkpoint.open(checkpointNote, logKey: logKey)
        guard
            ProofVerification.verifyInclusion(
                index: index, size: checkpoint.size, leafHash: MerkleHashing.leafHash(entry), proof: proof, root: checkpoint.root)
        else {
            throw StocktakeError(
                .ledgerMismatch,
                "The inclusion proof for entry \(index) does not lead to the checkpoint's root: the entry or the proof was altered.")
        }
        return checkpoint
    }
}
