import Crypto
public import Foundation
import StocktakeCore
import StocktakeLedger

/// Bearer tokens for scripts, each bound to an author key; only their SHA-256 is stored (`keys/tokens/<hash>`, mode 0600).
public struct APITokens: Sendable {
    /// The folder of token files.
    public let directory: URL

    /// Uses the tokens under `home/keys/tokens`.
    public init(home: URL) {
        directory = home.appendingPathComponent("keys/tokens")
    }

    static func digest(_ token: String) -> String { Hex.encode(SHA256.hash(data: Array(token.utf8))) }

    /// Issues a token for an existing author key and returns it; it is shown once and never stored.
    public func issue(for author: String, keys: KeyFiles) throws -> String {
        _ = try keys.authorSigner(author)
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
        let token = "stk_" + Hex.encode(bytes)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(APITokens.digest(token))
        _ = FileManager.default.createFile(atPath: url.path, contents: Data("\(author)\n".utf8), attributes: [.posixPermissions: 0o600])
        return token
    }

    /// The author a token is bound to, or nil for a token that was never issued (or was revoked).
    public func author(for token: String) -> String? {
        guard token.hasPrefix("stk_"), token.count == 68, token.dropFirst(4).allSatisfy(\.isHexDigit) else { return nil }
        let url = directory.appendingPathComponent(APITokens.digest(token))
        guard let data = FileManager.default.contents(atPath: url.path), let name = String(validating: data, as: UTF8.self) else {
            return nil
        }
        return name.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Revokes every token of an author; returns how many.
    @discardableResult
    public func revoke(author: String) throws -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var count = 0
        for name in names
        where (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))?.trimmingCharacters(
            in: .whitespacesAndNewlines) == author
        {
            try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            count += 1
        }
        return count
    }
}
