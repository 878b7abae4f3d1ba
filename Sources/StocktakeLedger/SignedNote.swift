public import Crypto
import Foundation
import StocktakeCore

/// A C2SP signed-note verifier key: `<name>+<8 hex key ID>+<base64(type ‖ public key)>`.
public struct NoteVerifierKey: Sendable, Equatable {
    /// The signature type byte for Ed25519 note signatures.
    public static let ed25519: UInt8 = 0x01
    /// The signature type byte for tlog-cosignature/v1 (timestamped Ed25519).
    public static let cosignatureV1: UInt8 = 0x04

    /// The key name, which signature lines repeat.
    public let name: String
    /// The signature type byte.
    public let type: UInt8
    /// The Ed25519 public key.
    public let publicKey: Curve25519.Signing.PublicKey
    /// SHA-256(name ‖ 0x0A ‖ type ‖ key)[0..<4].
    public let keyID: [UInt8]

    /// Creates a verifier key from its parts.
    public init(name: String, type: UInt8 = NoteVerifierKey.ed25519, publicKey: Curve25519.Signing.PublicKey) throws {
        try SignedNote.checkKeyName(name)
        self.name = name
        self.type = type
        self.publicKey = publicKey
        self.keyID = NoteVerifierKey.keyID(name: name, type: type, publicKey: Array(publicKey.rawRepresentation))
    }

    /// Parses a verifier key string, checking that its key ID matches its key.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        func bad(_ why: String) -> StocktakeError {
            StocktakeError(.key, "'\(text.prefix(80))' is not a verifier key (\(why)); it should read name+8-hex-digit-ID+base64-key.")
        }
        guard parts.count == 3 else { throw bad("it needs three parts joined by +") }
        guard parts[1].count == 8, let id = UInt32(parts[1], radix: 16) else { throw bad("the key ID is not 8 hex digits") }
        guard let raw = Base64.decode(parts[2]), raw.count == 33 else { throw bad("the key is not base64 of 33 bytes") }
        guard raw[0] == NoteVerifierKey.ed25519 || raw[0] == NoteVerifierKey.cosignatureV1 else {
            throw bad("the key type \(raw[0]) is not Ed25519")
        }
        let key = try Curve25519.Signing.PublicKey(rawRepresentation: raw[1...])
        try self.init(name: parts[0], type: raw[0], publicKey: key)
        let expected = [UInt8(id >> 24), UInt8((id >> 16) & 0xFF), UInt8((id >> 8) & 0xFF), UInt8(id & 0xFF)]
        guard expected == keyID else { throw bad("the key ID does not match the key") }
    }

    public static func == (a: NoteVerifierKey, b: NoteVerifierKey) -> Bool {
        a.name == b.name && a.type == b.type && a.publicKey.rawRepresentation == b.publicKey.rawRepresentation
    }

    /// The verifier key string.
    public var encoded: String {
        "\(name)+\(Hex.encode(keyID))+\(Base64.encode([type] + Array(publicKey.rawRepresentation)))"
    }

    static func keyID(name: String, type: UInt8, publicKey: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Array(name.utf8) + [0x0A, type] + publicKey)
        return Array(hasher.finalize().prefix(4))
    }
}

/// An Ed25519 signer for signed notes, with its name.
public struct NoteSigner: Sendable {
    /// The key name.
    public let name: String
    let privateKey: Curve25519.Signing.PrivateKey
    /// The matching verifier key.
    public let verifier: NoteVerifierKey

    /// Creates a signer from a 32-byte Ed25519 seed.
    public init(name: String, seed: [UInt8], type: UInt8 = NoteVerifierKey.ed25519) throws {
        guard seed.count == 32 else {
            throw StocktakeError(.key, "An Ed25519 seed has 32 bytes, not \(seed.count); the key file is damaged.")
        }
        self.name = name
        privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        verifier = try NoteVerifierKey(name: name, type: type, publicKey: privateKey.publicKey)
    }

    /// Creates a signer with a new random key.
    public static func generate(name: String) throws -> (signer: NoteSigner, seed: [UInt8]) {
        let seed = Array(Curve25519.Signing.PrivateKey().rawRepresentation)
        return (try NoteSigner(name: name, seed: seed), seed)
    }

