import Crypto
import Foundation
import StocktakeCore

/// Private and public key files: the log's key and the keys of people who write to the record.
///
/// A private key file holds `PRIVATE+KEY+<name>+<key ID>+<base64(0x01 ‖ seed)>`, the form
/// golang.org/x/mod/sumdb/note reads, and is written with mode 0600. Keys are never printed.
public struct KeyFiles: Sendable {
    /// The folder holding `log.key`, `log.vkey` and `authors/`.
    public let directory: URL

    /// Uses the keys in `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The origin a log gets when none is given.
    public static let defaultOrigin = "localhost/stocktake"
    /// The author key created with the log, which signs what operators append.
    public static let operatorAuthor = "operator"

    /// True when the log's key exists.
    public var hasLogKey: Bool { FileManager.default.fileExists(atPath: logKeyURL.path) }

    /// Sets up a new log: its key for `origin`, the operator's author key, and an empty log in `ledger` with its first checkpoint.
    public func initializeLog(origin: String, ledger: URL) throws -> (log: NoteSigner, operator: NoteSigner) {
        let signer = try createLogKey(origin: origin)
        let operatorKey = try createAuthorKey(name: KeyFiles.operatorAuthor)
        try FileManager.default.createDirectory(at: ledger, withIntermediateDirectories: true)
        _ = try TransparencyLog.create(in: ledger, signer: signer)
        return (signer, operatorKey)
    }

    var logKeyURL: URL { directory.appendingPathComponent("log.key") }
    var authorsURL: URL { directory.appendingPathComponent("authors") }

    /// Creates the log key for `origin`; refuses to overwrite an existing one.
    public func createLogKey(origin: String) throws -> NoteSigner {
        guard !FileManager.default.fileExists(atPath: logKeyURL.path) else {
            throw StocktakeError(
                .key, "A log key already exists in \(directory.path); a log keeps its key for life, so it is not replaced.")
        }
        try FileManager.default.createDirectory(at: authorsURL, withIntermediateDirectories: true)
        let (signer, seed) = try NoteSigner.generate(name: origin)
        try write(signer: signer, seed: seed, to: logKeyURL)
        try DurableFile.writeAtomically(Array((signer.verifier.encoded + "\n").utf8), to: directory.appendingPathComponent("log.vkey"))
        return signer
    }

    /// Creates an author key named `name`.
    public func createAuthorKey(name: String) throws -> NoteSigner {
        try SignedNote.checkKeyName(name)
        guard name.range(of: #"^[A-Za-z0-9._@\-]{1,64}$"#, options: .regularExpression) != nil else {
            throw StocktakeError(.key, "'\(name)' is not an author name; use letters, digits, '.', '_', '@' or '-'.")
        }
        let url = authorsURL.appendingPathComponent("\(name).key")
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw StocktakeError(.key, "An author key named \(name) already exists.")
        }
        try FileManager.default.createDirectory(at: authorsURL, withIntermediateDirectories: true)
        let (signer, seed) = try NoteSigner.generate(name: name)
        try write(signer: signer, seed: seed, to: url)
        return signer
    }

    func write(signer: NoteSigner, seed: [UInt8], to url: URL) throws {
        let id = Hex.encode(signer.verifier.keyID)
        let text = "PRIVATE+KEY+\(signer.name)+\(id)+\(Base64.encode([signer.verifier.type] + seed))\n"
        try DurableFile.writeAtomically(Array(text.utf8), to: url, mode: 0o600)
    }

    /// Reads a private key file.
    public static func readSigner(_ url: URL) throws -> NoteSigner {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(validating: data, as: UTF8.self) else {
            throw StocktakeError(.key, "There is no key at \(url.path); run 'stocktake keys init' first.")
        }
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: "+", maxSplits: 4, omittingEmptySubsequences: false
        ).map(String.init)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY", let raw = Base64.decode(parts[4]), raw.count == 33,
            raw[0] == NoteVerifierKey.ed25519 || raw[0] == NoteVerifierKey.cosignatureV1
        else {
            throw StocktakeError(.key, "\(url.lastPathComponent) is not a private key file; restore it from your backup.")
        }
        let signer = try NoteSigner(name: parts[2], seed: Array(raw[1...]), type: raw[0])
        guard Hex.encode(signer.verifier.keyID) == parts[3] else {
            throw StocktakeError(.key, "\(url.lastPathComponent) is damaged: its key ID does not match its key.")
        }
        return signer
    }

    var witnessKeyURL: URL { directory.appendingPathComponent("witness.key") }

    /// This installation's witness key (a cosignature/v1 key named `<origin>/witness`), created on first use.
    public func witnessSigner() throws -> NoteSigner {
        if FileManager.default.fileExists(atPath: witnessKeyURL.path) { return try KeyFiles.readSigner(witnessKeyURL) }
        let origin = try logVerifier().name
        let seed = Array(Curve25519.Signing.PrivateKey().rawRepresentation)
        let signer = try NoteSigner(name: origin + "/witness", seed: seed, type: NoteVerifierKey.cosignatureV1)
        try write(signer: signer, seed: seed, to: witnessKeyURL)
        return signer
    }

    /// The log's signer.
    public func logSigner() throws -> NoteSigner { try KeyFiles.readSigner(logKeyURL) }

    /// The log's verifier key (from `log.vkey`, so verifying needs no private key).
    public func logVerifier() throws -> NoteVerifierKey {
        let url = directory.appendingPathComponent("log.vkey")
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(validating: data, as: UTF8.self) else {
            throw StocktakeError(.key, "There is no log key in \(directory.path); run 'stocktake keys init' first.")
        }
        return try NoteVerifierKey(parsing: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// An author's signer.
    public func authorSigner(_ name: String) throws -> NoteSigner {
        let url = authorsURL.appendingPathComponent("\(name).key")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw StocktakeError(.key, "There is no author key named \(name); create it with 'stocktake keys add-author \(name)'.")
        }
        return try KeyFiles.readSigner(url)
    }

    /// Every author's verifier key.
    public func authorVerifiers() throws -> [NoteVerifierKey] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: authorsURL.path)) ?? []
        return try names.filter { $0.hasSuffix(".key") }.sorted().map {
            try KeyFiles.readSigner(authorsURL.appendingPathComponent($0)).verifier
        }
    }
}
