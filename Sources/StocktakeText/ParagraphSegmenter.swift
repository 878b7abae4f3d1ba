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
    static let recycleNotices = [
        "please recycle", "merci de recycler", "se ruega reciclar", "请回收", "просьба отправить на вторичную переработку",
        "يرجى إعادة الاستعمال",
    ]

    /// Creates a segmenter.
    public init() {}

    /// Segments the text; `symbol`, when known, is also removed where it repeats as a running head.
    public func segment(_ text: String, symbol: String? = nil) -> Result {
        let cleaned = ParagraphSegmenter.removeLinkSyntax(text)
        var lines: [(text: String, pageBreak: Bool)] = []
        var furniture = Set<Int>()  // lines that were page furniture: the end of a page
        let unified =
            cleaned.unicodeScalars.contains("\r")
            ? cleaned.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : cleaned
        for rawScalars in unified.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            let rawLine = Substring(rawScalars)
            let pageBreak = rawScalars.contains("\u{0C}")
            let line = ParagraphSegmenter.trim(pageBreak ? Substring(rawLine.replacingOccurrences(of: "\u{0C}", with: "")) : rawLine)
            if pageBreak { lines.append(("", true)) }
            if ParagraphSegmenter.isFurniture(line, symbol: symbol) {
                furniture.insert(lines.count)
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
            // A masthead runs to its last header field; the lines after it (a statement's title, "Mr. President,") are
            // unnumbered paragraphs. Without two header fields there is no masthead, and every line is the body's.
            let fieldLines = lines[..<firstParagraph].indices.filter { DocumentHeaderParser.holdsField(lines[$0].text) }
            let mastheadEnd = fieldLines.count >= 2 ? fieldLines.last.map { $0 + 1 } ?? 0 : 0
            headerLines = lines[..<mastheadEnd].map(\.text)
            bodyStart = mastheadEnd
        } else {
            // Unnumbered: the masthead ends at the "submitted by" line when there is one, else there is none.
            let markerLine = lines.firstIndex { line in
                DocumentHeaderParser.cells(line.text).contains { DocumentHeaderParser.submitter(in: $0) != nil }
            }
            if let markerLine {
                headerLines = lines[...markerLine].map(\.text)
                bodyStart = markerLine + 1
            }
        }
        let unruledNotes = ParagraphSegmenter.footnotesWithoutRule(lines, furniture: furniture, from: bodyStart)
        var expected = 1
        var inFootnotes = false
        var blankSince = false
        var pageBreakSince = false
        for index in lines.indices[bodyStart...] {
            let line = lines[index]
            if line.pageBreak || furniture.contains(index) {
                inFootnotes = false
                blankSince = true
                pageBreakSince = true
                continue
            }
            let text = line.text
            if text.isEmpty {
                blankSince = true
                continue
            }
            defer { pageBreakSince = false }
            if text.count >= 5 && text.allSatisfy({ $0 == "_" || $0 == "-" || $0 == "—" }) {
                inFootnotes = true
                continue
            }
            if unruledNotes.contains(index) { inFootnotes = true }
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
            if let lastLine = paragraphs.last?.lines.last {
                let ended = lastLine.last.map { "。.!?！？;；:：”\"»」".contains($0) } ?? true
                // A short line standing alone above a blank line is a heading or a title ("Mr. President,"), not a wrapped line.
                let heading = paragraphs.last?.number == nil && paragraphs.last?.lines.count == 1 && lastLine.count < 160 && !pageBreakSince
                let opensNew = blankSince && (ended || heading) && (firstParagraph == nil || text.count < 120 || heading)
                if !opensNew {
                    paragraphs[paragraphs.count - 1].lines.append(text)
                    blankSince = false
                    continue
                }
            } else if let last = paragraphs.last, last.lines.isEmpty, !inFootnotes {
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
                return Segment(
                    number: number.isEmpty ? nil : String(number),
                    text: String(joined.dropFirst(number.count)).trimmingCharacters(in: .whitespaces))
            })
    }

    /// "12." or "12 bis." or "12\t" at the start of a line, when 12 is the number expected next.
    static func paragraphStart(_ line: String, expecting expected: Int) -> (number: String, rest: String)? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 4, let value = Int(digits) else { return nil }
        var rest = line.dropFirst(digits.count)
        var number = String(digits)
        for suffix in [" bis", " ter", " quater"] where rest.hasPrefix(suffix) && value == expected - 1 {
            number += suffix
            rest = rest.dropFirst(suffix.count)
        }
        guard value == expected || number.contains(" ") else { return nil }
        if rest.isEmpty { return (number, "") }  // a number alone on its line, in sequence
        // Arabic documents number paragraphs "1 -".
        if rest.hasPrefix(" - ") || rest.hasPrefix(" -\t") || rest.hasPrefix(" – ") { return (number, trim(rest.dropFirst(3))) }
        guard let mark = rest.first, mark == "." || mark == "．" || mark == "\t" else { return nil }
        let after = rest.dropFirst()
        if mark == "." || mark == "．", let next = after.first, !next.isWhitespace { return nil }  // "2010." in a wrapped line
        return (number, trim(after))
    }

    /// Footnotes set without a rule line: blocks at the foot of a page (before its furniture, a page break or the end of
    /// the text), each after a blank line and opening with a marker, where the marker also stands in the body glued to
    /// a word ("79/47²", "МАГАТЭ2", "Asia.1", "النووية(1)"). Returns the indices of their lines.
    static func footnotesWithoutRule(_ lines: [(text: String, pageBreak: Bool)], furniture: Set<Int>, from start: Int) -> Set<Int> {
        var ends: [Int] = []
        for index in lines.indices[start...] where lines[index].pageBreak || furniture.contains(index) { ends.append(index) }
        ends.append(lines.count)
        var candidates: [(lines: ClosedRange<Int>, marker: String)] = []
        var previousEnd = start
        for end in ends {
            var cursor = end - 1
            while true {
                while cursor >= previousEnd && lines[cursor].text.isEmpty && !lines[cursor].pageBreak { cursor -= 1 }
                guard cursor >= previousEnd, !lines[cursor].pageBreak, !furniture.contains(cursor) else { break }
                var first = cursor
                while first - 1 >= previousEnd && !lines[first - 1].text.isEmpty { first -= 1 }
                guard first - 1 >= previousEnd, let marker = noteMarker(lines[first].text) else { break }
                candidates.append((first...cursor, marker))
                cursor = first - 1
            }
            previousEnd = end + 1
        }
        guard !candidates.isEmpty else { return [] }
        // A marker at the start of a line is not glued to anything, so the notes themselves may stay in the text searched.
        let body = lines[start...].map(\.text).joined(separator: "\n")
        var result = Set<Int>()
        for candidate in candidates
        where candidate.marker.unicodeScalars.allSatisfy({ !$0.isASCIIDigit && $0 != "(" })
            || gluedMarker(candidate.marker, in: body)
        {
            result.formUnion(candidate.lines)
        }
        return result
    }

    /// The marker opening a footnote line: superscript digits, or one or two digits (or "(1)") followed by spaces.
    static func noteMarker(_ line: String) -> String? {
        let scalars = Array(line.unicodeScalars)
        guard let first = scalars.first else { return nil }
        if "¹²³⁴⁵⁶⁷⁸⁹⁰".unicodeScalars.contains(first) {
            return String(String.UnicodeScalarView(scalars.prefix { "¹²³⁴⁵⁶⁷⁸⁹⁰".unicodeScalars.contains($0) }))
        }
        var k = 0
        let parenthesised = first == "("
        if parenthesised { k = 1 }
        let digitsStart = k
        while k < scalars.count && scalars[k].isASCIIDigit { k += 1 }
        guard k > digitsStart, k - digitsStart <= 2 else { return nil }
        if parenthesised {
            guard k < scalars.count && scalars[k] == ")" else { return nil }
            k += 1
        }
        // Then a space: a paragraph number is written "12." or "12\t" (and a wrapped line such as "44 Annex" is refused
        // later, as its number does not stand glued in the body).
        guard k + 1 < scalars.count, scalars[k] == " " || scalars[k] == "\t" && parenthesised else { return nil }
        // "7 -" numbers an Arabic paragraph.
        if let next = scalars[k...].first(where: { $0 != " " && $0 != "\t" }), next == "-" || next == "–" { return nil }
        return String(String.UnicodeScalarView(scalars[0..<k]))
    }

    /// True when a plain marker ("2", "(1)") also stands in the body glued to what it annotates.
    static func gluedMarker(_ marker: String, in body: String) -> Bool {
        var from = body.startIndex
        while let range = body.range(of: marker, range: from..<body.endIndex) {
            let before = range.lowerBound > body.startIndex ? body[body.index(before: range.lowerBound)] : " "
            let after = range.upperBound < body.endIndex ? body[range.upperBound] : " "
            if !before.isWhitespace && !before.isNumber && before != "/" && before != "-" && !after.isNumber && after != "/"
                && !after.isLetter
            {
                return true
            }
            from = range.upperBound
        }
        return false
    }

    /// A footnote's first line: a marker number (or superscript) then text.
    static func footnoteStart(_ line: String) -> String? {
        let superscripts: [Character: Character] = [
            "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁰": "0",
        ]
        var marker = ""
        var rest = Substring(line)
        // Arabic notes are marked "(1)".
        if rest.first == "(", let close = rest.firstIndex(of: ")"), rest.distance(from: rest.startIndex, to: close) <= 3,
            rest[rest.index(after: rest.startIndex)..<close].allSatisfy({ $0.isASCII && $0.isNumber }),
            rest.index(after: rest.startIndex) < close
        {
            let digits = rest[rest.index(after: rest.startIndex)..<close]
            return String(digits) + " " + rest[rest.index(after: close)...].trimmingCharacters(in: .whitespaces)
        }
        while let c = rest.first, let digit = superscripts[c] ?? (c.isASCII && c.isNumber ? c : nil) {
            marker.append(digit)
            rest = rest.dropFirst()
        }
        guard !marker.isEmpty, marker.count <= 3, rest.first?.isWhitespace == true || superscripts[line.first!] != nil else { return nil }
        return marker + " " + rest.trimmingCharacters(in: .whitespaces)
    }

    /// Page furniture: job numbers, barcodes, page counters, recycling notices, repeated symbols.
    static func isFurniture(_ line: String, symbol: String?) -> Bool {
        guard let first = line.unicodeScalars.first, line.utf8.count <= 64 || (symbol != nil && line.utf8.count <= 120) else {
            return false
        }
        if !(first.isASCIIDigit || first == "*" || first == "G" || first == "V" || first == "P" || first == "p" || first == "M"
            || first == "S"
            || first == "请" || first == "п" || first == "П" || first == "ي" || first == "A" || first == "N" || first == "C" || first == "E"
            || first == "А")
        {
            return false
        }
        if let symbol, line.utf8.count <= symbol.utf8.count + 8, DocumentHeaderParser.normaliseSymbol(line) == symbol { return true }
        // Job numbers, page counters and running heads start with a digit, barcodes with "*", Geneva and Vienna job
        // numbers with "GE." or "V.": only those lines go through the patterns.
        if first.isASCIIDigit {
            return (try? Furniture.jobNumber.wholeMatch(in: line)) != nil || (try? Furniture.pageCounter.wholeMatch(in: line)) != nil
                || (try? Furniture.runningHead.wholeMatch(in: line)) != nil
        }
        if first == "*" { return (try? Furniture.barcode.wholeMatch(in: line)) != nil }
        if (line.hasPrefix("GE.") || line.hasPrefix("V.")) && line.count < 40 {
            return (try? Furniture.genevaJob.wholeMatch(in: line)) != nil
        }
        let lower = line.lowercased()
        return recycleNotices.contains(where: { lower.hasPrefix($0) })
    }

    /// Trims spaces and tabs (including no-break and ideographic spaces) from both ends.
    static func trim(_ line: Substring) -> String {
        let scalars = line.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }

    /// The patterns of page furniture, compiled once.
    enum Furniture {
        nonisolated(unsafe) static let jobNumber = /\d{2}-\d{5}\s*\([A-Z]\)(\s+\d{6}){0,2}\s*/
        nonisolated(unsafe) static let barcode = /\*\d{7,}\*/
        nonisolated(unsafe) static let genevaJob = /(GE|V)\.\d{2}-\d{4,6}(\s*\([A-Z]\))?.*/
        nonisolated(unsafe) static let pageCounter = /\d{1,3}\s*\/\s*\d{1,3}/
        /// A running head: a page counter and a job number on one line, either way round, or a job number alone.
        nonisolated(unsafe) static let runningHead = /(\d{1,3}\s*\/\s*\d{1,3}\s+)?\d{2}-\d{5}(\s+\d{1,3}\s*\/\s*\d{1,3})?/
    }

    /// Joins wrapped lines: nothing between two CJK characters, a space otherwise; runs of spaces collapsed.
    public static func join(_ lines: [String]) -> String {
        // Most paragraphs are one clean line: return it as it is.
        if lines.count == 1, let only = lines.first {
            var previousSpace = true
            var clean = true
            for byte in only.utf8 {
                if byte == 0x09 || (byte == 0x20 && previousSpace) {
                    clean = false
                    break
                }
                previousSpace = byte == 0x20
            }
            if clean && !previousSpace { return only }
        }
        var out = String.UnicodeScalarView()
        for line in lines {
            let piece = line.unicodeScalars
            guard let first = piece.first(where: { $0 != " " && $0 != "\t" }) else { continue }
            if let last = out.last {
                let tight = (last.isCJK || isCJKPunctuation(last)) && (first.isCJK || isCJKPunctuation(first))
                // A line ending in a hyphen inside a word continues it: "non-\nproliferation", "Nuclear-\nTest-Ban".
                let hyphenated = last == "-" && first.properties.isAlphabetic && out.dropLast().last?.properties.isAlphabetic == true
                if !tight && !hyphenated { out.append(" ") }
            }
            var previousSpace = out.last == " "
            for scalar in piece {
                if scalar == " " || scalar == "\t" {
                    if !previousSpace && !out.isEmpty { out.append(" ") }
                    previousSpace = true
                } else {
                    out.append(scalar)
                    previousSpace = false
                }
            }
            while out.last == " " { out.removeLast() }
        }
        return String(out)
    }

    static func isCJKPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        (0x3000...0x303F).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value) || "“”‘’".unicodeScalars.contains(scalar)
    }

    /// Reduces Markdown link syntax left by conversion (`[79/47](#)`, `[text](url)`) to its text.
    public static func removeLinkSyntax(_ text: String) -> String {
        let bytes = text.utf8
        var previous: UInt8 = 0
        var found = false
        for byte in bytes {
            if previous == 0x5D && byte == 0x28 {
                found = true
                break
            }
            previous = byte
        }
        guard found else { return text }
        return text.replacing(/\[([^\[\]\n]{1,200})\]\([^()\s]{0,500}\)/) { match in String(match.1) }
    }
}
