import StocktakeCore
import StocktakeStore
import Testing

/// A count of a treaty's parties and signatories that someone published for a day, and where.
struct PublishedCount: Sendable, CustomStringConvertible {
    let treaty: String
    let day: String
    let parties: Int
    let signatories: Int
    /// The registry source that printed it.
    let source: String

    var description: String { "\(treaty) on \(day): \(parties) parties, \(signatories) signatories (\(source))" }
}

@Suite("Counts computed from the registry's dated events equal the counts published for those days")
struct PublishedCountTests {
    let registry = try! RegistryDirectory.load(from: RegistryDirectory.bundledDataDirectory)

    /// TPNW counts as published on the day (ICAN, UNODA, news of each ceremony); signatories count every state that has
    /// signed, parties every state that has ratified or acceded, as the depositary's status list does.
    static let tpnw: [PublishedCount] = [
        ("2017-09-20", 3, 50, "tpnw-cnduk-20170920"), ("2018-05-03", 8, 58, "tpnw-rnz-palau"), ("2018-09-26", 19, 67, "tpnw-samoa-un-2018"),
        ("2018-09-27", 19, 69, "tpnw-wilpf-2018"), ("2019-01-23", 20, 70, "tpnw-pressenza-lca"), ("2019-09-26", 32, 79, "tpnw-unoda-2019"),
        ("2020-06-30", 38, 81, "tpnw-hiroshimaforpeace-2020"), ("2020-08-25", 44, 84, "tpnw-pressenza-mlt-sign"),
        ("2020-10-13", 47, 84, "tpnw-nakai-tuv"), ("2020-10-24", 50, 84, "tpnw-marrickville-50"), ("2020-12-12", 51, 86, "tpnw-jcp-benin"),
        ("2021-01-31", 52, 86, "tpnw-daisakuikeda-2021"), ("2022-01-22", 59, 86, "tpnw-malaymail-2022"),
        ("2022-09-22", 68, 91, "tpnw-beyondnuclear-2022"), ("2023-09-19", 69, 93, "tpnw-ican-support-2023"),
        ("2024-01-15", 70, 93, "tpnw-ican-stp"),
        ("2024-09-24", 73, 94, "tpnw-ican-idn-sle-slb"), ("2024-09-25", 73, 94, "tpnw-friedenskoop"),
        ("2025-09-26", 74, 95, "tpnw-nuclearactive-2025"),
    ].map { PublishedCount(treaty: "TPNW", day: $0.0, parties: $0.1, signatories: $0.2, source: $0.3) }

    @Test("every published TPNW count, from its opening day to September 2025", arguments: PublishedCountTests.tpnw)
    func tpnwCounts(_ published: PublishedCount) throws {
        #expect(registry.sources["treaties.json"]?[published.source] != nil, "the count's source is in the registry")
        let day = try Day(parsing: published.day)
        let report = try registry.treatyStatus(published.treaty, asOf: day)
        // Published counts include states that have ratified and wait out the 90 days before the treaty binds them.
        #expect(report.parties.count + report.consented.count == published.parties, "\(published)")
        let signed = Set(
            registry.treatyEvents.filter { $0.treaty == published.treaty && $0.event == .signed && $0.date <= day }.compactMap(\.state))
        #expect(signed.count == published.signatories, "\(published)")
    }

    @Test(
        "on the TPNW's entry into force (22 January 2021) it binds the fifty States that deposited by 24 October 2020; Benin and Cambodia wait out their 90 days"
    )
    func tpnwEntryIntoForce() throws {
        let report = try registry.treatyStatus("TPNW", asOf: try Day(parsing: "2021-01-22"))
        #expect(report.treatyState == "in force")
        #expect(report.parties.count == 50)
        #expect(report.unknown.isEmpty)
        #expect(report.consented.map(\.status.state) == ["BEN", "KHM"])
        #expect(report.consented.map { $0.boundFrom?.description } == ["2021-03-11", "2021-04-22"])
        #expect(
            try registry.treatyStatus("TPNW", asOf: try Day(parsing: "2021-04-22")).states.first { $0.state == "KHM" }?.standing == .party)
    }

    @Test("days are counted across months, years and leap days")
    func dayArithmetic() throws {
        #expect(try Day(parsing: "2020-12-11").adding(days: 90).description == "2021-03-11")
        #expect(try Day(parsing: "2024-02-28").adding(days: 1).description == "2024-02-29")
        #expect(try Day(parsing: "2023-02-28").adding(days: 1).description == "2023-03-01")
        #expect(try Day(parsing: "2021-01-01").adding(days: -1).description == "2020-12-31")
        #expect(try Day(parsing: "2020-10-24").adding(days: 90).description == "2021-01-22")
    }

    @Test("the TPNW's fiftieth deposit (Honduras, 24 October 2020) brings the count to fifty, and no party is of unknown standing then")
    func tpnwFiftieth() throws {
        let report = try registry.treatyStatus("TPNW", asOf: try Day(parsing: "2020-10-24"))
        #expect(report.parties.count == 50)
        #expect(report.unknown.isEmpty)
        #expect(report.parties.contains { $0.state == "HND" })
        #expect(!(try registry.treatyStatus("TPNW", asOf: try Day(parsing: "2020-10-23")).parties.contains { $0.state == "HND" }))
    }
}
