import Foundation
import StocktakeCore
public import StocktakeLedger

extension RecordKeeper {
    /// Commits to a sealed declaration (needs the `declarant` role): the vault keeps it first, then a `declaration.commitment` entry is logged.
    @discardableResult
    public func commitDeclaration(_ sealed: SealedDeclaration, vault: DeclarantVault, author: NoteSigner) throws -> RecordedDeclaration {
        try requireRole("declarant", of: author)
        _ = try registry.state(sealed.state)
        try sealed.checkIntegrity()
        try vault.keep(sealed)
        let entry = try append([(DeclarationCommitmentPayload.entryType, sealed.commitment)], author: author)[0]
        guard let recorded = try store.declaration(entry.index) else {
            throw StocktakeError(.store, "The commitment was logged but not found in the database; run 'stocktake rebuild'.")
        }
        return recorded
    }

    /// Publishes a verified reveal bundle (needs the `declarant` role) as `declaration.reveal` entries in one batch; a bundle that fails, or reveals nothing new, logs nothing.
    @discardableResult
    public func publishReveal(_ bundle: RevealBundle, author: NoteSigner) throws -> [LoggedEntry] {
        try requireRole("declarant", of: author)
        try catchUp()
        let (declaration, _) = try checkReveal(bundle)
        let already = Set(
            try store.revealedRows(declaration: declaration.id, fromRow: 1, limit: Int.max).flatMap { row in
                row.values.keys.map { "\(row.row)\u{0}\($0)" }
            })
        let fresh = bundle.rows.flatMap { row in row.fields.filter(\.isRevealed).map { "\(row.row)\u{0}\($0.name)" } }
            .filter { !already.contains($0) }
        guard !fresh.isEmpty else {
            throw StocktakeError(.invalidArgument, "Every value in this reveal was revealed before, so there is nothing new to log.")
        }
        var chunks: [[RevealedRow]] = [[]]
        var size = 0
        for row in bundle.rows {
            let rowSize = try CanonicalJSON.string(row).utf8.count
            guard rowSize < DeclarationRevealPayload.maximumPayloadBytes else {
                throw StocktakeError(
                    .tooLarge, "Row \(row.row) takes \(rowSize) bytes revealed, more than one log entry holds; shorten its text values.")
            }
            if size + rowSize > DeclarationRevealPayload.maximumPayloadBytes, !chunks[chunks.count - 1].isEmpty {
                chunks.append([])
                size = 0
            }
            chunks[chunks.count - 1].append(row)
            size += rowSize + 1
        }
        let payloads = chunks.map { DeclarationRevealPayload(declaration: declaration.id, root: declaration.commitment.root, rows: $0) }
        return try append(payloads.map { (DeclarationRevealPayload.entryType, $0) }, author: author)
    }
}

extension RecordAccess {
    /// Checks a reveal bundle against the logged commitment it names, without writing: the declaration and what the bundle shows.
    public func checkReveal(_ bundle: RevealBundle) throws -> (RecordedDeclaration, RevealCheck) {
        guard bundle.scheme == EscrowScheme.name else {
            throw StocktakeError(
                .unsupportedFormat, "The reveal uses the scheme '\(bundle.scheme.prefix(40))'; this version checks \(EscrowScheme.name).")
        }
        let declaration = try store.existingDeclaration(bundle.declaration)
        let commitment = declaration.commitment
        guard bundle.root == commitment.root else {
            throw StocktakeError(
                .ledgerMismatch,
                "The reveal names the root \(bundle.root.prefix(12))… but declaration \(declaration.id) committed \(commitment.root.prefix(12))…; it belongs to another declaration."
            )
        }
        guard bundle.rowCount == commitment.rows, bundle.fields == commitment.fields else {
            throw StocktakeError(
                .ledgerMismatch,
                "The reveal describes \(bundle.rowCount) rows or other fields than declaration \(declaration.id) committed.")
        }
        let known = try store.revealedCommitments(declaration: declaration.id, rows: bundle.rows.map(\.row))
        return (declaration, try RevealVerifier.verify(bundle.rows, against: commitment, known: known))
    }

    /// A declaration with every reveal entry checked again from the log and the revealed rows from `fromRow` (at most `limit`).
    public func declarationStatus(_ id: UInt64, fromRow: Int = 1, limit: Int = 200) throws -> DeclarationStatus {
        try DeclarationStatus.build(id, store: store, log: log, fromRow: fromRow, limit: limit)
    }
}

