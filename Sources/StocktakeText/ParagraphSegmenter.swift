import Foundation

/// Splits document text into header lines, numbered paragraphs and footnotes, the way a reader cites them.
///
/// Numbered paragraphs run from "N." to "N+1."; wrapped lines and page breaks inside them are joined
/// (with nothing between two CJK characters, with a space otherwise); page furniture such as job
/// numbers, barcodes and "n/N" counters is dropped; footnotes below a rule are kept apart.
public struct ParagraphSegmenter: Sendable {
    /// A paragraph before references are found: its printed number and joined text.
    public struct Segment: Sendable, Equatable {
        /// The number as printed, nil for unnumbered paragraphs.
        public let number: String?
        /// The joined text.
        public let text: String
    }

    /// The result: the masthead lines, the body paragraphs and the footnotes.
    public struct Result: Sendable {
        /// Lines before the first paragraph.
        public let headerLines: [String]
        /// Paragraphs in order.
        public let paragraphs: [Segment]
        /// Footnotes in order.
        public let footnotes: [Segment]
    }

    /// Lines that are recycling notices, printed at the foot of UN documents.
    static let recycleNotices = ["please recycle", "merci de recycler", "se ruega reciclar", "请回收", "просьба отправить на вторичную переработку", "يرجى إعادة الاستعمال"]

    /// Creates a segmenter.
    public init() {}

