public import Foundation
import StocktakeCore

/// Turns the bytes of a text file into a string, refusing binary or undecodable input with a clear sentence.
public enum TextDecoding {
    /// Decodes UTF-8 (with or without BOM) or UTF-16 with a byte-order mark.
    public static func decode(_ data: Data, name: String = "the file") throws -> String {
        guard !data.isEmpty else {
            throw StocktakeError(.emptyInput, "\(name) is empty; there is nothing to extract.")
        }
        let bytes = [UInt8](data.prefix(4))
        var text: String
        if bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF) {
            guard data.count % 2 == 0, let decoded = String(data: data, encoding: .utf16) else {
                throw StocktakeError(
                    .encoding, "\(name) starts with a UTF-16 byte-order mark but is not valid UTF-16; save it again as UTF-8.")
            }
            text = decoded
        } else {
            if let zero = data.firstIndex(of: 0) {
                throw StocktakeError(
                    .unsupportedFormat,
                    "\(name) is binary, not text (it has a NUL byte at offset \(zero - data.startIndex)); give a text, Markdown, HTML, DOCX or PDF file."
                )
            }
            guard let decoded = String(validatingUTF8Data: data) else {
                let offset = firstInvalidUTF8Offset(data)
                throw StocktakeError(
                    .encoding,
                    "\(name) is not valid UTF-8 (the first bad byte is at offset \(offset)); convert it to UTF-8, for example with iconv, and try again."
                )
            }
            text = decoded
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        }
        let controls = text.unicodeScalars.prefix(65_536).filter { $0.value < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains($0.value) }.count
        if controls > 8 {
            throw StocktakeError(
                .unsupportedFormat,
                "\(name) holds control characters, so it is not a text document; give a text, Markdown, HTML, DOCX or PDF file.")
        }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw StocktakeError(.emptyInput, "\(name) holds only white space; there is nothing to extract.")
        }
        return text
    }

    static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                consumed = offset
            case .emptyInput: return consumed
            case .error: return consumed
            }
        }
    }
}

extension String {
    /// Decodes UTF-8 strictly, returning nil on any invalid sequence (rather than repairing it).
    init?(validatingUTF8Data data: Data) {
        guard let text = String(validating: data, as: UTF8.self) else { return nil }
        self = text
    }
}

/// Reduces HTML to text with one line per block element.
public enum HTMLText {
    static let blockTags: Set<String> = [
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "blockquote", "ol", "ul", "td",
        "th", "hr", "title",
    ]

    /// The visible text of an HTML document.
    public static func text(from html: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(html.unicodeScalars)
        var i = 0
        var skipUntil: String?
        while i < scalars.count {
            let c = scalars[i]
            if c == "<" {
                var j = i + 1
                var tag = String.UnicodeScalarView()
                while j < scalars.count && scalars[j] != ">" {
                    tag.append(scalars[j])
                    j += 1
                }
                let raw = String(tag)
                let closing = raw.hasPrefix("/")
                let name = raw.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                if let waiting = skipUntil {
                    if closing && name == waiting { skipUntil = nil }
                } else if !closing && (name == "script" || name == "style") && !raw.hasSuffix("/") {
                    skipUntil = name
                } else if blockTags.contains(name) {
                    out.append("\n")
                }
                i = j + 1
                continue
            }
            if skipUntil != nil {
                i += 1
                continue
            }
            if c == "&" {
                var j = i + 1
                var entity = ""
                while j < scalars.count && j - i < 12 && scalars[j] != ";" && scalars[j] != "&" && scalars[j] != " " {
                    entity.unicodeScalars.append(scalars[j])
                    j += 1
                }
                if j < scalars.count && scalars[j] == ";", let decoded = decodeEntity(entity) {
                    out.append(decoded)
                    i = j + 1
                    continue
                }
            }
            out.append(c == "\n" || c == "\r" || c == "\t" ? " " : c)
            i += 1
        }
        return String(out).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
            .joined(separator: "\n")
    }

    static func decodeEntity(_ entity: String) -> Unicode.Scalar? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp": return "\u{A0}"
        case "shy": return "\u{AD}"
        case "mdash": return "\u{2014}"
        case "ndash": return "\u{2013}"
        default: break
        }
        if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let value = UInt32(entity.dropFirst(2), radix: 16) {
            return Unicode.Scalar(value)
        }
        if entity.hasPrefix("#"), let value = UInt32(entity.dropFirst()) { return Unicode.Scalar(value) }
        return nil
    }
}
