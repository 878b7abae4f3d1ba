import Foundation
import StocktakeCore
import StocktakeLedger
import StocktakeStore
import Testing

/// A library holding the corpus, with an `analyst` key that holds the assessor role and a `visitor` key that holds none.
final class StocktakingFixtureHome {
    let fixture: LibraryFixture
    let reference: StocktakingReference
    let analyst: NoteSigner
    let visitor: NoteSigner
    var keeper: RecordKeeper { fixture.library }
    /// The corpus document's key.
    let symbol: String

    init() throws {
        fixture = try LibraryFixture(ingestAll: false)
        guard case .added(let version) = try fixture.library.ingest(file: LibraryFixture.corpus) else {
            throw StocktakeError(.store, "corpus not added")
        }
        symbol = version.symbol
        reference = try StocktakingDirectory.load(from: RegistryDirectory.bundledDataDirectory, registry: LibraryFixture.registry)
        analyst = try fixture.library.keys.createAuthorKey(name: "analyst")
        visitor = try fixture.library.keys.createAuthorKey(name: "visitor")
        try fixture.library.grant(roles: ["assessor"], to: "analyst")
    }

    func citation(_ paragraph: String) -> String { "\(symbol), para. \(paragraph) (ZH)" }

    func draft(_ state: String = "GBR", status: String = "limited", cycle: String = "2026", evidence: [String]? = nil) -> AssessmentDraft {
        AssessmentDraft(
            state: state, commitment: "AP2010:5", cycle: cycle, status: status,
            rationale: "The group's paper finds reporting short of action 5.", evidence: evidence ?? [citation("13")])
    }

    var root: String { (try? keeper.log.latestCheckpointNote()) ?? "" }
}

