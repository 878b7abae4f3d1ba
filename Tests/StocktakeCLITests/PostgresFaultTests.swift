import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A PostgreSQL cluster of the test's own (Scripts/postgres with its own folder and port), so stopping it mid-ingest
/// disturbs no other test.
final class OwnPostgres {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-fault-\(UUID().uuidString)").path
    let port = 55_000 + Int.random(in: 0..<5_000)
    private(set) var server = ""

    init() throws {
        try script("start")
        server = "postgres://stocktake:stocktake@127.0.0.1:\(port)/postgres"
    }

    deinit { _ = try? script("stop") }

    func script(_ command: String) throws {
        let process = Process()
        process.executableURL = CommandRunner.repositoryRoot.appendingPathComponent("Scripts/postgres")
        process.arguments = [command]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "STOCKTAKE_PG_DIR": folder, "STOCKTAKE_PG_PORT": String(port),
        ]) { $1 }
        // The server it starts outlives the script, so nothing is read from it to the end: it prints to nowhere.
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.featureUnsupported) }
    }

    /// Runs SQL with psql and returns what it prints, unaligned.
    func psql(_ sql: String, database: String = "postgres") throws -> String {
        var components = URLComponents(string: server)!
        components.path = "/" + database
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-qtA", components.string!, "-c", sql]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return printed.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A new database's URL.
    func database(_ name: String) throws -> String {
        _ = try psql("CREATE DATABASE \(name)")
        var components = URLComponents(string: server)!
        components.path = "/" + name
        return components.string!
    }
}

@Suite(
    "PostgreSQL going away mid-write loses nothing, and everything works again when it is back", .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["STOCKTAKE_TEST_POSTGRES"] != nil))
struct PostgresFaultTests {
    @Test("the server stopped in the middle of an ingest: one clear sentence, a log and tables that verify, and a retry that completes")
    func stoppedMidIngest() throws {
        let postgres = try OwnPostgres()
        let url = try postgres.database("faults")
        let home = try LedgerHome()
        defer { home.remove() }
        let folder = home.directory.appendingPathComponent("papers")
        try ConcurrencyCommandTests.papers(60, in: folder)
        let ingest = Process()
        ingest.executableURL = CommandRunner.executable
        ingest.arguments = ["ingest", folder.path, "--db", url]
        ingest.environment = ProcessInfo.processInfo.environment.merging(home.environment) { $1 }
        let errors = Pipe()
        ingest.standardOutput = FileHandle.nullDevice
        ingest.standardError = errors
        try ingest.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, ingest.isRunning, (Int(try postgres.psql("SELECT COUNT(*) FROM log_entries", database: "faults")) ?? 0) < 5
        {
            usleep(20_000)
        }
        try postgres.script("halt")
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ingest.waitUntilExit()
        #expect(ingest.terminationStatus != 0, "the ingest must fail while the server is down")
        let sentence = said.split(separator: "\n").last.map(String.init) ?? ""
        #expect(sentence.contains("PostgreSQL"), "\(said)")
        #expect(sentence.hasSuffix(".") && !sentence.dropLast().contains(". "), "one sentence: \(sentence)")
        #expect(sentence.contains("again"), "it says what to do: \(sentence)")
        try postgres.script("resume")
        // Nothing half-written: the log verifies and the tables are its projection (perhaps one batch behind).
        let verify = try home.run(["log", "verify", "--db", url])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("database matches the log's projection"), "\(verify.stdout)")
        // The retry applies what was logged, skips what is there, and ingests the rest.
        let retry = try home.run(["ingest", folder.path, "--db", url])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(retry.stdout.contains("60 of 60 files ingested or already present"), "\(retry.stdout.suffix(300))")
        let after = try home.run(["log", "verify", "--db", url])
        #expect(after.stdout.contains("log verifies: 60 entries"), "each paper is logged once: \(after.stdout)")
        #expect(after.stdout.contains("(60 of 60 entries applied)"), "\(after.stdout)")
        let found = try home.run(["search", "closes with a sentence of its own", "--db", url, "--format", "json", "--limit", "100"])
        #expect((try JSONSerialization.jsonObject(with: found.stdoutData) as? [String: Any])?["total"] as? Int == 60)
    }

    @Test("a running server answers with a sentence while PostgreSQL is down and serves again when it is back")
    func serverReconnects() throws {
        let postgres = try OwnPostgres()
        let url = try postgres.database("serving")
        let home = try LedgerHome()
        defer { home.remove() }
        #expect(try home.run(["ingest", LibraryCommandTests.fixtures.appendingPathComponent("wp-en.txt").path, "--db", url]).status == 0)
        let server = try RunningServer(home: home, arguments: ["--db", url])
        defer { _ = server.stop() }
        #expect(try server.request("/api/v1/search?q=Coalition").status == 200)
        try postgres.script("halt")
        let down = try server.request("/api/v1/search?q=Coalition")
        #expect(down.status >= 500, "\(down.status) \(down.body)")
        #expect(down.body.contains("PostgreSQL"), "\(down.body)")
        try postgres.script("resume")
        var status = 0
        for _ in 0..<20 where status != 200 {
            status = try server.request("/api/v1/search?q=Coalition").status
            if status != 200 { usleep(100_000) }
        }
        #expect(status == 200, "the server reconnects when the database is back")
        #expect(try server.request("/log/checkpoint").status == 200)
    }
}