    /// Segments the text; `symbol`, when known, is also removed where it repeats as a running head.
    public func segment(_ text: String, symbol: String? = nil) -> Result {
        let cleaned = ParagraphSegmenter.removeLinkSyntax(text)
        var lines: [(text: String, pageBreak: Bool)] = []
        for rawLine in cleaned.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let pageBreak = rawLine.contains("\u{0C}")
            let line = rawLine.replacingOccurrences(of: "\u{0C}", with: "").trimmingCharacters(in: .whitespaces)
            if pageBreak { lines.append(("", true)) }
            if ParagraphSegmenter.isFurniture(line, symbol: symbol) {
                lines.append(("", false))
                continue
            }
            lines.append((line, false))
        }
        // The body starts at the first line that opens paragraph 1.
        let firstParagraph = lines.firstIndex { ParagraphSegmenter.paragraphStart($0.text, expecting: 1) != nil }
        var headerLines: [String] = []
        var paragraphs: [(number: String?, lines: [String])] = []
        var footnotes: [[String]] = []
        var bodyStart = 0
        if let firstParagraph {
            headerLines = lines[..<firstParagraph].map(\.text)
            bodyStart = firstParagraph
        } else {
            // Unnumbered: the masthead ends at the "submitted by" line when there is one, else there is none.
            let markerLine = lines.firstIndex { line in
                let header = DocumentHeaderParser.parse([line.text])
                return header.submitter != nil
            }
            if let markerLine {
                headerLines = lines[...markerLine].map(\.text)
                bodyStart = markerLine + 1
            }
        }
        var expected = 1
        var inFootnotes = false
        var blankSince = false
        for line in lines[bodyStart...] {
            if line.pageBreak {
                inFootnotes = false
                blankSince = true
                continue
            }
            let text = line.text
            if text.isEmpty {
                blankSince = true
                continue
            }
            if text.count >= 5 && text.allSatisfy({ $0 == "_" || $0 == "-" || $0 == "—" }) {
                inFootnotes = true
                continue
            }
            if firstParagraph != nil, let start = ParagraphSegmenter.paragraphStart(text, expecting: expected) {
                inFootnotes = false
                paragraphs.append((start.number, start.rest.isEmpty ? [] : [start.rest]))
                expected = (Int(start.number.prefix { $0.isNumber }) ?? expected) + 1
                blankSince = false
                continue
            }
            if inFootnotes {
                if let marker = ParagraphSegmenter.footnoteStart(text) {
                    footnotes.append([marker])
                } else if footnotes.isEmpty {
                    footnotes.append([text])
                } else {
                    footnotes[footnotes.count - 1].append(text)
                }
                continue
            }
            if firstParagraph != nil && text.allSatisfy(\.isNumber) {
                continue  // a page number: a lone number that is not the next paragraph number
            }
            if let last = paragraphs.last, !last.lines.isEmpty {
                let previous = ParagraphSegmenter.join(last.lines)
                let ended = previous.last.map { "。.!?！？;；:：”\"»」".contains($0) } ?? true
                let opensNew = blankSince && ended && (firstParagraph == nil || text.count < 120)
                if !opensNew {
                    paragraphs[paragraphs.count - 1].lines.append(text)
                    blankSince = false
                    continue
                }
            } else if let last = paragraphs.last, last.lines.isEmpty {
                paragraphs[paragraphs.count - 1].lines.append(text)
                blankSince = false
                continue
            }
            paragraphs.append((nil, [text]))
            blankSince = false
        }
        return Result(
            headerLines: headerLines,
            paragraphs: paragraphs.map { Segment(number: $0.number, text: ParagraphSegmenter.join($0.lines)) }.filter { !$0.text.isEmpty },
            footnotes: footnotes.map { lines in
                let joined = ParagraphSegmenter.join(lines)
                let number = joined.prefix { $0.isNumber }
                return Segment(number: number.isEmpty ? nil : String(number), text: String(joined.dropFirst(number.count)).trimmingCharacters(in: .whitespaces))
            })
    }

    /// "12." or "12 bis." or "12\t" at the start of a line, when 12 is the number expected next.
    static func paragraphStart(_ line: String, expecting expected: Int) -> (number: String, rest: String)? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3, let value = Int(digits) else { return nil }
        var rest = line.dropFirst(digits.count)
        var number = String(digits)
        for suffix in [" bis", " ter", " quater"] where rest.hasPrefix(suffix) && value == expected - 1 {
            number += suffix
            rest = rest.dropFirst(suffix.count)
        }
        guard value == expected || number.contains(" ") else { return nil }
        if rest.isEmpty { return (number, "") }  // a number alone on its line, in sequence
        guard let mark = rest.first, mark == "." || mark == "．" || mark == "\t" else { return nil }
        let after = rest.dropFirst()
        if mark == "." || mark == "．", let next = after.first, !next.isWhitespace { return nil }  // "2010." in a wrapped line
        return (number, after.trimmingCharacters(in: .whitespaces))
    }

    /// A footnote's first line: a marker number (or superscript) then text.
    static func footnoteStart(_ line: String) -> String? {
        let superscripts: [Character: Character] = ["¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁰": "0"]
        var marker = ""
        var rest = Substring(line)
        while let c = rest.first, let digit = superscripts[c] ?? (c.isASCII && c.isNumber ? c : nil) {
            marker.append(digit)
            rest = rest.dropFirst()
        }
        guard !marker.isEmpty, marker.count <= 3, rest.first?.isWhitespace == true || superscripts[line.first!] != nil else { return nil }
        return marker + " " + rest.trimmingCharacters(in: .whitespaces)
    }

    /// Page furniture: job numbers, barcodes, page counters, recycling notices, repeated symbols.
    static func isFurniture(_ line: String, symbol: String?) -> Bool {
        if line.isEmpty { return false }
        if let symbol, DocumentHeaderParser.normaliseSymbol(line) == symbol { return true }
        let lower = line.lowercased()
        if recycleNotices.contains(where: { lower.hasPrefix($0) }) { return true }
        if line.wholeMatch(of: /\d{2}-\d{5}\s*\([A-Z]\)(\s+\d{6}){0,2}\s*/) != nil { return true }
        if line.wholeMatch(of: /\*\d{7,}\*/) != nil { return true }
        if line.wholeMatch(of: /(GE|V)\.\d{2}-\d{4,6}(\s*\([A-Z]\))?.*/) != nil && line.count < 40 { return true }
        if line.wholeMatch(of: /\d{1,3}\s*\/\s*\d{1,3}/) != nil { return true }
        return false
    }

    /// Joins wrapped lines: nothing between two CJK characters, a space otherwise; runs of spaces collapsed.
    public static func join(_ lines: [String]) -> String {
        var out = ""
        for line in lines {
            let piece = line.trimmingCharacters(in: .whitespaces)
            guard !piece.isEmpty else { continue }
            if let last = out.unicodeScalars.last, let first = piece.unicodeScalars.first {
                let tight = (last.isCJK || isCJKPunctuation(last)) && (first.isCJK || isCJKPunctuation(first))
                if !tight && !(last == "-" && first.properties.isLowercase) { out += " " }
            }
            out += piece
        }
        return out.replacingOccurrences(of: "\t", with: " ").split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static func isCJKPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        (0x3000...0x303F).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value) || "“”‘’".unicodeScalars.contains(scalar)
    }

    /// Reduces Markdown link syntax left by conversion (`[79/47](#)`, `[text](url)`) to its text.
    public static func removeLinkSyntax(_ text: String) -> String {
        guard text.contains("](") else { return text }
        return text.replacing(/\[([^\[\]\n]{1,200})\]\([^()\s]{0,500}\)/) { match in String(match.1) }
    }
}
