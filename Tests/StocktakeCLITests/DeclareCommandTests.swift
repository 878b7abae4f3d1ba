import Foundation
import Testing

/// A home with a declarant and an inspector, and helpers to run the escrow commands and the outside verifier.
struct EscrowHome {
    let home: LedgerHome
    init() throws {
        home = try LedgerHome()
        #expect(try home.run(["keys", "add-author", "ministry", "--role", "declarant"]).status == 0)
        #expect(try home.run(["keys", "add-author", "inspector"]).status == 0)
    }

    /// Commits `csv` for the United Kingdom and returns the declaration's ID.
    func commit(_ csv: String, name: String = "declaration.csv") throws -> Int {
        let result = try home.run([
            "declare", "commit", try home.file(name, csv), "--state", "GBR", "--title", "Warheads by category", "--author", "ministry",
            "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        return (try JSONSerialization.jsonObject(with: result.stdoutData) as! [String: Any])["id"] as! Int
    }

    /// Writes a reveal bundle to a file and returns its path.
    func reveal(_ id: Int, rows: String, fields: String? = nil, name: String) throws -> String {
        let result = try home.run(["declare", "reveal", "\(id)", "--rows", rows] + (fields.map { ["--fields", $0] } ?? []))
        #expect(result.status == 0, "\(result.stderr)")
        let url = home.directory.appendingPathComponent(name)
        try result.stdoutData.write(to: url)
        return url.path
    }

    /// The log's size, from the latest signed checkpoint.
    func logSize() throws -> Int { Int(try home.run(["log", "checkpoint"]).stdout.split(separator: "\n")[1])! }

    /// Runs the outside verifier (Python, hashlib only) on freshly exported tiles.
    func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let vkey = try home.file("vkey", try home.run(["log", "key"]).stdout)
        let tiles = home.directory.appendingPathComponent("public-\(UUID().uuidString)")
        #expect(try home.run(["log", "tiles", tiles.path]).status == 0)
        return try CommandRunner.python("Tests/OutsideVerifier/verify_reveal.py", [vkey, tiles.path] + arguments)
    }

    /// Edits a JSON bundle in place.
    func edit(_ path: String, to name: String, _ change: (inout [String: Any]) -> Void) throws -> String {
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        change(&object)
        let url = home.directory.appendingPathComponent(name)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        return url.path
    }
}

@Suite("stocktake declare: commit whole, reveal in stages, draw inspections from the log, verify from outside", .serialized)
struct DeclareCommandTests {
    /// A declaration whose first row is the total of the `count` of rows 2…`rows`.
    static func declaration(rows: Int) -> (csv: String, total: Int) {
        var lines = ["category,site,count:integer,mass:decimal,since:date"]
        var total = 0
        for row in 2...rows {
            let count = (row * 37) % 101 + 1
            total += count
            lines.append(
                "warhead-type-\(row),site-\(row % 17),\(count),\(row % 9).\(row % 7)0,2025-\(String(format: "%02d", row % 12 + 1))-01")
        }
        lines.insert("total,all sites,\(total),,2026-01-01", at: 1)
        return (lines.joined(separator: "\n") + "\n", total)
    }

