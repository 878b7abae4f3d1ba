public import Foundation
public import StocktakeCore
public import StocktakeLedger
public import StocktakeText

/// What a `document.version` log entry carries: one language version of a document, as extracted.
public struct DocumentVersionPayload: Codable, Sendable, Equatable {
    /// The entry type of document versions.
    public static let entryType = "document.version"

    /// The document's key: its UN symbol, or `UNSYMBOLLED/<hash>` when it has none.
    public let symbol: String
    /// The language of this version.
    public let language: String
    /// SHA-256 of the source file's bytes, hex.
    public let contentSHA256: String
    /// The file name it was read from.
    public let sourceName: String
    /// States and organizations named as its submitter.
    public let submitterIDs: [String]
    /// The extracted document: header, paragraphs and references.
    public let document: ExtractedDocument

    /// Creates a payload.
    public init(
        symbol: String, language: String, contentSHA256: String, sourceName: String, submitterIDs: [String], document: ExtractedDocument
    ) {
        self.symbol = symbol
        self.language = language
        self.contentSHA256 = contentSHA256
        self.sourceName = sourceName
        self.submitterIDs = submitterIDs
        self.document = document
    }
}

/// A stored language version of a document.
public struct StoredVersion: Sendable, Equatable {
    /// The document's key.
    public let symbol: String
    /// The language.
    public let language: String
    /// The version number within that language, from 1.
    public let version: Int
    /// The log entry that recorded it.
    public let entryIndex: UInt64
}

/// How search results are ordered.
public enum SearchSort: String, Sendable, Codable, CaseIterable {
    /// Phrase and reference matches first, then by BM25 over the search tokens.
    case relevance
    /// By document date, latest first.
    case newest
    /// By document date, earliest first.
    case oldest
}

/// A search over the paragraphs of the library.
public struct SearchQuery: Sendable {
    /// The most matches a query counts, ranks and describes in facets: the newest this many of each part of the query
    /// (its words, their phrase, the concepts it names); a larger total is reported as "more than" this.
    public static let candidateCap = 1_000

    /// The query as typed: words (all required), "phrases", OR, -word, parentheses, word*.
    public var text: String
    /// Only this language.
    public var language: Language?
    /// Only documents whose symbol starts with this.
    public var symbolPrefix: String?
    /// Only paragraphs that refer to this identifier.
    public var reference: String?
    /// Only documents submitted by one of these states or organizations.
    public var submitters: [String]?
    /// Only documents dated on or after this day.
    public var from: Day?
    /// Only documents dated on or before this day.
    public var to: Day?
    /// Only documents dated in this year.
    public var year: Int?
    /// Only documents of this type (`working-paper`, `resolution`, `report`, `document`).
    public var type: String?
    /// Identifiers the query names (from the reference extractor): paragraphs in any language that refer to them match too.
    public var concepts: [String] = []
    /// False to match the words only (`--no-concepts`).
    public var useConcepts = true
    /// The order; relevance when there is text to rank by, else newest.
    public var sort: SearchSort?
    /// At most this many hits.
    public var limit = 20
    /// Skip this many hits.
    public var offset = 0
    /// The most candidates ranked and counted (``candidateCap`` unless a test or benchmark asks for fewer).
    public var cap = SearchQuery.candidateCap

    /// Creates a query for `text`.
    public init(text: String) { self.text = text }
}

/// One paragraph found, with what a reader needs to cite it.
public struct SearchHit: Sendable, Codable, Equatable {
    /// The document's symbol.
    public let symbol: String
    /// The paragraph's language.
    public let language: String
    /// The paragraph number as printed, nil when unnumbered.
    public let paragraph: String?
    /// The paragraph's position in the document, from 1.
    public let ordinal: Int
    /// The document date.
    public let date: String?
    /// The document title.
    public let title: String?
    /// A window of the text around the match, the match wrapped in ⟦ ⟧.
    public let snippet: String
    /// "NPT/CONF.2026/PC.III/WP.12, para. 9 (ZH)".
    public let citation: String
    /// The identifiers through which the paragraph matched (concept search); empty when the words matched.
    public let matchedBy: [String]

    /// Creates a hit.
    public init(
        symbol: String, language: String, paragraph: String?, ordinal: Int, date: String?, title: String?, snippet: String,
        citation: String,
        matchedBy: [String] = []
    ) {
        self.symbol = symbol
        self.language = language
        self.paragraph = paragraph
        self.ordinal = ordinal
        self.date = date
        self.title = title
        self.snippet = snippet
        self.citation = citation
        self.matchedBy = matchedBy
    }
}

/// One value of a facet and how many hits have it.
public struct FacetCount: Sendable, Codable, Equatable {
    /// The value: a language code, a symbol, a year, a state or a commitment.
    public let value: String
    /// Hits with it.
    public let count: Int
}

