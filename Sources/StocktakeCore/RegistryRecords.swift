/// Where a fact comes from: a URL or UN symbol, a title and the date it was consulted.
public struct SourceRecord: Codable, Sendable, Equatable {
    /// A short description of the source in our own words.
    public let title: String
    /// Where to read it: a URL, or a UN document symbol.
    public let url: String
    /// The day the source was consulted.
    public let accessed: Day
    /// `seen` when the fact was read in the source; `recalled` when it still awaits a check against it.
    public let verification: String?
    /// A caveat about what the source does and does not establish.
    public let note: String?

    /// True when the facts resting on this source have not been checked against it (`recalled` or `unverified`), so every
    /// view of them must say so.
    public var awaitsCheck: Bool { verification == "recalled" || verification == "unverified" }
}

/// Decodes a JSON object keyed by language code into a dictionary keyed by ``Language``.
struct LanguageKeyed<Value: Codable & Sendable>: Codable, Sendable {
    var values: [Language: Value]

    init(values: [Language: Value]) { self.values = values }

    init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: Value].self)
        var values: [Language: Value] = [:]
        for (key, value) in raw {
            guard let language = Language(rawValue: key) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "'\(key)' is not one of en fr es ru ar zh"))
            }
            values[language] = value
        }
        self.values = values
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }))
    }
}

/// A state: a UN member, an observer state, or another state that joins treaties open to all States.
public struct StateRecord: Sendable {
    /// ISO 3166-1 alpha-3 code.
    public let id: String
    /// UN M49 numeric code.
    public let m49: String
    /// `member`, `observer` or `non-member`.
    public let unStatus: String
    /// Short names in the six languages.
    public let names: LocalizedText
    /// Formal names where known.
    public let formalNames: LocalizedText
    /// Other spellings documents use, by language.
    public let aliases: [Language: [String]]
    /// Key of the source in the file's sources table.
    public let source: String
    /// Where a name was checked when it differs from the record's source: the page that prints it, by language.
    public let nameSources: [Language: NameSource]
}

/// The page on which a state's name in one language was seen, and the source entry that describes such pages.
public struct NameSource: Codable, Sendable, Equatable {
    /// Key of the source in the file's sources table.
    public let source: String
    /// The page that prints the name.
    public let url: String
}

extension StateRecord: Codable {
    enum CodingKeys: String, CodingKey { case id, m49, unStatus, names, formalNames, aliases, source, nameSources }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        m49 = try c.decode(String.self, forKey: .m49)
        unStatus = try c.decode(String.self, forKey: .unStatus)
        names = try c.decode(LanguageKeyed<String>.self, forKey: .names).values
        formalNames = try c.decodeIfPresent(LanguageKeyed<String>.self, forKey: .formalNames)?.values ?? [:]
        aliases = try c.decodeIfPresent(LanguageKeyed<[String]>.self, forKey: .aliases)?.values ?? [:]
        source = try c.decode(String.self, forKey: .source)
        nameSources = try c.decodeIfPresent(LanguageKeyed<NameSource>.self, forKey: .nameSources)?.values ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(m49, forKey: .m49)
        try c.encode(unStatus, forKey: .unStatus)
        try c.encode(LanguageKeyed(values: names), forKey: .names)
        try c.encode(LanguageKeyed(values: formalNames), forKey: .formalNames)
        try c.encode(LanguageKeyed(values: aliases), forKey: .aliases)
        try c.encode(source, forKey: .source)
        if !nameSources.isEmpty { try c.encode(LanguageKeyed(values: nameSources), forKey: .nameSources) }
    }
}

/// How exactly a dated fact's date is known.
public enum DatePrecision: String, Codable, Sendable {
    /// The fact happened on that day.
    case day
    /// The fact had happened by that day; the exact day is not recorded.
    case onOrBefore = "on-or-before"
}

