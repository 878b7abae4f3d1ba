import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `stocktake serve --port 0` on a home, driven over loopback HTTP with curl.
final class RunningServer {
    let process = Process()
    let port: Int
    let home: LedgerHome

    init(home: LedgerHome, arguments: [String] = []) throws {
        self.home = home
        process.executableURL = CommandRunner.executable
        process.arguments = ["serve", "--port", "0", "--log-level", "warning"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(home.environment) { $1 }
        process.currentDirectoryURL = CommandRunner.repositoryRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var announced = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !announced.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            announced += String(decoding: data, as: UTF8.self)
        }
        guard let match = announced.firstMatch(of: /serving on http:\/\/127\.0\.0\.1:(\d+)/), let port = Int(match.1) else {
            process.terminate()
            throw CocoaError(
                .featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "the server did not announce its port: \(announced)"])
        }
        self.port = port
    }

    struct Reply {
        let status: Int
        let type: String
        let body: String
        let size: Int
    }

    /// One request with curl (no path normalisation, so `..` reaches the server as sent).
    func request(_ path: String, method: String = "GET", headers: [String] = [], body: Data? = nil) throws -> Reply {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        var arguments = ["-s", "--path-as-is", "-X", method, "-o", "-", "-w", "\n%{http_code} %{size_download} %{content_type}"]
        for header in headers { arguments += ["-H", header] }
        if body != nil { arguments += ["--data-binary", "@-"] }
        curl.arguments = arguments + ["http://127.0.0.1:\(port)\(path)"]
        let out = Pipe(), input = Pipe()
        curl.standardOutput = out
        curl.standardInput = input
        try curl.run()
        if let body { input.fileHandleForWriting.write(body) }
        try input.fileHandleForWriting.close()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        let split = text.range(of: "\n", options: .backwards)!
        let trailer = text[split.upperBound...].split(separator: " ", maxSplits: 2)
        return Reply(
            status: Int(trailer[0]) ?? 0, type: trailer.count > 2 ? String(trailer[2]) : "", body: String(text[..<split.lowerBound]),
            size: trailer.count > 1 ? Int(trailer[1]) ?? 0 : 0)
    }

    /// The response headers of a GET, lower-cased names.
    func headers(_ path: String) throws -> [String: String] {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-D", "-", "-o", "/dev/null", "http://127.0.0.1:\(port)\(path)"]
        let out = Pipe()
        curl.standardOutput = out
        try curl.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        var headers: [String: String] = [:]
        for line in text.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }

    /// Sends SIGTERM and returns the exit status.
    func stop() -> Int32 {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite("stocktake serve, driven over HTTP on loopback", .serialized)
struct ServerCommandTests {
    @Test("every page (English and Chinese) and every API read answers; SIGTERM stops the server cleanly")
    func everyRouteAnswers() throws {
        let (home, cite) = try StocktakingCommandTests.preparedHome()
        defer { home.remove() }
        _ = try home.run([
            "assess", "--state", "GBR", "--commitment", "AP2010:5", "--cycle", "2026", "--status", "limited", "--rationale",
            "Short of action 5.", "--evidence", cite("13"), "--author", "analyst",
        ])
        let symbol = cite("13").components(separatedBy: ",")[0]
        let server = try RunningServer(home: home)
        let pages = [
            "/", "/search?q=%E8%A3%81%E5%86%9B", "/documents/\(symbol)?language=zh", "/commitments", "/commitments/AP2010:5", "/states",
            "/states/GBR", "/states/CHN",
            "/compare?states=USA,CHN", "/programmes", "/programmes/GZ2010", "/scorecard", "/reports/GBR", "/log", "/declarations",
        ]
        for page in pages {
            for prefix in ["", "/zh"] {
                let reply = try server.request(prefix + page)
                #expect(
                    reply.status == 200 && reply.type.hasPrefix("text/html"), "\(prefix + page): \(reply.status) \(reply.body.prefix(200))")
            }
        }
        #expect(try server.request("/zh/").body.contains("<html lang=\"zh\">"))
        #expect(try server.request("/", headers: ["Accept-Language: zh-CN,zh;q=0.9,en;q=0.5"]).body.contains("<html lang=\"zh\">"))
        let reads = [
            "/api/v1/openapi.json", "/api/v1/search?q=nuclear", "/api/v1/documents/\(symbol)", "/api/v1/commitments",
            "/api/v1/commitments/AP2010:10", "/api/v1/states/GBR",
            "/api/v1/scorecard?cycle=2020", "/api/v1/assessments", "/api/v1/evidence", "/api/v1/figures?series=SIPRI", "/api/v1/programmes",
            "/api/v1/programmes/MNWC",
            "/api/v1/trajectory/CHN", "/api/v1/reports/GBR", "/api/v1/checkpoint", "/api/v1/declarations",
        ]
        for read in reads {
            let reply = try server.request(read)
            #expect(reply.status == 200 && reply.type.hasPrefix("application/json"), "\(read): \(reply.status)")
        }
        for table in [
            "/api/v1/scorecard?format=csv", "/api/v1/figures?format=csv", "/api/v1/assessments?format=csv",
            "/api/v1/search?q=nuclear&format=csv", "/api/v1/commitments?format=csv",
        ] {
            #expect(try server.request(table).type.hasPrefix("text/csv"), "\(table)")
        }
        let world = try server.request("/api/v1/figures?series=SIPRI&metric=total-inventory&date=2025-01-01")
        let figures = try JSONSerialization.jsonObject(with: Data(world.body.utf8)) as! [[String: Any]]
        #expect(figures.reduce(0.0) { $0 + ((($1["payload"] as! [String: Any])["value"]) as! Double) } == 12_241)
        #expect(try server.request("/charts/world.svg").type.hasPrefix("image/svg+xml"))
        let tag = try server.headers("/states/GBR")["etag"] ?? ""
        #expect(tag.hasPrefix("\""))
        #expect(try server.request("/states/GBR", headers: ["If-None-Match: \(tag)"]).status == 304, "an unchanged page is not sent again")
        _ = try home.run([
            "assess", "--state", "GBR", "--commitment", "AP2010:10", "--cycle", "2026", "--status", "implemented", "--rationale",
            "Ratified in 1998.", "--author", "analyst",
        ])
        #expect(
            try server.request("/states/GBR", headers: ["If-None-Match: \(tag)"]).status == 200, "a change to the record changes the tag")
        #expect(server.stop() == 0)
    }

    @Test("the log is served as tlog-tiles: the checkpoint, immutable tiles and bundles; a path with .. is refused")
    func tiles() throws {
        let (home, _) = try StocktakingCommandTests.preparedHome()
        defer { home.remove() }
        let server = try RunningServer(home: home)
        defer { _ = server.stop() }
        let checkpoint = try server.request("/log/checkpoint")
        let expected = try home.run(["log", "checkpoint"]).stdout
        #expect(checkpoint.status == 200 && checkpoint.body == expected)
        let tile = try server.request("/log/tile/0/000.p/2")
        #expect(tile.status == 200 && tile.type == "application/octet-stream" && tile.size == 64)
        let bundle = try server.request("/log/tile/entries/000.p/2")
        #expect(bundle.status == 200 && bundle.body.contains("stocktake.entry/v1"))
        #expect(try server.request("/log/tile/0/000.p/9").status == 404, "a partial tile wider than the log is not served")
        for hostile in [
            "/log/tile/../../keys/log.key", "/log/tile/0/../../../etc/passwd", "/log/tile/0/x1/000", "/log/tile/99999/000",
            "/log/tile/0/000.p/0",
        ] {
            let reply = try server.request(hostile)
            #expect([400, 404].contains(reply.status) && !reply.body.contains("PRIVATE"), "\(hostile): \(reply.status)")
        }
    }

    @Test(
        "writes need a token bound to a key holding the role: 401 without, 403 without the role, and the log is unchanged; with both, 201")
    func writes() throws {
        let (home, cite) = try StocktakingCommandTests.preparedHome()
        defer { home.remove() }
        _ = try home.run(["keys", "add-author", "visitor"])
        let analyst = try home.run(["tokens", "issue", "analyst"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let visitor = try home.run(["tokens", "issue", "visitor"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try RunningServer(home: home)
        defer { _ = server.stop() }
        let before = try server.request("/log/checkpoint").body
        let body = Data(
            #"{"state": "GBR", "commitment": "AP2010:5", "cycle": "2026", "status": "limited", "rationale": "Short of action 5.", "evidence": ["\#(cite("13"))"]}"#
                .utf8)
        let anonymous = try server.request("/api/v1/assessments", method: "POST", body: body)
        #expect(anonymous.status == 401 && anonymous.type.hasPrefix("application/problem+json"))
        let forged = try server.request(
            "/api/v1/assessments", method: "POST", headers: ["Authorization: Bearer stk_" + String(repeating: "0", count: 64)], body: body)
        #expect(forged.status == 401)
        let unentitled = try server.request(
            "/api/v1/assessments", method: "POST", headers: ["Authorization: Bearer \(visitor)"], body: body)
        #expect(unentitled.status == 403, "\(unentitled.body)")
        let malformed = try server.request(
            "/api/v1/assessments", method: "POST", headers: ["Authorization: Bearer \(analyst)"], body: Data("{not json".utf8))
        #expect(malformed.status == 400 && malformed.body.contains("\"code\""))
        let oversized = try server.request(
            "/api/v1/assessments", method: "POST", headers: ["Authorization: Bearer \(analyst)"],
            body: Data(repeating: 0x20, count: 2 << 20))
        #expect(oversized.status == 413, "\(oversized.status)")
        #expect(try server.request("/log/checkpoint").body == before, "refused writes leave the log as it was")
        let accepted = try server.request("/api/v1/assessments", method: "POST", headers: ["Authorization: Bearer \(analyst)"], body: body)
        #expect(accepted.status == 201, "\(accepted.body)")
        #expect(try server.request("/log/checkpoint").body != before)
        let entries = try JSONSerialization.jsonObject(with: Data(accepted.body.utf8)) as! [[String: Any]]
        #expect(entries.first?["author"] as? String == "analyst", "the write names its author")
    }

    @Test("every kind of write through the API is logged under the author its token is bound to; a revoked token is refused")
    func writesNameTheirAuthor() throws {
        let (home, cite) = try StocktakingCommandTests.preparedHome()
        defer { home.remove() }
        _ = try home.run(["keys", "grant", "analyst", "--role", "assessor", "--role", "figures"])
        let token = try home.run(["tokens", "issue", "analyst"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try RunningServer(home: home)
        defer { _ = server.stop() }
        let bearer = ["Authorization: Bearer \(token)"]
        let evidence = try server.request(
            "/api/v1/evidence", method: "POST", headers: bearer,
            body: Data(#"{"subject": "GBR", "commitment": "AP2010:5", "cite": "\#(cite("14"))"}"#.utf8))
        #expect(evidence.status == 201, "\(evidence.body)")
        let figures = try server.request(
            "/api/v1/figures", method: "POST", headers: bearer,
            body: Data(
                "state,metric,value,low,high,date,nature,series,source\nGBR,deployed,120,,,2025-01-01,estimated,MINE,https://example.org/mine\n"
                    .utf8))
        #expect(figures.status == 201, "\(figures.body)")
        let paper = try String(contentsOf: LibraryCommandTests.fixtures.appendingPathComponent("wp-en.txt"), encoding: .utf8)
        let document = try server.request("/api/v1/documents?name=wp-en.txt", method: "POST", headers: bearer, body: Data(paper.utf8))
        #expect(document.status == 201, "\(document.body)")
        let entry = (try JSONSerialization.jsonObject(with: Data(document.body.utf8)) as! [String: Any])["entry"] as! Int
        #expect(try home.run(["log", "entry", String(entry)]).stdout.contains("author analyst+"), "the document entry names who sent it")
        #expect(try home.run(["tokens", "revoke", "analyst"]).stdout.contains("revoked 1"))
        let revoked = try server.request("/api/v1/evidence", method: "POST", headers: bearer, body: Data("{}".utf8))
        #expect(revoked.status == 401)
    }

    @Test("script in a query is escaped on the page, and a malformed parameter is a 400, not a crash")
    func hostileInput() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let server = try RunningServer(home: home)
        defer { _ = server.stop() }
        let page = try server.request("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        #expect(page.status == 200 && !page.body.contains("<script>alert(1)</script>") && page.body.contains("&lt;script&gt;"))
        #expect(try server.request("/api/v1/search?q=x&page=abc").status == 400)
        #expect(try server.request("/api/v1/search?q=x&language=xx").status == 400)
        #expect(try server.request("/api/v1/states/XYZ").status == 404)
        #expect(try server.request("/api/v1/search?format=xml").status == 400)
    }

    @Test(
        "a hundred documents ingested by another process while the server answers searches: no request fails, nothing is lost, the log verifies"
    )
    func ingestBesideServer() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let folder = home.directory.appendingPathComponent("papers")
        try ConcurrencyCommandTests.papers(100, in: folder)
        let server = try RunningServer(home: home)
        defer { _ = server.stop() }
        let ingest = Process()
        ingest.executableURL = CommandRunner.executable
        ingest.arguments = ["ingest", folder.path]
        ingest.environment = ProcessInfo.processInfo.environment.merging(home.environment) { $1 }
        ingest.standardOutput = FileHandle.nullDevice
        ingest.standardError = FileHandle.nullDevice
        try ingest.run()
        var requests = 0, failures: [Int] = []
        while ingest.isRunning || requests < 5 {
            let reply = try server.request("/api/v1/search?q=closes+with+a+sentence")
            requests += 1
            if reply.status != 200 { failures.append(reply.status) }
        }
        ingest.waitUntilExit()
        #expect(ingest.terminationStatus == 0)
        #expect(failures.isEmpty, "\(failures)")
        let total =
            try JSONSerialization.jsonObject(with: Data(try server.request("/api/v1/search?q=closes+with+a+sentence+of+its+own").body.utf8))
            as! [String: Any]
        #expect(total["total"] as? Int == 100)
        #expect(try home.run(["log", "verify"]).status == 0)
    }
}

@Suite("Two installations: one witnesses the other over HTTP", .serialized)
struct WitnessCommandTests {
    @Test("stocktake witness add follows a log; witness request gets a cosignature that the log then serves with its checkpoint")
    func witnessOverHTTP() throws {
        let log = try LedgerHome()
        let witness = try LedgerHome()
        defer { log.remove(); witness.remove() }
        let payload = try log.file("p.json", #"{"n": 1}"#)
        _ = try log.run(["log", "append", payload, "--type", "statement", "--count", "6"])
        let logKey = try log.run(["log", "key"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try witness.run(["witness", "add", "http://log.invalid", logKey]).status == 0)
        let witnessKey = try witness.run(["witness", "key"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try RunningServer(home: witness)
        defer { _ = server.stop() }
        let first = try log.run(["witness", "request", "http://127.0.0.1:\(server.port)", "--key", witnessKey])
        #expect(first.status == 0 && first.stdout.contains("at size 6"), "\(first.stderr)")
        _ = try log.run(["log", "append", payload, "--type", "statement", "--count", "4"])
        let second = try log.run(["witness", "request", "http://127.0.0.1:\(server.port)", "--key", witnessKey])
        #expect(second.status == 0 && second.stdout.contains("at size 10"), "\(second.stderr)")
        #expect(try witness.run(["witness", "list"]).stdout.contains("size 10"))
        let logServer = try RunningServer(home: log)
        defer { _ = logServer.stop() }
        let checkpoint = try logServer.request("/log/checkpoint").body
        let witnessName = String(witnessKey.split(separator: "+")[0])
        #expect(checkpoint.contains("— \(witnessName) "), "\(checkpoint)")
        let refused = try log.run(["witness", "request", "http://127.0.0.1:\(server.port)", "--key", logKey])
        #expect(refused.status == 1, "a cosignature that does not verify with the key given is not kept")
    }
}
