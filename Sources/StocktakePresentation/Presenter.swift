public import Foundation
import Mustache
import StocktakeCore

/// Templates and catalogues, read once: the one place HTML and Markdown are rendered, for the command line and the server alike.
public struct Presenter: Sendable {
    let templates: MustacheLibrary
    /// The catalogues, by interface language.
    public let catalogues: [InterfaceLanguage: Catalogue]
    /// The site's stylesheet (`Static/site.css`), served as a file so pages need no inline style.
    public let stylesheet: String

    /// Reads the templates and catalogues shipped with Stocktake.
    public static func bundled() throws -> Presenter {
        guard let resources = Bundle.module.resourceURL else {
            throw StocktakeError(
                .dataNotFound, "Stocktake's templates are not installed beside the program; keep the .resources folder next to the binary.")
        }
        return try Presenter(
            templates: resources.appendingPathComponent("Templates"), catalogues: resources.appendingPathComponent("Catalogues"),
            stylesheet: resources.appendingPathComponent("Static/site.css"))
    }

    /// Reads templates (`*.mustache`, named by their path without the extension) and catalogues from folders.
    public init(templates directory: URL, catalogues: URL, stylesheet: URL? = nil) throws {
        self.stylesheet = stylesheet.flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? ""
        var library = MustacheLibrary()
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "mustache" {
            let name = String(file.path.dropFirst(directory.path.count + 1).dropLast(".mustache".count))
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw StocktakeError(.unreadableFile, "The template \(name) cannot be read; reinstall Stocktake.")
            }
            do {
                try library.register(text, named: name)
            } catch {
                throw StocktakeError(.corruptData, "The template \(name) does not parse (\(error)); fix it.")
            }
        }
        templates = library
        self.catalogues = try Catalogue.loadAll(from: catalogues)
    }

    /// The catalogue of a language.
    public func catalogue(_ language: InterfaceLanguage) -> Catalogue { catalogues[language]! }

    /// Renders a view with a template; a missing template is an error, never an empty page.
    public func render(_ view: Any, template: String) throws -> String {
        guard templates.getTemplate(named: template) != nil, let text = templates.render(view, withTemplate: template) else {
            throw StocktakeError(.dataNotFound, "There is no template named \(template); reinstall Stocktake.")
        }
        return text
    }
}
