import Foundation
import StocktakeCore
import Testing

@Suite("Protocols to the zone treaties are recorded apart from the treaties and read on any day")
struct TreatyProtocolTests {
    let registry = RegistryFixture.shipped

    @Test("every zone treaty lists its protocols, each open to the states it names")
    func zoneTreatiesListProtocols() throws {
        let expected = [
            "TLATELOLCO": ["I", "II"], "RAROTONGA": ["I", "II", "III"], "BANGKOK": ["I"], "PELINDABA": ["I", "II", "III"],
            "SEMIPALATINSK": ["I"],
        ]
        for (treaty, protocols) in expected {
            let record = try registry.treaty(treaty)
            #expect(record.protocols.map(\.id) == protocols, "\(treaty)")
            #expect(record.protocols.allSatisfy { !$0.openTo.isEmpty && $0.labels[.en] != nil }, "\(treaty)")
        }
        #expect(try registry.treaty("NPT").protocols.isEmpty)
    }

    @Test("a nuclear-weapon State that ratified a protocol is not a party to the zone treaty itself")
    func protocolEventsStayOutOfTreatyCounts() throws {
        let treaty = try registry.treatyStatus("PELINDABA", asOf: Day("2026-11-01"))
        for state in ["CHN", "FRA", "GBR", "RUS", "USA"] {
            #expect(!treaty.states.contains { $0.state == state }, "\(state) has no event under the treaty itself")
        }
        #expect(registry.treatyEvents.allSatisfy { $0.protocolID == nil })
        #expect(registry.protocolEvents.allSatisfy { $0.protocolID != nil && $0.state != nil })
    }

    @Test("Semipalatinsk's protocol: all five signed on 6 May 2014; the United States alone has not ratified")
    func semipalatinsk() throws {
        let signing = try registry.protocolStatus("SEMIPALATINSK", protocol: "I", asOf: Day("2014-05-06"))
        #expect(signing.signatoriesOnly.map(\.state) == ["CHN", "FRA", "GBR", "RUS", "USA"])
        #expect(signing.parties.isEmpty)
        let before = try registry.protocolStatus("SEMIPALATINSK", protocol: "I", asOf: Day("2014-05-05"))
        #expect(before.states.allSatisfy { $0.standing == .none })
        #expect(before.notSigned == ["CHN", "FRA", "GBR", "RUS", "USA"])
        let now = try registry.protocolStatus("SEMIPALATINSK", protocol: "I", asOf: Day("2026-11-01"))
        #expect(now.parties.map(\.state) == ["CHN", "FRA", "GBR", "RUS"])
        #expect(now.signatoriesOnly.map(\.state) == ["USA"])
        #expect(now.notSigned.isEmpty)
    }

    @Test("no nuclear-weapon State has signed the Bangkok protocol")
    func bangkok() throws {
        let report = try registry.protocolStatus("BANGKOK", protocol: "I", asOf: Day("2026-11-01"))
        #expect(report.states.isEmpty)
        #expect(report.notSigned == ["CHN", "FRA", "GBR", "RUS", "USA"])
    }

    @Test("asking for a protocol a treaty does not have names the ones it has")
    func unknownProtocol() throws {
        #expect {
            try registry.protocolStatus("PELINDABA", protocol: "IV", asOf: Day("2026-11-01"))
        } throws: { error in
            let error = error as? StocktakeError
            return error?.code == .unknownIdentifier && error?.message == "PELINDABA has no protocol IV; its protocols are I, II, III."
        }
        #expect(throws: StocktakeError.self) { try registry.protocolStatus("NPT", protocol: "I", asOf: Day("2026-11-01")) }
    }

    @Test("the linter refuses a protocol event for a protocol the treaty does not list, and a double consent to one protocol")
    func linter() throws {
        let files = RegistryFixture.editing("treaties.json") { object in
            var events = object["events"] as! [[String: Any]]
            events.append([
                "treaty": "BANGKOK", "protocol": "II", "state": "FRA", "event": "signed", "date": "2020-01-01", "source": "nwfz-protocols",
            ])
            events.append([
                "treaty": "SEMIPALATINSK", "protocol": "I", "state": "GBR", "event": "ratified", "date": "2020-01-01",
                "source": "nwfz-protocols",
            ])
            object["events"] = events
        }
        let issues = try Registry(files: files).validate().map(\.message)
        #expect(issues.contains { $0.contains("protocol II to BANGKOK names a protocol the treaty's record does not list") })
        #expect(issues.contains { $0 == "GBR consents to be bound by protocol I to SEMIPALATINSK twice" })
        #expect(RegistryFixture.shipped.validate().isEmpty)
    }
}

@Suite("The registry counts its sources by verification and its facts by date precision")
struct ProvenanceSummaryTests {
    @Test("every source counts once, by its status, and the unchecked ones are named")
    func sourcesByStatus() throws {
        let registry = RegistryFixture.shipped
        let summary = registry.provenanceSummary()
        let total = registry.sources.values.map(\.count).reduce(0, +)
        #expect(summary.sourcesByVerification.values.reduce(0, +) == total)
        let unchecked = registry.sources.values.flatMap(\.values).filter { ["recalled", "unverified"].contains($0.verification) }
        #expect(summary.unchecked.count == unchecked.count)
    }

    @Test("facts dated on or before a day are counted by what they are")
    func onOrBefore() throws {
        let registry = RegistryFixture.shipped
        let summary = registry.provenanceSummary()
        let vagueNPT = registry.treatyEvents.filter { $0.treaty == "NPT" && $0.datePrecision == .onOrBefore }.count
        #expect(summary.onOrBefore.first { $0.what == "NPT events" }?.count == vagueNPT)
        let memberships = registry.organizations.flatMap { $0.memberships ?? [] }
        #expect(summary.datedFacts == registry.treatyEvents.count + registry.protocolEvents.count + memberships.count)
        #expect(summary.onOrBeforeTotal == summary.onOrBefore.map(\.count).reduce(0, +))
    }

    @Test("a source marked with a word outside the scale is refused")
    func unknownStatus() throws {
        let files = RegistryFixture.editing("treaties.json") { object in
            var sources = object["sources"] as! [String: [String: Any]]
            sources["nwfz-protocols"]!["verification"] = "probably"
            object["sources"] = sources
        }
        #expect(
            try Registry(files: files).validate().map(\.message).contains(
                "source 'nwfz-protocols' is marked 'probably'; use one of seen, secondary, recalled, unverified"))
    }
}