/// A state's membership of an organization or group over a period.
public struct MembershipRecord: Codable, Sendable {
    /// The member state.
    public let state: String
    /// First day of membership.
    public let from: Day
    /// How exactly `from` is known.
    public let fromPrecision: DatePrecision?
    /// Last day of membership, when it ended.
    public let to: Day?
    /// Key of the source in the file's sources table.
    public let source: String
    /// A remark on this membership.
    public let note: String?
}

/// How a group's membership follows from other records instead of being listed.
public struct MembershipDerivation: Codable, Sendable {
    /// Members are the parties of this treaty.
    public let partiesOf: String?
    /// Members are the signatories (signed or joined) of this treaty.
    public let signatoriesOf: String?
    /// Members are drawn from this organization.
    public let membersOf: String?
    /// Members of this organization are left out.
    public let excluding: String?
    /// Members are all UN member states.
    public let unMembers: Bool?
}

/// A body, group of states, alliance or category of states.
public struct OrganizationRecord: Sendable {
    /// Short upper-case code such as `NAM` or `CD`.
    public let id: String
    /// `body`, `group`, `alliance`, `category` or `zone`.
    public let category: String
    /// The organization this one belongs to, if any.
    public let parent: String?
    /// Names in the six languages.
    public let names: LocalizedText
    /// Other names and acronyms, by language.
    public let aliases: [Language: [String]]
    /// Listed memberships, when membership is recorded.
    public let memberships: [MembershipRecord]?
    /// How membership is derived, when it is not listed.
    public let derived: MembershipDerivation?
    /// Key of the source in the file's sources table.
    public let source: String
    /// A remark on the record.
    public let note: String?
}

extension OrganizationRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case id, category, parent, names, aliases, memberships, derived, source, note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        category = try c.decode(String.self, forKey: .category)
        parent = try c.decodeIfPresent(String.self, forKey: .parent)
        names = try c.decode(LanguageKeyed<String>.self, forKey: .names).values
        aliases = try c.decodeIfPresent(LanguageKeyed<[String]>.self, forKey: .aliases)?.values ?? [:]
        memberships = try c.decodeIfPresent([MembershipRecord].self, forKey: .memberships)
        derived = try c.decodeIfPresent(MembershipDerivation.self, forKey: .derived)
        source = try c.decode(String.self, forKey: .source)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(category, forKey: .category)
        try c.encodeIfPresent(parent, forKey: .parent)
        try c.encode(LanguageKeyed(values: names), forKey: .names)
        try c.encodeIfPresent(memberships, forKey: .memberships)
        try c.encodeIfPresent(derived, forKey: .derived)
        try c.encode(source, forKey: .source)
        try c.encodeIfPresent(note, forKey: .note)
    }
}

/// What happened to a treaty, for the treaty as a whole or for one state.
public enum TreatyEventKind: String, Codable, Sendable, CaseIterable {
    case adopted
    case openedForSignature = "opened-for-signature"
    case signedByParties = "signed-by-parties"
    case enteredIntoForce = "entered-into-force"
    case extendedIndefinitely = "extended-indefinitely"
    case expired
    case signed
    case ratified
    case acceded
    case succeeded
    /// Became bound by ratification, accession or succession, which of them not recorded.
    case joined
    case withdrew
    case withdrawalContested = "withdrawal-contested"
    case ratificationWithdrawn = "ratification-withdrawn"
    case suspended

    /// True for the events by which a state consents to be bound.
    public var isConsent: Bool { [.ratified, .acceded, .succeeded, .joined].contains(self) }
    /// True for events that concern the treaty as a whole rather than one state.
    public var isTreatyWide: Bool {
        [.adopted, .openedForSignature, .signedByParties, .enteredIntoForce, .extendedIndefinitely, .expired]
            .contains(self)
    }
}

/// One dated treaty event, with its source.
public struct TreatyEventRecord: Codable, Sendable {
    /// The treaty concerned.
    public let treaty: String?
    /// The state concerned; nil for treaty-wide events.
    public let state: String?
    /// What happened.
    public let event: TreatyEventKind
    /// When it happened.
    public let date: Day
    /// How exactly `date` is known.
    public let datePrecision: DatePrecision?
    /// Key of the source in the file's sources table.
    public let source: String
    /// A remark on the event.
    public let note: String?
    /// The protocol to the treaty the event concerns (`I`, `II`, `III` of a zone treaty); nil for the treaty itself.
    public let protocolID: String?

