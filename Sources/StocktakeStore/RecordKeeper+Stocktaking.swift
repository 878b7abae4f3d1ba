import Foundation
public import StocktakeCore
public import StocktakeLedger

/// An assessment as a person gives it, before it is checked: on the command line or as a CSV row.
public struct AssessmentDraft: Sendable {
    /// The state's code.
    public var state: String
    /// The commitment.
    public var commitment: String
    /// `2026` or a date range.
    public var cycle: String
    /// A status on the scale.
    public var status: String
    /// Why.
    public var rationale: String
    /// Evidence identifiers (`ev-12`) or paragraph citations, which become new evidence items.
    public var evidence: [String]

    /// Creates a draft.
    public init(state: String, commitment: String, cycle: String, status: String, rationale: String, evidence: [String]) {
        self.state = state
        self.commitment = commitment
        self.cycle = cycle
        self.status = status
        self.rationale = rationale
        self.evidence = evidence
    }
}

/// A candidate evidence item for a person to accept with `stocktake evidence add`.
public struct EvidenceSuggestion: Sendable, Codable, Equatable {
    /// `paragraph` or `treaty-event`.
    public let kind: String
    /// The state or group it would be evidence about.
    public let subject: String?
    /// The citation or the event.
    public let citation: String
    /// Who submitted the document, as printed.
    public let submitter: String?
    /// The words that name the commitment in the paragraph.
    public let surfaces: [String]
    /// The arguments of `stocktake evidence add` that record it.
    public let arguments: [String]
}

extension RecordKeeper {
    /// The largest rationale or note accepted, in characters.
    public static let maximumRationale = 8_000

    /// Refuses an author key that does not hold `role` in the log's latest grant for it.
    public func requireRole(_ role: String, of author: NoteSigner) throws {
        try catchUp()
        let roles = try store.roles(author: author.name, keyID: Hex.encode(author.verifier.keyID))
        guard roles.contains(role) else {
            throw StocktakeError(
                .key,
                "The author key \(author.name) does not hold the \(role) role; the operator grants it with 'stocktake keys grant \(author.name) --role \(role)'."
            )
        }
    }

    /// Grants roles to an existing author key: an `author.roles` entry signed by the operator.
    @discardableResult
    public func grant(roles: [String], to name: String) throws -> LoggedEntry {
        for role in roles where !AuthorRolesPayload.knownRoles.contains(role) {
            throw StocktakeError(
                .invalidArgument, "'\(role)' is not a role; use one of \(AuthorRolesPayload.knownRoles.joined(separator: ", ")).")
        }
        let key = try keys.authorSigner(name)
        let payload = AuthorRolesPayload(name: name, key: key.verifier.encoded, roles: Array(Set(roles)).sorted())
        return try append([(AuthorRolesPayload.entryType, payload)], author: author)[0]
    }

    /// Checks a paragraph citation against the library and returns the evidence it makes, quoting `quote` (or the whole paragraph).
    public func paragraphEvidence(citation: String, quote: String? = nil) throws -> EvidenceSource {
        let cited = try CitationText(parsing: citation)
        guard let found = try store.paragraph(cited: cited) else {
            throw StocktakeError(
                .unknownIdentifier,
                "The library holds no paragraph '\(citation)'; copy the citation from 'stocktake search' or 'stocktake refs'.")
        }
        let text = Array(found.paragraph.text.unicodeScalars)
        var start = 0, end = text.count
        if let quote, !quote.isEmpty {
            let needle = Array(quote.unicodeScalars)
            guard
                let at = (0...max(0, text.count - needle.count)).first(where: {
                    text.count >= needle.count && Array(text[$0..<$0 + needle.count]) == needle
                })
            else {
                throw StocktakeError(.invalidArgument, "The quote is not in \(citation); copy it exactly from 'stocktake show'.")
            }
            start = at
            end = at + needle.count
        }
        return .paragraph(
            ParagraphEvidence(
                citation: CitationText.format(
                    symbol: found.symbol, number: found.paragraph.number, ordinal: found.paragraph.ordinal,
                    language: found.paragraph.language),
                symbol: found.symbol, language: found.paragraph.language, paragraph: found.paragraph.number,
                ordinal: found.paragraph.ordinal,
                versionEntry: found.versionEntry, contentSHA256: found.contentSHA256,
                quote: String(String.UnicodeScalarView(text[start..<end])), start: start, end: end))
    }

    /// Finds a treaty event in the registry and returns the evidence it makes.
    public func treatyEventEvidence(treaty: String, state: String, event: String, date: Day?) throws -> EvidenceSource {
        let treatyRecord = try registry.treaty(treaty)
        let stateRecord = try registry.state(state)
        let matches = registry.treatyEvents.filter {
            $0.treaty == treatyRecord.id && $0.state == stateRecord.id && $0.event.rawValue == event && (date == nil || $0.date == date)
        }
        guard let found = matches.last else {
            throw StocktakeError(
                .unknownIdentifier,
                "The registry holds no '\(event)' event of \(state) under \(treaty)\(date.map { " on \($0)" } ?? ""); see 'stocktake state \(state)' for its events."
            )
        }
        return .treatyEvent(
            TreatyEventEvidence(
                treaty: treatyRecord.id, state: stateRecord.id, event: found.event.rawValue, date: found.date,
                datePrecision: found.datePrecision?.rawValue,
                source: registry.source(found.source, in: "treaties.json")?.url ?? found.source))
    }

