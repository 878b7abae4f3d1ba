import StocktakeCore
import StocktakeStore
import Testing

/// A count of a treaty's parties and signatories that someone published for a day, and where.
struct PublishedCount: Sendable, CustomStringConvertible {
    let treaty: String
    let day: String
    let parties: Int
    /// Every state that has signed, bound or not, as depositaries count them; nil where the source gives no such count.
    let signatories: Int?
    /// The registry source that printed it.
    let source: String

    init(treaty: String, day: String, parties: Int, signatories: Int?, source: String) {
        self.treaty = treaty
        self.day = day
        self.parties = parties
        self.signatories = signatories
        self.source = source
    }

    var description: String {
        "\(treaty) on \(day): \(parties) parties\(signatories.map { ", \($0) signatories" } ?? "") (\(source))"
    }
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

    /// Counts published for the NPT, the CTBT and the five zone treaties, each on the day its source states. CTBT signatories
    /// count every state that has signed, ratified or not, as the CTBTO does; the zone treaties' sources give parties only.
    static let others: [PublishedCount] = [
        ("NPT", "2022-08-01", 191, nil, "npt-exchangemonitor-2022"), ("NPT", "2025-05-01", 191, nil, "npt-aca-2025-05"),
        ("CTBT", "2004-11-25", 119, 173, "ctbt-ipo-2004-11-25"), ("CTBT", "2006-02-07", 129, 176, "ctbt-ctbto-sur-2006"),
        ("CTBT", "2007-09-18", 140, 177, "ctbt-ctbto-artxiv-2007"), ("CTBT", "2012-09-26", 157, 183, "ctbt-hww-2012-09-26"),
        ("CTBT", "2013-02-08", 159, 183, "ctbt-liquisearch-tcd"), ("CTBT", "2019-02-13", 168, 184, "ctbt-owiki-2019"),
        ("CTBT", "2021-09-28", 170, 185, "ctbt-vietmaz-2021"), ("CTBT", "2024-03-13", 178, nil, "ctbt-kndc-png-2024"),
        ("CTBT", "2024-11-30", 178, 187, "ctbt-wiki-2024-11"),
        ("TPNW", "2024-07-31", 70, 93, "tpnw-banmonitor-2024-07"), ("TPNW", "2024-09-30", 73, 94, "tpnw-ican-idn-sle-slb"),
        ("TPNW", "2025-09-30", 74, 95, "tpnw-ican-ghana-kgz-2025"),
        ("TLATELOLCO", "2002-10-23", 33, nil, "tla-lnj"),
        ("RAROTONGA", "1987-03-26", 8, nil, "rar-hansard-1987"), ("RAROTONGA", "2010-03-19", 13, nil, "rar-pif-2010"),
        ("BANGKOK", "2025-07-09", 10, nil, "bkk-thestar-2025-07-09"), ("BANGKOK", "2025-10-25", 11, nil, "bkk-almayadeen-tls"),
        ("PELINDABA", "2009-07-15", 28, nil, "pel-wmdafrica-2009"), ("PELINDABA", "2010-09-30", 30, nil, "pel-dewiki-2010"),
        ("PELINDABA", "2017-06-30", 40, nil, "pel-dezxc-2017"), ("PELINDABA", "2026-11-26", 43, nil, "pel-nti"),
        ("SEMIPALATINSK", "2009-03-21", 5, 5, "can-kremlin-2014"),
    ].map { PublishedCount(treaty: $0.0, day: $0.1, parties: $0.2, signatories: $0.3, source: $0.4) }

    /// Published counts the registry cannot yet match exactly because some joining days are known only as "on or before" a
    /// later day: the published figure must then lie between the parties the registry is sure of and those plus the states
    /// whose standing it cannot tell.
    static let bracketed: [PublishedCount] = [
        ("PELINDABA", "2012-07-24", 36, nil, "pel-wmdafrica-com-2012"), ("PELINDABA", "2016-12-31", 39, nil, "pel-atomwaffenaz-2016"),
    ].map { PublishedCount(treaty: $0.0, day: $0.1, parties: $0.2, signatories: $0.3, source: $0.4) }

    /// The registry's own count of parties (with those waiting out a treaty's delay, as depositaries count them) and signatories.
    func computed(_ published: PublishedCount) throws -> (parties: Int, unknown: Int, signatories: Int) {
        let day = try Day(parsing: published.day)
        let report = try registry.treatyStatus(published.treaty, asOf: day)
        let signed = Set(
            registry.treatyEvents.filter { $0.treaty == published.treaty && $0.event == .signed && $0.date <= day }.compactMap(\.state))
        return (report.parties.count + report.consented.count, report.unknown.count, signed.count)
    }

    @Test("every published TPNW count, from its opening day to September 2025", arguments: PublishedCountTests.tpnw)
    func tpnwCounts(_ published: PublishedCount) throws {
        #expect(registry.sources["treaties.json"]?[published.source] != nil, "the count's source is in the registry")
        let ours = try computed(published)
        #expect(ours.parties == published.parties, "\(published)")
        #expect(ours.signatories == published.signatories, "\(published)")
    }

    @Test("counts published for the NPT, the CTBT, the TPNW and the five zone treaties", arguments: PublishedCountTests.others)
    func otherCounts(_ published: PublishedCount) throws {
        #expect(registry.sources["treaties.json"]?[published.source] != nil, "the count's source is in the registry")
        let ours = try computed(published)
        #expect(ours.parties == published.parties, "\(published): the registry counts \(ours.parties)")
        if let signatories = published.signatories { #expect(ours.signatories == signatories, "\(published)") }
    }

    @Test(
        "where joining days are known only as on or before a later day, the published count lies between what is sure and what is possible",
        arguments: PublishedCountTests.bracketed)
    func bracketedCounts(_ published: PublishedCount) throws {
        #expect(registry.sources["treaties.json"]?[published.source] != nil, "the count's source is in the registry")
        let ours = try computed(published)
        #expect(ours.parties <= published.parties && published.parties <= ours.parties + ours.unknown, "\(published): \(ours)")
        #expect(ours.parties < published.parties, "\(published) is matched exactly now; move it to the exact table")
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