    @Test(
        "a 1,000-row declaration is committed, revealed in three stages with rows drawn from a later checkpoint, and each stage verifies with the project and with a hashlib-only script"
    )
    func stagedReveal() throws {
        let escrow = try EscrowHome()
        let home = escrow.home
        defer { home.remove() }
        let (csv, total) = DeclareCommandTests.declaration(rows: 1000)
        let id = try escrow.commit(csv)
        #expect(try home.run(["declare", "list"]).stdout.contains("1000 rows × 5 fields"))

        // Stage 1: the total, in full.
        let stage1 = try escrow.reveal(id, rows: "1", name: "stage1.json")
        #expect(try home.run(["declare", "verify", stage1]).stdout.hasPrefix("The reveal verifies: 1 rows and 5 values"))
        #expect(try home.run(["declare", "publish", stage1, "--author", "ministry"]).status == 0)
        #expect(try escrow.python(["reveal", stage1]) == (0, "reveal verifies: 1 rows, 5 values against declaration \(id)\n"))

        // The inspector's entry after the commitment makes the draw unpredictable to the declarant.
        let note = try home.file("note.json", #"{"inspection": "first visit agreed"}"#)
        #expect(try home.run(["log", "append", note, "--type", "note", "--author", "inspector"]).status == 0)
        let size = try escrow.logSize()
        let draw = try home.run(["declare", "select", "\(id)", "--count", "25", "--checkpoint", "\(size)", "--format", "json"])
        #expect(draw.status == 0, "\(draw.stderr)")
        let rows = (try JSONSerialization.jsonObject(with: draw.stdoutData) as! [String: Any])["rows"] as! [Int]
        #expect(rows.count == 25 && Set(rows).count == 25 && rows.allSatisfy { (1...1000).contains($0) } && rows == rows.sorted())
        let again = try home.run(["declare", "select", "\(id)", "--count", "25", "--checkpoint", "\(size)", "--format", "json"])
        #expect(again.stdout == draw.stdout, "the draw is deterministic")
        let rowList = rows.map(String.init).joined(separator: ",")
        #expect(try escrow.python(["select", "\(id)", "25", "\(size)"]) == (0, rowList + "\n"), "the script repeats the draw")

        // Stage 2: the drawn rows, category and count only.
        let stage2 = try escrow.reveal(id, rows: rowList, fields: "category,count", name: "stage2.json")
        #expect(try home.run(["declare", "verify", stage2]).status == 0)
        #expect(try home.run(["declare", "publish", stage2, "--author", "ministry"]).status == 0)
        #expect(try escrow.python(["reveal", stage2]).output == "reveal verifies: 25 rows, 50 values against declaration \(id)\n")

        // Stage 3: every part's count, so the parts can be summed against the total revealed first.
        let stage3 = try escrow.reveal(id, rows: "2-1000", fields: "count", name: "stage3.json")
        let published = try home.run(["declare", "publish", stage3, "--author", "ministry"])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(try escrow.python(["reveal", stage3]).output == "reveal verifies: 999 rows, 999 values against declaration \(id)\n")
        let table = try home.run(["declare", "status", "\(id)", "--format", "csv", "--limit", "10000"]).stdout
        let lines = table.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(lines[0] == ["row", "category", "site", "count", "mass", "since"])
        #expect(lines.count == 1001)
        #expect(Int(lines[1][3]) == total)
        #expect(lines.dropFirst(2).reduce(0) { $0 + Int($1[3])! } == total, "the parts revealed later add up to the total revealed first")
        #expect(lines.dropFirst(2).filter { $0[2] == "sealed" }.count == 999)

        let status =
            try JSONSerialization.jsonObject(
                with: try home.run(["declare", "status", "\(id)", "--format", "json"]).stdoutData) as! [String: Any]
        let declaration = status["declaration"] as! [String: Any]
        #expect(declaration["revealedRows"] as? Int == 1000 && declaration["fullyRevealedRows"] as? Int == 1)
        let reveals = status["reveals"] as! [[String: Any]]
        #expect(reveals.count > 3, "the third stage is larger than one entry, so it was logged as several")
        #expect(reveals.allSatisfy { $0["verified"] as? Bool == true })
        #expect(try home.run(["log", "verify"]).status == 0)
        #expect(try home.run(["rebuild"]).status == 0)
        #expect(
            try home.run(["declare", "status", "\(id)", "--format", "csv", "--limit", "10000"]).stdout == table,
            "rebuilt from the log alone")
    }

