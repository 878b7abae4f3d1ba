import StocktakeCore

/// What a verified reveal showed.
public struct RevealCheck: Sendable, Equatable {
    /// The rows verified, ascending.
    public let rows: [Int]
    /// How many field values were revealed.
    public let revealedFields: Int
    /// Each verified row's field commitments, hex, in field order (what later reveals are compared with).
    public let commitments: [Int: [String]]
}

/// Checks revealed rows against a logged commitment, naming the row or field that fails.
public enum RevealVerifier {
    /// The longest audit path accepted (a tree of a million rows needs 20).
    static let maximumProofLength = 64

    /// Verifies every row; `known` holds field commitments of rows revealed before, so a changed field is named exactly.
    public static func verify(
        _ rows: [RevealedRow], against commitment: DeclarationCommitmentPayload, known: [Int: [String]] = [:]
    ) throws -> RevealCheck {
        guard commitment.scheme == EscrowScheme.name else {
            throw StocktakeError(
                .unsupportedFormat, "The commitment uses the scheme '\(commitment.scheme.prefix(40))', which this version cannot check.")
        }
        guard let root = Hex.decode(commitment.root).flatMap(TreeHash.init) else {
            throw StocktakeError(
                .ledgerMismatch, "The logged commitment's root is not a 32-byte hex hash; the log was written by an incompatible version.")
        }
        guard !rows.isEmpty else { throw StocktakeError(.emptyInput, "The reveal holds no rows; reveal at least one.") }
        var seen = Set<Int>()
        var revealed = 0
        var commitments: [Int: [String]] = [:]
        for row in rows {
            guard (1...commitment.rows).contains(row.row) else {
                throw StocktakeError(
                    .invalidArgument,
                    "Row \(row.row) is outside the declaration, which committed rows 1 to \(commitment.rows); reveal only committed rows.")
            }
            guard seen.insert(row.row).inserted else {
                throw StocktakeError(.invalidArgument, "Row \(row.row) appears twice in the reveal; give each row once.")
            }
            guard row.fields.map(\.name) == commitment.fields.map(\.name) else {
                throw StocktakeError(
                    .invalidArgument,
                    "Row \(row.row) lists the fields \(row.fields.map(\.name).joined(separator: ", ")) but the commitment has \(commitment.fields.map(\.name).joined(separator: ", ")); give every committed field, revealed or sealed, in order."
                )
            }
            var hashes: [[UInt8]] = []
            for (field, shown) in zip(commitment.fields, row.fields) {
                let place = "Row \(row.row), field '\(field.name)'"
                if let value = shown.value {
                    guard shown.commitment == nil, let saltText = shown.salt, let salt = Hex.decode(saltText),
                        salt.count == EscrowScheme.saltLength
                    else {
                        throw StocktakeError(
                            .invalidArgument, "\(place): a revealed value needs its 32-byte salt in hex and no commitment.")
                    }
                    guard (try? field.type.canonical(value)) == value else {
                        throw StocktakeError(
                            .invalidArgument,
                            "\(place): '\(value.prefix(40))' is not a canonical \(field.type.rawValue) value, so it cannot match the commitment."
                        )
                    }
                    hashes.append(EscrowScheme.fieldCommitment(salt: salt, row: row.row, field: field, value: value))
                    revealed += 1
                } else {
                    guard shown.salt == nil, let text = shown.commitment, let hash = Hex.decode(text), hash.count == 32 else {
                        throw StocktakeError(.invalidArgument, "\(place): a sealed field needs its 32-byte commitment in hex and no salt.")
                    }
                    hashes.append(hash)
                }
            }
            let hexes = hashes.map { Hex.encode($0) }
            if let earlier = known[row.row] {
                for (index, (before, now)) in zip(earlier, hexes).enumerated() where before != now {
                    throw StocktakeError(
                        .ledgerMismatch,
                        "Row \(row.row), field '\(commitment.fields[index].name)' does not match what was committed: its value or salt differs from the commitment an earlier reveal showed."
                    )
                }
            }
            guard row.proof.count <= maximumProofLength else {
                throw StocktakeError(
                    .invalidArgument, "Row \(row.row) carries an audit path of \(row.proof.count) hashes; no committed tree is that deep.")
            }
            let proof = try row.proof.map { text -> TreeHash in
                guard let hash = Hex.decode(text).flatMap(TreeHash.init) else {
                    throw StocktakeError(
                        .invalidArgument, "Row \(row.row)'s audit path holds '\(text.prefix(16))…', which is not a 32-byte hex hash.")
                }
                return hash
            }
            guard
                ProofVerification.verifyInclusion(
                    index: UInt64(row.row - 1), size: UInt64(commitment.rows), leafHash: EscrowScheme.rowLeaf(hashes), proof: proof,
                    root: root)
            else {
                throw StocktakeError(
                    .ledgerMismatch,
                    "Row \(row.row) does not match the committed root: one of its values, salts or sealed commitments, or its audit path, differs from what was committed."
                )
            }
            commitments[row.row] = hexes
        }
        return RevealCheck(rows: seen.sorted(), revealedFields: revealed, commitments: commitments)
    }
}
