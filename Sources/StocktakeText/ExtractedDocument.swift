/// The header fields of a UN document; a field the document does not state is nil, never guessed.
public struct DocumentHeader: Codable, Sendable, Equatable {
    /// The UN symbol, normalised (`NPT/CONF.2026/PC.III/WP.12`).
    public var symbol: String?
    /// The language of this version (`en`, `fr`, `es`, `ru`, `ar`, `zh`).
    public var language: String?
    /// The language the document was submitted in.
    public var originalLanguage: String?
    /// The document date, ISO 8601.
    public var date: String?
    /// The title as printed.
    public var title: String?
    /// Who submitted it, as printed.
    public var submitter: String?
    /// The session, as printed.
    public var session: String?

    /// Creates a header; every field defaults to unknown.
    public init(
        symbol: String? = nil, language: String? = nil, originalLanguage: String? = nil, date: String? = nil,
        title: String? = nil, submitter: String? = nil, session: String? = nil
    ) {
        self.symbol = symbol
        self.language = language
        self.originalLanguage = originalLanguage
        self.date = date
        self.title = title
        self.submitter = submitter
        self.session = session
    }

    enum CodingKeys: String, CodingKey { case symbol, language, originalLanguage, date, title, submitter, session }

    /// Encodes every field, writing `null` for unknown ones as the extraction contract requires.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(symbol, forKey: .symbol)
        try c.encode(language, forKey: .language)
        try c.encode(originalLanguage, forKey: .originalLanguage)
        try c.encode(date, forKey: .date)
        try c.encode(title, forKey: .title)
        try c.encode(submitter, forKey: .submitter)
        try c.encode(session, forKey: .session)
    }
}

/// One reference found in a paragraph: what it names and where, in Unicode scalar offsets.
public struct Reference: Codable, Sendable, Equatable, Hashable {
    /// `commitment`, `treaty`, `resolution`, `document`, `state` or `organization`.
    public let kind: String
    /// The registry identifier (or normalised symbol).
    public let id: String
    /// The text as it stands in the paragraph.
    public let surface: String
    /// Offset of the first scalar, in Unicode scalars into the paragraph text.
    public let start: Int
    /// Offset after the last scalar.
    public let end: Int
    /// True when the treaty was inferred from the document's content ("the Treaty" in a statement without a symbol);
    /// absent otherwise.
    public let inferred: Bool?

    /// Creates a reference.
    public init(kind: String, id: String, surface: String, start: Int, end: Int, inferred: Bool? = nil) {
        self.kind = kind
        self.id = id
        self.surface = surface
        self.start = start
        self.end = end
        self.inferred = inferred
    }
}

/// A paragraph as printed, normalised, with its references.
public struct ExtractedParagraph: Codable, Sendable, Equatable {
    /// The number as printed ("4", "12 bis"), nil for unnumbered paragraphs.
    public let number: String?
    /// The paragraph text, with wrapped lines and page breaks joined.
    public let text: String
    /// References in order of position.
    public let references: [Reference]

    /// Creates a paragraph.
    public init(number: String?, text: String, references: [Reference]) {
        self.number = number
        self.text = text
        self.references = references
    }

    enum CodingKeys: String, CodingKey { case number, text, references }

    /// Encodes `number` as `null` when unnumbered, as the contract requires.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(text, forKey: .text)
        try c.encode(references, forKey: .references)
    }
}

/// A document read into header, numbered paragraphs and footnotes: the extraction contract.
public struct ExtractedDocument: Codable, Sendable, Equatable {
    /// The header fields.
    public var document: DocumentHeader
    /// The paragraphs in order.
    public var paragraphs: [ExtractedParagraph]
    /// Footnotes, kept out of the paragraph flow; omitted from JSON when there are none.
    public var footnotes: [ExtractedParagraph]

    /// Creates a document.
    public init(document: DocumentHeader, paragraphs: [ExtractedParagraph], footnotes: [ExtractedParagraph] = []) {
        self.document = document
        self.paragraphs = paragraphs
        self.footnotes = footnotes
    }

    enum CodingKeys: String, CodingKey { case document, paragraphs, footnotes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        document = try c.decode(DocumentHeader.self, forKey: .document)
        paragraphs = try c.decode([ExtractedParagraph].self, forKey: .paragraphs)
        footnotes = try c.decodeIfPresent([ExtractedParagraph].self, forKey: .footnotes) ?? []
    }

    /// Encodes the contract's two keys, and `footnotes` only when there are some.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(document, forKey: .document)
        try c.encode(paragraphs, forKey: .paragraphs)
        if !footnotes.isEmpty { try c.encode(footnotes, forKey: .footnotes) }
    }
}
