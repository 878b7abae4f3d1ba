import Foundation
import StocktakeCore

/// Finds header fields in the masthead of a UN document by pattern, in the conventions of all six languages.
///
/// Fields are never guessed: a field whose pattern does not appear stays nil. PDF text interleaves
/// masthead columns, so fields are found by what a line looks like, not by where it stands.
public enum DocumentHeaderParser {
    /// Names of the six languages as mastheads print them, in each language's conventions.
    static let languageNames: [String: Language] = [
        "english": .en, "french": .fr, "spanish": .es, "russian": .ru, "arabic": .ar, "chinese": .zh,
        "anglais": .en, "français": .fr, "espagnol": .es, "russe": .ru, "arabe": .ar, "chinois": .zh,
        "inglés": .en, "francés": .fr, "español": .es, "ruso": .ru, "árabe": .ar, "chino": .zh,
        "английский": .en, "французский": .fr, "испанский": .es, "русский": .ru, "арабский": .ar, "китайский": .zh,
        "الإنكليزية": .en, "الإنجليزية": .en, "الفرنسية": .fr, "الإسبانية": .es, "الروسية": .ru, "العربية": .ar, "الصينية": .zh,
        "英文": .en, "法文": .fr, "西班牙文": .es, "俄文": .ru, "阿拉伯文": .ar, "中文": .zh,
    ]

    static let originalLabels = ["original:", "original :", "original：", "原文：", "原文:", "подлинный текст:", "الأصل:"]

    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8, "september": 9,
        "october": 10, "november": 11, "december": 12,
        "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8, "septembre": 9,
        "octobre": 10, "novembre": 11, "décembre": 12,
        "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9,
        "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
        "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8, "сентября": 9,
        "октября": 10, "ноября": 11, "декабря": 12,
        "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "مايو": 5, "يونيه": 6, "يونيو": 6, "يوليه": 7, "يوليو": 7, "أغسطس": 8,
        "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    ]

    static let submissionMarkers: [(before: String, after: String)] = [
        ("working paper submitted by ", ""), ("report submitted by ", ""), ("working paper presented by ", ""),
        ("document de travail présenté par ", ""), ("rapport présenté par ", ""),
        ("documento de trabajo presentado por ", ""), ("informe presentado por ", ""),
        ("рабочий документ, представленный ", ""), ("доклад, представленный ", ""),
        ("ورقة عمل مقدمة من ", ""), ("تقرير مقدم من ", ""),
        ("", "提交的工作文件"), ("", "提交的报告"),
    ]

    static let sessionPatterns: [(prefix: String?, suffix: String?)] = [
        (nil, " session"), (nil, " período de sesiones"), (nil, " сессия"), ("الدورة ", nil), ("第", "次会议"), ("第", "届会议"),
        (nil, "届会"),
    ]

    /// Parses header fields from the lines before the first paragraph.
    public static func parse(_ lines: [String]) -> DocumentHeader {
        var header = DocumentHeader()
        // A masthead set in two columns comes out of PDF text as lines holding both: read each column's cell on its own.
        let trimmed = lines.flatMap(cells)
        for line in trimmed where !line.isEmpty {
            let lower = line.lowercased()
            if header.symbol == nil, let symbol = symbol(in: line) { header.symbol = symbol }
            if let label = originalLabels.first(where: { lower.hasPrefix($0) }), header.originalLanguage == nil {
                let name = lower.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
                header.originalLanguage = languageNames[name]?.rawValue
                continue
            }
            if header.language == nil, let language = languageNames[lower] {
                header.language = language.rawValue
                continue
            }
            if header.date == nil, let day = date(in: line) { header.date = day.description }
            if header.session == nil, isSession(line) { header.session = line }
        }
        // PDF text flattens the masthead's columns: a date or "Original: English" may share a line with other text.
        for line in trimmed where !line.isEmpty {
            let lower = line.lowercased()
            if header.originalLanguage == nil, let label = originalLabels.first(where: { lower.contains($0) }),
                let range = lower.range(of: label)
            {
                let after = lower[range.upperBound...].split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
                header.originalLanguage = languageNames[after.trimmingCharacters(in: .punctuationCharacters)]?.rawValue
                let before = lower[..<range.lowerBound].split(whereSeparator: \.isWhitespace)
                if header.language == nil, let last = before.last, let language = languageNames[String(last)] {
                    header.language = language.rawValue
                }
            }
            if header.date == nil, let day = dateWithin(line) { header.date = day.description }
        }
        // Submitter and title: the "submitted by" line, and the line above it.
        for (index, line) in trimmed.enumerated() {
            guard let submitter = submitter(in: line) else { continue }
            header.submitter = submitter
            if let title = trimmed[..<index].last(where: { !$0.isEmpty }), !isSession(title), date(in: title) == nil,
                languageNames[title.lowercased()] == nil
            {
                header.title = title
            }
            return header
        }
        return header
    }

