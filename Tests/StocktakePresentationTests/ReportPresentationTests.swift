import Foundation
import StocktakeCore
import StocktakePresentation
import StocktakeStore
import Testing

@Suite("Catalogues and templates: every label the pages use exists in both languages")
struct CatalogueTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/StocktakePresentation")

    @Test("English and Chinese catalogues hold the same keys, none empty")
    func sameKeys() throws {
        let catalogues = try Catalogue.loadAll(from: CatalogueTests.sources.appendingPathComponent("Catalogues"))
        #expect(Set(catalogues[.en]!.texts.keys) == Set(catalogues[.zh]!.texts.keys))
        #expect(catalogues[.zh]!.text("status.regressed") == "倒退")
    }

    @Test("every {{t.key}} a template uses is a catalogue key, so no label renders empty")
    func templateKeysExist() throws {
        let catalogue = try Catalogue.loadAll(from: CatalogueTests.sources.appendingPathComponent("Catalogues"))[.en]!.templateKeys
        let folder = CatalogueTests.sources.appendingPathComponent("Templates")
        let names = (FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []).filter {
            $0.hasSuffix(".mustache")
        }
        #expect(names.count > 5)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let used = text.matches(of: /\{\{t\.([A-Za-z0-9_]+)\}\}/).map { String($0.1) }
            #expect(!used.isEmpty || !name.hasPrefix("report"))
            for key in used { #expect(catalogue[key] != nil, "\(name) uses t.\(key)") }
        }
    }

    @Test("a catalogue missing a key is refused at load, naming the key")
    func missingKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalogues-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"a": "A", "b": "B"}"#.utf8).write(to: folder.appendingPathComponent("en.json"))
        try Data(#"{"a": "甲"}"#.utf8).write(to: folder.appendingPathComponent("zh.json"))
        #expect { try Catalogue.loadAll(from: folder) } throws: { ($0 as? StocktakeError)?.message.contains("b") == true }
    }
}

@Suite("Monitoring reports render the record faithfully and safely")
struct ReportPresentationTests {
    static let registry = try! RegistryDirectory.load(from: RegistryDirectory.bundledDataDirectory)
    static let reference = try! StocktakingDirectory.load(from: RegistryDirectory.bundledDataDirectory, registry: registry)

    func report(rationale: String, language: InterfaceLanguage) throws -> (Presenter, MonitoringReport) {
        let presenter = try Presenter.bundled()
        let period = try ReportPresentationTests.reference.calendar.period("2026")
        let evidence = RecordedEvidence(
            entryIndex: 4, author: "analyst",
            payload: EvidencePayload(
                subject: "GBR", commitment: "AP2010:5",
                source: .paragraph(
                    ParagraphEvidence(
                        citation: "A/79/1, para. 3 (EN)", symbol: "A/79/1", language: "en", paragraph: "3", ordinal: 3, versionEntry: 0,
                        contentSHA256: String(repeating: "a", count: 64),
                        quote: "a quoted <b>passage</b>", start: 0, end: 23)), note: nil))
        let assessment = RecordedAssessment(
            entryIndex: 5, author: "analyst", time: 0,
            payload: AssessmentPayload(
                state: "GBR", commitment: "AP2010:5", cycle: period, status: "limited", rationale: rationale, evidence: ["ev-4"],
                method: "stocktake-default@1.0"))
        let builder = ScorecardBuilder(
            registry: ReportPresentationTests.registry, scale: ReportPresentationTests.reference.scale,
            method: ReportPresentationTests.reference.method)
        let filter = ScorecardFilter(states: ["GBR"], commitments: ["AP2010:5", "AP2010:10"], cycles: [period])
        var previousFilter = filter
        previousFilter.cycles = [try ReportPresentationTests.reference.calendar.period("2020")]
        let report = MonitoringReportBuilder(
            registry: ReportPresentationTests.registry, reference: ReportPresentationTests.reference,
            catalogue: presenter.catalogue(language)
        ).build(
            scope: ReportScope(state: "GBR"), current: try builder.build(assessments: [assessment], filter: filter),
            previous: try builder.build(assessments: [assessment], filter: previousFilter), evidence: ["ev-4": evidence],
            checkpoint: ReportCheckpoint(origin: "test/log", size: 6, root: "ROOT=", note: "test/log\n6\nROOT=\n\n— test/log sig\n"),
            command: "stocktake report --state GBR")
        return (presenter, report)
    }