    /// The signature line for `text` ("— name base64(keyID ‖ signature)"), ending in a newline.
    public func signatureLine(for text: String) throws -> String {
        let signature = try privateKey.signature(for: Array(text.utf8))
        return "\u{2014} \(name) \(Base64.encode(verifier.keyID + Array(signature)))\n"
    }

    /// Signs a message and returns the raw 64-byte signature.
    public func sign(_ message: [UInt8]) throws -> [UInt8] { Array(try privateKey.signature(for: message)) }

    /// Signs text into a complete signed note.
    public func sign(text: String) throws -> String {
        try SignedNote.checkText(text)
        return text + "\n" + (try signatureLine(for: text))
    }
}

/// One signature line of a note.
public struct NoteSignature: Sendable, Equatable {
    /// The key name.
    public let name: String
    /// The 4-byte key ID.
    public let keyID: [UInt8]
    /// The signature bytes after the key ID.
    public let signature: [UInt8]
}

/// A C2SP signed note: text, a blank line, signature lines.
public struct SignedNote: Sendable {
    /// The most signatures a note may carry; more is refused as a resource attack.
    public static let maximumSignatures = 100

    /// The signed text, ending in a newline.
    public let text: String
    /// All signature lines, known or not.
    public let signatures: [NoteSignature]

    /// Parses a note without verifying it.
    public init(parsing note: String) throws {
        func bad(_ why: String) -> StocktakeError { StocktakeError(.ledger, "The note is malformed: \(why).") }
        guard note.hasSuffix("\n") else { throw bad("it does not end with a newline") }
        guard let split = note.range(of: "\n\n", options: .backwards) else { throw bad("there is no blank line before the signatures") }
        let text = String(note[..<split.lowerBound]) + "\n"
        try SignedNote.checkText(text)
        var signatures: [NoteSignature] = []
        for line in note[split.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            guard line.hasPrefix("\u{2014} ") else { throw bad("a signature line does not start with an em dash and a space") }
            let rest = line.dropFirst(2)
            guard let space = rest.lastIndex(of: " ") else { throw bad("a signature line has no signature") }
            let name = String(rest[..<space])
            try SignedNote.checkKeyName(name)
            guard let raw = Base64.decode(String(rest[rest.index(after: space)...])), raw.count > 4 else {
                throw bad("a signature is not valid base64")
            }
            signatures.append(NoteSignature(name: name, keyID: Array(raw.prefix(4)), signature: Array(raw.dropFirst(4))))
            if signatures.count > SignedNote.maximumSignatures { throw bad("it has more than \(SignedNote.maximumSignatures) signatures") }
        }
        guard !signatures.isEmpty else { throw bad("it has no signatures") }
        self.text = text
        self.signatures = signatures
    }

    /// Verifies the note: every signature by a known Ed25519 key must verify and at least one must; unknown ones are ignored.
    @discardableResult
    public static func open(_ note: String, verifiers: [NoteVerifierKey]) throws -> SignedNote {
        let parsed = try SignedNote(parsing: note)
        var verified = 0
        for signature in parsed.signatures {
            guard
                let key = verifiers.first(where: {
                    $0.name == signature.name && $0.keyID == signature.keyID && $0.type == NoteVerifierKey.ed25519
                })
            else { continue }
            guard key.publicKey.isValidSignature(signature.signature, for: Array(parsed.text.utf8)) else {
                throw StocktakeError(
                    .ledger, "The signature by \(signature.name) does not verify: the note was altered or signed with another key.")
            }
            verified += 1
        }
        guard verified > 0 else {
            throw StocktakeError(.ledger, "The note has no signature by a known key; check the verifier key you gave.")
        }
        return parsed
    }

    /// Note text must be UTF-8 without control characters other than newline, and end with a newline.
    static func checkText(_ text: String) throws {
        guard text.hasSuffix("\n") else { throw StocktakeError(.ledger, "The note text must end with a newline.") }
        guard !text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F }) else {
            throw StocktakeError(.ledger, "The note text holds control characters other than newline.")
        }
    }

    static func checkKeyName(_ name: String) throws {
        guard !name.isEmpty, !name.contains("+"), !name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 })
        else {
            throw StocktakeError(.key, "'\(name)' is not a key name: it must be non-empty, without spaces or '+'.")
        }
    }
}
