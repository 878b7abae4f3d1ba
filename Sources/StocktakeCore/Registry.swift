public import Foundation

/// The reference registry: states, organizations, treaties and commitments, loaded from `Data/registry`.
///
/// Every other part of Stocktake names things through the registry's identifiers, and the
/// extractor matches document text against the registry's aliases.
public struct Registry: Sendable {
    /// The file names the registry is read from, in `Data/registry`.
    public static let fileNames = [
        "states.json", "organizations.json", "treaties.json", "commitments.json", "ambiguous-aliases.json",
        "alias-exclusions.json", "reference-words.json",
    ]

    /// All states by ISO alpha-3 code, in code order.
    public let states: [StateRecord]
    /// All organizations, groups and categories.
    public let organizations: [OrganizationRecord]
    /// All treaties.
    public let treaties: [TreatyRecord]
    /// Per-state treaty events for the treaties themselves.
    public let treatyEvents: [TreatyEventRecord]
    /// Per-state events for the protocols to treaties, kept apart so they never count towards a treaty's parties.
    public let protocolEvents: [TreatyEventRecord]
    /// The instruments that carry commitments.
    public let instruments: [InstrumentRecord]
    /// All commitments in file order (parents before their items).
    public let commitments: [CommitmentRecord]
    /// Labels of addressee groups that are not organizations.
    public let addresseeGroups: [String: LocalizedText]
    /// Aliases that knowingly name more than one thing.
    public let declaredAmbiguities: [DeclaredAmbiguity]
    /// Contexts in which an alias does not count as a mention.
    public let aliasExclusions: [AliasExclusion]
    /// Words that introduce or connect references, by language.
    public let referenceWords: ReferenceWords
    /// Source tables of each file, keyed by file name and then by source key.
    public let sources: [String: [String: SourceRecord]]

    let stateIndex: [String: Int]
    let organizationIndex: [String: Int]
    let treatyIndex: [String: Int]
    let commitmentIndex: [String: Int]
    let instrumentIndex: [String: Int]

    /// Decodes the registry from the contents of its files, keyed by file name; throws a ``StocktakeError`` naming the file at fault.
    public init(files: [String: Data]) throws {
        func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
            guard let data = files[name] else {
                throw StocktakeError(.dataNotFound, "The registry file \(name) is missing; restore Data/registry from the repository.")
            }
            do {
                return try JSONDecoder().decode(T.self, from: data)
            } catch let error as DecodingError {
                throw StocktakeError(
                    .corruptData,
                    "The registry file \(name) is not valid (\(Registry.describe(error))); fix it or restore it with 'git checkout Data/registry'."
                )
            } catch {
                throw StocktakeError(
                    .corruptData, "The registry file \(name) could not be read as JSON; restore it with 'git checkout Data/registry'.")
            }
        }
        let statesFile = try decode(StatesFile.self, "states.json")
        let organizationsFile = try decode(OrganizationsFile.self, "organizations.json")
        let treatiesFile = try decode(TreatiesFile.self, "treaties.json")
        let commitmentsFile = try decode(CommitmentsFile.self, "commitments.json")
        let ambiguities = try decode(AmbiguitiesFile.self, "ambiguous-aliases.json")
        states = statesFile.states.sorted { $0.id < $1.id }
        organizations = organizationsFile.organizations
        treaties = treatiesFile.treaties
        treatyEvents = treatiesFile.events.filter { $0.protocolID == nil }
        protocolEvents = treatiesFile.events.filter { $0.protocolID != nil }
        instruments = commitmentsFile.instruments
        commitments = commitmentsFile.commitments
        addresseeGroups = commitmentsFile.addresseeGroups.mapValues(\.values)
        declaredAmbiguities = ambiguities.ambiguities
        referenceWords = try decode(ReferenceWords.self, "reference-words.json")
        aliasExclusions = try decode(AliasExclusionsFile.self, "alias-exclusions.json").exclusions
        sources = [
            "states.json": statesFile.sources, "organizations.json": organizationsFile.sources,
            "treaties.json": treatiesFile.sources, "commitments.json": commitmentsFile.sources,
        ]
        stateIndex = Registry.index(states.map(\.id))
        organizationIndex = Registry.index(organizations.map(\.id))
        treatyIndex = Registry.index(treaties.map(\.id))
        commitmentIndex = Registry.index(commitments.map(\.id))
        instrumentIndex = Registry.index(instruments.map(\.id))
    }

    static func index(_ ids: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, id) in ids.enumerated() where index[id] == nil { index[id] = position }
        return index
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "at the top level" : "at " + keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field '\(key.stringValue)' \(path(context))"
        case .typeMismatch(_, let context): return "wrong type \(path(context))"
        case .valueNotFound(_, let context): return "missing value \(path(context))"
        case .dataCorrupted(let context): return "\(context.debugDescription) \(path(context))"
        @unknown default: return "unreadable"
        }
    }

    /// The state with this ISO alpha-3 code (case-insensitive), or an error naming the unknown code.
    public func state(_ id: String) throws -> StateRecord {
        let key = id.uppercased()
        if let i = stateIndex[key] { return states[i] }
        if let match = states.first(where: { state in state.names.values.contains { $0.caseInsensitiveCompare(id) == .orderedSame } }) {
            return match
        }
        throw StocktakeError(
            .unknownIdentifier,
            "There is no state '\(id)' in the registry; use an ISO 3166 alpha-3 code such as GBR (see 'stocktake states').")
    }

    /// The organization with this code, or an error naming the unknown code.
    public func organization(_ id: String) throws -> OrganizationRecord {
        if let i = organizationIndex[id.uppercased()] { return organizations[i] }
        throw StocktakeError(
            .unknownIdentifier,
            "There is no organization or group '\(id)'; known codes are \(organizations.map(\.id).joined(separator: ", ")).")
    }

    /// The treaty with this code, or an error naming the unknown code.
    public func treaty(_ id: String) throws -> TreatyRecord {
        if let i = treatyIndex[id.uppercased()] { return treaties[i] }
        throw StocktakeError(
            .unknownIdentifier, "There is no treaty '\(id)'; known codes are \(treaties.map(\.id).joined(separator: ", ")).")
    }

    /// The instrument with this identifier, or an error naming the unknown identifier.
    public func instrument(_ id: String) throws -> InstrumentRecord {
        if let i = instrumentIndex[id.uppercased()] { return instruments[i] }
        throw StocktakeError(
            .unknownIdentifier, "There is no instrument '\(id)'; known instruments are \(instruments.map(\.id).joined(separator: ", ")).")
    }

    /// The commitment with this identifier; spaces are ignored, so `AP2010:5 (c)` finds `AP2010:5(c)`.
    public func commitment(_ id: String) throws -> CommitmentRecord {
        let key = id.filter { !$0.isWhitespace }.replacingOccurrences(of: "（", with: "(")
            .replacingOccurrences(of: "）", with: ")")
        if let i = commitmentIndex[key] { return commitments[i] }
        if let i = commitmentIndex.first(where: { $0.key.uppercased() == key.uppercased() })?.value { return commitments[i] }
        throw StocktakeError(
            .unknownIdentifier,
            "There is no commitment '\(id)'; identifiers look like NPT:VI, PO1995:4(c), STEPS2000:9(a) or AP2010:5(c) (see 'stocktake commitments')."
        )
    }

    /// The items directly under a commitment or instrument, in file order.
    public func children(of id: String) -> [CommitmentRecord] {
        commitments.filter { $0.parent == id || ($0.parent == nil && $0.instrument == id && $0.id != id) }
    }

    /// Looks up a source by the file that cites it and its key.
    public func source(_ key: String, in file: String) -> SourceRecord? {
        sources[file]?[key]
    }

    /// True when the commitment rests on a source that could not be checked against its text (marked `unverified` or
    /// `recalled`), so every view of it must say so.
    public func isUnverified(_ commitment: CommitmentRecord) -> Bool {
        source(commitment.source, in: "commitments.json")?.awaitsCheck ?? false
    }

    /// The display name of a state, organization or addressee group in a language, falling back to English.
    public func displayName(of id: String, in language: Language = .en) -> String {
        if let i = stateIndex[id] { return states[i].names[language] ?? states[i].names[.en] ?? id }
        if let i = organizationIndex[id] { return organizations[i].names[language] ?? organizations[i].names[.en] ?? id }
        if let i = treatyIndex[id] { return treaties[i].names[language] ?? treaties[i].names[.en] ?? id }
        if let group = addresseeGroups[id] { return group[language] ?? group[.en] ?? id }
        return id
    }
}