    enum CodingKeys: String, CodingKey {
        case treaty, state, event, date, datePrecision, source, note
        case protocolID = "protocol"
    }
}

/// A protocol to a treaty, open to states outside it (the nuclear-weapon States' protocols to the zone treaties).
public struct TreatyProtocolRecord: Sendable {
    /// Its number as the treaty writes it: `I`, `II`, `III`.
    public let id: String
    /// Our own short description of what it asks, by language.
    public let labels: LocalizedText
    /// The states it is open to, when it names them.
    public let openTo: [String]
}

extension TreatyProtocolRecord: Codable {
    enum CodingKeys: String, CodingKey { case id, labels, openTo }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        labels = try c.decode(LanguageKeyed<String>.self, forKey: .labels).values
        openTo = try c.decodeIfPresent([String].self, forKey: .openTo) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(LanguageKeyed(values: labels), forKey: .labels)
        if !openTo.isEmpty { try c.encode(openTo, forKey: .openTo) }
    }
}

/// A treaty, in force, proposed or ended.
public struct TreatyRecord: Sendable {
    /// Short upper-case code such as `CTBT`.
    public let id: String
    /// `treaty`, `nwfz`, `bilateral`, `charter` or `proposed`.
    public let kind: String
    /// Names in the six languages.
    public let names: LocalizedText
    /// Other names and acronyms, by language.
    public let aliases: [Language: [String]]
    /// `terminated` or `never-in-force` when that is its state.
    public let status: String?
    /// Treaty-wide events such as entry into force.
    public let events: [TreatyEventRecord]
    /// For a treaty that binds a state only some days after its instrument (the TPNW: 90), those days; the treaty then
    /// binds each state on the later of its entry into force and the instrument's date plus these days.
    public let bindsAfterDays: Int?
    /// The protocols open to states outside the treaty, in order.
    public let protocols: [TreatyProtocolRecord]
    /// Key of the source in the file's sources table.
    public let source: String
    /// For each language whose name was seen on a page, the key of that page's source; names without one rest on `source`.
    public let nameSources: [Language: String]
    /// A remark on the record.
    public let note: String?
}

extension TreatyRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case id, kind, names, aliases, status, events, bindsAfterDays, protocols, source, nameSources, note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        kind = try c.decode(String.self, forKey: .kind)
        names = try c.decode(LanguageKeyed<String>.self, forKey: .names).values
        aliases = try c.decodeIfPresent(LanguageKeyed<[String]>.self, forKey: .aliases)?.values ?? [:]
        status = try c.decodeIfPresent(String.self, forKey: .status)
        events = try c.decodeIfPresent([TreatyEventRecord].self, forKey: .events) ?? []
        bindsAfterDays = try c.decodeIfPresent(Int.self, forKey: .bindsAfterDays)
        protocols = try c.decodeIfPresent([TreatyProtocolRecord].self, forKey: .protocols) ?? []
        source = try c.decode(String.self, forKey: .source)
        nameSources = try c.decodeIfPresent(LanguageKeyed<String>.self, forKey: .nameSources)?.values ?? [:]
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(LanguageKeyed(values: names), forKey: .names)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encode(events, forKey: .events)
        try c.encodeIfPresent(bindsAfterDays, forKey: .bindsAfterDays)
        if !protocols.isEmpty { try c.encode(protocols, forKey: .protocols) }
        try c.encode(source, forKey: .source)
        if !nameSources.isEmpty { try c.encode(LanguageKeyed(values: nameSources), forKey: .nameSources) }
        try c.encodeIfPresent(note, forKey: .note)
    }
}

