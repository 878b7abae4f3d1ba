import Crypto
import StocktakeCore

/// Which rows an inspection checks, derived from a signed checkpoint made after the commitment, so neither side chooses.
///
/// The seed is SHA-256("stocktake-escrow/v1 select" ‖ 0x00 ‖ declaration root ‖ u64be(declaration ID) ‖
/// u64be(checkpoint size) ‖ checkpoint root). A stream of 64-bit big-endian numbers is read from
/// SHA-256(seed ‖ u64be(0)), SHA-256(seed ‖ u64be(1)), … (four numbers per block), and a partial
/// Fisher–Yates shuffle of rows 1…n draws `count` of them: step j takes a number x, rejects it when
/// x ≥ 2⁶⁴ − (2⁶⁴ mod (n − j)), and otherwise swaps position j with j + x mod (n − j). The rows are
/// printed in ascending order. docs/escrow.md repeats this; a Python test follows it.
public enum InspectionSelection {
    /// The seed of a selection.
    public static func seed(declarationRoot: TreeHash, declaration: UInt64, checkpointSize: UInt64, checkpointRoot: TreeHash) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Array("\(EscrowScheme.name) select".utf8) + [0x00])
        hasher.update(data: declarationRoot.bytes)
        hasher.update(data: EscrowScheme.bigEndian(declaration, bytes: 8))
        hasher.update(data: EscrowScheme.bigEndian(checkpointSize, bytes: 8))
        hasher.update(data: checkpointRoot.bytes)
        return Array(hasher.finalize())
    }

    /// `count` distinct rows of 1…`rowCount`, ascending, drawn from `seed`.
    public static func rows(count: Int, of rowCount: Int, seed: [UInt8]) throws -> [Int] {
        guard count >= 1, count <= rowCount else {
            throw StocktakeError(.invalidArgument, "Cannot select \(count) rows of \(rowCount); ask for between 1 and \(rowCount).")
        }
        var block: UInt64 = 0
        var buffer: [UInt8] = []
        func next() -> UInt64 {
            if buffer.isEmpty {
                var hasher = SHA256()
                hasher.update(data: seed)
                hasher.update(data: EscrowScheme.bigEndian(block, bytes: 8))
                buffer = Array(hasher.finalize())
                block += 1
            }
            let value = buffer.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            buffer.removeFirst(8)
            return value
        }
        var positions: [Int: Int] = [:]
        func at(_ i: Int) -> Int { positions[i] ?? i + 1 }
        var chosen: [Int] = []
        for j in 0..<count {
            let range = UInt64(rowCount - j)
            let limit = UInt64.max - (UInt64.max % range + 1) % range
            var x = next()
            while x > limit { x = next() }
            let k = j + Int(x % range)
            let picked = at(k)
            positions[k] = at(j)
            positions[j] = picked
            chosen.append(picked)
        }
        return chosen.sorted()
    }
}