/// An alias that the data says, on purpose, names more than one thing.
public struct DeclaredAmbiguity: Codable, Sendable {
    /// The alias text.
    public let alias: String
    /// The identifiers it may name.
    public let ids: [String]
    /// How a reader or the extractor tells them apart.
    public let note: String
}

struct StatesFile: Codable {
    let sources: [String: SourceRecord]
    let states: [StateRecord]
}

struct OrganizationsFile: Codable {
    let sources: [String: SourceRecord]
    let organizations: [OrganizationRecord]
}

struct TreatiesFile: Codable {
    let sources: [String: SourceRecord]
    let treaties: [TreatyRecord]
    let events: [TreatyEventRecord]
}

struct CommitmentsFile: Codable {
    let sources: [String: SourceRecord]
    let addresseeGroups: [String: LanguageKeyed<String>]
    let instruments: [InstrumentRecord]
    let commitments: [CommitmentRecord]
}

/// A context in which an alias is not a mention: the alias stands inside one of the longer strings.
public struct AliasExclusion: Codable, Sendable {
    /// The alias text.
    public let alias: String
    /// The language of the alias.
    public let language: Language
    /// Longer strings containing the alias in which it does not count.
    public let notWithin: [String]
    /// True when the alias is also a common word of its language: it counts only written exactly so, capital included.
    public let capitalisedOnly: Bool?
}

/// Words that introduce or connect references ("resolution", "and", "to"), by language, from `reference-words.json`.
public struct ReferenceWords: Codable, Sendable {
    /// Phrases meaning "the Treaty" standing alone.
    public let treatyAnaphora: [String: [String]]
    /// Words introducing resolution numbers.
    public let resolutionWords: [String: [String]]
    /// Words joining items of a list.
    public let listSeparators: [String: [String]]
    /// Words joining the ends of a range.
    public let rangeWords: [String: [String]]
    /// Words linking an item to the instrument that contains it ("of the").
    public let chainConnectors: [String: [String]]
    /// Arabic letters used for sub-items, mapped to Latin letters.
    public let arabicSubItemLetters: [String: String]
    /// Chinese numerals and their values.
    public let chineseNumerals: [String: Int]
    /// Numbers written as ordinal words after an item word, by language (Arabic المادة السادسة, article VI).
    public let ordinalWords: [String: [String: Int]]?
    /// Letters of lettered resolutions written as words, by language (Arabic 55/33 دال is 55/33 D).
    public let resolutionLetterNames: [String: [String: String]]?
}

struct AliasExclusionsFile: Codable {
    let exclusions: [AliasExclusion]
}

struct AmbiguitiesFile: Codable {
    let ambiguities: [DeclaredAmbiguity]
}
