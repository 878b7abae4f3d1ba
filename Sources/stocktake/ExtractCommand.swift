import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeStore
import StocktakeText

/// `stocktake extract FILE`: a document's header, numbered paragraphs and references, without touching any store.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Read a document (text, Markdown, HTML, DOCX, PDF) into numbered paragraphs with their references.")

    enum Format: String, ExpressibleByArgument { case json, text }

    @Argument(help: "The document file.")
    var file: String

    @Option(name: .long, help: "The document's language (en fr es ru ar zh), when the header does not say.")
    var language: String?

    @Option(name: .long, help: "The document's UN symbol, when the header does not print it.")
    var symbol: String?

    @Option(name: .long, help: "json (the extraction contract) or text (for people).")
    var format: Format = .json

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let languageValue = try parseLanguage(language)
        let registry = try dataOptions.loadRegistry()
        let (text, _) = try DocumentFileReader.read(URL(fileURLWithPath: file))
        let document = DocumentExtractor(registry: registry).extract(text: text, language: languageValue, symbol: symbol)
        guard !document.paragraphs.isEmpty else {
            throw StocktakeError(
                .emptyInput,
                "\(URL(fileURLWithPath: file).lastPathComponent) has no paragraphs after its header; check that it is the document's full text."
            )
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            emit(String(decoding: try encoder.encode(document), as: UTF8.self) + "\n")
        case .text:
            emit(DocumentTextRenderer.render(document))
        }
    }
}

/// Renders an extracted document for people: header, then each paragraph with its references marked.
enum DocumentTextRenderer {
    static func render(_ document: ExtractedDocument) -> String {
        let header = document.document
        var out: [String] = []
        let fields: [(String, String?)] = [
            ("symbol", header.symbol), ("language", header.language), ("original", header.originalLanguage), ("date", header.date),
            ("title", header.title), ("submitter", header.submitter), ("session", header.session),
        ]
        for (name, value) in fields { out.append("\(name): \(value ?? "(not stated)")") }
        out.append("")
        for paragraph in document.paragraphs {
            out.append("[\(paragraph.number ?? "–")] \(marked(paragraph))")
            for reference in paragraph.references { out.append("    \(reference.kind) \(reference.id) ← \(reference.surface)") }
        }
        if !document.footnotes.isEmpty {
            out.append("")
            out.append("Footnotes:")
            for footnote in document.footnotes { out.append("  \(footnote.number ?? "*") \(marked(footnote))") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The paragraph text with each reference wrapped in ⟦ ⟧.
    static func marked(_ paragraph: ExtractedParagraph) -> String {
        var scalars = Array(paragraph.text.unicodeScalars)
        for reference in paragraph.references.sorted(by: { $0.start > $1.start }) where reference.end <= scalars.count {
            scalars.insert("⟧", at: reference.end)
            scalars.insert("⟦", at: reference.start)
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
