/// A paragraph of the library quoted as evidence, pinned to the exact version it was read in.
public struct ParagraphEvidence: Codable, Sendable, Equatable {
    /// The citation as `search` and `refs` print it: `SYMBOL, para. N (LANG)`.
    public let citation: String
    /// The document's symbol.
    public let symbol: String
    /// The language version, lower case.
    public let language: String
    /// The paragraph number as printed; nil when unnumbered.
    public let paragraph: String?
    /// The paragraph's position in its version, from 1.
    public let ordinal: Int
    /// The log entry that recorded the version.
    public let versionEntry: UInt64
    /// SHA-256 of the version's source file, so the quote can be checked against the logged document.
    public let contentSHA256: String
    /// The quoted passage.
    public let quote: String
    /// Where the quote starts in the paragraph's text, in Unicode scalars.
    public let start: Int
    /// Where the quote ends (exclusive), in Unicode scalars.
    public let end: Int

    /// Creates paragraph evidence.
    public init(
        citation: String, symbol: String, language: String, paragraph: String?, ordinal: Int, versionEntry: UInt64, contentSHA256: String,
        quote: String, start: Int, end: Int
    ) {
        self.citation = citation
        self.symbol = symbol
        self.language = language
        self.paragraph = paragraph
        self.ordinal = ordinal
        self.versionEntry = versionEntry
        self.contentSHA256 = contentSHA256
        self.quote = quote
        self.start = start
        self.end = end
    }
}

/// A treaty event from the registry given as evidence.
public struct TreatyEventEvidence: Codable, Sendable, Equatable {
    /// The treaty, such as `CTBT`.
    public let treaty: String
    /// The state.
    public let state: String
    /// The kind of event, such as `ratified`.
    public let event: String
    /// Its date.
    public let date: Day
    /// `on-or-before` when only a later bound is known.
    public let datePrecision: String?
    /// The registry's source for the event (URL or symbol).
    public let source: String

    /// Creates treaty-event evidence.
    public init(treaty: String, state: String, event: String, date: Day, datePrecision: String?, source: String) {
        self.treaty = treaty
        self.state = state
        self.event = event
        self.date = date
        self.datePrecision = datePrecision
        self.source = source
    }

    /// "CTBT: GBR ratified on 1998-04-06".
    public var summary: String {
        "\(treaty): \(state) \(event) \(datePrecision == "on-or-before" ? "on or before" : "on") \(date)"
    }
}

/// A source outside the library: a web page or a file, with the day it was consulted.
public struct ExternalEvidence: Codable, Sendable, Equatable {
    /// Where to read it.
    public let url: String
    /// Its title.
    public let title: String
    /// The day it was consulted.
    public let consulted: Day
    /// SHA-256 of a saved copy, hex, when one was kept.
    public let sha256: String?

    /// Creates external evidence.
    public init(url: String, title: String, consulted: Day, sha256: String?) {
        self.url = url
        self.title = title
        self.consulted = consulted
        self.sha256 = sha256
    }
}

/// What an evidence item points to.
public enum EvidenceSource: Codable, Sendable, Equatable {
    /// A paragraph of the library.
    case paragraph(ParagraphEvidence)
    /// A treaty event of the registry.
    case treatyEvent(TreatyEventEvidence)
    /// A source outside the library.
    case external(ExternalEvidence)

    enum CodingKeys: String, CodingKey { case kind, paragraph, treatyEvent, external }

    /// `paragraph`, `treaty-event` or `external`.
    public var kind: String {
        switch self {
        case .paragraph: "paragraph"
        case .treatyEvent: "treaty-event"
        case .external: "external"
        }
    }

    /// One line a reader can follow: the citation, the event, or the title and URL.
    public var citation: String {
        switch self {
        case .paragraph(let paragraph): paragraph.citation
        case .treatyEvent(let event): event.summary
        case .external(let external): "\(external.title), \(external.url) (consulted \(external.consulted))"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "paragraph": self = .paragraph(try container.decode(ParagraphEvidence.self, forKey: .paragraph))
        case "treaty-event": self = .treatyEvent(try container.decode(TreatyEventEvidence.self, forKey: .treatyEvent))
        case "external": self = .external(try container.decode(ExternalEvidence.self, forKey: .external))
        case let other:
            throw StocktakeError(.corruptData, "'\(other)' is not a kind of evidence; the entry was written by an incompatible version.")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .paragraph(let value): try container.encode(value, forKey: .paragraph)
        case .treatyEvent(let value): try container.encode(value, forKey: .treatyEvent)
        case .external(let value): try container.encode(value, forKey: .external)
        }
    }
}

/// What an `evidence` log entry carries: a link from a state or group and a commitment to something that shows it.
public struct EvidencePayload: Codable, Sendable, Equatable {
    /// The entry type of evidence.
    public static let entryType = "evidence"

    /// The state or group the evidence is about.
    public let subject: String
    /// The commitment.
    public let commitment: String
    /// What shows it.
    public let source: EvidenceSource
    /// A remark in the author's words.
    public let note: String?

    /// Creates a payload.
    public init(subject: String, commitment: String, source: EvidenceSource, note: String?) {
        self.subject = subject
        self.commitment = commitment
        self.source = source
        self.note = note
    }
}

/// An evidence item as recorded: its identifier (`ev-<log index>`), author and payload.
public struct RecordedEvidence: Codable, Sendable, Equatable {
    /// `ev-` and the log index of the entry that recorded it.
    public let id: String
    /// The log entry.
    public let entryIndex: UInt64
    /// The author's key name.
    public let author: String
    /// What was recorded.
    public let payload: EvidencePayload

    /// Creates a recorded item.
    public init(entryIndex: UInt64, author: String, payload: EvidencePayload) {
        id = RecordedEvidence.id(entryIndex)
        self.entryIndex = entryIndex
        self.author = author
        self.payload = payload
    }

    /// The identifier of the evidence recorded by entry `index`.
    public static func id(_ index: UInt64) -> String { "ev-\(index)" }
}
