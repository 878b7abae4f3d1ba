import Benchmark
import Crypto
import Foundation
import StocktakeCore
import StocktakeLedger

/// Entries like the record's: signed envelopes of about 250 bytes, made once and reused.
enum LedgerInputs {
    static let author = try! NoteSigner(name: "bench-author", seed: Array(repeating: 5, count: 32))
    static let logSigner = try! NoteSigner(name: "bench.example/log", seed: Array(repeating: 6, count: 32))

    static let entries: [[UInt8]] = (0..<100_000).map { n in
        try! EntryEnvelope.seal(
            type: "figure", payload: #"{"state":"GBR","series":"SIPRI","value":\#(n)}"#, author: author, time: 1_700_000_000 + Int64(n)
        ).entry
    }

    static func freshLog() -> (TransparencyLog, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-bench-\(UUID().uuidString)")
        return (try! TransparencyLog.create(in: directory, signer: logSigner), directory)
    }

    /// A log of one million entries, built once for the proof benchmarks.
    nonisolated(unsafe) static let millionLog: (TransparencyLog, URL) = {
        let (log, directory) = freshLog()
        var appended = 0
        while appended < 1_000_000 {
            let batch = (0..<10_000).map { entries[(appended + $0) % entries.count] + Array("\n".utf8) + Array(String(appended + $0).utf8) }
            try! log.append(batch)
            appended += batch.count
        }
        return (log, directory)
    }()
}

let benchmarks: @Sendable () -> Void = {
    let fast = Benchmark.Configuration(
        metrics: [.wallClock, .throughput], timeUnits: .microseconds, warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 20)

    // Baseline: the rate of the hash an append costs about two of.
    Benchmark("SHA-256 of 64 bytes, 100,000 times (baseline)", configuration: fast) { benchmark in
        let block = [UInt8](repeating: 0xA5, count: 64)
        for _ in benchmark.scaledIterations {
            for _ in 0..<100_000 { blackHole(SHA256.hash(data: block)) }
        }
    }

    Benchmark(
        "Durable append of 100,000 entries in batches of 1,000 (fsync per batch)",
        configuration: .init(
            metrics: [.wallClock, .throughput], timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(60), maxIterations: 5)
    ) { benchmark in
        let (log, directory) = LedgerInputs.freshLog()
        defer { try? FileManager.default.removeItem(at: directory) }
        benchmark.startMeasurement()
        var start = 0
        while start < LedgerInputs.entries.count {
            try! log.append(Array(LedgerInputs.entries[start..<start + 1_000]))
            start += 1_000
        }
        benchmark.stopMeasurement()
    }

    Benchmark("Inclusion proof at 1,000,000 entries, 1,000 proofs", configuration: fast) { benchmark in
        let (log, _) = LedgerInputs.millionLog
        benchmark.startMeasurement()
        for i in 0..<1_000 { blackHole(try! log.inclusionProof(index: UInt64(i * 997 % 1_000_000), size: 1_000_000)) }
        benchmark.stopMeasurement()
    }

    Benchmark("Inclusion proof verification at 1,000,000 entries, 1,000 proofs", configuration: fast) { benchmark in
        let (log, _) = LedgerInputs.millionLog
        let root = log.root
        let cases = (0..<1_000).map { i -> (UInt64, TreeHash, [TreeHash]) in
            let index = UInt64(i * 997 % 1_000_000)
            return (index, try! log.hash(level: 0, index: index), try! log.inclusionProof(index: index, size: 1_000_000))
        }
        benchmark.startMeasurement()
        for (index, leaf, proof) in cases {
            blackHole(ProofVerification.verifyInclusion(index: index, size: 1_000_000, leafHash: leaf, proof: proof, root: root))
        }
        benchmark.stopMeasurement()
    }

    Benchmark("Consistency proof and verification at 1,000,000 entries, 1,000 pairs", configuration: fast) { benchmark in
        let (log, _) = LedgerInputs.millionLog
        let sizes = (1...1_000).map { UInt64($0 * 999) }
        let roots = sizes.map { try! log.root(size: $0) }
        benchmark.startMeasurement()
        for (size, root) in zip(sizes, roots) {
            let proof = try! log.consistencyProof(oldSize: size, newSize: 1_000_000)
            blackHole(
                ProofVerification.verifyConsistency(oldSize: size, newSize: 1_000_000, oldRoot: root, newRoot: log.root, proof: proof))
        }
        benchmark.stopMeasurement()
    }
}
