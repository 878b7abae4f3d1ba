import Foundation
import StocktakeCore
import Testing

@Suite("The shipped registry")
struct ShippedRegistryTests {
    let registry = RegistryFixture.shipped

    @Test("passes its own linter")
    func lintClean() {
        #expect(registry.validate() == [])
    }

    @Test("holds the 193 UN members, the 2 observer states and the 2 associated states")
    func stateCounts() {
        #expect(registry.states.filter { $0.unStatus == "member" }.count == 193)
        #expect(registry.states.filter { $0.unStatus == "observer" }.map(\.id) == ["PSE", "VAT"])
        #expect(registry.states.allSatisfy { state in Language.allCases.allSatisfy { state.names[$0] != nil } })
    }

    @Test("knows the names documents use for the United Kingdom in every language")
    func ukVariants() {
        let texts = Set(registry.aliasEntries.filter { $0.id == "GBR" }.map(\.text))
        for variant in ["联合王国", "英国", "Royaume-Uni", "Великобритания", "Reino Unido", "المملكة المتحدة"] {
            #expect(texts.contains(variant), "missing \(variant)")
        }
    }

    @Test("names the nine Annex 2 States still to ratify the CTBT in November 2026")
    func annex2Outstanding() throws {
        let report = try registry.treatyStatus("CTBT", asOf: Day("2026-11-01"))
        let annex2 = try registry.members(of: "CTBT-ANNEX2", asOf: Day("2026-11-01")).members
        #expect(annex2.count == 44)
        let ratified = Set(report.parties.map(\.state))
        #expect(annex2.filter { !ratified.contains($0) } == ["CHN", "EGY", "IND", "IRN", "ISR", "PAK", "PRK", "RUS", "USA"])
        #expect(report.states.first { $0.state == "RUS" }?.standing == .ratificationWithdrawn)
    }

    @Test("still counts Russia's CTBT ratification in October 2023")
    func russiaBeforeWithdrawal() throws {
        let report = try registry.treatyStatus("CTBT", asOf: Day("2023-10-01"))
        #expect(report.parties.contains { $0.state == "RUS" })
    }

    @Test("counts 191 NPT parties with the DPRK's withdrawal contested")
    func nptParties() throws {
        let report = try registry.treatyStatus("NPT", asOf: Day("2026-11-24"))
        #expect(report.parties.count == 191)
        #expect(report.qualified.map(\.state) == ["PRK"])
        #expect(report.qualified.first?.standing == .partyWithdrawalContested)
        #expect(!report.parties.contains { ["IND", "ISR", "PAK", "SSD"].contains($0.state) })
    }

    @Test("counts 74 TPNW ratifications and accessions on 30 September 2025 and 73 a year earlier; the newest wait 90 days to be bound")
    func tpnwParties() throws {
        let now = try registry.treatyStatus("TPNW", asOf: Day("2025-09-30"))
        #expect(now.parties.count + now.consented.count == 74)
        #expect(now.consented.map(\.status.state) == ["GHA"], "Ghana deposited on 26 September 2025")
        let before = try registry.treatyStatus("TPNW", asOf: Day("2024-09-30"))
        #expect(before.parties.count + before.consented.count == 73)
        #expect(before.consented.map(\.status.state) == ["IDN", "SLB", "SLE"])
    }

    @Test("does not guess standing before an on-or-before date")
    func unknownBeforeUndatedJoin() throws {
        let report = try registry.treatyStatus("NPT", asOf: Day("1980-01-01"))
        #expect(report.parties.contains { $0.state == "USA" })
        #expect(report.states.first { $0.state == "FRA" }?.standing == TreatyStanding.none)
        let pending = registry.treatyEvents.first {
            $0.treaty == "NPT" && $0.event.isConsent && $0.datePrecision == .onOrBefore && $0.date > Day("1980-01-01")
        }
        #expect(pending != nil, "the shipped NPT events still include a joining date known only as on or before a day after 1980")
        #expect(report.states.first { $0.state == pending?.state }?.standing == .unknown)
    }

    @Test("shows New START as expired after 5 February 2026 and Russia's suspension before it")
    func newStart() throws {
        #expect(try registry.treatyStatus("NEW-START", asOf: Day("2026-03-01")).treatyState == "expired")
        let before = try registry.treatyStatus("NEW-START", asOf: Day("2024-01-01"))
        #expect(before.treatyState == "in force")
        #expect(before.states.first { $0.state == "RUS" }?.standing == .partySuspended)
    }

    @Test("lists 64 actions in the 2010 action plan and 13 practical steps")
    func commitmentCounts() {
        #expect(registry.children(of: "AP2010").count == 64)
        #expect(registry.children(of: "STEPS2000").count == 13)
        #expect(registry.children(of: "STEPS2000:9").map(\.id) == ["a", "b", "c", "d", "e", "f"].map { "STEPS2000:9(\($0))" })
    }