    @Test(
        "the HTML report names each commitment, status, rationale and quoted passage, the change since 2020, the method hash and the checkpoint"
    )
    func html() throws {
        let (presenter, report) = try self.report(rationale: "Short of what action 5 asks.", language: .en)
        let html = try presenter.reportHTML(report)
        for expected in [
            "<html lang=\"en\">", "AP2010:5 — ", "status-limited\">Limited<", "status-implemented\">Implemented<",
            "Short of what action 5 asks.",
            "<cite>A/79/1, para. 3 (EN)</cite>", "a quoted &lt;b&gt;passage&lt;/b&gt;", "first assessed", "unchanged",
            ReportPresentationTests.reference.methodSHA256,
            "Log size: <strong>6</strong>", "stocktake report --state GBR",
        ] {
            #expect(html.contains(expected), "missing \(expected)")
        }
        #expect(!html.contains("<script"), "the report needs no script")
    }

    @Test("script in a rationale is escaped, not run")
    func escaping() throws {
        let (presenter, report) = try self.report(rationale: "<script>alert(1)</script> & \"quotes\"", language: .en)
        let html = try presenter.reportHTML(report)
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        let markdown = presenter.reportMarkdown(report)
        #expect(markdown.contains("\\<script\\>"))
    }

    @Test("the Chinese report takes its labels from the Chinese catalogue and state names from the registry")
    func chinese() throws {
        let (presenter, report) = try self.report(rationale: "理由", language: .zh)
        let html = try presenter.reportHTML(report)
        for expected in ["<html lang=\"zh\">", "监测报告", "有限履行", "已履行", "大不列颠及北爱尔兰联合王国", "附录：评分方法"] {
            #expect(html.contains(expected), "missing \(expected)")
        }
    }

    @Test("a commitment whose text could not be checked is marked unverified in the HTML and Markdown reports, and only that one")
    func unverifiedCommitment() throws {
        let registry = ReportPresentationTests.registry
        #expect(registry.isUnverified(try registry.commitment("AP2010:29")))
        #expect(!registry.isUnverified(try registry.commitment("AP2010:5")))
        let presenter = try Presenter.bundled()
        let period = try ReportPresentationTests.reference.calendar.period("2026")
        let builder = ScorecardBuilder(
            registry: registry, scale: ReportPresentationTests.reference.scale, method: ReportPresentationTests.reference.method)
        let report = MonitoringReportBuilder(
            registry: registry, reference: ReportPresentationTests.reference, catalogue: presenter.catalogue(.en)
        ).build(
            scope: ReportScope(state: "GBR"),
            current: try builder.build(
                assessments: [], filter: ScorecardFilter(states: ["GBR"], commitments: ["AP2010:5", "AP2010:29"], cycles: [period])),
            previous: nil, evidence: [:],
            checkpoint: ReportCheckpoint(origin: "test/log", size: 1, root: "ROOT=", note: "test/log\n1\nROOT=\n\n— test/log sig\n"),
            command: "stocktake report --state GBR")
        #expect(report.commitments.map(\.unverified) == [false, true])
        let flag = presenter.catalogue(.en).text("report.unverified")
        let html = try presenter.reportHTML(report)
        #expect(html.components(separatedBy: flag).count == 2, "the flag appears once, for AP2010:29")
        let markdown = presenter.reportMarkdown(report)
        let section = try #require(markdown.components(separatedBy: "### ").first { $0.hasPrefix("AP2010:29") })
        #expect(section.contains("(\(flag))"))
        #expect(!(markdown.components(separatedBy: "### ").first { $0.hasPrefix("AP2010:5:") } ?? "").contains(flag))
    }

    @Test("the CSV report has one row per state and commitment, quoted where needed")
    func csv() throws {
        let (presenter, report) = try self.report(rationale: "Short, but \"measured\".", language: .en)
        let lines = presenter.reportCSV(report).split(separator: "\n")
        #expect(lines.count == 3)
        let row = try #require(lines.first { $0.hasPrefix("2026,AP2010:5,GBR,") })
        #expect(row == "2026,AP2010:5,GBR,limited,2,no,no,,new,\"Short, but \"\"measured\"\".\",\"A/79/1, para. 3 (EN)\",5")
    }
}
