public import Foundation
import StocktakeCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the text of a DOCX body (`word/document.xml`): one line per paragraph, tabs and breaks kept.
public enum DocxText {
    /// The text of the WordprocessingML document part.
    public static func text(fromDocumentXML data: Data) throws -> String {
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        guard parser.parse() else {
            throw StocktakeError(
                .unsupportedFormat, "The DOCX file's document.xml is not well-formed XML; open it in a word processor and save it again.")
        }
        return collector.lines.joined(separator: "\n")
    }

    final class Collector: NSObject, XMLParserDelegate {
        var lines: [String] = []
        var current = ""
        var inText = false

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch name {
            case "w:t": inText = true
            case "w:tab": current += "\t"
            case "w:br", "w:cr": current += "\n"
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "w:t": inText = false
            case "w:p":
                lines.append(current)
                current = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { current += string }
        }
    }
}
