import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("stocktake ingest, search, refs, show and rebuild, run as a user runs them", .serialized)
struct LibraryCommandTests {
    static let fixtures = CommandRunner.repositoryRoot.appendingPathComponent("Tests/StocktakeTextTests/Fixtures")

    @Test("ingest the corpus, then search 裁军 returns exactly the paragraphs containing it")
    func corpusSearch() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let ingest = try home.run(["ingest", ExtractCommandTests.corpus])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let result = try home.run(["search", "裁军", "--format", "json", "--limit", "100"])
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as! [String: Any]
        let hits = object["hits"] as! [[String: Any]]
        let paragraphs = Set(hits.map { $0["paragraph"] as! String })
        let extracted =
            try JSONSerialization.jsonObject(with: try CommandRunner.run(["extract", ExtractCommandTests.corpus]).stdoutData)
            as! [String: Any]
        let expected = Set(
            (extracted["paragraphs"] as! [[String: Any]]).filter { ($0["text"] as! String).contains("裁军") }.map { $0["number"] as! String })
        #expect(paragraphs == expected)
        #expect((hits[0]["citation"] as! String).hasSuffix("(ZH)"))
        let refs = try home.run(["refs", "AP2010:5", "--format", "json"])
        let trail = (try JSONSerialization.jsonObject(with: refs.stdoutData) as! [String: Any])["paragraphs"] as! [[String: Any]]
        #expect(trail.map { $0["paragraph"] as! String } == ["5", "13", "14"])
        let verify = try home.run(["log", "verify"])
        #expect(verify.status == 0 && verify.stdout.contains("database matches"), "\(verify.stdout)\(verify.stderr)")
        let rebuild = try home.run(["rebuild"])
        #expect(rebuild.stdout.contains("identical to before"), "\(rebuild.stdout)")
    }

    @Test("search --sort, --year and --no-concepts change the results; the text output shows matched references and facets")
    func searchOptions() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        #expect(try home.run(["ingest", ExtractCommandTests.corpus, LibraryCommandTests.fixtures.path]).status == 0)
        let text = try home.run(["search", "action 5 (c)"]).stdout
        #expect(text.contains("matched by reference AP2010:5(c)"), "\(text)")
        #expect(text.contains("Also matched by reference: AP2010:5(c)") && text.contains("  by language: "))
        let wordsOnly = try home.run(["search", "action 5 (c)", "--no-concepts", "--format", "json"])
        let page = try JSONSerialization.jsonObject(with: wordsOnly.stdoutData) as! [String: Any]
        #expect((page["concepts"] as! [String]).isEmpty)
        #expect((page["hits"] as! [[String: Any]]).allSatisfy { ($0["matchedBy"] as! [String]).isEmpty })
        let oldest = try home.run(["search", "2010", "--sort", "oldest", "--format", "json", "--limit", "1000"])
        let dates = ((try JSONSerialization.jsonObject(with: oldest.stdoutData) as! [String: Any])["hits"] as! [[String: Any]]).compactMap {
            $0["date"] as? String
        }
        #expect(!dates.isEmpty && dates == dates.sorted())
        #expect(try home.run(["search", "2010", "--year", "1999"]).stdout.contains("0 paragraphs match"))
        let badSort = try home.run(["search", "2010", "--sort", "best"])
        #expect(badSort.status != 0 && badSort.stderr.contains("relevance"), "\(badSort.stderr)")
        let repaired = try home.run(["search", "\"nuclear disarmament"]).stdout
        #expect(repaired.hasPrefix("A quotation mark was not closed"))
    }

    @Test("a folder ingests recursively; a bad file is reported and the rest still go in")
    func folderWithBadFile() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let folder = home.directory.appendingPathComponent("docs/sub")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for language in ["en", "fr"] {
            try FileManager.default.copyItem(
                at: Self.fixtures.appendingPathComponent("wp-\(language).txt"), to: folder.appendingPathComponent("wp-\(language).txt"))
        }
        try Data([0x00, 0x01, 0x02]).write(to: folder.appendingPathComponent("broken.txt"))
        let result = try home.run(["ingest", home.directory.appendingPathComponent("docs").path])
        #expect(result.status != 0)
        #expect(result.stdout.contains("failed") && result.stdout.contains("broken.txt"))
        #expect(result.stdout.contains("2 of 3 files"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let show = try home.run(["show", "NPT/CONF.2026/PC.III/WP.99", "--paragraph", "2"])
        #expect(show.stdout.contains("(EN)") && show.stdout.contains("(FR)"))
    }

    @Test("killing the process during a large ingest leaves a store and log that verify; ingesting again completes it")
    func crashDuringIngest() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let folder = home.directory.appendingPathComponent("many")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let template = try String(contentsOf: Self.fixtures.appendingPathComponent("wp-en.txt"), encoding: .utf8)
        for n in 0..<150 {
            let text = template.replacingOccurrences(of: "WP.99", with: "WP.\(1000 + n)")
            try text.write(to: folder.appendingPathComponent(String(format: "doc-%03d.txt", n)), atomically: true, encoding: .utf8)
        }
        let checkpoints = home.directory.appendingPathComponent("ledger/checkpoints")
        try CommandRunner.runAndKill(["ingest", folder.path], environment: home.environment) {
            ((try? FileManager.default.contentsOfDirectory(atPath: checkpoints.path))?.count ?? 0) >= 20
        }
        let verify = try home.run(["log", "verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let again = try home.run(["ingest", folder.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("150 of 150 files"))
        let search = try home.run([
            "search", "Coalition", "--symbol-prefix", "NPT/CONF.2026/PC.III/WP.1", "--format", "json", "--limit", "1000",
        ])
        let object = try JSONSerialization.jsonObject(with: search.stdoutData) as! [String: Any]
        let symbols = Set((object["hits"] as! [[String: Any]]).map { $0["symbol"] as! String })
        #expect(symbols.count == 150)
        let final = try home.run(["log", "verify"])
        #expect(final.status == 0 && final.stdout.contains("database matches"), "\(final.stdout)\(final.stderr)")
    }

    @Test("search treats hostile input as text and refuses bad options with one sentence")
    func hostileSearch() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        _ = try home.run(["ingest", Self.fixtures.appendingPathComponent("wp-en.txt").path])
        for query in ["'; DROP TABLE documents; --", "\"", "NEAR(", String(repeating: "x", count: 20_000)] {
            let result = try home.run(["search", query])
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(try home.run(["search", "Coalition"]).stdout.contains("paragraphs match"))
        for bad in [
            ["search", "x", "--language", "de"], ["search", "x", "--from", "2025-13-01"], ["search", "x", "--limit", "0"],
            ["refs", "NOPE"], ["show", "A/NOPE/1"],
        ] {
            let result = try home.run(bad)
            #expect(result.status != 0, "\(bad)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(bad): \(result.stderr)")
        }
    }
}
