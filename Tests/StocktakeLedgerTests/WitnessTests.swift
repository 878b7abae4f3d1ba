import Foundation
import StocktakeCore
import StocktakeLedger
import Testing

@Suite("A witness cosigns a log's checkpoints only when each extends the last one it cosigned (C2SP tlog-witness)")
struct WitnessTests {
    /// A witness installation: a home with a log key (the witness key is named after it) and a witness state folder.
    struct WitnessHome {
        let home: URL
        let witness: Witness

        init() throws {
            home = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-witness-\(UUID().uuidString)")
            _ = try KeyFiles(directory: home.appendingPathComponent("keys")).initializeLog(
                origin: "witness.example/stocktake", ledger: home.appendingPathComponent("ledger"))
            witness = Witness(home: home)
        }

        var key: NoteVerifierKey { try! KeyFiles(directory: home.appendingPathComponent("keys")).witnessSigner().verifier }
        func remove() { try? FileManager.default.removeItem(at: home) }
    }

    func request(_ log: TransparencyLog, old: UInt64) throws -> String {
        let proof = old == 0 || old == log.size ? [] : try log.consistencyProof(oldSize: old, newSize: log.size)
        return Witness.requestBody(oldSize: old, proof: proof, checkpointNote: try log.checkpointNote(size: log.size))
    }

    @Test(
        "the first checkpoint, then a larger one with its proof, are cosigned; the cosignature verifies with the witness key and is served with the checkpoint"
    )
    func cosignsAsTheLogGrows() throws {
        let fixture = try LogFixture()
        let witnessHome = try WitnessHome()
        defer { fixture.remove(); witnessHome.remove() }
        let log = try fixture.open()
        _ = try log.append(try fixture.entries(0..<5))
        try witnessHome.witness.follow(key: fixture.signer.verifier.encoded)
        guard case .cosigned(let first) = try witnessHome.witness.addCheckpoint(try request(log, old: 0), now: 1_700_000_000) else {
            Issue.record("not cosigned"); return
        }
        try log.storeCosignature(first, size: 5, witness: witnessHome.key)
        _ = try log.append(try fixture.entries(5..<13))
        #expect(
            try witnessHome.witness.addCheckpoint(try request(log, old: 0), now: 1_700_000_100) == .conflict(5),
            "the witness says where it stands")
        guard case .cosigned(let second) = try witnessHome.witness.addCheckpoint(try request(log, old: 5), now: 1_700_000_100) else {
            Issue.record("not cosigned"); return
        }
        try log.storeCosignature(second, size: 13, witness: witnessHome.key)
        let served = try log.cosignedCheckpointNote(size: 13)
        #expect(try Cosignature.verify(note: served, witness: witnessHome.key) == 1_700_000_100)
        #expect(
            try Checkpoint.open(served, logKey: fixture.signer.verifier).size == 13,
            "the log's own signature still verifies beside the cosignature")
        #expect(try witnessHome.witness.followed(origin: fixture.signer.name)?.size == 13)
    }

    @Test("a fork, a wrong proof, a wrong signature or an unknown log is refused and the witness's state does not move")
    func refusals() throws {
        let fixture = try LogFixture()
        let witnessHome = try WitnessHome()
        defer { fixture.remove(); witnessHome.remove() }
        let log = try fixture.open()
        _ = try log.append(try fixture.entries(0..<4))
        try witnessHome.witness.follow(key: fixture.signer.verifier.encoded)
        guard case .cosigned = try witnessHome.witness.addCheckpoint(try request(log, old: 0), now: 1) else {
            Issue.record("not cosigned"); return
        }
        // A fork: another log under the same key with different entries, submitted as if it extended size 4.
        let forkDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-fork-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: forkDirectory) }
        let fork = try TransparencyLog.create(in: forkDirectory, signer: fixture.signer)
        _ = try fork.append(try fixture.entries(100..<110))
        let forged = Witness.requestBody(
            oldSize: 4, proof: try fork.consistencyProof(oldSize: 4, newSize: 10), checkpointNote: try fork.checkpointNote(size: 10))
        guard case .badProof = try witnessHome.witness.addCheckpoint(forged, now: 2) else { Issue.record("a fork was cosigned"); return }
        // A checkpoint signed by another key.
        let stranger = try NoteSigner(name: fixture.signer.name, seed: Array(repeating: 9, count: 32))
        let strangerNote = try Checkpoint(origin: fixture.signer.name, size: 4, root: log.root).signed(by: stranger)
        guard
            case .badSignature = try witnessHome.witness.addCheckpoint(
                Witness.requestBody(oldSize: 4, proof: [], checkpointNote: strangerNote), now: 3)
        else {
            Issue.record("a foreign signature was accepted"); return
        }
        // A log it does not follow, and a malformed body.
        let other = try NoteSigner(name: "other.example/log", seed: Array(repeating: 7, count: 32))
        let otherNote = try Checkpoint(origin: other.name, size: 0, root: MerkleHashing.emptyRoot).signed(by: other)
        guard
            case .unknownLog = try witnessHome.witness.addCheckpoint(
                Witness.requestBody(oldSize: 0, proof: [], checkpointNote: otherNote), now: 4)
        else { Issue.record("unknown log"); return }
        guard case .malformed = try witnessHome.witness.addCheckpoint("old x\n\nnot a note", now: 5) else {
            Issue.record("malformed accepted"); return
        }
        #expect(try witnessHome.witness.followed(origin: fixture.signer.name)?.size == 4)
        #expect(throws: StocktakeError.self) { try witnessHome.witness.follow(key: stranger.verifier.encoded) }
    }
}
