public import StocktakeCore

/// Reads document text into the extraction contract: header fields, numbered paragraphs and their references.
public struct DocumentExtractor: Sendable {
    /// The reference matcher built from the registry.
    public let references: ReferenceExtractor
    let segmenter = ParagraphSegmenter()

    /// Creates an extractor over the registry's names.
    public init(registry: Registry) {
        references = ReferenceExtractor(registry: registry)
    }

    /// Extracts a document; `language` and `symbol`, when given, take precedence over what the header says.
    public func extract(text: String, language: Language? = nil, symbol: String? = nil) -> ExtractedDocument {
        let givenSymbol = symbol.map(DocumentHeaderParser.normaliseSymbol)
        // The symbol, when the masthead prints it, is also a running head to drop: look for it in the first lines.
        let masthead = text.unicodeScalars.prefix(4_000).split(separator: "\n").prefix(60).map { String(String.UnicodeScalarView($0)) }
        let printedSymbol = masthead.lazy.compactMap { DocumentHeaderParser.symbol(in: $0) }.first
        let segments = segmenter.segment(text, symbol: givenSymbol ?? printedSymbol)
        var header = DocumentHeaderParser.parse(segments.headerLines)
        if header.symbol == nil { header.symbol = printedSymbol }  // the masthead's own line was taken out as a running head
        if let givenSymbol { header.symbol = givenSymbol }
        if let language { header.language = language.rawValue }
        if header.language == nil {
            header.language = ScriptDetection.language(of: segments.paragraphs.prefix(40).map(\.text).joined(separator: " "))?.rawValue
        }
        let stated = self.defaultTreaty(header: header, headerText: segments.headerLines.joined(separator: "\n"))
        func convert(_ segment: ParagraphSegmenter.Segment, _ treaty: String?, _ inferred: Bool) -> ExtractedParagraph {
            ExtractedParagraph(
                number: segment.number, text: segment.text,
                references: references.references(in: segment.text, defaultTreaty: treaty, defaultIsInferred: inferred))
        }
        var paragraphs = segments.paragraphs.map { convert($0, stated, false) }
        var footnotes = segments.footnotes.map { convert($0, stated, false) }
        // Without a symbol or a masthead naming it, "the Treaty" is the treaty the document is about: read it from the content.
        if stated == nil, let inferred = inferTreaty(title: header.title, paragraphs: paragraphs) {
            paragraphs = segments.paragraphs.map { convert($0, inferred, true) }
            footnotes = segments.footnotes.map { convert($0, inferred, true) }
        }
        return ExtractedDocument(document: header, paragraphs: paragraphs, footnotes: footnotes)
    }

    /// The treaty a document without a symbol is about: the one named in its title (or its opening unnumbered line),
    /// else the one it names most, the first named breaking a tie; nil when it names none.
    func inferTreaty(title: String?, paragraphs: [ExtractedParagraph]) -> String? {
        func treaties(_ found: [Reference]) -> [String] {
            found.compactMap { reference in
                if reference.kind == "treaty" { return reference.id }
                // "article VI of the NPT" names the NPT through its article.
                if reference.kind == "commitment", let colon = reference.id.firstIndex(of: ":"),
                    references.treatyInstruments[String(reference.id[..<colon])] != nil
                {
                    return String(reference.id[..<colon])
                }
                return nil
            }
        }
        let titleReferences =
            title.map { references.references(in: $0, defaultTreaty: nil) }
            ?? paragraphs.first.flatMap { $0.number == nil ? $0.references : nil } ?? []
        if let named = treaties(titleReferences).first { return named }
        var counts: [String: Int] = [:]
        var order: [String] = []
        for paragraph in paragraphs {
            for treaty in treaties(paragraph.references) {
                if counts[treaty] == nil { order.append(treaty) }
                counts[treaty, default: 0] += 1
            }
        }
        var best: String?
        for treaty in order where best == nil || counts[treaty, default: 0] > counts[best!, default: 0] { best = treaty }
        return best
    }

    /// The treaty "the Treaty" means in this document: the NPT for NPT documents, else the first treaty the masthead names.
    func defaultTreaty(header: DocumentHeader, headerText: String) -> String? {
        if header.symbol?.hasPrefix("NPT/") == true { return "NPT" }
        return references.references(in: headerText, defaultTreaty: nil).first { $0.kind == "treaty" }?.id
    }
}

/// Tells the language of a text from its script where the script settles it (Han, Arabic, Cyrillic),
/// and from common function words for Latin-script text only when one language clearly leads.
public enum ScriptDetection {
    static let functionWords: [Language: Set<String>] = [
        .en: ["the", "of", "and", "to", "in", "that", "is", "for", "on", "with"],
        .fr: ["le", "la", "les", "des", "et", "du", "est", "une", "dans", "pour"],
        .es: ["el", "los", "las", "del", "y", "que", "una", "para", "por", "con"],
    ]

    /// The language, or nil when the text does not settle it.
    public static func language(of text: String) -> Language? {
        var han = 0, arabic = 0, cyrillic = 0, latin = 0
        for scalar in text.unicodeScalars.prefix(20_000) {
            switch scalar.value {
            case 0x4E00...0x9FFF: han += 1
            case 0x0600...0x06FF: arabic += 1
            case 0x0400...0x04FF: cyrillic += 1
            case 0x41...0x5A, 0x61...0x7A: latin += 1
            default: break
            }
        }
        let total = han + arabic + cyrillic + latin
        guard total > 0 else { return nil }
        if han * 2 > total { return .zh }
        if arabic * 2 > total { return .ar }
        if cyrillic * 2 > total { return .ru }
        let sample = String(String.UnicodeScalarView(text.unicodeScalars.prefix(20_000)))
        let words = sample.lowercased().split { !$0.isLetter }
        var scores: [Language: Int] = [:]
        for word in words {
            for (language, list) in functionWords where list.contains(String(word)) { scores[language, default: 0] += 1 }
        }
        let ranked = scores.sorted { $0.value > $1.value }
        guard let best = ranked.first, best.value >= 3 else { return nil }
        if ranked.count > 1 && Double(ranked[1].value) > Double(best.value) * 0.6 { return nil }
        return best.key
    }
}