@Suite("Evidence and assessments go through the log, are checked before they get there, and replay exactly", .serialized)
struct StocktakingRecordTests {
    @Test("an assessment citing a paragraph records the evidence with the version's hash and the quoted passage")
    func assessmentWithCitation() throws {
        let home = try StocktakingFixtureHome()
        let before = home.keeper.log.size
        let recorded = try home.keeper.assess([(nil, home.draft())], reference: home.reference, author: home.analyst)
        #expect(home.keeper.log.size == before + 2, "one evidence entry and one assessment entry, in one batch")
        let assessment = try #require(recorded.first)
        #expect(
            assessment.payload.evidence == ["ev-\(before)"] && assessment.author == "analyst"
                && assessment.payload.method == "stocktake-default@1.0")
        let evidence = try #require(try home.keeper.store.evidenceItem(id: "ev-\(before)"))
        guard case .paragraph(let paragraph) = evidence.payload.source else { Issue.record("not a paragraph"); return }
        let version = try #require(try home.keeper.store.version(contentSHA256: paragraph.contentSHA256))
        #expect(version.symbol == home.symbol && paragraph.citation == home.citation("13"))
        #expect(paragraph.quote.contains("行动 5") && paragraph.start == 0 && paragraph.end == paragraph.quote.unicodeScalars.count)
    }

    @Test("a quoted passage is located in the paragraph and kept with its offsets; a passage not in it is refused")
    func quotedPassage() throws {
        let home = try StocktakingFixtureHome()
        guard case .paragraph(let paragraph) = try home.keeper.paragraphEvidence(citation: home.citation("13"), quote: "核武器国家") else {
            Issue.record("not a paragraph"); return
        }
        let text = try #require(try home.keeper.store.siblings(symbol: home.symbol, number: "13").first?.text)
        #expect(String(String.UnicodeScalarView(Array(text.unicodeScalars)[paragraph.start..<paragraph.end])) == "核武器国家")
        #expect(throws: StocktakeError.self) { try home.keeper.paragraphEvidence(citation: home.citation("13"), quote: "not in the text") }
    }

    @Test("a paragraph that does not exist, a status not on the scale, or a key without the role is refused and the log does not grow")
    func refusals() throws {
        let home = try StocktakingFixtureHome()
        let size = home.keeper.log.size
        let root = home.root
        func refused(_ draft: AssessmentDraft, by author: NoteSigner, saying fragment: String) {
            do {
                try home.keeper.assess([(nil, draft)], reference: home.reference, author: author)
                Issue.record("accepted \(draft)")
            } catch let error as StocktakeError {
                #expect(error.message.contains(fragment), "\(error.message)")
                #expect(!error.message.contains("\n"), "one sentence: \(error.message)")
            } catch {
                Issue.record("\(error)")
            }
        }
        refused(home.draft(evidence: [home.citation("99")]), by: home.analyst, saying: "holds no paragraph")
        refused(home.draft(status: "excellent"), by: home.analyst, saying: "not a status on the scale")
        refused(home.draft(), by: home.visitor, saying: "does not hold the assessor role")
        refused(home.draft(cycle: "2031"), by: home.analyst, saying: "not a review cycle")
        refused(home.draft("XYZ"), by: home.analyst, saying: "XYZ")
        refused(home.draft(evidence: ["ev-999"]), by: home.analyst, saying: "no evidence item ev-999")
        #expect(home.keeper.log.size == size && home.root == root)
        #expect(try home.keeper.store.assessments(state: nil, commitment: nil).isEmpty)
    }

    @Test("a CSV import is all or nothing, and names every bad line")
    func csvImport() throws {
        let home = try StocktakingFixtureHome()
        let size = home.keeper.log.size
        let bad = """
            state,commitment,cycle,status,rationale,evidence
            GBR,AP2010:5,2026,limited,"Reporting short of action 5, says the group.","\(home.citation("13"))"
            FRA,AP2010:5,2026,brilliant,Unknown status,
            XXX,AP2010:5,2026,none,Unknown state,
            USA,AP2010:5,2026,none,Paragraph that is not there,"\(home.citation("77"))"
            """
        let drafts = try RecordKeeper.assessmentDrafts(csv: bad, name: "bad.csv")
        do {
            try home.keeper.assess(drafts, reference: home.reference, author: home.analyst)
            Issue.record("a bad file was imported")
        } catch let error as StocktakeError {
            #expect(error.message.hasPrefix("3 of 4 rows are invalid, so nothing was recorded"))
            for line in ["line 3:", "line 4:", "line 5:"] { #expect(error.message.contains(line), "\(error.message)") }
            #expect(!error.message.contains("line 2:"))
        }
        #expect(home.keeper.log.size == size)
        let good =
            "state,commitment,cycle,status,rationale,evidence\nGBR,AP2010:5,2026,limited,Short of action 5.,\"\(home.citation("13"))\"\nFRA,AP2010:5,2026,limited,Short of action 5.,\"\(home.citation("14"));\(home.citation("5"))\"\n"
        let recorded = try home.keeper.assess(
            try RecordKeeper.assessmentDrafts(csv: good, name: "good.csv"), reference: home.reference, author: home.analyst)
        #expect(recorded.count == 2 && recorded[1].payload.evidence.count == 2)
        #expect(home.keeper.log.size == size + 5)
    }

    @Test("changing the method changes the scores, never the assessments, the log size or its root")
    func methodChangeLeavesRecord() throws {
        let home = try StocktakingFixtureHome()
        try home.keeper.assess(
            [(nil, home.draft("GBR", status: "limited")), (nil, home.draft("FRA", status: "substantial"))], reference: home.reference,
            author: home.analyst)
        let size = home.keeper.log.size, root = home.root
        let assessments = try home.keeper.store.assessments(state: nil, commitment: nil)
        let filter = ScorecardFilter(commitments: ["AP2010:5", "AP2010:10"], cycles: [try home.reference.calendar.period("2026")])
        let first = try ScorecardBuilder(registry: home.keeper.registry, scale: home.reference.scale, method: home.reference.method).build(
            assessments: assessments, filter: filter)
        let methodFile = home.fixture.home.appendingPathComponent("method-b.json")
        let edited = home.reference.methodText.replacingOccurrences(
            of: #""implemented": 4, "substantial": 3, "limited": 2, "none": 1, "regressed": 0"#,
            with: #""implemented": 10, "substantial": 6, "limited": 3, "none": 0, "regressed": -4"#
        )
        .replacingOccurrences(of: #""version": "1.0""#, with: #""version": "1.1-test""#)
        try Data(edited.utf8).write(to: methodFile)
        let other = try StocktakingDirectory.load(
            from: RegistryDirectory.bundledDataDirectory, methodFile: methodFile.path, registry: home.keeper.registry)
        #expect(other.methodSHA256 != home.reference.methodSHA256)
        let second = try ScorecardBuilder(registry: home.keeper.registry, scale: other.scale, method: other.method).build(
            assessments: try home.keeper.store.assessments(state: nil, commitment: nil), filter: filter)
        #expect(first.totals[0].score != second.totals[0].score)
        #expect(first.states.first { $0.id == "GBR" }?.score != second.states.first { $0.id == "GBR" }?.score)
        #expect(first.cells.map(\.status) == second.cells.map(\.status))
        #expect(try home.keeper.store.assessments(state: nil, commitment: nil) == assessments)
        #expect(home.keeper.log.size == size && home.root == root)
    }

    @Test("rebuild replays roles, evidence and assessments to an identical digest, and the projection check covers them")
    func rebuildAndVerify() throws {
        let home = try StocktakingFixtureHome()
        try home.keeper.assess([(nil, home.draft())], reference: home.reference, author: home.analyst)
        _ = try home.keeper.addEvidence(
            subject: "NWS", commitment: "AP2010:10",
            source: try home.keeper.treatyEventEvidence(treaty: "CTBT", state: "GBR", event: "ratified", date: nil), note: nil,
            author: home.analyst)
        let digest = try home.keeper.store.digest()
        #expect(try home.keeper.rebuild() == digest)
        #expect(try home.keeper.projectionMatchesLog())
        let verification = home.keeper.log.verifyThroughReads(authors: try home.keeper.keys.authorVerifiers())
        #expect(verification.isValid, "\(verification.problems)")
        try home.fixture.tamper("UPDATE assessments SET status = 'implemented';")
        #expect(try !home.keeper.projectionMatchesLog())
    }

    @Test("evidence suggestions come from the paragraphs that cite the commitment and from the events behind its derivation")
    func suggestions() throws {
        let home = try StocktakingFixtureHome()
        let paragraphs = try home.keeper.suggestEvidence(commitment: "AP2010:5", state: nil, reference: home.reference)
        #expect(paragraphs.map(\.citation) == ["5", "13", "14"].map(home.citation))
        #expect(paragraphs.allSatisfy { $0.subject == "NAM" }, "the corpus is submitted by the NAM group")
        let events = try home.keeper.suggestEvidence(commitment: "AP2010:10", state: "RUS", reference: home.reference)
        #expect(
            events.filter { $0.kind == "paragraph" }.map(\.citation) == [home.citation("34")], "paragraph 34 of the corpus cites action 10")
        #expect(
            events.filter { $0.kind == "treaty-event" }.map(\.citation) == [
                "CTBT: RUS signed on 1996-09-24", "CTBT: RUS ratified on 2000-06-30", "CTBT: RUS ratification-withdrawn on 2023-11-02",
            ])
    }
}

