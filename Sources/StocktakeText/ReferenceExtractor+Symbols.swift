import Foundation

extension ReferenceExtractor {
    /// Cyrillic and Greek letters that look like Latin capitals in symbols (`А/71/371`), folded to Latin.
    static let lookalikes: [UInt32: Unicode.Scalar] = [
        0x0430: "a", 0x0441: "c", 0x0435: "e", 0x043D: "h", 0x043E: "o", 0x0440: "p", 0x0442: "t", 0x0445: "x",
        0x0432: "b", 0x043C: "m", 0x043A: "k", 0x0455: "s", 0x0456: "i",
    ]

    /// First letters of symbol series (folded), including Cyrillic look-alikes, to skip positions quickly.
    static let symbolInitials: Set<UInt32> = Set("asenctdbu".unicodeScalars.map(\.value) + [0x0430, 0x0441, 0x0435, 0x0455])

    static let symbolSeries: Set<String> = ["a", "s", "e", "npt", "cd", "st", "ccw", "bwc", "apmbc", "tpnw", "unep", "dp", "ap"]

    /// A UN document symbol (`NPT/CONF.2026/PC.III/WP.12`, `A/57/124`, `NPT/CONF.2010/50 (Vol. I)`); `A/RES/…` is a resolution.
    func scanSymbol(_ s: [Unicode.Scalar], at i: Int, folded: FoldedText, original: [Unicode.Scalar]) -> Mention? {
        func latin(_ k: Int) -> Unicode.Scalar? {
            guard k < s.count else { return nil }
            if let mapped = ReferenceExtractor.lookalikes[s[k].value] { return mapped }
            return s[k].isASCII ? s[k] : nil
        }
        // Series: letters up to the first slash.
        var j = i
        var series = ""
        while let c = latin(j), c >= "a" && c <= "z" {
            series.unicodeScalars.append(c)
            j += 1
        }
        guard !series.isEmpty, ReferenceExtractor.symbolSeries.contains(series), latin(j) == "/" else { return nil }
        guard let first = original.indices.contains(folded.origin[i]) ? original[folded.origin[i]] : nil,
            first.properties.isUppercase
        else { return nil }
        var components: [String] = [series.uppercased()]
        var digits = false
        while latin(j) == "/" {
            var k = j + 1
            var component = ""
            while let c = latin(k) {
                if c == "." && k + 2 < s.count && s[k + 1] == " " && s[k + 2].isASCIIDigit {
                    component += "."
                    k += 2
                    continue
                }
                guard (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "." || c == "*" else { break }
                if c.isASCIIDigit { digits = true }
                component.unicodeScalars.append(c)
                k += 1
            }
            while component.hasSuffix(".") {
                component.removeLast()
                k -= 1
            }
            guard !component.isEmpty else { break }
            components.append(component)
            j = k
        }
        guard components.count >= 2, digits else { return nil }
        var symbol = components.map(ReferenceExtractor.symbolCase).joined(separator: "/")
        // Qualifier: " (Vol. I)", "(Part I)", "(Parts I and II)".
        var end = j
        var k = skipSpaces(s, j)
        if k < s.count && s[k] == "(" {
            var inner = ""
            k += 1
            while k < s.count && s[k] != ")" && s[k] != "(" && inner.count < 24 {
                inner.unicodeScalars.append(s[k])
                k += 1
            }
            let words = inner.split(separator: " ").map(String.init)
            if k < s.count && s[k] == ")", let head = words.first, ["vol.", "part", "parts", "vol"].contains(head) {
                let rest = words.dropFirst().map { ["and", "et", "y"].contains($0) ? $0 : $0.uppercased() }
                symbol += " (" + (head.hasPrefix("vol") ? "Vol." : head.capitalized) + " " + rest.joined(separator: " ") + ")"
                end = k + 1
            }
        }
        if components.count >= 3 && components[1] == "RES" {
            let number = components[2...].joined(separator: "/")
            return Mention(kind: "resolution", id: "A/RES/" + number, start: i, end: end, role: .resolution, scope: "")
        }
        return Mention(kind: "document", id: symbol, start: i, end: end, role: .document, scope: "")
    }

    /// Upper-cases a symbol component except the conventional lower-case parts (`Rev.1`, `Corr.2`, `Add.3`, `Vol.`).
    static func symbolCase(_ component: String) -> String {
        let lowerParts = ["rev", "corr", "add", "amend", "vol"]
        let pieces = component.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if let first = pieces.first, lowerParts.contains(first) {
            return first.capitalized + (pieces.count > 1 ? "." + pieces.dropFirst().joined(separator: ".").uppercased() : "")
        }
        return component.uppercased()
    }

    /// "resolution 79/47", "resolutions 68/32, 70/34 and 79/47", "第 68/32、79/47 号决议", "2028 (XX)".
    func scanResolutions(_ s: [Unicode.Scalar], at i: Int, folded: FoldedText, original: [Unicode.Scalar]) -> (
        mentions: [Mention], end: Int
    )? {
        if s[i] == "第" || s[i].isASCIIDigit {
            // Chinese: numbers first, then 号决议.
            let start = s[i] == "第" ? skipSpaces(s, i + 1) : i
            if let list = parseResolutionNumbers(s, start, folded: folded, original: original) {
                let k = skipSpaces(s, list.end)
                if let word = resolutionWords.matches(in: s, at: k).first, word.payloads.contains(true) {
                    var mentions = list.numbers.map {
                        Mention(kind: "resolution", id: "A/RES/" + $0.id, start: $0.start, end: $0.end, role: .resolution, scope: "")
                    }
                    if s[i] == "第" { mentions[0].start = i }
                    mentions[mentions.count - 1].end = word.end
                    return (mentions, word.end)
                }
            }
            return nil
        }
        guard resolutionWords.startsWith(s[i]) else { return nil }
        for word in resolutionWords.matches(in: s, at: i) where !word.payloads.contains(true) && isWordEnd(s, word.end) {
            var k = skipSpaces(s, word.end)
            // Optional "A/RES/" written in full is handled by the symbol scanner; here bare numbers follow.
            if k < s.count && (s[k] == "n" || s[k] == "№") && k + 1 < s.count && (s[k + 1] == "o" || s[k + 1] == "°") {
                k = skipSpaces(s, k + 2)
            }
            if let list = parseResolutionNumbers(s, k, folded: folded, original: original) {
                var mentions = list.numbers.map {
                    Mention(kind: "resolution", id: "A/RES/" + $0.id, start: $0.start, end: $0.end, role: .resolution, scope: "")
                }
                mentions[0].start = i
                return (mentions, list.end)
            }
        }
        return nil
    }

    /// Parses resolution numbers `79/47`, `55/33 D`, `2028 (XX)` separated by list words.
    func parseResolutionNumbers(_ s: [Unicode.Scalar], _ i: Int, folded: FoldedText, original: [Unicode.Scalar]) -> (
        numbers: [(id: String, start: Int, end: Int)], end: Int
    )? {
        var numbers: [(id: String, start: Int, end: Int)] = []
        var j = i
        var end = i
        while true {
            var k = j
            while k < s.count && s[k].isASCIIDigit { k += 1 }
            guard k > j, k - j <= 4 else { break }
            let first = String(String.UnicodeScalarView(s[j..<k]))
            var id: String
            if k < s.count && s[k] == "/" {
                var m = k + 1
                while m < s.count && s[m].isASCIIDigit { m += 1 }
                guard m > k + 1, m - k - 1 <= 4 else { break }
                id = first + "/" + String(String.UnicodeScalarView(s[(k + 1)..<m]))
                k = m
                // A letter suffix: one space and a capital letter standing alone ("55/33 D").
                if k + 1 < s.count && s[k] == " " && s[k + 1] >= "a" && s[k + 1] <= "z" && isWordEnd(s, k + 2) {
                    let position = folded.origin[k + 1]
                    if original[position].properties.isUppercase {
                        id += " " + String(s[k + 1]).uppercased()
                        k += 2
                    }
                } else if k + 1 < s.count && s[k] == " ", let letter = resolutionLetters.matches(in: s, at: k + 1).first,
                    isWordEnd(s, letter.end), let name = letter.payloads.first
                {
                    id += " " + name
                    k = letter.end
                }
            } else {
                // Old style: "2028 (XX)".
                var m = skipSpaces(s, k)
                guard m < s.count && s[m] == "(" else { break }
                m += 1
                let romanStart = m
                while m < s.count && "ivxlc".unicodeScalars.contains(s[m]) { m += 1 }
                guard m > romanStart, m < s.count && s[m] == ")" else { break }
                id = first + "(" + String(String.UnicodeScalarView(s[romanStart..<m])).uppercased() + ")"
                k = m + 1
            }
            numbers.append((id, j, k))
            end = k
            let next = skipSpaces(s, k)
            guard let separator = separators.matches(in: s, at: next).first else { break }
            j = skipSpaces(s, separator.end)
        }
        return numbers.isEmpty ? nil : (numbers, end)
    }
}