    /// Who submitted the document, when `line` is a "submitted by" line in any of the six languages; footnote markers
    /// after the names are dropped.
    static func submitter(in line: String) -> String? {
        let lower = line.lowercased()
        for marker in submissionMarkers {
            var submitter: String?
            if !marker.before.isEmpty, lower.hasPrefix(marker.before) {
                submitter = String(line.dropFirst(marker.before.count))
            } else if !marker.after.isEmpty, line.hasSuffix(marker.after), line.count > marker.after.count {
                submitter = String(line.dropLast(marker.after.count))
            }
            guard var found = submitter else { continue }
            while let last = found.last, "*:：0123456789".contains(last) { found.removeLast() }
            return found.trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// The cells of a line, split where a run of three or more spaces separates two columns.
    static func cells(_ line: String) -> [String] {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("   ") else { return [trimmed] }
        return trimmed.components(separatedBy: "   ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func isSession(_ line: String) -> Bool {
        guard line.count <= 40 else { return false }
        let lower = line.lowercased()
        return sessionPatterns.contains { pattern in
            (pattern.prefix.map { lower.hasPrefix($0) } ?? true) && (pattern.suffix.map { lower.hasSuffix($0) } ?? true)
        }
    }

    /// A line that is a UN symbol and nothing else.
    static func symbol(in line: String) -> String? {
        // Symbols start with N, A, S, E or C (or a Cyrillic А): most lines are refused at their first letter.
        guard let first = line.unicodeScalars.first(where: { $0 != " " && $0 != "\t" && $0 != "\u{A0}" }),
            "NASEC".unicodeScalars.contains(first) || first == "А"
        else { return nil }
        let compact = line.replacingOccurrences(of: "\u{A0}", with: " ").trimmingCharacters(in: .whitespaces)
        guard compact.count <= 60, let first = compact.split(separator: "/").first,
            ["NPT", "A", "S", "E", "CD", "А"].contains(String(first))
        else { return nil }
        guard compact.contains(where: \.isNumber) else { return nil }
        return normaliseSymbol(compact)
    }

    /// Normalises a symbol: ASCII look-alikes, single spaces, no space after a dot before a digit.
    public static func normaliseSymbol(_ symbol: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in symbol.unicodeScalars {
            if let latin = ReferenceExtractor.lookalikes[scalar.value] ?? ReferenceExtractor.lookalikes[scalar.value + 0x20] {
                scalars.append(contentsOf: String(latin).uppercased().unicodeScalars)
            } else {
                scalars.append(scalar)
            }
        }
        let words = String(scalars).split(whereSeparator: \.isWhitespace)
        var text = ""
        for word in words {
            // "CONF. 2026" loses the space a text extractor added after the dot.
            if !text.isEmpty && !(text.hasSuffix(".") && word.first?.isNumber == true) { text += " " }
            text += word
        }
        return text
    }

    /// A line that is a date and nothing else, in any of the six languages' forms.
    static func date(in line: String) -> Day? {
        let text = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{A0}", with: " ")
        guard text.count <= 40 else { return nil }
        // Chinese: 2025年4月1日
        if text.unicodeScalars.contains("年"), let match = try? DatePatterns.chinese.wholeMatch(in: text) {
            return Day(year: Int(match.1)!, month: Int(match.2)!, day: Int(match.3)!)
        }
        var words = text.lowercased().replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        words.removeAll { ["de", "del", "года", "г.", "le"].contains($0) }
        if words.count == 3 {
            let dayWord = words[0].replacingOccurrences(of: "er", with: "")
            if let d = Int(dayWord), let m = month(words[1]), let y = Int(words[2]) { return Day(year: y, month: m, day: d) }
            if let m = month(words[0]), let d = Int(words[1]), let y = Int(words[2]) { return Day(year: y, month: m, day: d) }
        }
        return nil
    }

    /// A date standing among other words on a flattened line ("2 April 2025 Original: English"); a line with a range
    /// of dates ("28 April–9 May 2025") is a venue, not the document's date.
    static func dateWithin(_ line: String) -> Day? {
        let text = line.replacingOccurrences(of: "\u{A0}", with: " ")
        if text.contains("–") || text.contains("—") || text.contains(" - ") || text.contains("至") || text.contains("~") { return nil }
        if text.unicodeScalars.contains("年"), let match = try? DatePatterns.chinese.firstMatch(in: text) {
            return Day(year: Int(match.1)!, month: Int(match.2)!, day: Int(match.3)!)
        }
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count > 3 else { return nil }
        // A date has a month name: try the few windows of words around each one.
        for (index, word) in words.enumerated() where month(word.lowercased().trimmingCharacters(in: .punctuationCharacters)) != nil {
            for start in max(0, index - 2)...index {
                for length in 3...5 where start + length <= words.count && start + length > index {
                    if let day = date(in: words[start..<(start + length)].joined(separator: " ")) { return day }
                }
            }
        }
        return nil
    }

    /// Patterns compiled once.
    enum DatePatterns {
        nonisolated(unsafe) static let chinese = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/
    }

    /// True when a line holds a header field (symbol, date, language, original language, session, distribution,
    /// submitter), which tells a masthead from the body's opening lines.
    static func holdsField(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return false }
        let lower = trimmed.lowercased()
        if symbol(in: trimmed) != nil || date(in: trimmed) != nil || isSession(trimmed) || languageNames[lower] != nil { return true }
        if originalLabels.contains(where: { lower.contains($0) }) || lower.hasPrefix("distr") { return true }
        if submitter(in: trimmed) != nil { return true }
        return dateWithin(trimmed) != nil && trimmed.count <= 80
    }

    /// A month name in any of the six languages; Arabic mastheads write "نيسان/أبريل", either half counts.
    static func month(_ word: String) -> Int? {
        if let m = months[word] { return m }
        for part in word.split(separator: "/") { if let m = months[String(part)] { return m } }
        return nil
    }
}
