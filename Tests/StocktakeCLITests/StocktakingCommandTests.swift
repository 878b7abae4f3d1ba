import Foundation
import Testing

@Suite("stocktake evidence, assess, assessments, method, scorecard and report, run as a user runs them", .serialized)
struct StocktakingCommandTests {
    static let corpus = ExtractCommandTests.corpus

    /// A home with the corpus ingested and an `analyst` key holding the assessor role; returns the corpus citation of a paragraph.
    static func preparedHome() throws -> (LedgerHome, (String) -> String) {
        let home = try LedgerHome()
        let ingest = try home.run(["ingest", corpus])
        precondition(ingest.status == 0, ingest.stderr)
        let symbol = try #require(ingest.stdout.split(separator: " ").first { $0.hasPrefix("UNSYMBOLLED/") }).description
        let author = try home.run(["keys", "add-author", "analyst", "--role", "assessor"])
        precondition(author.status == 0, author.stderr)
        return (home, { "\(symbol), para. \($0) (ZH)" })
    }

    func logSize(_ home: LedgerHome) throws -> String {
        String(try home.run(["log", "checkpoint"]).stdout.split(separator: "\n")[1])
    }

    @Test(
        "on a fresh home, AP2010:10 in 2026: France and the UK implemented, China and the US none, Russia regressed; in 2020 Russia implemented"
    )
    func derivedScorecardOnFreshHome() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-fresh-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        func statuses(_ cycle: String) throws -> [String: String] {
            let result = try CommandRunner.run(
                ["scorecard", "--commitment", "AP2010:10", "--cycle", cycle, "--format", "json"], environment: ["STOCKTAKE_HOME": home.path]
            )
            #expect(result.status == 0, "\(result.stderr)")
            let cells = (try JSONSerialization.jsonObject(with: result.stdoutData) as! [String: Any])["cells"] as! [[String: Any]]
            for cell in cells {
                for key in ["state", "commitment", "cycle", "status", "points", "evidenceCount", "derived"] {
                    #expect(cell[key] != nil, "row lacks \(key)")
                }
            }
            return Dictionary(uniqueKeysWithValues: cells.map { ($0["state"] as! String, $0["status"] as! String) })
        }
        #expect(try statuses("2026") == ["FRA": "implemented", "GBR": "implemented", "CHN": "none", "USA": "none", "RUS": "regressed"])
        #expect(try statuses("2020")["RUS"] == "implemented")
    }

    @Test("an assessment citing a corpus paragraph is recorded, and the report shows its status and the quoted passage")
    func assessAndReport() throws {
        let (home, cite) = try StocktakingCommandTests.preparedHome()
        defer { home.remove() }
        let assess = try home.run([
            "assess", "--state", "GBR", "--commitment", "AP2010:5", "--cycle", "2026", "--status", "limited",
            "--rationale", "The group finds the nuclear-weapon States short of action 5.", "--evidence", cite("13"), "--author", "analyst",
        ])
        #expect(assess.status == 0, "\(assess.stderr)")
        #expect(assess.stdout.contains("GBR on AP2010:5, cycle 2026: limited"))
        let html = home.directory.appendingPathComponent("report.html").path
        let report = try home.run(["report", "--state", "GBR", "--cycle", "2026", "--output", html])
        #expect(report.status == 0, "\(report.stderr)")
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(
            text.contains("status-limited\">Limited<") && text.contains("核武器国家全面、迅速履行") && text.contains("Log size: <strong>4</strong>"))
        let chinese = try home.run(["report", "--state", "GBR", "--lang", "zh", "--format", "md"])
        #expect(chinese.stdout.contains("有限履行") && chinese.stdout.contains("# 监测报告"))
        let history = try home.run(["assessments", "--state", "GBR", "--history"])
        #expect(history.stdout.contains("limited") && history.stdout.contains("by analyst"))
        let rebuild = try home.run(["rebuild"])
        #expect(rebuild.stdout.contains("identical to before"), "\(rebuild.stdout)")
        let verify = try home.run(["log", "verify"])
        #expect(verify.status == 0 && verify.stdout.contains("database matches"), "\(verify.stdout)\(verify.stderr)")
    }

    @Test("a missing paragraph, a status off the scale, or a key without the role: one sentence, exit 1, and the log does not grow")
    func refusals() throws {
        let (home, cite) = try StocktakingCommandTests.preparedHome()
        defer { home.remove() }
        _ = try home.run(["keys", "add-author", "visitor"])
        let before = try logSize(home)
        let base = ["assess", "--state", "GBR", "--commitment", "AP2010:5", "--cycle", "2026", "--rationale", "why"]
        for (arguments, fragment) in [
            (base + ["--status", "limited", "--evidence", cite("99"), "--author", "analyst"], "holds no paragraph"),
            (base + ["--status", "excellent", "--author", "analyst"], "not a status on the scale"),
            (base + ["--status", "limited", "--author", "visitor"], "does not hold the assessor role"),
            (base + ["--status", "limited", "--author", "nobody"], "no author key named nobody"),
        ] {
            let result = try home.run(arguments)
            #expect(result.status == 1 && result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.contains(fragment) && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        #expect(try logSize(home) == before)
        let append = try home.run(["log", "append", try home.file("p.json", "{}"), "--type", "assessment"])
        #expect(append.status == 1 && append.stderr.contains("written only by the command that checks them"))
        #expect(try logSize(home) == before)
    }

    @Test("assessments import refuses a file with bad rows whole, naming each line; a good file goes in")
    func csvImport() throws {
        let (home, cite) = try StocktakingCommandTests.preparedHome()
        defer { home.remove() }
        let before = try logSize(home)
        let bad = try home.file(
            "bad.csv",
            "state,commitment,cycle,status,rationale,evidence\nGBR,AP2010:5,2026,limited,ok,\"\(cite("13"))\"\nFRA,AP2010:5,2031,limited,bad cycle,\nUSA,AP2010:5,2026,top,bad status,\n"
        )
        let refused = try home.run(["assessments", "import", bad, "--author", "analyst"])
        #expect(
            refused.status == 1 && refused.stderr.contains("line 3:") && refused.stderr.contains("line 4:")
                && !refused.stderr.contains("line 2:"), "\(refused.stderr)")
        #expect(try logSize(home) == before)
        let good = try home.file(
            "good.csv",
            "state,commitment,cycle,status,rationale,evidence\nGBR,AP2010:5,2026,limited,ok,\"\(cite("13"))\"\nFRA,AP2010:5,2026,substantial,ok,\n"
        )
        let imported = try home.run(["assessments", "import", good, "--author", "analyst"])
        #expect(imported.status == 0 && imported.stdout.contains("imported 2 assessments"), "\(imported.stderr)")
        let latin1 = home.directory.appendingPathComponent("latin1.csv")
        try Data([0x73, 0x74, 0x61, 0x74, 0x65, 0x0A, 0xE9, 0x0A]).write(to: latin1)
        let encoding = try home.run(["assessments", "import", latin1.path, "--author", "analyst"])
        #expect(encoding.status == 1 && encoding.stderr.contains("not UTF-8"))
    }

    @Test(
        "evidence add takes a paragraph, a treaty event or a web source, refuses malformed ones with a sentence, and evidence list shows them"
    )
    func evidenceKinds() throws {
        let (home, cite) = try StocktakingCommandTests.preparedHome()
        defer { home.remove() }
        let base = ["evidence", "add", "--state", "GBR", "--author", "analyst"]
        let paragraph = try home.run(base + ["--commitment", "AP2010:5", "--cite", cite("13"), "--quote", "核武器国家"])
        #expect(paragraph.status == 0 && paragraph.stdout.contains("recorded ev-"), "\(paragraph.stderr)")
        let event = try home.run(base + ["--commitment", "AP2010:10", "--treaty-event", "CTBT:GBR:ratified"])
        #expect(event.status == 0 && event.stdout.contains("CTBT: GBR ratified on 1998-04-06"), "\(event.stderr)")
        let web = try home.run(
            base + [
                "--commitment", "AP2010:21", "--url", "https://example.org/report", "--title", "National report", "--consulted",
                "2026-11-01",
            ])
        #expect(web.status == 0, "\(web.stderr)")
        let before = try logSize(home)
        for (arguments, fragment) in [
            (
                ["--commitment", "AP2010:21", "--url", "ftp://example.org/x", "--title", "T", "--consulted", "2026-11-01"],
                "not a web address"
            ),
            (["--commitment", "AP2010:21", "--url", "https://example.org/x", "--consulted", "2026-11-01"], "needs --title"),
            (["--commitment", "AP2010:10", "--treaty-event", "CTBT:GBR"], "TREATY:STATE:EVENT"),
            (["--commitment", "AP2010:10", "--treaty-event", "CTBT:GBR:withdrew"], "holds no 'withdrew' event"),
            (["--commitment", "AP2010:5", "--cite", cite("13"), "--quote", "not in the paragraph"], "quote is not in"),
            (["--commitment", "AP2010:5"], "exactly one of"),
        ] {
            let result = try home.run(base + arguments)
            #expect(result.status == 1 && result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
        }
        #expect(try logSize(home) == before)
        let listed = try home.run(["evidence", "list", "--state", "GBR", "--format", "csv"]).stdout.split(separator: "\n")
        #expect(listed.count == 4, "a header and three items")
    }

    @Test("programmes lists the shipped programmes and shows one with its phases and how each target is sourced")
    func programmes() throws {
        let list = try CommandRunner.run(["programmes"])
        for id in ["POA1996", "NAM2010", "MNWC", "GZ2010", "NEWSTART"] { #expect(list.stdout.contains(id)) }
        let shown = try CommandRunner.run(["programmes", "GZ2010"])
        #expect(shown.status == 0 && shown.stdout.contains("total-inventory ≤ 1,000") && shown.stdout.contains("[seen]"))
        let unknown = try CommandRunner.run(["programmes", "NOPE"])
        #expect(unknown.status == 1 && unknown.stderr.contains("There is no programme 'NOPE'"))
    }

    @Test("method show prints the method and its hash; a broken method file is refused with a sentence")
    func methodShow() throws {
        let shown = try CommandRunner.run(["method", "show"])
        #expect(shown.status == 0 && shown.stdout.contains("method stocktake-default 1.0") && shown.stdout.contains("sha256 "))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("method-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("m.json")
        try Data(#"{"id": "x", "version": "1"}"#.utf8).write(to: broken)
        let result = try CommandRunner.run(["method", "show", "--method", broken.path])
        #expect(result.status == 1 && result.stderr.contains("lacks the field"), "\(result.stderr)")
    }
}