/// Counts of the hits by language, document, year, submitter and referenced commitment, to narrow a search.
public struct SearchFacets: Sendable, Codable, Equatable {
    /// By language (adds up to the total).
    public var languages: [FacetCount] = []
    /// By document, the 20 largest.
    public var documents: [FacetCount] = []
    /// By year of the document's date (adds up to the total; `undated` for documents without a date).
    public var years: [FacetCount] = []
    /// By submitting state or organization, the 20 largest (a document with several submitters counts for each).
    public var submitters: [FacetCount] = []
    /// By commitment the paragraphs refer to, the 20 largest.
    public var commitments: [FacetCount] = []

    /// No counts.
    public init() {}

    /// Counts.
    public init(languages: [FacetCount], documents: [FacetCount], years: [FacetCount], submitters: [FacetCount], commitments: [FacetCount])
    {
        self.languages = languages
        self.documents = documents
        self.years = years
        self.submitters = submitters
        self.commitments = commitments
    }
}

/// A page of search results.
public struct SearchResults: Sendable, Codable, Equatable {
    /// The query's search tokens, as matched.
    public let tokens: [String]
    /// All matching paragraphs, before limit and offset (at most ``SearchQuery/candidateCap``).
    public let total: Int
    /// True when more paragraphs match than were counted: the total is then "more than" it.
    public let totalIsCapped: Bool
    /// The hits on this page.
    public let hits: [SearchHit]
    /// Counts of all hits by language, document, year, submitter and commitment.
    public let facets: SearchFacets
    /// The identifiers the query named, whose references matched too.
    public let concepts: [String]
    /// How the query was read, when it had to be repaired.
    public let notes: [String]

    /// Creates results.
    public init(
        tokens: [String], total: Int, totalIsCapped: Bool, hits: [SearchHit], facets: SearchFacets, concepts: [String], notes: [String]
    ) {
        self.tokens = tokens
        self.total = total
        self.totalIsCapped = totalIsCapped
        self.hits = hits
        self.facets = facets
        self.concepts = concepts
        self.notes = notes
    }
}

/// One paragraph in the evidence trail of a commitment, treaty, state or resolution.
public struct EvidenceHit: Sendable, Codable, Equatable {
    /// The document's symbol.
    public let symbol: String
    /// The document date.
    public let date: String?
    /// The submitter as printed.
    public let submitter: String?
    /// The states and groups named as submitter.
    public let submitters: [String]
    /// The language.
    public let language: String
    /// The paragraph number.
    public let paragraph: String?
    /// The surfaces that name the identifier.
    public let surfaces: [String]
    /// The citation.
    public let citation: String
}

/// A stored paragraph, for `show`.
public struct StoredParagraph: Sendable, Codable, Equatable {
    /// The language.
    public let language: String
    /// The number as printed.
    public let number: String?
    /// Position in the document, from 1.
    public let ordinal: Int
    /// The text.
    public let text: String
    /// Its references.
    public let references: [Reference]
}

/// A stored document with its current language versions.
public struct StoredDocument: Sendable, Codable, Equatable {
    /// The symbol.
    public let symbol: String
    /// The header of the version shown.
    public let header: DocumentHeader
    /// Languages held, current version number of each.
    public let versions: [String: Int]
    /// The paragraphs of the version shown.
    public let paragraphs: [StoredParagraph]
}

/// What a log entry carries, decoded by its type: one case per type that has an applier.
public enum EntryPayload: Sendable, Equatable {
    /// A language version of a document.
    case documentVersion(DocumentVersionPayload)
    /// Roles granted to an author key.
    case authorRoles(AuthorRolesPayload)
    /// An evidence link.
    case evidence(EvidencePayload)
    /// An assessment.
    case assessment(AssessmentPayload)
    /// A sourced figure.
    case figure(FigurePayload)
    /// A commitment to an escrowed declaration.
    case declarationCommitment(DeclarationCommitmentPayload)
    /// Rows revealed from an escrowed declaration.
    case declarationReveal(DeclarationRevealPayload)
    /// A type without an applier (notes, load tests): it only advances the applied count.
    case other

    /// The entry types that have an applier; `log append` refuses them, since only validated writes may carry them.
    public static let projectedTypes: Set<String> = [
        DocumentVersionPayload.entryType, AuthorRolesPayload.entryType, EvidencePayload.entryType, AssessmentPayload.entryType,
        FigurePayload.entryType, DeclarationCommitmentPayload.entryType, DeclarationRevealPayload.entryType,
    ]
}

