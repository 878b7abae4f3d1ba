import Foundation
import Testing

@Suite("stocktake figures, programmes, trajectory and chart, run as a user runs them", .serialized)
struct ArsenalCommandTests {
    @Test("figures --series SIPRI --date 2025-01-01 sums to SIPRI's 12,241; export carries every source")
    func worldTotal() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let result = try home.run([
            "figures", "--series", "SIPRI", "--metric", "total-inventory", "--date", "2025-01-01", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as! [String: Any]
        let totals = object["totals"] as! [[String: Any]]
        #expect(totals.count == 1 && totals[0]["value"] as? Double == 12_241)
        let export = try home.run(["figures", "export", "--format", "csv"])
        let lines = export.stdout.split(separator: "\n")
        #expect(lines[0].hasPrefix("state,metric,value,low,high,date,nature,series,source"))
        #expect(lines.count > 150)
    }

    @Test(
        "a CSV with a negative count, an unknown state, an impossible date or a missing source is refused whole and the log does not grow")
    func importRefused() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        _ = try home.run(["keys", "add-author", "counter", "--role", "figures"])
        let before = try home.run(["log", "checkpoint"]).stdout
        let bad = try home.file(
            "bad.csv",
            "state,metric,value,low,high,date,nature,series,source\nUSA,deployed,-1,,,2025-01-01,estimated,MINE,https://example.org\nZZZ,deployed,1,,,2025-01-01,estimated,MINE,https://example.org\nUSA,deployed,1,,,2025-13-01,estimated,MINE,https://example.org\nUSA,deployed,1,,,2025-01-01,estimated,MINE,\n"
        )
        let result = try home.run(["figures", "import", bad, "--author", "counter"])
        #expect(result.status == 1)
        for line in 2...5 { #expect(result.stderr.contains("line \(line):"), "\(result.stderr)") }
        #expect(try home.run(["log", "checkpoint"]).stdout == before)
        let good = try home.file(
            "good.csv",
            "state,metric,value,low,high,date,nature,series,source\nUSA,deployed,1770,1700,1800,2025-01-01,estimated,MINE,https://example.org/mine\n"
        )
        let imported = try home.run(["figures", "import", good, "--author", "counter"])
        #expect(imported.status == 0 && imported.stdout.contains("imported 1 figures"), "\(imported.stderr)")
        let listed = try home.run(["figures", "--series", "MINE"])
        #expect(listed.stdout.contains("1,770 (1,700–1,800)"))
    }

    @Test("trajectory CHN says the zero milestones are behind or overdue and zero is never reached; trajectory USA gives a year")
    func trajectories() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let china = try home.run(["trajectory", "CHN", "--as-of", "2026-11-26", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: china.stdoutData) as! [String: Any]
        #expect((object["zero"] as! [String: Any])["year"] == nil)
        let zeros = (object["milestones"] as! [[String: Any]]).filter { $0["kind"] as? String == "zero" && $0["due"] != nil }
        #expect(!zeros.isEmpty && zeros.allSatisfy { ["behind", "overdue"].contains($0["status"] as! String) })
        let text = try home.run(["trajectory", "CHN", "--programme", "GZ2010", "--as-of", "2026-11-26"]).stdout
        #expect(text.contains("zero is never reached on the current trend"))
        let us = try home.run(["trajectory", "USA", "--as-of", "2026-11-26"]).stdout
        #expect(
            us.range(of: #"zero is reached in 20[4-9][0-9]\.\d at the observed rate \(bounds: "#, options: .regularExpression) != nil,
            "\(us)")
        let unknown = try home.run(["trajectory", "CHN", "--programme", "NOPE"])
        #expect(unknown.status == 1 && unknown.stderr.contains("There is no programme 'NOPE'"))
    }

    @Test("chart writes SVG with labelled axes, the series, bounds and milestones; world shows every possessor")
    func charts() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let chart = try home.run(["chart", "PRK", "--programme", "GZ2010"]).stdout
        #expect(
            chart.hasPrefix("<svg") && chart.contains("Year") && chart.contains("Nuclear warheads") && chart.contains("<polygon")
                && chart.contains("GZ2010 4"))
        #expect(!chart.contains("<script"))
        let chinese = try home.run(["chart", "CHN", "--lang", "zh"]).stdout
        #expect(chinese.contains("年份") && chinese.contains("核弹头数量"))
        let world = try home.run(["chart", "world"]).stdout
        #expect(world.contains("12,241") && world.contains("Democratic People") && world.contains("Russian Federation"))
    }
}