    @Test(
        "a reveal with a changed value or salt, a row past the count, or for a commitment not in the log is refused in one sentence and the log does not grow"
    )
    func refusals() throws {
        let escrow = try EscrowHome()
        let home = escrow.home
        defer { home.remove() }
        let id = try escrow.commit(DeclareCommandTests.declaration(rows: 10).csv)
        let good = try escrow.reveal(id, rows: "3", fields: "category", name: "good.json")
        let before = try home.run(["log", "checkpoint"]).stdout

        func field(_ object: inout [String: Any], _ name: String, _ key: String, _ value: String) {
            var rows = object["rows"] as! [[String: Any]]
            var fields = rows[0]["fields"] as! [[String: Any]]
            let index = fields.firstIndex { $0["name"] as? String == name }!
            fields[index][key] = value
            rows[0]["fields"] = fields
            object["rows"] = rows
        }
        let changedValue = try escrow.edit(good, to: "value.json") { field(&$0, "category", "value", "warhead-type-4") }
        let changedSalt = try escrow.edit(good, to: "salt.json") { field(&$0, "category", "salt", String(repeating: "ab", count: 32)) }
        let pastCount = try escrow.edit(good, to: "row.json") { object in
            var rows = object["rows"] as! [[String: Any]]
            rows[0]["row"] = 11
            object["rows"] = rows
        }
        let notLogged = try escrow.edit(good, to: "absent.json") { $0["declaration"] = 99 }
        let cases: [(String, String)] = [
            (changedValue, "Row 3 does not match the committed root"), (changedSalt, "Row 3 does not match the committed root"),
            (pastCount, "Row 11 is outside the declaration, which committed rows 1 to 10"),
            (notLogged, "The log holds no declaration committed at entry 99"),
            (try home.file("junk.json", "{\"rows\": 3}"), "is not a reveal bundle"),
        ]
        for (file, message) in cases {
            for command in ["verify", "publish"] {
                let result = try home.run(["declare", command, file] + (command == "publish" ? ["--author", "ministry"] : []))
                #expect(result.status != 0 && result.stderr.contains(message), "\(command) \(file): \(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "one sentence: \(result.stderr)")
            }
        }
        let stranger = try home.run(["declare", "publish", good, "--author", "inspector"])
        #expect(stranger.stderr.contains("does not hold the declarant role"))
        #expect(try home.run(["log", "checkpoint"]).stdout == before, "nothing refused reached the log")
        #expect(try escrow.python(["reveal", changedValue]).status != 0 && escrow.python(["reveal", pastCount]).status != 0)

        // Once a row has been partly revealed, a later reveal that changes one of its fields is named exactly.
        #expect(try home.run(["declare", "publish", good, "--author", "ministry"]).status == 0)
        let whole = try escrow.reveal(id, rows: "3", name: "whole.json")
        let changedSite = try escrow.edit(whole, to: "site.json") { field(&$0, "category", "value", "warhead-type-5") }
        #expect(
            try home.run(["declare", "verify", changedSite]).stderr.contains("Row 3, field 'category' does not match what was committed"))
        #expect(try home.run(["declare", "publish", good, "--author", "ministry"]).stderr.contains("nothing new"))

