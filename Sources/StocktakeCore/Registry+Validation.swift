/// One problem the registry linter found in the data files.
public struct RegistryIssue: Sendable, Equatable, CustomStringConvertible {
    /// The file at fault.
    public let file: String
    /// What is wrong, naming the record.
    public let message: String

    public var description: String { "\(file): \(message)" }
}

/// One alias and what it names, as the extractor and the linter see it.
public struct AliasEntry: Sendable, Equatable {
    /// The text as written in the data.
    public let text: String
    /// The language it is written in.
    public let language: Language
    /// `state`, `organization`, `treaty` or `commitment`.
    public let kind: String
    /// The identifier it names.
    public let id: String
}

extension Registry {
    /// Every name and alias of every state, organization, treaty and instrument.
    public var aliasEntries: [AliasEntry] {
        var entries: [AliasEntry] = []
        func add(_ kind: String, _ id: String, _ names: [LocalizedText], _ aliases: [Language: [String]]) {
            var seen = Set<String>()
            for map in names {
                for (language, text) in map where seen.insert("\(language.rawValue)|\(text)").inserted {
                    entries.append(AliasEntry(text: text, language: language, kind: kind, id: id))
                }
            }
            for (language, list) in aliases {
                for text in list where seen.insert("\(language.rawValue)|\(text)").inserted {
                    entries.append(AliasEntry(text: text, language: language, kind: kind, id: id))
                }
            }
        }
        for state in states { add("state", state.id, [state.names, state.formalNames], state.aliases) }
        for organization in organizations { add("organization", organization.id, [organization.names], organization.aliases) }
        for treaty in treaties { add("treaty", treaty.id, [treaty.names], treaty.aliases) }
        for instrument in instruments where instrument.kind != "treaty" {
            add("commitment", instrument.id, [], instrument.aliases)
        }
        return entries
    }