    /// Checks an external source and returns the evidence it makes.
    public static func externalEvidence(url: String, title: String, consulted: Day, sha256: String?) throws -> EvidenceSource {
        guard url.count <= 2_000, let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            ["http", "https"].contains(scheme), parsed.host != nil
        else {
            throw StocktakeError(.invalidArgument, "'\(url.prefix(80))' is not a web address; give a full http or https URL.")
        }
        let trimmedTitle = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmedTitle.isEmpty, trimmedTitle.count <= 500 else {
            throw StocktakeError(.invalidArgument, "An external source needs a title of 1 to 500 characters; give it with --title.")
        }
        if let sha256 {
            guard sha256.count == 64, Hex.decode(Substring(sha256.lowercased())) != nil else {
                throw StocktakeError(.invalidArgument, "--sha256 must be the 64 hex digits of the saved copy's SHA-256.")
            }
        }
        return .external(ExternalEvidence(url: url, title: trimmedTitle, consulted: consulted, sha256: sha256?.lowercased()))
    }

    /// Records one evidence item after checking its subject and commitment.
    public func addEvidence(subject: String, commitment: String, source: EvidenceSource, note: String?, author: NoteSigner) throws
        -> RecordedEvidence
    {
        try requireRole("assessor", of: author)
        let payload = try evidencePayload(subject: subject, commitment: commitment, source: source, note: note)
        let entry = try append([(EvidencePayload.entryType, payload)], author: author)[0]
        return RecordedEvidence(entryIndex: entry.index, author: author.name, payload: payload)
    }

    func evidencePayload(subject: String, commitment: String, source: EvidenceSource, note: String?) throws -> EvidencePayload {
        let subjectID: String
        if let state = try? registry.state(subject) {
            subjectID = state.id
        } else if let organization = try? registry.organization(subject) {
            subjectID = organization.id
        } else {
            throw StocktakeError(
                .unknownIdentifier, "'\(subject)' is neither a state nor a group in the registry; use a code such as GBR or NWS.")
        }
        let commitmentID = try registry.commitment(commitment).id
        if let note { try RecordKeeper.checkText(note, what: "note") }
        return EvidencePayload(subject: subjectID, commitment: commitmentID, source: source, note: note)
    }