        // The draw needs a checkpoint with another party's entry after the commitment.
        let size = try escrow.logSize()
        #expect(
            try home.run(["declare", "select", "\(id)", "--count", "2", "--checkpoint", "\(id + 1)"]).stderr.contains(
                "does not hold an entry after"))
        #expect(
            try home.run(["declare", "select", "\(id)", "--count", "2", "--checkpoint", "\(size)"]).stderr.contains(
                "signed by the declarant"))

        // A declaration with a bad cell is refused whole, naming its row and field.
        let bad = try home.run([
            "declare", "commit", try home.file("bad.csv", "site,count:integer\nA,12\nB,twelve\n"), "--state", "GBR", "--title", "Sites",
            "--author", "ministry",
        ])
        #expect(bad.stderr.contains("Row 2, field 'count': 'twelve' is not a whole number"), "\(bad.stderr)")
        #expect(try escrow.logSize() == size)
    }

    /// The secrets (15-character values, 64-character salts) found anywhere in `data`, inside any run of letters, digits and hyphens.
    static func leaks(in data: Data, of secrets: Set<String>) -> Set<String> {
        let bytes = [UInt8](data)
        func isToken(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) || b == 45 }
        var found = Set<String>()
        var start = 0
        for end in 0...bytes.count where end == bytes.count || !isToken(bytes[end]) {
            for length in [15, 64] where end - start >= length {
                for offset in start...(end - length) {
                    let window = String(decoding: bytes[offset..<offset + length], as: UTF8.self)
                    if secrets.contains(window) { found.insert(window) }
                }
            }
            start = end + 1
        }
        return found
    }

    @Test("no salt and no unrevealed value appears in the log, the database, the published tiles or any page the server serves")
    func secretsStaySecret() throws {
        let escrow = try EscrowHome()
        let home = escrow.home
        defer { home.remove() }
        var lines = ["item,site,count:integer"]
        for _ in 1...200 {
            lines.append(
                "SECRET-\(UUID().uuidString.prefix(8)),SECRET-\(UUID().uuidString.prefix(8)),\(Int.random(in: 100_000_000_000_000...999_999_999_999_999))"
            )
        }
        let id = try escrow.commit(lines.joined(separator: "\n"))
        #expect(
            try home.run([
                "declare", "publish", try escrow.reveal(id, rows: "1-10", fields: "site", name: "r.json"), "--author", "ministry",
            ]).status == 0)
        #expect(
            try home.run(["declare", "publish", try escrow.reveal(id, rows: "5", name: "r5.json"), "--author", "ministry"]).status == 0)

        let vault = home.directory.appendingPathComponent("escrow")
        let kept = try FileManager.default.contentsOfDirectory(atPath: vault.path)
        #expect(kept.count == 1)
        let keptFile = vault.appendingPathComponent(kept[0])
        #expect((try FileManager.default.attributesOfItem(atPath: keptFile.path)[.posixPermissions] as? Int) == 0o600)
        let keptData = try Data(contentsOf: keptFile)
        let sealed = try JSONSerialization.jsonObject(with: keptData) as! [String: Any]
        let values = sealed["rows"] as! [[String]], salts = sealed["salts"] as! [[String]]
        var hidden = Set<String>(), shown = Set<String>()
        for row in 0..<200 {
            for field in 0..<3 {
                let revealed = row == 4 || (row < 10 && field == 1)
                if revealed { shown.insert(values[row][field]) } else { hidden.formUnion([values[row][field], salts[row][field]]) }
            }
        }

        let control = DeclareCommandTests.leaks(in: keptData, of: hidden)
        #expect(control == hidden, "the scan finds every sealed value and salt where they are kept")

        // Everything this home publishes or stores, except the declarant's own vault.
        var haystacks: [(String, Data)] = []
        let tiles = home.directory.appendingPathComponent("public")
        #expect(try home.run(["log", "tiles", tiles.path]).status == 0)
        let enumerator = FileManager.default.enumerator(at: home.directory, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in enumerator where !url.path.hasPrefix(vault.path) && !url.lastPathComponent.hasSuffix(".csv") {
            if (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
                haystacks.append((url.path, try Data(contentsOf: url)))
            }
        }
        let server = try RunningServer(home: home)
        defer { _ = server.stop() }
        for path in [
            "/declarations", "/declarations/\(id)", "/zh/declarations/\(id)", "/api/v1/declarations", "/api/v1/declarations/\(id)",
            "/api/v1/declarations/\(id)?format=csv", "/log", "/",
        ] {
            let reply = try server.request(path)
            #expect(reply.status == 200, "\(path): \(reply.status) \(reply.body.prefix(200))")
            haystacks.append((path, Data(reply.body.utf8)))
        }
        let page = try server.request("/declarations/\(id)").body
        #expect(shown.allSatisfy { page.contains($0) }, "the scan can find what was revealed")
        #expect(page.contains("200") && page.contains("190"), "the page counts rows committed and still sealed")
        #expect(!DeclareCommandTests.leaks(in: Data(page.utf8), of: shown).isEmpty, "the scan finds a revealed value")
        for (name, data) in haystacks {
            let found = DeclareCommandTests.leaks(in: data, of: hidden)
            #expect(found.isEmpty, "\(name) holds \(found.count) sealed values or salts, such as \(found.first ?? "")")
        }
    }
}