    /// Checks the data: duplicate identifiers, dangling references, facts without source or date, undeclared ambiguous aliases.
    public func validate() -> [RegistryIssue] {
        var issues: [RegistryIssue] = []
        func duplicates(_ ids: [String], _ file: String, _ what: String) {
            var seen = Set<String>()
            for id in ids where !seen.insert(id).inserted {
                issues.append(RegistryIssue(file: file, message: "\(what) identifier \(id) is used twice"))
            }
        }
        duplicates(states.map(\.id), "states.json", "state")
        duplicates(organizations.map(\.id), "organizations.json", "organization")
        duplicates(treaties.map(\.id), "treaties.json", "treaty")
        duplicates(commitments.map(\.id), "commitments.json", "commitment")
        let commitmentIDs = Set(commitments.map(\.id))
        for instrument in instruments where commitmentIDs.contains(instrument.id) {
            // An instrument may be its own single commitment (ME1995); then nothing else may sit under it.
            if commitments.contains(where: { $0.instrument == instrument.id && $0.id != instrument.id }) {
                issues.append(
                    RegistryIssue(file: "commitments.json", message: "instrument \(instrument.id) is also a commitment but has other items")
                )
            }
        }

        func checkSource(_ key: String, _ file: String, _ what: String) {
            guard let source = sources[file]?[key] else {
                issues.append(
                    RegistryIssue(file: file, message: "\(what) cites source '\(key)', which the file's sources table does not define"))
                return
            }
            if source.url.isEmpty || source.title.isEmpty {
                issues.append(RegistryIssue(file: file, message: "source '\(key)' has no URL or title"))
            }
        }
        for (file, table) in sources.sorted(by: { $0.key < $1.key }) {
            for (key, source) in table.sorted(by: { $0.key < $1.key }) {
                if let status = source.verification, !Registry.verificationStatuses.contains(status) {
                    issues.append(
                        RegistryIssue(
                            file: file,
                            message:
                                "source '\(key)' is marked '\(status)'; use one of \(Registry.verificationStatuses.joined(separator: ", "))"
                        ))
                }
            }
        }
        for state in states {
            checkSource(state.source, "states.json", "state \(state.id)")
            for (language, name) in state.nameSources.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                checkSource(name.source, "states.json", "the \(language.rawValue.uppercased()) name of state \(state.id)")
                if name.url.isEmpty {
                    issues.append(
                        RegistryIssue(
                            file: "states.json", message: "the \(language.rawValue.uppercased()) name of state \(state.id) has no URL"))
                }
            }
            if state.id.count != 3 || !state.id.allSatisfy({ $0.isASCII && $0.isUppercase }) {
                issues.append(RegistryIssue(file: "states.json", message: "state identifier \(state.id) is not an ISO alpha-3 code"))
            }
            for language in Language.allCases where (state.names[language] ?? "").isEmpty {
                issues.append(
                    RegistryIssue(file: "states.json", message: "state \(state.id) has no \(language.rawValue.uppercased()) name"))
            }
        }
        for organization in organizations {
            let file = "organizations.json"
            checkSource(organization.source, file, "organization \(organization.id)")
            if let parent = organization.parent, organizationIndex[parent] == nil {
                issues.append(RegistryIssue(file: file, message: "organization \(organization.id) names unknown parent \(parent)"))
            }
            for membership in organization.memberships ?? [] {
                checkSource(membership.source, file, "membership of \(membership.state) in \(organization.id)")
                if stateIndex[membership.state] == nil {
                    issues.append(
                        RegistryIssue(file: file, message: "organization \(organization.id) lists unknown state \(membership.state)"))
                }
                if let to = membership.to, to < membership.from {
                    issues.append(
                        RegistryIssue(file: file, message: "membership of \(membership.state) in \(organization.id) ends before it starts"))
                }
            }
            duplicates(
                (organization.memberships ?? []).filter { $0.to == nil }.map(\.state), file, "current member of \(organization.id): state")
            if let derived = organization.derived {
                for treaty in [derived.partiesOf, derived.signatoriesOf].compactMap({ $0 }) where treatyIndex[treaty] == nil {
                    issues.append(
                        RegistryIssue(file: file, message: "organization \(organization.id) derives from unknown treaty \(treaty)"))
                }
                for other in [derived.membersOf, derived.excluding].compactMap({ $0 }) where organizationIndex[other] == nil {
                    issues.append(
                        RegistryIssue(file: file, message: "organization \(organization.id) derives from unknown organization \(other)"))
                }
            }
        }
        for treaty in treaties {
            checkSource(treaty.source, "treaties.json", "treaty \(treaty.id)")
            for (language, key) in treaty.nameSources.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                checkSource(key, "treaties.json", "the \(language.rawValue.uppercased()) name of treaty \(treaty.id)")
            }
            for event in treaty.events {
                checkSource(event.source, "treaties.json", "event \(event.event.rawValue) of \(treaty.id)")
                if !event.event.isTreatyWide {
                    issues.append(
                        RegistryIssue(
                            file: "treaties.json",
                            message: "treaty \(treaty.id) lists the per-state event \(event.event.rawValue) among its own events"))
                }
            }
        }
        var consent = Set<String>()
        for event in treatyEvents + protocolEvents {
            let instrument = (event.protocolID.map { "protocol \($0) to " } ?? "") + (event.treaty ?? "?")
            let what = "event \(event.event.rawValue) of \(event.state ?? "?") for \(instrument)"
            checkSource(event.source, "treaties.json", what)
            guard let treaty = event.treaty, let treatyRecord = treatyIndex[treaty].map({ treaties[$0] }) else {
                issues.append(RegistryIssue(file: "treaties.json", message: "\(what) names an unknown treaty"))
                continue
            }
            if let protocolID = event.protocolID, !treatyRecord.protocols.contains(where: { $0.id == protocolID }) {
                issues.append(
                    RegistryIssue(file: "treaties.json", message: "\(what) names a protocol the treaty's record does not list"))
            }
            guard let state = event.state, stateIndex[state] != nil else {
                issues.append(RegistryIssue(file: "treaties.json", message: "\(what) names an unknown or missing state"))
                continue
            }
            if event.event.isTreatyWide {
                issues.append(RegistryIssue(file: "treaties.json", message: "\(what) is a treaty-wide event listed for one state"))
            }
            if event.event.isConsent && !consent.insert("\(instrument)|\(state)").inserted {
                issues.append(RegistryIssue(file: "treaties.json", message: "\(state) consents to be bound by \(instrument) twice"))
            }
        }
        for instrument in instruments {
            checkSource(instrument.source, "commitments.json", "instrument \(instrument.id)")
        }
        let addressable = Set(stateIndex.keys).union(organizationIndex.keys).union(addresseeGroups.keys)
        for commitment in commitments {
            let file = "commitments.json"
            checkSource(commitment.source, file, "commitment \(commitment.id)")
            if instrumentIndex[commitment.instrument] == nil {
                issues.append(
                    RegistryIssue(file: file, message: "commitment \(commitment.id) names unknown instrument \(commitment.instrument)"))
            }
            if let parent = commitment.parent, commitmentIndex[parent] == nil, instrumentIndex[parent] == nil {
                issues.append(RegistryIssue(file: file, message: "commitment \(commitment.id) names unknown parent \(parent)"))
            }
            for addressee in commitment.addressees where !addressable.contains(addressee) {
                issues.append(RegistryIssue(file: file, message: "commitment \(commitment.id) is addressed to unknown \(addressee)"))
            }
            for related in commitment.relatedTo where commitmentIndex[related] == nil && instrumentIndex[related] == nil {
                issues.append(RegistryIssue(file: file, message: "commitment \(commitment.id) links to unknown \(related)"))
            }
            if commitment.labels[.en] == nil || commitment.labels[.zh] == nil {
                issues.append(RegistryIssue(file: file, message: "commitment \(commitment.id) needs labels in EN and ZH"))
            }
            if commitment.addressees.isEmpty {
                issues.append(RegistryIssue(file: file, message: "commitment \(commitment.id) has no addressees"))
            }
        }
        issues += aliasConflicts()
        return issues
    }

    /// Aliases that name two different things without an entry in `ambiguous-aliases.json`.
    func aliasConflicts() -> [RegistryIssue] {
        var owners: [String: Set<String>] = [:]
        for entry in aliasEntries {
            owners[Registry.aliasKey(entry.text), default: []].insert(entry.id)
        }
        let declared = Dictionary(
            declaredAmbiguities.map { (Registry.aliasKey($0.alias), Set($0.ids)) }, uniquingKeysWith: { $0.union($1) })
        var issues: [RegistryIssue] = []
        for (key, ids) in owners.sorted(by: { $0.key < $1.key }) where ids.count > 1 {
            if let allowed = declared[key], ids.isSubset(of: allowed) { continue }
            issues.append(
                RegistryIssue(
                    file: "ambiguous-aliases.json",
                    message: "alias '\(key)' names \(ids.sorted().joined(separator: " and ")) but is not declared ambiguous"))
        }
        return issues
    }

    /// The comparison key for aliases: case-folded, with spacing collapsed.
    public static func aliasKey(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