@Suite("Figures are imported whole or not at all, through the log, by keys holding the figures role", .serialized)
struct FigureRecordTests {
    static let header = "state,metric,value,low,high,date,nature,series,source,consulted\n"

    @Test(
        "a CSV with a negative count, an unknown state, an impossible date or a missing source is refused whole, each bad line named, and the log does not grow"
    )
    func badRows() throws {
        let home = try StocktakingFixtureHome()
        let size = home.keeper.log.size
        let text =
            FigureRecordTests.header + """
                GBR,total-inventory,225,,,2025-01-01,estimated,MINE,https://example.org/a,2026-11-01
                FRA,total-inventory,-5,,,2025-01-01,estimated,MINE,https://example.org/a,2026-11-01
                XXX,total-inventory,5,,,2025-01-01,estimated,MINE,https://example.org/a,2026-11-01
                CHN,total-inventory,600,,,2025-02-30,estimated,MINE,https://example.org/a,2026-11-01
                IND,total-inventory,180,,,2025-01-01,estimated,MINE,,2026-11-01
                PAK,total-inventory,170,180,200,2025-01-01,estimated,MINE,https://example.org/a,2026-11-01
                """
        do {
            _ = try FigureTable.parse(csv: text, name: "bad.csv", registry: home.keeper.registry)
            Issue.record("a bad file parsed")
        } catch let error as StocktakeError {
            #expect(error.message.hasPrefix("5 of 6 rows of bad.csv are invalid, so nothing was imported"))
            for (line, fragment) in [(3, "negative"), (4, "XXX"), (5, "2025-02-30"), (6, "source is missing"), (7, "do not enclose")] {
                #expect(error.message.contains("line \(line): ") && error.message.contains(fragment), "line \(line): \(error.message)")
            }
            #expect(!error.message.contains("line 2:"))
        }
        #expect(home.keeper.log.size == size)
    }

    @Test("good figures need the figures role, go into the log, and replay to the same tables")
    func importAndReplay() throws {
        let home = try StocktakingFixtureHome()
        let payloads = try FigureTable.parse(
            csv: FigureRecordTests.header
                + "FRA,total-inventory,300,290,310,2025-01-01,estimated,SIPRI,https://example.org/correction,2026-11-01\n",
            name: "good.csv",
            registry: home.keeper.registry)
        let size = home.keeper.log.size
        #expect(throws: StocktakeError.self) { try home.keeper.recordFigures(payloads, author: home.analyst) }
        #expect(home.keeper.log.size == size)
        try home.keeper.grant(roles: ["assessor", "figures"], to: "analyst")
        let recorded = try home.keeper.recordFigures(payloads, author: home.analyst)
        #expect(recorded.count == 1 && home.keeper.log.size == size + 2)
        let all = try home.keeper.allFigures(
            bundled: ArsenalDirectory.load(from: RegistryDirectory.bundledDataDirectory, registry: home.keeper.registry).figures)
        #expect(
            FigureTotal.of(all, series: "SIPRI", metric: "total-inventory", date: Day(iso: "2025-01-01")!)?.value == 12_251,
            "the correction replaces France's 290 with 300")
        let digest = try home.keeper.store.digest()
        #expect(try home.keeper.rebuild() == digest)
    }
}
