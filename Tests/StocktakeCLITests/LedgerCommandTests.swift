import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A Stocktake home in a temporary folder, with the log's keys created.
struct LedgerHome {
    let directory: URL
    var environment: [String: String] { ["STOCKTAKE_HOME": directory.path] }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let result = try CommandRunner.run(
            ["keys", "init", "--origin", "test.example/stocktake"], environment: ["STOCKTAKE_HOME": directory.path])
        precondition(result.status == 0, result.stderr)
    }

    func run(_ arguments: [String]) throws -> CommandRunner.Result { try CommandRunner.run(arguments, environment: environment) }

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

@Suite("stocktake keys and stocktake log, run as a user runs them", .serialized)
struct LedgerCommandTests {
    func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try CommandRunner.python("Tests/OutsideVerifier/verify_log.py", arguments)
    }

    @Test("keys init writes private keys with mode 0600 and never prints them")
    func keys() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let attributes = try FileManager.default.attributesOfItem(
            atPath: home.directory.appendingPathComponent("stocktake-data/../keys/log.key").standardized.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let secret = try String(contentsOf: home.directory.appendingPathComponent("keys/log.key"), encoding: .utf8)
        let listed = try home.run(["keys", "list"])
        #expect(listed.stdout.hasPrefix("log test.example/stocktake+"))
        let secretPart = secret.split(separator: "+").last!.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!listed.stdout.contains(secretPart))
        #expect(!(try home.run(["log", "key"])).stdout.contains(secretPart))
        let again = try home.run(["keys", "init"])
        #expect(again.status != 0 && again.stderr.contains("already exists"))
    }

    @Test("an outside verifier (Python's cryptography, no project code) accepts checkpoints, receipts, consistency proofs and tiles")
    func outsideVerifier() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let payload = try home.file("payload.json", #"{"state": "GBR", "figure": 225}"#)
        #expect(try home.run(["log", "append", payload, "--count", "70", "--batch", "30"]).status == 0)
        let old = try home.run(["log", "checkpoint"]).stdout
        #expect(try home.run(["log", "append", payload, "--count", "250", "--type", "statement", "--batch", "100"]).status == 0)
        let vkey = try home.file("vkey", try home.run(["log", "key"]).stdout)
        let checkpoint = try home.file("checkpoint", try home.run(["log", "checkpoint"]).stdout)
        #expect(try python([vkey, "checkpoint", checkpoint]) == (0, "checkpoint verifies: size 320\n"))
        let receipt = try home.file("receipt", try home.run(["log", "prove", "123"]).stdout)
        let entryURL = home.directory.appendingPathComponent("entry")
        try (try home.run(["log", "entry", "123"])).stdoutData.write(to: entryURL)
        #expect(try python([vkey, "receipt", receipt, entryURL.path]).status == 0)
        var altered = try home.run(["log", "entry", "123"]).stdoutData
        altered[altered.count / 2] ^= 0x01
        try altered.write(to: entryURL)
        #expect(try python([vkey, "receipt", receipt, entryURL.path]).status != 0, "the receipt must not fit an altered entry")
        let oldFile = try home.file("old", old)
        let proof = try home.file("proof", try home.run(["log", "consistency", "70"]).stdout)
        #expect(try python([vkey, "consistency", oldFile, checkpoint, proof]).status == 0)
        let tiles = home.directory.appendingPathComponent("public")
        #expect(try home.run(["log", "tiles", tiles.path]).status == 0)
        #expect(try python([vkey, "tiles", tiles.path]).status == 0)
        #expect(try home.run(["log", "checkpoint", "--size", "70"]).stdout == old)
    }

    @Test("log verify names the damage and exits non-zero")
    func verifyDamage() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let payload = try home.file("p.json", #"{"n": 1}"#)
        _ = try home.run(["log", "append", payload, "--count", "40"])
        #expect(try home.run(["log", "verify"]).status == 0)
        let url = home.directory.appendingPathComponent("ledger/entries.bin")
        var data = try Data(contentsOf: url)
        data[data.count - 10] ^= 0x20
        try data.write(to: url)
        let result = try home.run(["log", "verify"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("entry 39"), "\(result.stderr)")
    }

    @Test("killing the process during a batch of appends leaves a log that verifies and resumes")
    func crashDuringAppend() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let payload = try home.file("p.json", #"{"declaration": "stockpile", "value": 290}"#)
        // Let it commit some batches, then kill it without warning.
        let checkpoints = home.directory.appendingPathComponent("ledger/checkpoints")
        try CommandRunner.runAndKill(["log", "append", payload, "--count", "5000000", "--batch", "1000"], environment: home.environment) {
            ((try? FileManager.default.contentsOfDirectory(atPath: checkpoints.path))?.count ?? 0) >= 3
        }
        let verify = try home.run(["log", "verify"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let resumed = try home.run(["log", "append", payload, "--count", "3"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let after = try home.run(["log", "verify"])
        #expect(after.status == 0 && !after.stdout.contains("interrupted"), "\(after.stdout) \(after.stderr)")
    }

    @Test("bad input to the log commands gets one sentence and changes nothing")
    func badInput() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let notJSON = try home.file("bad.json", "{ nope")
        let cases: [[String]] = [
            ["log", "append", notJSON], ["log", "append", "/no/such/file"], ["log", "append", notJSON, "--author", "nobody"],
            ["log", "entry", "5"], ["log", "prove", "0"], ["log", "consistency", "3", "1"], ["log", "checkpoint", "--size", "7"],
            ["log", "append", try home.file("ok.json", "{}"), "--type", "Not A Type"],
        ]
        for arguments in cases {
            let result = try home.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        #expect(try home.run(["log", "verify"]).stdout.contains("0 entries"))
    }
}
