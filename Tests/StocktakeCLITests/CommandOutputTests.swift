import Foundation
import Testing

@Suite("Command output a user relies on", .serialized)
struct CommandOutputTests {
    @Test("state GBR on 2025-01-01: a NATO member and a nuclear-weapon State, party to the NPT")
    func stateOnDay() throws {
        let result = try CommandRunner.run(["state", "GBR", "--as-of", "2025-01-01", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as! [String: Any]
        let organizations = (object["memberships"] as! [[String: Any]]).map { $0["organization"] as! String }
        #expect(organizations.contains("NATO") && organizations.contains("NWS") && !organizations.contains("EU"))
        let treaties = Dictionary(
            uniqueKeysWithValues: (object["treaties"] as! [[String: Any]]).map { ($0["treaty"] as! String, $0["standing"] as! String) })
        #expect(treaties["NPT"] == "party")
    }

    @Test("states --group NATO follows the day asked about, as CSV")
    func groupOnDay() throws {
        let before = try CommandRunner.run(["states", "--group", "NATO", "--as-of", "2024-03-06", "--format", "csv"]).stdout
        let after = try CommandRunner.run(["states", "--group", "NATO", "--as-of", "2024-03-07", "--format", "csv"]).stdout
        #expect(before.hasPrefix("id,m49,un_status,name_en,name_zh\n"))
        #expect(!before.contains("\nSWE,") && after.contains("\nSWE,"))
        #expect(after.split(separator: "\n").count == 33, "a header and 32 members")
    }

    @Test("an author key signs entries that log verify checks, and CSV fields with commas are quoted")
    func authorAndCSV() throws {
        let home = try LedgerHome()
        defer { home.remove() }
        let added = try home.run(["keys", "add-author", "analyst.one"])
        #expect(added.status == 0 && added.stdout.hasPrefix("analyst.one+"))
        let payload = try home.file("statement.json", #"{"commitment": "AP2010:5(c)", "state": "GBR"}"#)
        #expect(try home.run(["log", "append", payload, "--type", "statement", "--author", "analyst.one"]).status == 0)
        let entry = try home.run(["log", "entry", "0"]).stdout
        #expect(entry.contains("type statement\n") && entry.contains("author analyst.one+"))
        #expect(try home.run(["log", "verify"]).status == 0)
        _ = try home.run([
            "ingest", CommandRunner.repositoryRoot.appendingPathComponent("Tests/StocktakeTextTests/Fixtures/wp-en.txt").path,
        ])
        let table = try home.run(["search", "Coalition", "--format", "csv"]).stdout
        #expect(table.contains("\"NPT/CONF.2026/PC.III/WP.99, para. 1 (EN)\""))
        let document = try home.run(["show", "NPT/CONF.2026/PC.III/WP.99"])
        #expect(document.stdout.contains("[1] The New Agenda Coalition recalls"))
    }
}