/// A set of commitments adopted together: the Treaty's articles, a decision, an action plan.
public struct InstrumentRecord: Sendable {
    /// Identifier such as `AP2010`.
    public let id: String
    /// `treaty`, `decision`, `resolution`, `final-document` or `action-plan`.
    public let kind: String
    /// The UN symbol of the document that carries it.
    public let symbol: String?
    /// The day it was adopted.
    public let date: Day
    /// Key of the source in the file's sources table.
    public let source: String
    /// Our own short description, in EN and ZH.
    public let labels: LocalizedText
    /// Names documents use for the whole instrument, by language.
    public let aliases: [Language: [String]]
    /// Words that introduce an item number ("action 5", "第六条"), by language.
    public let itemWords: [Language: [String]]
    /// `roman` when items are numbered I, II, III (treaty articles).
    public let numbering: String?
}

extension InstrumentRecord: Codable {
    enum CodingKeys: String, CodingKey { case id, kind, symbol, date, source, labels, aliases, itemWords, numbering }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        kind = try c.decode(String.self, forKey: .kind)
        symbol = try c.decodeIfPresent(String.self, forKey: .symbol)
        date = try c.decode(Day.self, forKey: .date)
        source = try c.decode(String.self, forKey: .source)
        labels = try c.decode(LanguageKeyed<String>.self, forKey: .labels).values
        aliases = try c.decodeIfPresent(LanguageKeyed<[String]>.self, forKey: .aliases)?.values ?? [:]
        itemWords = try c.decodeIfPresent(LanguageKeyed<[String]>.self, forKey: .itemWords)?.values ?? [:]
        numbering = try c.decodeIfPresent(String.self, forKey: .numbering)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(symbol, forKey: .symbol)
        try c.encode(date, forKey: .date)
        try c.encode(source, forKey: .source)
        try c.encode(LanguageKeyed(values: labels), forKey: .labels)
    }
}

/// One commitment: an article, a paragraph, a step, an action or a lettered sub-item.
public struct CommitmentRecord: Sendable {
    /// Identifier such as `AP2010:5(c)`.
    public let id: String
    /// The enclosing item, or the instrument for top-level items.
    public let parent: String?
    /// The instrument that carries it.
    public let instrument: String
    /// Key of the source in the file's sources table.
    public let source: String
    /// Where in the source document the commitment stands.
    public let sourceParagraph: String
    /// Who it is addressed to: `all-states-parties`, an organization or category code, or state codes.
    public let addressees: [String]
    /// Our own short label, in EN and ZH.
    public let labels: LocalizedText
    /// The day by which it was to be done, where the text sets one.
    public let dueDate: Day?
    /// `overtaken` when events overtook it.
    public let status: String?
    /// Why the status is what it is.
    public let statusNote: String?
    /// Commitments in other instruments that this one takes up.
    public let relatedTo: [String]
}

extension CommitmentRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case id, parent, instrument, source, sourceParagraph, addressees, labels, dueDate, status, statusNote, relatedTo
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        parent = try c.decodeIfPresent(String.self, forKey: .parent)
        instrument = try c.decode(String.self, forKey: .instrument)
        source = try c.decode(String.self, forKey: .source)
        sourceParagraph = try c.decode(String.self, forKey: .sourceParagraph)
        addressees = try c.decode([String].self, forKey: .addressees)
        labels = try c.decode(LanguageKeyed<String>.self, forKey: .labels).values
        dueDate = try c.decodeIfPresent(Day.self, forKey: .dueDate)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        statusNote = try c.decodeIfPresent(String.self, forKey: .statusNote)
        relatedTo = try c.decodeIfPresent([String].self, forKey: .relatedTo) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(parent, forKey: .parent)
        try c.encode(instrument, forKey: .instrument)
        try c.encode(source, forKey: .source)
        try c.encode(sourceParagraph, forKey: .sourceParagraph)
        try c.encode(addressees, forKey: .addressees)
        try c.encode(LanguageKeyed(values: labels), forKey: .labels)
        try c.encodeIfPresent(dueDate, forKey: .dueDate)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(statusNote, forKey: .statusNote)
        try c.encode(relatedTo, forKey: .relatedTo)
    }
}
