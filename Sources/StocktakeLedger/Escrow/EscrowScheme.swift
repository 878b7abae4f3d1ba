import Crypto
import StocktakeCore

/// The hash construction of escrowed declarations (`stocktake-escrow/v1`), written out in docs/escrow.md.
///
/// Each field of each row is committed with a fresh 256-bit salt:
///
///     commitment = SHA-256("stocktake-escrow/v1 field" ‖ 0x00 ‖ salt ‖ u64be(row) ‖ lp(name) ‖ lp(type) ‖ lp(value))
///
/// where `lp(x)` is x's UTF-8 bytes preceded by their length as a big-endian u32. A row's leaf is the
/// RFC 6962 leaf hash of its field commitments concatenated in field order, and the declaration's
/// root is the RFC 6962 tree hash over the rows in order.
public enum EscrowScheme {
    /// The scheme's name and version, carried by every commitment and reveal.
    public static let name = "stocktake-escrow/v1"
    /// The length of a salt in bytes.
    public static let saltLength = 32

    /// The commitment to one field value of one row.
    public static func fieldCommitment(salt: [UInt8], row: Int, field: DeclarationField, value: String) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Array("\(name) field".utf8) + [0x00])
        hasher.update(data: salt)
        hasher.update(data: bigEndian(UInt64(row), bytes: 8))
        for part in [field.name, field.type.rawValue, value] {
            let bytes = Array(part.utf8)
            hasher.update(data: bigEndian(UInt64(bytes.count), bytes: 4))
            hasher.update(data: bytes)
        }
        return Array(hasher.finalize())
    }

    /// The leaf hash of a row from its field commitments, in field order.
    public static func rowLeaf(_ commitments: [[UInt8]]) -> TreeHash {
        MerkleHashing.leafHash(commitments.joined())
    }

    /// The declaration's root over row leaves in order.
    public static func root(leaves: [TreeHash]) -> TreeHash {
        var tree = MemoryTree()
        for leaf in leaves { tree.append(leafHash: leaf) }
        return (try? tree.root(size: tree.size)) ?? MerkleHashing.emptyRoot
    }

    /// `value` as `bytes` big-endian bytes.
    static func bigEndian(_ value: UInt64, bytes: Int) -> [UInt8] {
        (0..<bytes).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }
}