    static func checkText(_ text: String, what: String) throws {
        guard text.count <= maximumRationale else {
            throw StocktakeError(
                .tooLarge, "The \(what) is \(text.count) characters; keep it under \(maximumRationale) and cite evidence for the rest.")
        }
        guard !text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F }) else {
            throw StocktakeError(.encoding, "The \(what) contains control characters; remove them and try again.")
        }
    }

    /// Checks one draft against the registry, the scale, the cycles and the library; returns the entries it needs (new evidence first).
    func entries(for draft: AssessmentDraft, reference: StocktakingReference, firstIndex: UInt64) throws -> [(
        type: String, payload: any Encodable & Sendable
    )] {
        let state = try registry.state(draft.state)
        let commitment = try registry.commitment(draft.commitment)
        let period = try reference.calendar.period(draft.cycle)
        _ = try reference.scale.status(draft.status)
        let rationale = draft.rationale.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !rationale.isEmpty else {
            throw StocktakeError(.invalidArgument, "An assessment needs a rationale in a sentence or more; give it with --rationale.")
        }
        try RecordKeeper.checkText(rationale, what: "rationale")
        var items: [(type: String, payload: any Encodable & Sendable)] = []
        var evidenceIDs: [String] = []
        for given in draft.evidence.map({ $0.trimmingCharacters(in: .whitespaces) }) where !given.isEmpty {
            if given.hasPrefix("ev-") {
                guard let item = try store.evidenceItem(id: given) else {
                    throw StocktakeError(
                        .unknownIdentifier, "There is no evidence item \(given); list them with 'stocktake evidence list'.")
                }
                let related =
                    item.payload.commitment == commitment.id || commitment.id.hasPrefix(item.payload.commitment + "(")
                    || item.payload.commitment.hasPrefix(commitment.id + "(")
                let about = item.payload.subject == state.id || registry.organizations.contains { $0.id == item.payload.subject }
                guard related, about else {
                    throw StocktakeError(
                        .invalidArgument,
                        "\(given) is evidence about \(item.payload.subject) on \(item.payload.commitment), not about \(state.id) on \(commitment.id); cite evidence for this assessment."
                    )
                }
                evidenceIDs.append(given)
            } else {
                let source = try paragraphEvidence(citation: given)
                let index = firstIndex + UInt64(items.count)
                items.append(
                    (
                        EvidencePayload.entryType,
                        try evidencePayload(subject: state.id, commitment: commitment.id, source: source, note: nil)
                    ))
                evidenceIDs.append(RecordedEvidence.id(index))
            }
        }
        let payload = AssessmentPayload(
            state: state.id, commitment: commitment.id, cycle: period, status: draft.status, rationale: rationale, evidence: evidenceIDs,
            method: "\(reference.method.id)@\(reference.method.version)")
        items.append((AssessmentPayload.entryType, payload))
        return items
    }

    /// Records assessments, all or none: every draft is checked first, and one bad draft refuses the lot, naming each bad line.
    @discardableResult
    public func assess(_ drafts: [(line: Int?, draft: AssessmentDraft)], reference: StocktakingReference, author: NoteSigner) throws
        -> [RecordedAssessment]
    {
        try requireRole("assessor", of: author)
        guard !drafts.isEmpty else { throw StocktakeError(.emptyInput, "There is no assessment to record.") }
        var items: [(type: String, payload: any Encodable & Sendable)] = []
        var problems: [String] = []
        for (line, draft) in drafts {
            do {
                items += try entries(for: draft, reference: reference, firstIndex: log.size + UInt64(items.count))
            } catch let error as StocktakeError {
                problems.append(line.map { "line \($0): \(error.message)" } ?? error.message)
            }
        }
        guard problems.isEmpty else {
            if drafts.count == 1 && drafts[0].line == nil { throw StocktakeError(.invalidArgument, problems[0]) }
            throw StocktakeError(
                .invalidArgument,
                "\(problems.count) of \(drafts.count) rows are invalid, so nothing was recorded; fix them and import again:\n"
                    + problems.map { "  " + $0 }.joined(separator: "\n"))
        }
        return try append(items, author: author).compactMap { entry in
            guard case .assessment(let payload) = entry.payload else { return nil }
            return RecordedAssessment(entryIndex: entry.index, author: entry.author, time: entry.time, payload: payload)
        }
    }

    /// Reads an assessments CSV (`state,commitment,cycle,status,rationale,evidence`) into drafts with their line numbers.
    public static func assessmentDrafts(csv text: String, name: String) throws -> [(line: Int?, draft: AssessmentDraft)] {
        let table = try CSVTable(text: text, required: ["state", "commitment", "cycle", "status", "rationale"], name: name)
        guard !table.rows.isEmpty else {
            throw StocktakeError(.emptyInput, "\(name) has a header but no rows; add one assessment per line.")
        }
        return table.rows.map { row in
            let evidence = (row.fields["evidence"] ?? "").split(separator: ";").map { String($0) }
            return (
                row.line,
                AssessmentDraft(
                    state: row.fields["state"] ?? "", commitment: row.fields["commitment"] ?? "", cycle: row.fields["cycle"] ?? "",
                    status: row.fields["status"] ?? "", rationale: row.fields["rationale"] ?? "", evidence: evidence)
            )
        }
    }
}

extension RecordAccess {
    /// Candidate evidence for a commitment: paragraphs that refer to it (marked when the state or its group submitted them) and the registry's events behind its derivation.
    public func suggestEvidence(commitment: String, state: String?, reference: StocktakingReference) throws -> [EvidenceSuggestion] {
        let record = try registry.commitment(commitment)
        let stateID = try state.map { try registry.state($0).id }
        var suggestions: [EvidenceSuggestion] = []
        let hits = try store.evidence(for: record.id)
        // Paragraphs the state (or a group it belongs to) submitted come first: they are its own account.
        let ordered = stateID.map { id in hits.filter { $0.submitters.contains(id) } + hits.filter { !$0.submitters.contains(id) } } ?? hits
        for hit in ordered {
            let subject: String? = stateID ?? hit.submitters.first
            var arguments = ["evidence", "add"]
            if let subject { arguments += ["--subject", subject] }
            arguments += ["--commitment", record.id, "--cite", hit.citation]
            suggestions.append(
                EvidenceSuggestion(
                    kind: "paragraph", subject: subject, citation: hit.citation, submitter: hit.submitter, surfaces: hit.surfaces,
                    arguments: arguments))
        }
        for rule in reference.method.derivations where rule.commitment == record.id {
            let events = registry.treatyEvents.filter {
                $0.treaty == rule.treaty && $0.state != nil && (stateID == nil || $0.state == stateID)
            }
            for event in events.sorted(by: { ($0.state!, $0.date) < ($1.state!, $1.date) }) {
                let evidence = TreatyEventEvidence(
                    treaty: rule.treaty, state: event.state!, event: event.event.rawValue, date: event.date,
                    datePrecision: event.datePrecision?.rawValue, source: event.source)
                suggestions.append(
                    EvidenceSuggestion(
                        kind: "treaty-event", subject: event.state, citation: evidence.summary, submitter: nil, surfaces: [],
                        arguments: [
                            "evidence", "add", "--subject", event.state!, "--commitment", record.id, "--treaty-event",
                            "\(rule.treaty):\(event.state!):\(event.event.rawValue):\(event.date)",
                        ]))
            }
        }
        return suggestions
    }
}
