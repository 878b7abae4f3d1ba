import Foundation
import Testing

@Suite("stocktake extract, run as a user runs it")
struct ExtractCommandTests {
    static let corpus = CommandRunner.repositoryRoot.deletingLastPathComponent().appendingPathComponent(
        "shared/corpus/000_8de3487d174913ae.txt"
    ).path

    @Test("the corpus document gives the contract's JSON: 40 paragraphs, zh, original en, 2025-04-01, 核裁军")
    func corpusJSON() throws {
        let result = try CommandRunner.run(["extract", Self.corpus, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as! [String: Any]
        #expect(Set(object.keys) == ["document", "paragraphs"])
        let header = object["document"] as! [String: Any]
        #expect(header["language"] as? String == "zh")
        #expect(header["originalLanguage"] as? String == "en")
        #expect(header["date"] as? String == "2025-04-01")
        #expect(header["title"] as? String == "核裁军")
        #expect(header["symbol"] is NSNull, "an absent symbol is null, not guessed")
        let paragraphs = object["paragraphs"] as! [[String: Any]]
        #expect(paragraphs.count == 40)
        let first = paragraphs[0]
        #expect(Set(first.keys) == ["number", "text", "references"])
        let reference = (first["references"] as! [[String: Any]])[0]
        #expect(Set(reference.keys) == ["kind", "id", "surface", "start", "end"])
    }

    @Test("--symbol and --language fill what the header does not print")
    func overrides() throws {
        let result = try CommandRunner.run(["extract", Self.corpus, "--symbol", "NPT/CONF.2026/PC.III/WP. 12", "--language", "ZH"])
        let header = (try JSONSerialization.jsonObject(with: result.stdoutData) as! [String: Any])["document"] as! [String: Any]
        #expect(header["symbol"] as? String == "NPT/CONF.2026/PC.III/WP.12")
    }

    @Test("--format text marks the references for people")
    func textFormat() throws {
        let result = try CommandRunner.run(["extract", Self.corpus, "--format", "text"])
        #expect(result.stdout.contains("⟦行动 5(c)⟧"))
        #expect(result.stdout.contains("commitment AP2010:5(c)"))
    }

    @Test("DOCX, HTML, UTF-16 and PDF inputs read into the same paragraphs")
    func formats() throws {
        let files = try DocumentFiles()
        defer { files.remove() }
        let text = englishPaperLines.joined(separator: "\n")
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(text.data(using: .utf16LittleEndian)!)
        let html = "<html><body>" + englishPaperLines.map { "<p>\($0)</p>" }.joined() + "</body></html>"
        let inputs = [
            try files.docx("paper.docx", lines: englishPaperLines), try files.write("paper.html", Data(html.utf8)),
            try files.write("paper.txt", utf16), try files.pdf("paper.pdf", lines: englishPaperLines.filter { !$0.isEmpty }),
        ]
        for input in inputs {
            let result = try CommandRunner.run(["extract", input.path])
            #expect(result.status == 0, "\(input.lastPathComponent): \(result.stderr)")
            guard result.status == 0 else { continue }
            let object = try JSONSerialization.jsonObject(with: result.stdoutData) as! [String: Any]
            let paragraphs = object["paragraphs"] as! [[String: Any]]
            #expect(paragraphs.count == 2, "\(input.lastPathComponent)")
            let ids = (paragraphs[0]["references"] as! [[String: Any]]).map { $0["id"] as! String }
            #expect(ids == ["IRL", "AP2010:5(c)", "NPT:VI"], "\(input.lastPathComponent)")
            #expect((object["document"] as! [String: Any])["symbol"] as? String == "NPT/CONF.2026/PC.III/WP.98")
        }
    }

    @Test("bad files get one sentence on stderr, nothing on stdout, and a non-zero exit")
    func badFiles() throws {
        let files = try DocumentFiles()
        defer { files.remove() }
        let empty = try files.write("empty.txt", Data())
        let binary = try files.write("image.txt", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]))
        let invalid = try files.write("latin1.txt", Data("1. Caf".utf8) + Data([0xE9, 0x20, 0x6E, 0x6F, 0x69, 0x72]))
        let large = files.directory.appendingPathComponent("huge.txt")
        _ = FileManager.default.createFile(atPath: large.path, contents: nil)
        let handle = try FileHandle(forWritingTo: large)
        try handle.truncate(atOffset: 300 * 1_048_576)
        try handle.close()
        let zip = try files.write("archive.docx", Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]))
        let cases: [(URL, String)] = [
            (empty, "empty"), (binary, "binary"), (invalid, "UTF-8"), (large, "MiB"), (zip, "DOCX"),
            (files.directory.appendingPathComponent("missing.txt"), "no file"),
        ]
        for (url, phrase) in cases {
            let result = try CommandRunner.run(["extract", url.path])
            #expect(result.status != 0, "\(url.lastPathComponent)")
            #expect(result.stdout.isEmpty, "\(url.lastPathComponent)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(url.lastPathComponent): \(result.stderr)")
            #expect(result.stderr.contains(phrase), "\(url.lastPathComponent): \(result.stderr)")
        }
    }

    @Test("a PDF without pdftotext installed says which package to install")
    func pdfWithoutTool() throws {
        let files = try DocumentFiles()
        defer { files.remove() }
        let pdf = try files.pdf("paper.pdf", lines: ["1. Text."])
        let result = try CommandRunner.run(["extract", pdf.path], environment: ["PATH": files.directory.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("poppler-utils"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("an unknown language code is refused")
    func badLanguage() throws {
        let result = try CommandRunner.run(["extract", Self.corpus, "--language", "de"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("en, fr, es, ru, ar, zh"))
    }
}
