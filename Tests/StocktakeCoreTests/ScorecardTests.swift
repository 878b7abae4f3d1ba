import Foundation
import StocktakeCore
import StocktakeStore
import Testing

/// The shipped scale, cycles and method, and helpers to make assessments without a log.
enum StocktakingFixture {
    static let reference = try! StocktakingDirectory.load(from: RegistryDirectory.bundledDataDirectory, registry: RegistryFixture.shipped)

    static func period(_ id: String) -> CyclePeriod { try! reference.calendar.period(id) }

    static func assessment(
        _ index: UInt64, _ state: String, _ commitment: String, _ cycle: String, _ status: String, evidence: [String] = ["ev-1"]
    ) -> RecordedAssessment {
        RecordedAssessment(
            entryIndex: index, author: "analyst", time: 0,
            payload: AssessmentPayload(
                state: state, commitment: commitment, cycle: period(cycle), status: status, rationale: "because", evidence: evidence,
                method: "m@1"))
    }

    static func method(editing edit: (inout [String: Any]) -> Void) throws -> AssessmentMethod {
        var object = try JSONSerialization.jsonObject(with: Data(reference.methodText.utf8)) as! [String: Any]
        edit(&object)
        return try JSONDecoder().decode(AssessmentMethod.self, from: JSONSerialization.data(withJSONObject: object))
    }
}

@Suite("Scorecards are computed from assessments and treaty events by an explicit method")
struct ScorecardTests {
    let builder = ScorecardBuilder(
        registry: RegistryFixture.shipped, scale: StocktakingFixture.reference.scale, method: StocktakingFixture.reference.method)

    func statuses(_ card: Scorecard) -> [String: String] {
        Dictionary(uniqueKeysWithValues: card.cells.map { ($0.state, $0.status ?? "missing") })
    }

    @Test("AP2010:10 is derived from CTBT events: FRA and GBR implemented, CHN and USA none, RUS regressed in 2026 and implemented in 2020")
    func derivedCTBT() throws {
        let now = try builder.build(
            assessments: [], filter: ScorecardFilter(commitments: ["AP2010:10"], cycles: [StocktakingFixture.period("2026")]))
        #expect(statuses(now) == ["FRA": "implemented", "GBR": "implemented", "CHN": "none", "USA": "none", "RUS": "regressed"])
        #expect(now.cells.allSatisfy { $0.derived && $0.evidenceCount == 1 })
        #expect(now.cells.first { $0.state == "RUS" }?.derivedFrom?.event == "ratification-withdrawn")
        let before = try builder.build(
            assessments: [], filter: ScorecardFilter(commitments: ["AP2010:10"], cycles: [StocktakingFixture.period("2020")]))
        #expect(statuses(before)["RUS"] == "implemented")
    }

    @Test("step 1 of 2000 is derived only for the Annex 2 States, whose CTBT events the registry holds")
    func derivationScope() throws {
        let card = try builder.build(
            assessments: [], filter: ScorecardFilter(commitments: ["STEPS2000:1"], cycles: [StocktakingFixture.period("2026")]))
        let derived = Set(card.cells.filter(\.derived).map(\.state))
        let annex2 = Set(try RegistryFixture.shipped.members(of: "CTBT-ANNEX2", asOf: Day("2026-04-27")).members)
        #expect(derived == annex2.intersection(card.cells.map(\.state)))
        #expect(derived.count >= 40 && !derived.contains("IND") && !derived.contains("BRA") == false)
        #expect(card.cells.first { $0.state == "NZL" }?.missing == true, "New Zealand is outside Annex 2, so its status is not derived")
    }

    @Test("a person's assessment outranks the derived status, and both stay visible")
    func personOutranksDerived() throws {
        let card = try builder.build(
            assessments: [StocktakingFixture.assessment(7, "USA", "AP2010:10", "2026", "limited")],
            filter: ScorecardFilter(states: ["USA"], commitments: ["AP2010:10"], cycles: [StocktakingFixture.period("2026")]))
        let cell = try #require(card.cells.first)
        #expect(cell.status == "limited" && !cell.derived && cell.derivedStatus == "none" && cell.assessment == 7)
    }

    @Test("a later assessment supersedes an earlier one for the same state, commitment and cycle; history keeps both")
    func supersession() throws {
        let made = [
            StocktakingFixture.assessment(3, "GBR", "AP2010:5", "2026", "limited"),
            StocktakingFixture.assessment(9, "GBR", "AP2010:5", "2026", "substantial"),
            StocktakingFixture.assessment(5, "GBR", "AP2010:5", "2020", "none"),
        ]
        let card = try builder.build(
            assessments: made,
            filter: ScorecardFilter(states: ["GBR"], commitments: ["AP2010:5"], cycles: [StocktakingFixture.period("2026")]))
        #expect(card.cells.map(\.status) == ["substantial"])
        #expect(card.cells[0].assessments == 2)
        let history = AssessmentHistory(made)
        #expect(history.entries.map { "\($0.assessment.entryIndex):\($0.inForce)" } == ["3:false", "5:true", "9:true"])
    }