extension DeclarationStatus {
    /// Builds the status of declaration `id` from the tables and the log, checking every reveal entry again against the commitment.
    public static func build(_ id: UInt64, store: any RecordStore, log: any AppendOnlyLog, fromRow: Int = 1, limit: Int = 200) throws
        -> DeclarationStatus
    {
        let declaration = try store.existingDeclaration(id)
        var known: [Int: [String]] = [:]
        var checks: [RevealEntryCheck] = []
        for index in declaration.reveals {
            let entry = try RecordKeeper.loggedEntry(index, in: log)
            guard case .declarationReveal(let payload) = entry.payload else { continue }
            do {
                let check = try RevealVerifier.verify(payload.rows, against: declaration.commitment, known: known)
                known.merge(check.commitments) { old, _ in old }
                checks.append(
                    RevealEntryCheck(
                        entry: index, author: entry.author, time: entry.time, rows: check.rows.count, fields: check.revealedFields,
                        verified: payload.root == declaration.commitment.root, problem: nil))
            } catch let error as StocktakeError {
                checks.append(
                    RevealEntryCheck(
                        entry: index, author: entry.author, time: entry.time, rows: payload.rows.count, fields: 0, verified: false,
                        problem: error.message))
            }
        }
        return DeclarationStatus(
            declaration: declaration, reveals: checks,
            rows: try store.revealedRows(declaration: id, fromRow: max(1, fromRow), limit: max(0, min(limit, 10_000))))
    }
}

/// Rows drawn for an inspection, with what anyone needs to repeat the draw.
public struct InspectionDraw: Sendable, Codable, Equatable {
    /// The declaration ID.
    public let declaration: UInt64
    /// The size of the signed checkpoint drawn from.
    public let checkpointSize: UInt64
    /// Its root, base64 as the checkpoint prints it.
    public let checkpointRoot: String
    /// The seed, hex.
    public let seed: String
    /// The rows selected, ascending.
    public let rows: [Int]
}

extension RecordAccess {
    /// Draws `count` rows of a declaration from the signed checkpoint at `checkpointSize`, which must include an entry
    /// after the commitment signed by another key than the declarant's, so the declarant alone cannot steer it.
    public func inspectionSelection(_ id: UInt64, count: Int, checkpointSize: UInt64) throws -> InspectionDraw {
        let declaration = try store.existingDeclaration(id)
        guard checkpointSize > id + 1 else {
            throw StocktakeError(
                .invalidArgument,
                "The checkpoint at size \(checkpointSize) does not hold an entry after the commitment (entry \(id)); draw from a later checkpoint, agreed in advance."
            )
        }
        guard checkpointSize <= log.size else {
            throw StocktakeError(
                .invalidArgument, "The log has \(log.size) entries, so there is no checkpoint at size \(checkpointSize) yet; wait for it.")
        }
        let checkpoint = try Checkpoint.open(try log.checkpointNote(size: checkpointSize), logKey: log.logKey)
        let declarant = try RecordKeeper.loggedEntry(id, in: log).authorKeyID
        var independent = false
        for index in (id + 1)..<checkpointSize where try RecordKeeper.loggedEntry(index, in: log).authorKeyID != declarant {
            independent = true
            break
        }
        guard independent else {
            throw StocktakeError(
                .invalidArgument,
                "Every entry between the commitment and size \(checkpointSize) is signed by the declarant, who could have steered the draw; use a checkpoint that includes another party's entry."
            )
        }
        guard let root = Hex.decode(declaration.commitment.root).flatMap(TreeHash.init) else {
            throw StocktakeError(
                .ledgerMismatch, "Declaration \(id)'s root is not a 32-byte hash; the log was written by an incompatible version.")
        }
        let seed = InspectionSelection.seed(
            declarationRoot: root, declaration: id, checkpointSize: checkpointSize, checkpointRoot: checkpoint.root)
        return InspectionDraw(
            declaration: id, checkpointSize: checkpointSize, checkpointRoot: checkpoint.root.base64, seed: Hex.encode(seed),
            rows: try InspectionSelection.rows(count: count, of: declaration.commitment.rows, seed: seed))
    }
}
