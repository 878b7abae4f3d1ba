import Crypto
import StocktakeCore

/// A declaration with its salts: what the declarant keeps (mode 0600 in their home) and never logs.
public struct SealedDeclaration: Codable, Sendable, Equatable {
    /// The hash construction.
    public let scheme: String
    /// The declaring state's registry ID.
    public let state: String
    /// What the declaration covers.
    public let title: String
    /// The fields, in order.
    public let fields: [DeclarationField]
    /// The canonical values, one row per declared row.
    public let rows: [[String]]
    /// One fresh 256-bit salt per field of every row, hex.
    public let salts: [[String]]
    /// The root over the rows, hex.
    public let root: String

    /// Seals a declaration: draws a fresh salt for every field of every row and computes the root.
    public static func seal(_ declaration: Declaration, state: String, title: String) -> SealedDeclaration {
        let salts = declaration.rows.map { row in
            row.map { _ in SymmetricKey(size: .bits256).withUnsafeBytes { Hex.encode($0) } }
        }
        let leaves = (0..<declaration.rows.count).map { index in
            leaf(row: index + 1, fields: declaration.fields, values: declaration.rows[index], salts: salts[index])
        }
        return SealedDeclaration(
            scheme: EscrowScheme.name, state: state, title: title, fields: declaration.fields, rows: declaration.rows, salts: salts,
            root: EscrowScheme.root(leaves: leaves).hex)
    }

    static func commitments(row: Int, fields: [DeclarationField], values: [String], salts: [String]) -> [[UInt8]] {
        zip(fields, zip(values, salts)).map { field, pair in
            EscrowScheme.fieldCommitment(salt: Hex.decode(pair.1) ?? [], row: row, field: field, value: pair.0)
        }
    }

    static func leaf(row: Int, fields: [DeclarationField], values: [String], salts: [String]) -> TreeHash {
        EscrowScheme.rowLeaf(commitments(row: row, fields: fields, values: values, salts: salts))
    }

    /// The commitment entry's payload: the shape and the root, nothing secret.
    public var commitment: DeclarationCommitmentPayload {
        DeclarationCommitmentPayload(scheme: scheme, state: state, title: title, fields: fields, rows: rows.count, root: root)
    }

    /// Checks that the kept file still gives its root, so a damaged or edited file is caught before anything is revealed.
    public func checkIntegrity() throws {
        guard rows.count == salts.count, zip(rows, salts).allSatisfy({ $0.count == fields.count && $1.count == fields.count }),
            salts.joined().allSatisfy({ Hex.decode($0)?.count == EscrowScheme.saltLength })
        else {
            throw StocktakeError(.corruptData, "The kept declaration's rows and salts do not line up; restore the file from your backup.")
        }
        let leaves = rows.indices.map { SealedDeclaration.leaf(row: $0 + 1, fields: fields, values: rows[$0], salts: salts[$0]) }
        guard EscrowScheme.root(leaves: leaves).hex == root else {
            throw StocktakeError(
                .corruptData, "The kept declaration no longer gives its committed root; restore the file from your backup.")
        }
    }

    /// A reveal bundle for `rows` (numbered from 1), showing only `only` fields when given, with each row's audit path.
    public func reveal(declaration index: UInt64, rows selected: [Int], fields only: [String]? = nil) throws -> RevealBundle {
        guard !selected.isEmpty else { throw StocktakeError(.emptyInput, "No row was chosen; give --rows, such as --rows 1,5-8.") }
        for row in selected where !(1...rows.count).contains(row) {
            throw StocktakeError(.invalidArgument, "Row \(row) is outside the declaration, which has rows 1 to \(rows.count).")
        }
        let names = Set(fields.map(\.name))
        for name in only ?? [] where !names.contains(name) {
            throw StocktakeError(
                .unknownIdentifier,
                "'\(name)' is not a field of this declaration; its fields are \(fields.map(\.name).joined(separator: ", ")).")
        }
        var tree = MemoryTree()
        var commitments: [[[UInt8]]] = []
        commitments.reserveCapacity(rows.count)
        for index in rows.indices {
            let row = SealedDeclaration.commitments(row: index + 1, fields: fields, values: rows[index], salts: salts[index])
            commitments.append(row)
            tree.append(leafHash: EscrowScheme.rowLeaf(row))
        }
        let shown = Set(only ?? fields.map(\.name))
        let revealed = try Array(Set(selected)).sorted().map { row -> RevealedRow in
            let index = row - 1
            let cells = fields.indices.map { f -> RevealedField in
                shown.contains(fields[f].name)
                    ? RevealedField(name: fields[f].name, value: rows[index][f], salt: salts[index][f])
                    : RevealedField(name: fields[f].name, commitment: Hex.encode(commitments[index][f]))
            }
            let proof = try tree.inclusionProof(index: UInt64(index), size: tree.size).map(\.hex)
            return RevealedRow(row: row, fields: cells, proof: proof)
        }
        return RevealBundle(declaration: index, root: root, rowCount: rows.count, fields: fields, rows: revealed)
    }
}
