/// The hashes of the complete subtrees on a tree's right edge: all a log needs in memory to append
/// and to compute its root, without recomputing anything already stored.
///
/// Level `l` holds a hash exactly when bit `l` of the tree size is set.
public struct RightBorder: Sendable {
    private(set) var hashes: [TreeHash?] = []
    /// The number of leaves.
    public private(set) var size: UInt64 = 0

    /// The border of the empty tree.
    public init() {}

    /// Rebuilds the border of a tree of `size` leaves from its stored subtree hashes.
    public init(size: UInt64, source: some SubtreeHashSource) throws {
        var level = 0
        while size >> UInt64(level) > 0 {
            let count = size >> UInt64(level)
            hashes.append(count & 1 == 1 ? try source.hash(level: level, index: count - 1) : nil)
            level += 1
        }
        self.size = size
    }

    /// Appends a leaf hash; `stored` receives the leaf hash and every subtree hash it completes, in stored order.
    public mutating func append(leafHash: TreeHash, stored: (TreeHash, _ level: Int, _ index: UInt64) -> Void) {
        var hash = leafHash
        stored(hash, 0, size)
        var level = 0
        var n = size
        while n & 1 == 1 {
            hash = MerkleHashing.nodeHash(hashes[level]!, hash)
            hashes[level] = nil
            level += 1
            n >>= 1
            stored(hash, level, n)
        }
        if hashes.count == level { hashes.append(nil) }
        hashes[level] = hash
        size += 1
    }

    /// The root of the tree: the border hashes combined from the smallest subtree up.
    public var root: TreeHash {
        var result: TreeHash?
        for hash in hashes.compactMap({ $0 }) {
            result = result.map { MerkleHashing.nodeHash(hash, $0) } ?? hash
        }
        return result ?? MerkleHashing.emptyRoot
    }
}
