import Foundation
import Testing

/// The PostgreSQL server the test command started, if any.
private let postgresServer = ProcessInfo.processInfo.environment["STOCKTAKE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

/// A fresh database on the test server, made with psql as an operator would.
private func freshDatabase() throws -> String {
    let server = try #require(postgresServer)
    let name = "stocktake_cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["psql", "-q", server, "-c", "CREATE DATABASE \(name)"]
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    var components = try #require(URLComponents(string: server))
    components.path = "/" + name
    return try #require(components.string)
}

@Suite("Several processes share one record and one log in PostgreSQL", .serialized, .enabled(if: postgresServer != nil))
struct PostgresCommandTests {
    @Test(
        "two processes with separate homes and the same keys ingest a hundred documents each at once: all two hundred are logged, verify, and are found"
    )
    func twoWriters() throws {
        let url = try freshDatabase()
        let first = try LedgerHome()
        defer { first.remove() }
        let second = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: second) }
        try FileManager.default.createDirectory(at: second, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: first.directory.appendingPathComponent("keys"), to: second.appendingPathComponent("keys"))
        let folders = [first.directory.appendingPathComponent("papers-a"), first.directory.appendingPathComponent("papers-b")]
        try ConcurrencyCommandTests.papers(100, in: folders[0])
        try ConcurrencyCommandTests.papers(100, in: folders[1], from: 100)
        var processes: [(Process, Pipe)] = []
        for (home, folder) in zip([first.directory, second], folders) {
            let process = Process()
            process.executableURL = CommandRunner.executable
            process.arguments = ["ingest", folder.path, "--db", url]
            process.environment = ProcessInfo.processInfo.environment.merging(["STOCKTAKE_HOME": home.path]) { $1 }
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            processes.append((process, output))
        }
        for (process, output) in processes {
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(printed.suffix(600))")
            #expect(printed.contains("100 of 100 files ingested"), "\(printed.suffix(300))")
        }
        let verify = try first.run(["log", "verify", "--db", url])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("log verifies: 200 entries"), "\(verify.stdout)")
        #expect(verify.stdout.contains("database matches the log's projection (200 of 200 entries applied)"), "\(verify.stdout)")
        let found = try first.run(["search", "closes with a sentence of its own", "--db", url, "--format", "json", "--limit", "500"])
        let results = try #require(try JSONSerialization.jsonObject(with: found.stdoutData) as? [String: Any])
        #expect(results["total"] as? Int == 200)
        let symbols = Set(((results["hits"] as? [[String: Any]]) ?? []).compactMap { $0["symbol"] as? String })
        #expect(symbols.count == 200, "every document is found once")
        // The other home reads the same record.
        let fromSecond = try CommandRunner.run(
            ["search", "\"Paper 150 closes\"", "--db", url, "--format", "json"], environment: ["STOCKTAKE_HOME": second.path])
        #expect((try JSONSerialization.jsonObject(with: fromSecond.stdoutData) as? [String: Any])?["total"] as? Int == 1)
    }

    @Test("the log kept in PostgreSQL gives tiles, proofs and checkpoints the outside verifier accepts, as a file log's")
    func outsideVerifier() throws {
        let url = try freshDatabase()
        let home = try LedgerHome()
        defer { home.remove() }
        let folder = home.directory.appendingPathComponent("papers")
        try ConcurrencyCommandTests.papers(3, in: folder)
        #expect(try home.run(["ingest", folder.path, "--db", url]).status == 0)
        let payload = try home.file("note.json", "{\"note\": \"a note\"}")
        #expect(try home.run(["log", "append", payload, "--count", "300", "--batch", "70", "--db", url]).status == 0)
        let vkey = try home.file("log.vkey", try home.run(["log", "key"]).stdout)
        let checkpoint = try home.file("checkpoint", try home.run(["log", "checkpoint", "--db", url]).stdout)
        let python = { (arguments: [String]) in try CommandRunner.python("Tests/OutsideVerifier/verify_log.py", arguments) }
        #expect(try python([vkey, "checkpoint", checkpoint]) == (0, "checkpoint verifies: size 303\n"))
        let receipt = try home.file("receipt", try home.run(["log", "prove", "150", "--db", url]).stdout)
        let entry = home.directory.appendingPathComponent("entry-150")
        try home.run(["log", "entry", "150", "--db", url]).stdoutData.write(to: entry)
        #expect(try python([vkey, "receipt", receipt, entry.path]).status == 0)
        let old = try home.file("old", try home.run(["log", "checkpoint", "--size", "73", "--db", url]).stdout)
        let proof = try home.file("proof", try home.run(["log", "consistency", "73", "--db", url]).stdout)
        #expect(try python([vkey, "consistency", old, checkpoint, proof]).status == 0)
        let tiles = home.directory.appendingPathComponent("tiles")
        #expect(try home.run(["log", "tiles", tiles.path, "--db", url]).status == 0)
        #expect(try python([vkey, "tiles", tiles.path]).status == 0)
        // The home's own file log stayed empty: the record and its log are in the database.
        #expect(try home.run(["log", "checkpoint"]).stdout.contains("\n0\n"))
    }

    @Test("a wrong password is named, and nothing is written anywhere")
    func wrongPassword() throws {
        let url = try freshDatabase()
        let home = try LedgerHome()
        defer { home.remove() }
        var components = try #require(URLComponents(string: url))
        components.password = "wrong"
        let result = try home.run([
            "ingest", LibraryCommandTests.fixtures.appendingPathComponent("wp-en.txt").path, "--db", components.string!,
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("password"), "\(result.stderr)")
        #expect(!result.stderr.contains("wrong"), "the password is not repeated")
        let verify = try home.run(["log", "verify", "--db", url])
        #expect(verify.status != 0 && verify.stderr.contains("no log"), "the database holds no log: \(verify.stderr)")
    }
}
