import Crypto
import Foundation
import StocktakeLedger
import Testing

/// The vectors of shared/specs/ledger.md, byte for byte.
@Suite("RFC 6962 hashing and proofs against the published vectors")
struct MerkleVectorTests {
    static let classicEntries: [[UInt8]] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ].map(hexBytes)

    static func tree(_ entries: [[UInt8]]) -> MemoryTree {
        var tree = MemoryTree()
        for entry in entries { tree.append(leafHash: MerkleHashing.leafHash(entry)) }
        return tree
    }

    static func leafTree(_ count: Int) -> MemoryTree { tree((0..<count).map { Array("leaf \($0)".utf8) }) }

    @Test(
        "roots of the classic 8-entry tree at every size",
        arguments: [
            (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            (1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
            (2, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
            (3, "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
            (4, "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
            (5, "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4"),
            (6, "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
            (7, "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c"),
            (8, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
        ])
    func classicRoots(_ size: Int, _ root: String) throws {
        #expect(try Self.tree(Self.classicEntries).root(size: UInt64(size)).hex == root)
    }

    @Test("inclusion proof for index 5 in size 8")
    func inclusion() throws {
        let tree = Self.tree(Self.classicEntries)
        #expect(MerkleHashing.leafHash(Self.classicEntries[5]).base64 == "QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=")
        let proof = try tree.inclusionProof(index: 5, size: 8)
        #expect(
            proof.map(\.base64) == [
                "vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=", "yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=",
                "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=",
            ])
        let root = try tree.root(size: 8)
        #expect(
            ProofVerification.verifyInclusion(
                index: 5, size: 8, leafHash: MerkleHashing.leafHash(Self.classicEntries[5]), proof: proof, root: root))
        #expect(
            !ProofVerification.verifyInclusion(
                index: 4, size: 8, leafHash: MerkleHashing.leafHash(Self.classicEntries[5]), proof: proof, root: root))
        #expect(
            !ProofVerification.verifyInclusion(
                index: 5, size: 8, leafHash: MerkleHashing.leafHash(Self.classicEntries[5]), proof: Array(proof.dropLast()), root: root))
    }

    @Test("consistency proofs 6 → 8 and 2 → 5")
    func consistency() throws {
        let tree = Self.tree(Self.classicEntries)
        let six = try tree.consistencyProof(oldSize: 6, newSize: 8)
        #expect(try tree.root(size: 6).base64 == "duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=")
        #expect(
            six.map(\.base64) == [
                "DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=", "yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=",
                "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=",
            ])
        let two = try tree.consistencyProof(oldSize: 2, newSize: 5)
        #expect(two.map(\.base64) == ["Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=", "vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms="])
        #expect(try tree.root(size: 2).base64 == "+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=")
        #expect(try tree.root(size: 5).base64 == "Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=")
        #expect(
            ProofVerification.verifyConsistency(
                oldSize: 6, newSize: 8, oldRoot: try tree.root(size: 6), newRoot: try tree.root(size: 8), proof: six))
        #expect(
            ProofVerification.verifyConsistency(
                oldSize: 2, newSize: 5, oldRoot: try tree.root(size: 2), newRoot: try tree.root(size: 5), proof: two))
        #expect(
            !ProofVerification.verifyConsistency(
                oldSize: 2, newSize: 5, oldRoot: try tree.root(size: 3), newRoot: try tree.root(size: 5), proof: two))
    }

    @Test("every consistency and inclusion proof up to size 70 verifies, and fails for the wrong root")
    func exhaustive() throws {
        let tree = Self.leafTree(70)
        for new in UInt64(1)...70 {
            let newRoot = try tree.root(size: new)
            for old in UInt64(1)...new {
                let proof = try tree.consistencyProof(oldSize: old, newSize: new)
                #expect(
                    ProofVerification.verifyConsistency(
                        oldSize: old, newSize: new, oldRoot: try tree.root(size: old), newRoot: newRoot, proof: proof))
                if old < new {
                    #expect(
                        !ProofVerification.verifyConsistency(
                            oldSize: old, newSize: new, oldRoot: try tree.root(size: old), newRoot: try tree.root(size: new - 1),
                            proof: proof))
                }
            }
            for index in stride(from: UInt64(0), to: new, by: 7) {
                let proof = try tree.inclusionProof(index: index, size: new)
                #expect(
                    ProofVerification.verifyInclusion(
                        index: index, size: new, leafHash: try tree.hash(level: 0, index: index), proof: proof, root: newRoot))
            }
        }
    }

    @Test("policy: from size 0 only an empty proof; equal sizes need an empty proof and equal roots")
    func policy() throws {
        let tree = Self.leafTree(4)
        let root = try tree.root(size: 4)
        #expect(ProofVerification.verifyConsistency(oldSize: 0, newSize: 4, oldRoot: MerkleHashing.emptyRoot, newRoot: root, proof: []))
        #expect(
            !ProofVerification.verifyConsistency(oldSize: 0, newSize: 4, oldRoot: MerkleHashing.emptyRoot, newRoot: root, proof: [root]))
        #expect(ProofVerification.verifyConsistency(oldSize: 4, newSize: 4, oldRoot: root, newRoot: root, proof: []))
        #expect(!ProofVerification.verifyConsistency(oldSize: 4, newSize: 4, oldRoot: root, newRoot: root, proof: [root]))
        #expect(TreeHash(Array(repeating: 0, count: 31)) == nil)
    }

    @Test(
        "roots of the 'leaf i' trees of 256, 300 and 1000 entries",
        arguments: [
            (256, "cf5effdb11d0927a2edf53b0e73c7837f659414e00537da5d90eb5c4c49ff274"),
            (300, "e7afc82d38944fc7930545328091d45823288c1f734cbdac06396713ebd4b5d5"),
            (1000, "2ff33fb9d8f14f89ca306289633336a168ff3f4532e8f741a0019dcb4c1d60a1"),
        ])
    func leafRoots(_ size: Int, _ root: String) throws {
        #expect(try Self.leafTree(size).root(size: UInt64(size)).hex == root)
    }

    @Test("tiles of the 'leaf i' tree of 300 entries")
    func tiles() throws {
        let tree = Self.leafTree(300)
        let tiles = Dictionary(uniqueKeysWithValues: try Tiles.hashTiles(size: 300, source: tree).map { ($0.path, $0.data) })
        #expect(Set(tiles.keys) == ["tile/0/000", "tile/0/001.p/44", "tile/1/000.p/1"])
        #expect(tiles["tile/0/000"]?.count == 8192)
        #expect(hex(SHA256.hash(data: tiles["tile/0/000"]!)) == "3658d44ebeb979b996b87ac966392dffbe9a628e34cb70bbff0ba844e74c31c6")
        #expect(tiles["tile/0/001.p/44"]?.count == 1408)
        #expect(hex(SHA256.hash(data: tiles["tile/0/001.p/44"]!)) == "ef8b7a16b7e780e5fb0b989e370461025cbd238507fc673d21936f362db54ab9")
        #expect(tiles["tile/1/000.p/1"] == (try tree.root(size: 256)).bytes)
    }

    @Test(
        "tile index paths group digits in threes",
        arguments: [(UInt64(1_234_067), "x001/x234/067"), (0, "000"), (999, "999"), (1000, "x001/000")])
    func tilePaths(_ index: UInt64, _ path: String) {
        #expect(Tiles.indexPath(index) == path)
    }

    @Test("entry bundles are big-endian uint16 lengths and bytes")
    func bundles() throws {
        #expect(try Tiles.entryBundle([[0x61], [0x62, 0x63]]) == [0, 1, 0x61, 0, 2, 0x62, 0x63])
        #expect(throws: (any Error).self) { try Tiles.entryBundle([Array(repeating: 0, count: 70_000)]) }
    }
}

func hexBytes(_ text: String) -> [UInt8] {
    stride(from: 0, to: text.count, by: 2).map { UInt8(String(Array(text)[$0..<$0 + 2]), radix: 16)! }
}

func hex(_ digest: some Sequence<UInt8>) -> String {
    digest.map { String(format: "%02x", $0) }.joined()
}
