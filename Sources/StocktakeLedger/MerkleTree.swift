import Crypto
import StocktakeCore

/// A SHA-256 hash in a Merkle tree: exactly 32 bytes.
public struct TreeHash: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes.
    public let bytes: [UInt8]

    /// Wraps 32 bytes; returns nil for any other length.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    init(digest: SHA256.Digest) { bytes = Array(digest) }

    /// Decodes standard base64 of exactly 32 bytes.
    public init?(base64: String) {
        guard let data = Base64.decode(base64), let hash = TreeHash(data) else { return nil }
        self = hash
    }

    /// The hash in standard base64.
    public var base64: String { Base64.encode(bytes) }
    /// The hash in lower-case hex.
    public var hex: String { Hex.encode(bytes) }
    public var description: String { base64 }
}

/// RFC 6962 / RFC 9162 hashing: leaves and interior nodes are domain-separated.
public enum MerkleHashing {
    /// The root of the empty tree, SHA-256 of nothing.
    public static let emptyRoot = TreeHash(digest: SHA256.hash(data: [UInt8]()))

    /// SHA-256(0x00 ‖ entry).
    public static func leafHash(_ entry: some Sequence<UInt8>) -> TreeHash {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: Array(entry))
        return TreeHash(digest: hasher.finalize())
    }

    /// SHA-256(0x01 ‖ left ‖ right).
    public static func nodeHash(_ left: TreeHash, _ right: TreeHash) -> TreeHash {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: left.bytes)
        hasher.update(data: right.bytes)
        return TreeHash(digest: hasher.finalize())
    }

    /// The largest power of two strictly below `n` (n ≥ 2).
    static func split(_ n: UInt64) -> UInt64 {
        var k: UInt64 = 1
        while k << 1 < n { k <<= 1 }
        return k
    }
}

/// Where the complete subtree hashes of a tree come from (storage, memory, tiles).
public protocol SubtreeHashSource {
    /// The hash of the complete subtree at `level` (0 = leaves) and `index` within that level.
    func hash(level: Int, index: UInt64) throws -> TreeHash
}

/// The stored-hash layout used for durable logs: every complete subtree hash, in the order it is completed.
public enum StoredHashLayout {
    /// Position of the hash at (level, index) in the dense order: leaf n's hash, then the subtrees it completes.
    public static func index(level: Int, index n: UInt64) -> UInt64 {
        var n = n
        for _ in 0..<level { n = 2 * n + 1 }
        var position: UInt64 = 0
        while n > 0 {
            position += n
            n >>= 1
        }
        return position + UInt64(level)
    }

    /// How many hashes a tree of `size` leaves stores.
    public static func count(size: UInt64) -> UInt64 {
        guard size > 0 else { return 0 }
        var count = index(level: 0, index: size - 1) + 1
        var n = size - 1
        while n & 1 == 1 {
            count += 1
            n >>= 1
        }
        return count
    }
}

extension SubtreeHashSource {
    /// MTH(D[start:end]) for any range, built from stored complete subtrees.
    public func rangeHash(_ start: UInt64, _ end: UInt64) throws -> TreeHash {
        let n = end - start
        if n == 0 { return MerkleHashing.emptyRoot }
        if n & (n - 1) == 0 && start % n == 0 {
            let level = n.trailingZeroBitCount
            return try hash(level: level, index: start >> UInt64(level))
        }
        let k = MerkleHashing.split(n)
        return MerkleHashing.nodeHash(try rangeHash(start, start + k), try rangeHash(start + k, end))
    }

    /// The root of the tree of the first `size` leaves.
    public func root(size: UInt64) throws -> TreeHash { try rangeHash(0, size) }

