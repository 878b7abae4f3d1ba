public import Foundation
import StocktakeCore

/// Where a declarant keeps sealed declarations: `home/escrow/<root>.json`, mode 0600 in a 0700 folder, never in the log or the database.
public struct DeclarantVault: Sendable {
    /// The folder.
    public let directory: URL

    /// A vault in `directory` (created on first use).
    public init(directory: URL) { self.directory = directory }

    /// Writes the sealed declaration durably before anything is logged, so a commitment never outlives its salts.
    public func keep(_ sealed: SealedDeclaration) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try DurableFile.writeAtomically(Array(try encoder.encode(sealed)), to: url(root: sealed.root), mode: 0o600)
    }

    /// The sealed declaration committed with `root`, checked against that root.
    public func sealed(root: String) throws -> SealedDeclaration {
        guard root.count == 64, Hex.decode(root) != nil else {
            throw StocktakeError(.invalidArgument, "'\(root.prefix(64))' is not a declaration root; roots are 64 hex digits.")
        }
        guard let data = FileManager.default.contents(atPath: url(root: root).path) else {
            throw StocktakeError(
                .dataNotFound,
                "This home does not keep the declaration with root \(root.prefix(12))…; run the command in the declarant's home, where it was committed."
            )
        }
        let sealed: SealedDeclaration
        do {
            sealed = try JSONDecoder().decode(SealedDeclaration.self, from: data)
        } catch {
            throw StocktakeError(
                .corruptData, "The kept declaration \(root.prefix(12))… cannot be read; restore escrow/\(root).json from your backup.")
        }
        guard sealed.root == root else {
            throw StocktakeError(.corruptData, "escrow/\(root).json holds another declaration; restore it from your backup.")
        }
        try sealed.checkIntegrity()
        return sealed
    }

    func url(root: String) -> URL { directory.appendingPathComponent("\(root).json") }
}
