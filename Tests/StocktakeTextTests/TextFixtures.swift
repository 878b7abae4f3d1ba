import Foundation
import StocktakeCore
import StocktakeStore
import StocktakeText

/// Shared inputs: the bundled registry, the extractor over it, and the documents tests read.
enum TextFixtures {
    static let registry = try! RegistryDirectory.load(from: RegistryDirectory.bundledDataDirectory)
    static let extractor = DocumentExtractor(registry: registry)
    static let repositoryRoot = RegistryDirectory.bundledDataDirectory.deletingLastPathComponent()
    static let corpusFile = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/000_8de3487d174913ae.txt")

    static func fixture(_ name: String) -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(
            name)
        return try! String(contentsOf: url, encoding: .utf8)
    }

    static let corpus: ExtractedDocument = {
        let text = try! String(contentsOf: corpusFile, encoding: .utf8)
        return extractor.extract(text: text)
    }()

    /// The (kind, id) pairs of a paragraph's references, in order.
    static func ids(_ paragraph: ExtractedParagraph) -> [String] {
        paragraph.references.map { "\($0.kind) \($0.id)" }
    }
}
