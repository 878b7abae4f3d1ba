import Foundation
import StocktakeCore
import StocktakeLedger
import Testing

/// A log in a fresh temporary folder, with its signer and an author.
struct LogFixture {
    let directory: URL
    let signer: NoteSigner
    let author: NoteSigner

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-log-\(UUID().uuidString)")
        signer = try NoteSigner(name: "test.example/log", seed: Array(repeating: 3, count: 32))
        author = try NoteSigner(name: "author", seed: Array(repeating: 4, count: 32))
        _ = try TransparencyLog.create(in: directory, signer: signer)
    }

    func open() throws -> TransparencyLog { try TransparencyLog(directory: directory, logKey: signer.verifier, signer: signer) }

    func entries(_ range: Range<Int>) throws -> [[UInt8]] {
        try range.map {
            try EntryEnvelope.seal(type: "test", payload: #"{"n":\#($0)}"#, author: author, time: 1_700_000_000 + Int64($0)).entry
        }
    }

    func verify() -> LogVerification { TransparencyLog.verify(directory: directory, logKey: signer.verifier, authors: [author.verifier]) }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Flips one byte of a file in the log folder.
    func flip(_ name: String, at offset: Int) throws {
        let url = directory.appendingPathComponent(name)
        var data = try Data(contentsOf: url)
        data[offset] ^= 0x01
        try data.write(to: url)
    }
}

@Suite("The durable log", .serialized)
struct TransparencyLogTests {
    @Test("appends in batches, reopens with the same root, and matches an in-memory tree")
    func appendAndReopen() throws {
        let fixture = try LogFixture()
        defer { fixture.remove() }
        var memory = MemoryTree()
        do {
            let log = try fixture.open()
            for batch in [0..<1, 1..<3, 3..<100, 100..<517] {
                let entries = try fixture.entries(batch)
                for entry in entries { memory.append(leafHash: MerkleHashing.leafHash(entry)) }
                let checkpoint = try log.append(entries)
                #expect(checkpoint.root == (try memory.root(size: memory.size)))
            }
        }
        let reopened = try fixture.open()
        #expect(reopened.size == 517)
        #expect(reopened.root == (try memory.root(size: 517)))
        #expect(reopened.checkpointSizes() == [0, 1, 3, 100, 517])
        #expect(try reopened.entry(42) == (try fixture.entries(42..<43))[0])
        for level in 0..<9 {
            for index in stride(from: UInt64(0), to: 517 >> UInt64(level), by: 5) {
                #expect(try reopened.hash(level: level, index: index) == (try memory.hash(level: level, index: index)))
            }
        }
        #expect(fixture.verify().isValid)
    }

