import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Readers beside writers, and writers queueing, across processes", .serialized)
struct ConcurrencyCommandTests {
    /// Writes `count` distinct working papers (WP.1000 …) into a folder.
    static func papers(_ count: Int, in folder: URL, from first: Int = 0) throws {
        let template = try String(contentsOf: LibraryCommandTests.fixtures.appendingPathComponent("wp-en.txt"), encoding: .utf8)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for n in first..<first + count {
            let text =
                template.replacingOccurrences(of: "NPT/CONF.2026/PC.III/WP.99", with: "NPT/CONF.2026/PC.III/WP.\(1000 + n)")
                + "\n\(90 + n % 5). Paper \(n) closes with a sentence of its own.\n"
            try Data(text.utf8).write(to: folder.appendingPathComponent("wp-\(n).txt"))
        }
    }

    @Test("searches run while another process ingests a hundred documents: no search fails, no document is lost, the log verifies")
    func searchBesideIngest() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let folder = home.directory.appendingPathComponent("papers")
        try ConcurrencyCommandTests.papers(100, in: folder)
        let ingest = Process()
        ingest.executableURL = CommandRunner.executable
        ingest.arguments = ["ingest", folder.path]
        ingest.environment = ProcessInfo.processInfo.environment.merging(home.environment) { $1 }
        let output = Pipe()
        ingest.standardOutput = output
        ingest.standardError = FileHandle.nullDevice
        try ingest.run()
        var searches = 0, failures: [String] = []
        while ingest.isRunning || searches < 3 {
            let result = try home.run(["search", "Coalition", "--limit", "5"])
            searches += 1
            if result.status != 0 { failures.append(result.stderr) }
        }
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ingest.waitUntilExit()
        #expect(failures.isEmpty, "\(failures.prefix(2))")
        #expect(ingest.terminationStatus == 0, "\(printed.suffix(600))")
        #expect(printed.contains("100 of 100 files ingested"))
        let count = try home.run(["search", "closes with a sentence of its own", "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: count.stdoutData) as! [String: Any])["total"] as? Int == 100)
        let verify = try home.run(["log", "verify"])
        #expect(verify.status == 0 && verify.stdout.contains("database matches"), "\(verify.stdout)\(verify.stderr)")
    }

    @Test("a second writer waits for the first; past its wait it names the process holding the log, and nothing is written")
    func writersQueue() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let payload = try home.file("note.json", #"{"note": "load"}"#)
        let lockFile = home.directory.appendingPathComponent("ledger/lock")
        let long = Process()
        long.executableURL = CommandRunner.executable
        long.arguments = ["log", "append", payload, "--type", "note", "--count", "5000000", "--batch", "1000"]
        long.environment = ProcessInfo.processInfo.environment.merging(home.environment) { $1 }
        long.standardOutput = FileHandle.nullDevice
        long.standardError = FileHandle.nullDevice
        try long.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline && ((try? String(contentsOf: lockFile, encoding: .utf8)) ?? "").isEmpty { usleep(20_000) }
        let refused = try CommandRunner.run(
            ["keys", "add-author", "second", "--role", "assessor"],
            environment: home.environment.merging(["STOCKTAKE_LOCK_WAIT": "1"]) { $1 })
        kill(long.processIdentifier, SIGKILL)
        long.waitUntilExit()
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("is being written by process \(long.processIdentifier)")
                && refused.stderr.contains("STOCKTAKE_LOCK_WAIT"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("move"), "a busy log never tells the user to move anything aside")
        // A writer that waits long enough goes through once the first one ends.
        let short = Process()
        short.executableURL = CommandRunner.executable
        short.arguments = ["log", "append", payload, "--type", "note", "--count", "3000", "--batch", "500"]
        short.environment = ProcessInfo.processInfo.environment.merging(home.environment) { $1 }
        short.standardOutput = FileHandle.nullDevice
        try short.run()
        usleep(100_000)
        let queued = try CommandRunner.run(
            ["keys", "add-author", "second", "--role", "assessor"],
            environment: home.environment.merging(["STOCKTAKE_LOCK_WAIT": "120"]) { $1 })
        short.waitUntilExit()
        #expect(short.terminationStatus == 0)
        #expect(queued.status == 0, "\(queued.stderr)")
        let verify = try home.run(["log", "verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }
}