    @Test("describes action 5 (c): parent, addressees, source and labels")
    func action5c() throws {
        let commitment = try registry.commitment("AP2010:5 (c)")
        #expect(commitment.id == "AP2010:5(c)")
        #expect(commitment.parent == "AP2010:5")
        #expect(commitment.addressees == ["NWS"])
        #expect(commitment.labels[.en] != nil && commitment.labels[.zh] != nil)
        #expect(try registry.instrument(commitment.instrument).symbol == "NPT/CONF.2010/50 (Vol. I)")
    }

    @Test("marks step 7 as overtaken")
    func overtaken() throws {
        #expect(try registry.commitment("STEPS2000:7").status == "overtaken")
    }

    @Test("follows dated memberships: Sweden joined NATO on 7 March 2024")
    func datedMembership() throws {
        #expect(!(try registry.members(of: "NATO", asOf: Day("2024-03-06")).members.contains("SWE")))
        #expect(try registry.members(of: "NATO", asOf: Day("2024-03-07")).members.contains("SWE"))
        #expect(!(try registry.members(of: "EU", asOf: Day("2021-01-01")).members.contains("GBR")))
    }

    @Test("derives the non-nuclear-weapon States from NPT parties less the five")
    func derivedGroup() throws {
        let nnws = try registry.members(of: "NNWS", asOf: Day("2026-01-01")).members
        #expect(nnws.count == 186)
        #expect(!nnws.contains("USA") && nnws.contains("JPN"))
    }

    @Test("answers an unknown identifier with one sentence naming it")
    func unknownIdentifier() {
        #expect(throws: StocktakeError.self) { try registry.state("XYZ") }
        do {
            _ = try registry.commitment("AP2010:99")
        } catch let error as StocktakeError {
            #expect(error.code == .unknownIdentifier)
            #expect(error.message.contains("AP2010:99"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

@Suite("The registry linter")
struct RegistryLinterTests {
    func issues(_ name: String, _ edit: (inout [String: Any]) -> Void) throws -> [String] {
        try Registry(files: RegistryFixture.editing(name, edit)).validate().map(\.message)
    }

    @Test("finds a duplicate identifier")
    func duplicate() throws {
        let found = try issues("states.json") { object in
            var states = object["states"] as! [[String: Any]]
            states.append(states[0])
            object["states"] = states
        }
        #expect(found.contains { $0.contains("identifier AFG is used twice") })
    }

    @Test("finds a dangling reference")
    func dangling() throws {
        let found = try issues("commitments.json") { object in
            var items = object["commitments"] as! [[String: Any]]
            items[0]["parent"] = "NPT:XCIX"
            object["commitments"] = items
        }
        #expect(found.contains { $0.contains("unknown parent NPT:XCIX") })
    }

    @Test("finds a state name whose page is missing or whose source is not defined")
    func nameSources() throws {
        let found = try issues("states.json") { object in
            var states = object["states"] as! [[String: Any]]
            states[0]["nameSources"] = ["fr": ["source": "nowhere", "url": ""]]
            object["states"] = states
        }
        #expect(found.contains { $0.contains("the FR name of state AFG cites source 'nowhere'") })
        #expect(found.contains { $0.contains("the FR name of state AFG has no URL") })
    }

    @Test("finds a fact whose source is not defined")
    func missingSource() throws {
        let found = try issues("treaties.json") { object in
            var events = object["events"] as! [[String: Any]]
            events[0]["source"] = "nowhere"
            object["events"] = events
        }
        #expect(found.contains { $0.contains("cites source 'nowhere'") })
    }

    @Test("refuses a fact without a date when loading")
    func missingDate() {
        let files = RegistryFixture.editing("treaties.json") { object in
            var events = object["events"] as! [[String: Any]]
            events[0].removeValue(forKey: "date")
            object["events"] = events
        }
        #expect(throws: StocktakeError.self) { try Registry(files: files) }
    }

    @Test("finds an alias that names two things unless it is declared ambiguous")
    func ambiguousAlias() throws {
        let files = RegistryFixture.editing("organizations.json") { object in
            var organizations = object["organizations"] as! [[String: Any]]
            var aliases = organizations[0]["aliases"] as! [String: [String]]
            aliases["en", default: []].append("Britain")
            organizations[0]["aliases"] = aliases
            object["organizations"] = organizations
        }
        #expect(try Registry(files: files).validate().contains { $0.message.contains("alias 'britain' names GBR and NWS") })
        var declared = files
        declared["ambiguous-aliases.json"] = Data(#"{"ambiguities":[{"alias":"Britain","ids":["GBR","NWS"],"note":"test"}]}"#.utf8)
        #expect(try Registry(files: declared).validate().isEmpty)
    }

    @Test("names the corrupt file in its error")
    func corruptFile() {
        var files = RegistryFixture.files
        files["commitments.json"] = Data("{ not json".utf8)
        #expect {
            try Registry(files: files)
        } throws: { error in
            let error = error as? StocktakeError
            return error?.code == .corruptData && error?.message.contains("commitments.json") == true
        }
    }
}
