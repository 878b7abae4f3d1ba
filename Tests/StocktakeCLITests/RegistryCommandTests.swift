import Foundation
import Testing

@Suite("Registry commands, run as a user runs them")
struct RegistryCommandTests {
    @Test("every subcommand has --help")
    func help() throws {
        for command in ["states", "state", "treaty", "commitments", "commitment", "registry-check"] {
            let result = try CommandRunner.run([command, "--help"])
            #expect(result.status == 0, "\(command) --help failed")
            #expect(result.stdout.contains("USAGE"))
        }
    }

    @Test("treaty CTBT names the nine outstanding Annex 2 States in JSON")
    func ctbtJSON() throws {
        let result = try CommandRunner.run(["treaty", "CTBT", "--as-of", "2026-11-01", "--format", "json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as! [String: Any]
        let outstanding = (object["annex2Outstanding"] as! [[String: Any]]).map { $0["state"] as! String }
        #expect(outstanding == ["CHN", "EGY", "IND", "IRN", "ISR", "PAK", "PRK", "RUS", "USA"])
    }

    @Test("treaty NPT counts 191 parties and shows the contested withdrawal")
    func nptText() throws {
        let result = try CommandRunner.run(["treaty", "NPT"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("191 parties"))
        #expect(result.stdout.contains("PRK") && result.stdout.contains("contested"))
    }

    @Test("treaty SEMIPALATINSK shows its protocol: four parties, the United States signed only; JSON carries the same")
    func protocolLines() throws {
        let text = try CommandRunner.run(["treaty", "SEMIPALATINSK", "--as-of", "2026-11-01"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Protocol I (") && text.stdout.contains("): parties CHN FRA GBR RUS; signed only USA\n"))
        let early = try CommandRunner.run(["treaty", "SEMIPALATINSK", "--as-of", "2014-01-01"])
        #expect(early.stdout.contains("): no parties; no signature recorded for CHN FRA GBR RUS USA\n"))
        let json = try CommandRunner.run(["treaty", "SEMIPALATINSK", "--as-of", "2026-11-01", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: json.stdoutData) as! [String: Any]
        let protocols = object["protocols"] as! [[String: Any]]
        #expect(protocols.count == 1)
        #expect((protocols[0]["parties"] as! [[String: Any]]).map { $0["state"] as! String } == ["CHN", "FRA", "GBR", "RUS"])
    }

    @Test("registry-check reports sources by verification and the facts dated only on or before a day")
    func provenanceReport() throws {
        let result = try CommandRunner.run(["registry-check"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("registry is consistent: 197 states"))
        #expect(lines[1].hasPrefix("sources by verification: ") && lines[1].contains(" seen"))
        #expect(lines[2].hasPrefix("dated facts: ") && lines[2].contains("known only as on or before a day (NPT events "))
        #expect(lines[3].contains("sources still marked recalled or unverified"))
        #expect(lines[4].hasPrefix("facts resting on them: "))
    }

    @Test("commitment shows its labels in all six languages, and says so when its text has not been checked")
    func unverifiedCommitment() throws {
        let unchecked = try CommandRunner.run(["commitment", "AP2010:29"])
        #expect(unchecked.status == 0)
        for language in ["EN", "FR", "ES", "RU", "AR", "ZH"] { #expect(unchecked.stdout.contains("\n  \(language): ")) }
        #expect(unchecked.stdout.contains("\n  unverified: "))
        let json = try CommandRunner.run(["commitment", "AP2010:29", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: json.stdoutData) as! [String: Any]
        #expect(object["sourceVerification"] as? String == "unverified")
        #expect((object["labels"] as? [String: String])?.count == 6)
        let checked = try CommandRunner.run(["commitment", "AP2010:5(c)"])
        #expect(!checked.stdout.contains("unverified"))
    }

    @Test("commitments --instrument AP2010 lists 64 actions, as CSV too")
    func actionList() throws {
        let text = try CommandRunner.run(["commitments", "--instrument", "AP2010"])
        #expect(text.stdout.contains("64 commitments"))
        let table = try CommandRunner.run(["commitments", "--instrument", "AP2010", "--format", "csv"])
        #expect(table.stdout.split(separator: "\n").count == 65)
    }

    @Test("commitment AP2010:5(c) shows parent, addressees, source and labels")
    func commitment() throws {
        let result = try CommandRunner.run(["commitment", "AP2010:5(c)", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as! [String: Any]
        #expect(object["parent"] as? String == "AP2010:5")
        #expect(object["addressees"] as? [String] == ["NWS"])
        #expect(object["sourceSymbol"] as? String == "NPT/CONF.2010/50 (Vol. I)")
        #expect((object["labelZH"] as? String)?.isEmpty == false)
    }

    @Test(
        "bad input gets one sentence on stderr, nothing on stdout, and a non-zero exit",
        arguments: [
            ["state", "XYZ"], ["treaty", "NOPE"], ["treaty", "NPT", "--as-of", "2026-02-30"], ["commitment", "AP2010:99"],
            ["states", "--group", "P7"],
        ])
    func badInput(_ arguments: [String]) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr was: \(result.stderr)")
        #expect(!result.stderr.contains("Fatal") && !result.stderr.contains("Stack"))
    }

    @Test("a corrupt data file gives one sentence naming it")
    func corruptData() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-corrupt-\(UUID().uuidString)")
        let registry = directory.appendingPathComponent("registry")
        try FileManager.default.createDirectory(at: registry, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bundled = CommandRunner.repositoryRoot.appendingPathComponent("Data/registry")
        for name in try FileManager.default.contentsOfDirectory(atPath: bundled.path) {
            try FileManager.default.copyItem(at: bundled.appendingPathComponent(name), to: registry.appendingPathComponent(name))
        }
        try Data("[1, 2".utf8).write(to: registry.appendingPathComponent("treaties.json"))
        let result = try CommandRunner.run(["treaty", "NPT", "--data", directory.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("treaties.json"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