    @Test("the method decides the score: other points, weights and a missing rule change the figures, not the statuses")
    func methodChangesScores() throws {
        let made = [
            StocktakingFixture.assessment(1, "GBR", "AP2010:5", "2026", "limited"),
            StocktakingFixture.assessment(2, "FRA", "AP2010:5", "2026", "substantial"),
        ]
        let filter = ScorecardFilter(commitments: ["AP2010:5"], cycles: [StocktakingFixture.period("2026")])
        let first = try builder.build(assessments: made, filter: filter)
        #expect(first.commitments[0].score == 2.5 && first.commitments[0].scored == 2 && first.commitments[0].missing == 3)
        let harsher = try StocktakingFixture.method { object in
            object["points"] = ["implemented": 10, "substantial": 5, "limited": 1, "none": 0, "regressed": -5]
            object["missing"] = ["rule": "count-as", "status": "none"]
        }
        let second = try ScorecardBuilder(registry: RegistryFixture.shipped, scale: StocktakingFixture.reference.scale, method: harsher)
            .build(assessments: made, filter: filter)
        #expect(second.cells.map(\.status) == first.cells.map(\.status))
        #expect(second.commitments[0].score == 1.2, "(5 + 1 + 0 + 0 + 0) / 5 with the three NWS not assessed counted as none")
        #expect(second.method == "stocktake-default@1.0")
    }

    @Test("a figure on fewer evidence items than the minimum is flagged thin")
    func thinEvidence() throws {
        let made = [StocktakingFixture.assessment(1, "GBR", "AP2010:5", "2026", "limited", evidence: [])]
        let card = try builder.build(
            assessments: made,
            filter: ScorecardFilter(states: ["GBR"], commitments: ["AP2010:5"], cycles: [StocktakingFixture.period("2026")]))
        #expect(card.cells[0].thin && card.states[0].thin)
    }

    @Test("statuses outside the order never enter a score")
    func outsideOrder() throws {
        let made = [StocktakingFixture.assessment(1, "GBR", "AP2010:5", "2026", "insufficient-information")]
        let card = try builder.build(
            assessments: made,
            filter: ScorecardFilter(states: ["GBR"], commitments: ["AP2010:5"], cycles: [StocktakingFixture.period("2026")]))
        #expect(card.cells[0].points == nil && card.states[0].score == nil && card.states[0].scored == 0)
    }

    @Test("a method that names a status not on the scale, or an unknown commitment, is refused with a sentence")
    func methodValidation() throws {
        let bad = try StocktakingFixture.method {
            $0["points"] = ["implemented": 4, "substantial": 3, "limited": 2, "none": 1, "regressed": 0, "excellent": 5]
        }
        #expect(throws: StocktakeError.self) {
            try bad.validate(scale: StocktakingFixture.reference.scale, registry: RegistryFixture.shipped)
        }
        let unknown = try StocktakingFixture.method { $0["weights"] = ["AP2010:99": 2] }
        #expect(throws: StocktakeError.self) {
            try unknown.validate(scale: StocktakingFixture.reference.scale, registry: RegistryFixture.shipped)
        }
    }
}

@Suite("Review cycles and citations are read strictly")
struct CycleAndCitationTests {
    @Test("a cycle is its Conference's opening day; a range is judged on its last day; anything else is refused")
    func cycles() throws {
        let calendar = StocktakingFixture.reference.calendar
        #expect(try calendar.period("2020").referenceDay == Day("2022-08-01"))
        #expect(try calendar.period("2023-01-01/2024-12-31").referenceDay == Day("2024-12-31"))
        #expect(calendar.previous(before: try calendar.period("2026"))?.id == "2020")
        for bad in ["2031", "2030", "2024-12-31/2023-01-01", "2023-02-30/2024-01-01", ""] {
            #expect(throws: StocktakeError.self) { try calendar.period(bad) }
        }
    }

    @Test("citations read back what search prints, numbered and unnumbered, and refuse other text")
    func citations() throws {
        let cited = try CitationText(parsing: "NPT/CONF.2026/PC.III/WP.12, para. 9 (ZH)")
        #expect(cited.symbol == "NPT/CONF.2026/PC.III/WP.12" && cited.number == "9" && cited.language == .zh)
        let bis = try CitationText(parsing: "A/79/47, para. 12 bis (EN)")
        #expect(bis.number == "12 bis")
        let unnumbered = try CitationText(parsing: "A/79/47, unnumbered paragraph 3 (FR)")
        #expect(unnumbered.ordinal == 3 && unnumbered.number == nil)
        #expect(CitationText.format(symbol: "A/79/47", number: nil, ordinal: 3, language: "fr") == "A/79/47, unnumbered paragraph 3 (FR)")
        for bad in ["A/79/47", "A/79/47, para. 9 (XX)", "A/79/47 (EN)", ", para. 9 (EN)", "A/79/47, para.  (EN)"] {
            #expect(throws: StocktakeError.self) { try CitationText(parsing: bad) }
        }
    }

    @Test("the status scale is ordinal with two statuses outside the order")
    func scale() throws {
        let scale = StocktakingFixture.reference.scale
        #expect(scale.statuses.compactMap(\.rank) == [1, 2, 3, 4, 5])
        #expect(scale.statuses.filter(\.isOutsideOrder).map(\.id) == ["not-applicable", "insufficient-information"])
        #expect(throws: StocktakeError.self) { try scale.status("excellent") }
    }
}