/// A log entry as the store applies it: its position, author, time and decoded payload.
public struct LoggedEntry: Sendable, Equatable {
    /// The entry's index in the log.
    public let index: UInt64
    /// The entry type.
    public let type: String
    /// The author's key name.
    public let author: String
    /// The author's key ID, 8 hex digits.
    public let authorKeyID: String
    /// Seconds since 1970 UTC.
    public let time: Int64
    /// The payload.
    public let payload: EntryPayload

    /// Creates an entry.
    public init(index: UInt64, type: String, author: String, authorKeyID: String, time: Int64, payload: EntryPayload) {
        self.index = index
        self.type = type
        self.author = author
        self.authorKeyID = authorKeyID
        self.time = time
        self.payload = payload
    }
}

/// A paragraph located by its citation, with the version it belongs to.
public struct CitedParagraph: Sendable, Equatable {
    /// The paragraph.
    public let paragraph: StoredParagraph
    /// The document's symbol.
    public let symbol: String
    /// The log entry of the version.
    public let versionEntry: UInt64
    /// SHA-256 of the version's source file.
    public let contentSHA256: String
}

/// The counts `RecordStore.counts()` reports, with the SQL (the same on both engines) that computes each.
let recordCountQueries: [(name: String, sql: String)] = [
    ("documents", "SELECT COUNT(*) FROM documents"),
    ("paragraphs", "SELECT COUNT(*) FROM paragraphs p JOIN versions v ON v.id = p.version_id WHERE v.is_current = 1"),
    ("assessments", "SELECT COUNT(*) FROM assessments"), ("evidence", "SELECT COUNT(*) FROM evidence"),
    ("figures", "SELECT COUNT(*) FROM figures"),
]

/// The record's tables: a projection of the log that can be rebuilt from it at any time.
///
/// Every implementation gives the same match sets for the same query: search text is tokenised in
/// Swift (``SearchTokenizer``) and the engine only matches token phrases.
public protocol RecordStore: AnyObject, Sendable {
    /// How many log entries have been applied.
    func appliedEntryCount() throws -> UInt64
    /// Applies one log entry in one transaction, advancing the applied count; entries without an applier only advance it.
    func apply(_ entry: LoggedEntry) throws
    /// The version with these source bytes, if it was ingested before.
    func version(contentSHA256: String) throws -> StoredVersion?
    /// Finds paragraphs of current versions, most recently recorded first.
    func search(_ query: SearchQuery) throws -> SearchResults
    /// Every paragraph that refers to `id`, oldest document first.
    func evidence(for id: String) throws -> [EvidenceHit]
    /// A document's current version in a language (or its first language), with the paragraph's siblings.
    func document(symbol: String, language: Language?) throws -> StoredDocument?
    /// The paragraph numbered `number` in every language held.
    func siblings(symbol: String, number: String) throws -> [StoredParagraph]
    /// The paragraph a citation names, in the current version of that language; nil when there is none.
    func paragraph(cited: CitationText) throws -> CitedParagraph?
    /// The roles an author key holds now (the latest grant for that name and key ID).
    func roles(author: String, keyID: String) throws -> [String]
    /// One evidence item by its identifier.
    func evidenceItem(id: String) throws -> RecordedEvidence?
    /// Evidence items, optionally only for a subject and a commitment, oldest first.
    func evidenceItems(subject: String?, commitment: String?) throws -> [RecordedEvidence]
    /// Every assessment, optionally only for a state and a commitment, oldest first.
    func assessments(state: String?, commitment: String?) throws -> [RecordedAssessment]
    /// Every figure recorded in the log, oldest first (bundled figures are not in the store).
    func figures() throws -> [RecordedFigure]
    /// Every logged declaration commitment, with how much of it has been revealed.
    func declarations() throws -> [RecordedDeclaration]
    /// The declaration committed at log entry `id`, nil when there is none.
    func declaration(_ id: UInt64) throws -> RecordedDeclaration?
    /// Revealed values of a declaration, by row, ascending from `fromRow`, at most `limit` rows.
    func revealedRows(declaration id: UInt64, fromRow: Int, limit: Int) throws -> [RevealedValues]
    /// Field commitments (hex, in field order) of the given rows that earlier reveals showed.
    func revealedCommitments(declaration id: UInt64, rows: [Int]) throws -> [Int: [String]]
    /// How many documents, paragraphs (current versions), assessments, evidence items and recorded figures the tables hold.
    func counts() throws -> [String: Int]
    /// A SHA-256 over every row of every table in a canonical order, the same on every engine, to compare projections.
    func digest() throws -> String
    /// Empties every table.
    func reset() throws
    /// The log that goes with these tables: files in `ledger` for SQLite, the database's own log tables for PostgreSQL.
    func openLog(ledger: URL, logKey: NoteVerifierKey, signer: NoteSigner?) throws -> any AppendOnlyLog
}