    /// The RFC 6962 audit path for leaf `index` in the tree of `size` leaves, leaf's sibling first.
    public func inclusionProof(index: UInt64, size: UInt64) throws -> [TreeHash] {
        guard index < size else {
            throw StocktakeError(.ledger, "Entry \(index) is not in a tree of \(size) entries; ask for an index below \(size).")
        }
        func path(_ m: UInt64, _ start: UInt64, _ end: UInt64) throws -> [TreeHash] {
            let n = end - start
            if n == 1 { return [] }
            let k = MerkleHashing.split(n)
            if m < k { return try path(m, start, start + k) + [rangeHash(start + k, end)] }
            return try path(m - k, start + k, end) + [rangeHash(start, start + k)]
        }
        return try path(index, 0, size)
    }

    /// The RFC 6962 consistency proof from the tree of `oldSize` leaves to the tree of `newSize`.
    public func consistencyProof(oldSize: UInt64, newSize: UInt64) throws -> [TreeHash] {
        guard oldSize <= newSize else {
            throw StocktakeError(.ledger, "The old size \(oldSize) is larger than the new size \(newSize); give the smaller size first.")
        }
        if oldSize == 0 || oldSize == newSize { return [] }
        func subproof(_ m: UInt64, _ start: UInt64, _ end: UInt64, _ complete: Bool) throws -> [TreeHash] {
            let n = end - start
            if m == n { return complete ? [] : [try rangeHash(start, end)] }
            let k = MerkleHashing.split(n)
            if m <= k { return try subproof(m, start, start + k, complete) + [rangeHash(start + k, end)] }
            return try subproof(m - k, start + k, end, false) + [rangeHash(start, start + k)]
        }
        return try subproof(oldSize, 0, newSize, true)
    }
}

/// Checks proofs as RFC 9162 sections 2.1.3.2 and 2.1.4.2 describe, without access to the tree.
public enum ProofVerification {
    /// True when `proof` shows `leafHash` at `index` in the tree of `size` leaves with root `root`.
    public static func verifyInclusion(index: UInt64, size: UInt64, leafHash: TreeHash, proof: [TreeHash], root: TreeHash) -> Bool {
        guard index < size else { return false }
        var fn = index
        var sn = size - 1
        var r = leafHash
        for p in proof {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                r = MerkleHashing.nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = MerkleHashing.nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// True when `proof` shows the tree of `oldSize` (root `oldRoot`) is a prefix of the tree of `newSize` (root `newRoot`).
    public static func verifyConsistency(oldSize: UInt64, newSize: UInt64, oldRoot: TreeHash, newRoot: TreeHash, proof: [TreeHash]) -> Bool
    {
        if oldSize > newSize { return false }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        if oldSize == 0 { return proof.isEmpty }
        guard !proof.isEmpty else { return false }
        var path = proof
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHashing.nodeHash(c, fr)
                sr = MerkleHashing.nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = MerkleHashing.nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }
}

/// An in-memory tree: every complete subtree hash, appended with the right border kept (no recompute).
public struct MemoryTree: SubtreeHashSource, Sendable {
    /// Hashes by level; level 0 holds the leaf hashes.
    public private(set) var levels: [[TreeHash]] = [[]]

    /// Creates an empty tree.
    public init() {}

    /// The number of leaves.
    public var size: UInt64 { UInt64(levels[0].count) }

    /// Appends a leaf hash and every subtree hash it completes.
    public mutating func append(leafHash: TreeHash) {
        levels[0].append(leafHash)
        var level = 0
        var index = levels[0].count - 1
        while index & 1 == 1 {
            let parent = MerkleHashing.nodeHash(levels[level][index - 1], levels[level][index])
            level += 1
            if levels.count == level { levels.append([]) }
            levels[level].append(parent)
            index >>= 1
        }
    }

    public func hash(level: Int, index: UInt64) throws -> TreeHash {
        guard level < levels.count, index < UInt64(levels[level].count) else {
            throw StocktakeError(.ledger, "The tree has no complete subtree at level \(level), index \(index).")
        }
        return levels[level][Int(index)]
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