    @Test("receipts and consistency proofs from the stored log verify offline")
    func proofs() throws {
        let fixture = try LogFixture()
        defer { fixture.remove() }
        let log = try fixture.open()
        try log.append(try fixture.entries(0..<37))
        let early = try log.latestCheckpointNote()
        try log.append(try fixture.entries(37..<300))
        let receipt = try log.receipt(for: 200)
        let parsed = try InclusionReceipt(parsing: receipt.encoded)
        #expect(parsed == receipt)
        #expect(try parsed.verify(entry: try log.entry(200), logKey: fixture.signer.verifier).size == 300)
        #expect(throws: StocktakeError.self) { try parsed.verify(entry: try log.entry(201), logKey: fixture.signer.verifier) }
        let old = try Checkpoint.open(early, logKey: fixture.signer.verifier)
        let proof = try log.consistencyProof(oldSize: old.size, newSize: log.size)
        #expect(
            ProofVerification.verifyConsistency(oldSize: old.size, newSize: log.size, oldRoot: old.root, newRoot: log.root, proof: proof))
    }

    @Test("an entry larger than a bundle logs its content's hash and keeps the content beside the log")
    func largeContent() throws {
        let fixture = try LogFixture()
        defer { fixture.remove() }
        let log = try fixture.open()
        let payload = "\"" + String(repeating: "x", count: 100_000) + "\""
        let sealed = try EntryEnvelope.seal(type: "document.version", payload: payload, author: fixture.author, time: 1)
        #expect(sealed.entry.count < Tiles.maximumEntrySize)
        let envelope = try EntryEnvelope(entry: sealed.entry)
        #expect(envelope.payload == nil && envelope.contentLength == payload.utf8.count)
        try log.storeContent(sealed.externalContent!, hash: envelope.contentHash!)
        try log.append([sealed.entry])
        #expect(log.content(hash: envelope.contentHash!) == Array(payload.utf8))
    }

    @Test("a byte flipped in an entry is found and the entry named")
    func flippedEntry() throws {
        let fixture = try LogFixture()
        defer { fixture.remove() }
        try fixture.open().append(try fixture.entries(0..<50))
        let offset = try fixture.open().entry(0).count * 10 + 40  // inside entry 10
        try fixture.flip("entries.bin", at: offset)
        let report = fixture.verify()
        #expect(!report.isValid)
        #expect(report.problems[0].contains("entry 10"), "\(report.problems)")
    }

    @Test("a byte flipped in the stored hashes is found and placed")
    func flippedHash() throws {
        let fixture = try LogFixture()
        defer { fixture.remove() }
        try fixture.open().append(try fixture.entries(0..<50))
        try fixture.flip("hashes.bin", at: 32 * 20 + 5)
        let report = fixture.verify()
        #expect(report.problems.first?.contains("hashes.bin is damaged at stored hash 20") == true, "\(report.problems)")
        // Opening checks only the right border; a proof built from the damaged hash fails for the client.
        let log = try fixture.open()
        let receipts = try (0..<50).map { try log.receipt(for: UInt64($0)) }
        let failing = receipts.filter { receipt in
            (try? receipt.verify(entry: try log.entry(receipt.index), logKey: fixture.signer.verifier)) == nil
        }
        #expect(!failing.isEmpty)
    }

    @Test("a byte flipped in a checkpoint is found")
    func flippedCheckpoint() throws {
        let fixture = try LogFixture()
        defer { fixture.remove() }
        let log = try fixture.open()
        try log.append(try fixture.entries(0..<5))
        try log.append(try fixture.entries(5..<9))
        try fixture.flip("checkpoints/5", at: 30)
        let report = fixture.verify()
        #expect(report.problems.contains { $0.hasPrefix("checkpoints/5") }, "\(report.problems)")
    }

    @Test("truncating the entries is found")
    func truncated() throws {
        let fixture = try LogFixture()
        defer { fixture.remove() }
        try fixture.open().append(try fixture.entries(0..<20))
        let url = fixture.directory.appendingPathComponent("entries.bin")
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 1000)
        try handle.close()
        let report = fixture.verify()
        #expect(report.problems.first?.contains("truncated") == true, "\(report.problems)")
        #expect(throws: StocktakeError.self) { try fixture.open() }
    }

    @Test("swapping two entries is found and the first named")
    func swapped() throws {
        let fixture = try LogFixture()
        defer { fixture.remove() }
        try fixture.open().append(try fixture.entries(0..<20))
        let log = try fixture.open()
        let a = try log.entry(3), b = try log.entry(4)
        #expect(a.count == b.count)
        let url = fixture.directory.appendingPathComponent("entries.bin")
        var data = try Data(contentsOf: url)
        let start = a.count * 3
        data.replaceSubrange(start..<start + a.count * 2, with: b + a)
        try data.write(to: url)
        let report = fixture.verify()
        #expect(report.problems.first?.contains("entry 3") == true, "\(report.problems)")
    }

    @Test("bytes of an interrupted batch past the last checkpoint are cut away on opening")
    func interruptedBatch() throws {
        let fixture = try LogFixture()
        defer { fixture.remove() }
        try fixture.open().append(try fixture.entries(0..<10))
        for name in ["entries.bin", "entries.idx", "hashes.bin"] {
            let handle = try FileHandle(forWritingTo: fixture.directory.appendingPathComponent(name))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(repeating: 0xAB, count: 77))
            try handle.close()
        }
        #expect(fixture.verify().isValid)
        #expect(fixture.verify().uncommittedTail)
        let log = try fixture.open()
        #expect(log.size == 10)
        try log.append(try fixture.entries(10..<12))
        #expect(fixture.verify().isValid && !fixture.verify().uncommittedTail)
    }

    @Test("a second writer is refused while the first holds the log")
    func exclusiveWriter() throws {
        let fixture = try LogFixture()
        defer { fixture.remove() }
        let first = try fixture.open()
        _ = first
        #expect(throws: StocktakeError.self) { try fixture.open() }
    }

    @Test("the entry envelope is canonical and signed by its author")
    func envelope() throws {
        let author = try NoteSigner(name: "alice", seed: Array(repeating: 9, count: 32))
        let sealed = try EntryEnvelope.seal(type: "assessment", payload: #"{"a":1}"#, author: author, time: 1_700_000_000)
        let text = String(decoding: sealed.entry, as: UTF8.self)
        #expect(text.hasPrefix("stocktake.entry/v1\ntype assessment\nschema 1\nauthor alice+"))
        #expect(try SignedNote.open(text, verifiers: [author.verifier]).text.hasSuffix("payload {\"a\":1}\n"))
        #expect(throws: StocktakeError.self) { try EntryEnvelope.seal(type: "Bad Type", payload: "{}", author: author, time: 0) }
        #expect(throws: StocktakeError.self) { try EntryEnvelope.seal(type: "ok", payload: "two\nlines", author: author, time: 0) }
    }
}
