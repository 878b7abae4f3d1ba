extension ReferenceExtractor {
    /// Scans folded text left to right, taking at each position the first grammar that matches.
    /// `capitals`: whether a name written with a capital needs its capital in the text (not in a search box's query).
    func scan(_ folded: FoldedText, _ original: [Unicode.Scalar], capitals: Bool = true) -> [Mention] {
        let s = folded.scalars
        var mentions: [Mention] = []
        var i = 0
        while i < s.count {
            let scalar = s[i]
            let cjk = scalar.isCJK
            let atBoundary = cjk || i == 0 || !s[i - 1].isWordCharacter || s[i - 1].isCJK
            // Arabic writes conjunctions, prepositions and the article onto the word: والصين, بالقرار, للمادة.
            let arabicStart = !atBoundary && arabicProclitic(s, i)
            // Latin, Cyrillic and Arabic names start at a word boundary (or after an Arabic proclitic).
            guard atBoundary || arabicStart || !scalar.isWordCharacter else {
                i += 1
                continue
            }
            if atBoundary || arabicStart {
                if atBoundary, ReferenceExtractor.symbolInitials.contains(scalar.value),
                    let found = scanSymbol(s, at: i, folded: folded, original: original)
                {
                    mentions.append(found)
                    i = found.end
                    continue
                }
                if scalar.isASCIIDigit || scalar == "第" || resolutionWords.startsWith(scalar),
                    let found = scanResolutions(s, at: i, folded: folded, original: original)
                {
                    mentions += found.mentions
                    i = found.end
                    continue
                }
                if let found = scanPrefixItems(s, at: i) {
                    mentions += found.mentions
                    i = found.end
                    continue
                }
                if scalar == "第", let found = scanSuffixItems(s, at: i) {
                    mentions += found.mentions
                    i = found.end
                    continue
                }
            }
            if let found = scanName(s, at: i, folded: folded, original: original, article: false, capitals: capitals) {
                mentions.append(found)
                i = found.end
                continue
            }
            // The preposition lam takes the article's alif: للمعاهدة is ل + المعاهدة, للمادة السادسة is ل + المادة السادسة.
            if arabicStart && s[i] == ReferenceExtractor.lam && s[i - 1] == ReferenceExtractor.lam {
                if let found = scanPrefixItems(s, at: i, article: true) {
                    mentions += found.mentions
                    i = found.end
                    continue
                }
                if let found = scanName(s, at: i, folded: folded, original: original, article: true, capitals: capitals) {
                    mentions.append(found)
                    i = found.end
                    continue
                }
            }
            i += 1
        }
        return mentions
    }

    /// A name from the registry at `i`, else "the Treaty" standing alone.
    func scanName(_ s: [Unicode.Scalar], at i: Int, folded: FoldedText, original: [Unicode.Scalar], article: Bool, capitals: Bool)
        -> Mention?
    {
        scanAlias(s, at: i, folded: folded, original: original, article: article, capitals: capitals)
            ?? scanAnaphora(s, at: i, folded: folded, original: original, article: article)
    }

    static let lam: Unicode.Scalar = "\u{0644}"
    static let alif: [Unicode.Scalar] = ["\u{0627}"]

    /// True when a name ends at `end` and a footnote marker is glued to it ("МАГАТЭ2", "l'Union européenne2"): one or two
    /// digits after a letter, then the end of the word.
    func footnoteMarkerEnd(_ s: [Unicode.Scalar], _ end: Int) -> Bool {
        guard end > 0, end < s.count, s[end].isASCIIDigit, s[end - 1].properties.isAlphabetic else { return false }
        var k = end
        while k < s.count && s[k].isASCIIDigit { k += 1 }
        return k - end <= 2 && isWordEnd(s, k)
    }

    func isWordEnd(_ s: [Unicode.Scalar], _ end: Int) -> Bool {
        end >= s.count || !s[end].isWordCharacter || s[end].isCJK || s[end - 1].isCJK
    }

    func matchesOriginal(_ expected: [Unicode.Scalar], _ start: Int, _ end: Int, _ folded: FoldedText, _ original: [Unicode.Scalar]) -> Bool
    {
        let range = folded.originalRange(start, end)
        let actual = original[range.start..<range.end].filter { $0 != "\u{AD}" }
        return Array(actual) == expected.filter { $0 != "\u{AD}" }
    }

    /// A name at `i`; with `article`, the text at `i` continues an article whose alif a preposition took (للمعاهدة).
    func scanAlias(
        _ s: [Unicode.Scalar], at i: Int, folded: FoldedText, original: [Unicode.Scalar], article: Bool = false, capitals: Bool = true
    ) -> Mention? {
        guard aliases.startsWith(article ? ReferenceExtractor.alif[0] : s[i]) else { return nil }
        let leftOK = article || i == 0 || !s[i - 1].isWordCharacter || s[i - 1].isCJK || s[i].isCJK || arabicProclitic(s, i)
        let start = article ? i - 1 : i
        for (end, targets) in aliases.matches(in: s, at: i, after: article ? ReferenceExtractor.alif : []) where end > i {
            let edgeCJK = s[end - 1].isCJK
            if !s[i].isCJK && !leftOK { continue }
            if !edgeCJK && !isWordEnd(s, end) && !footnoteMarkerEnd(s, end) { continue }
            for target in targets {
                if let exact = target.caseSensitive, article || !matchesOriginal(exact, i, end, folded, original) { continue }
                if capitals, target.capitalInitial, !startsWithCapital(i, folded, original) { continue }
                if target.exclusions.contains(where: { excluded(s, start, end, $0.left, $0.right) }) { continue }
                return Mention(
                    kind: target.kind, id: target.id, start: start, end: end, role: target.isContainer ? .container : .alias,
                    scope: target.id)
            }
        }
        return nil
    }

    /// True when the original text at folded position `i` is a capital letter (or a letter of a script without capitals).
    func startsWithCapital(_ i: Int, _ folded: FoldedText, _ original: [Unicode.Scalar]) -> Bool {
        let scalar = original[folded.originalRange(i, i + 1).start]
        return !scalar.properties.isLowercase
    }

    /// True when `i` follows one Arabic proclitic at the start of a word (و ف ب ل ك), or a conjunction and a preposition (وب، ول، فك).
    @inline(__always)
    func arabicProclitic(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i >= 1 else { return false }
        let preposition: (UInt32) -> Bool = { $0 == 0x0628 || $0 == 0x0644 || $0 == 0x0643 }  // ب ل ك
        let conjunction: (UInt32) -> Bool = { $0 == 0x0648 || $0 == 0x0641 }  // و ف
        let first = s[i - 1].value
        guard preposition(first) || conjunction(first) else { return false }
        if i == 1 || !s[i - 2].isWordCharacter { return true }
        guard preposition(first) && conjunction(s[i - 2].value) else { return false }
        return i == 2 || !s[i - 3].isWordCharacter
    }

    func excluded(_ s: [Unicode.Scalar], _ start: Int, _ end: Int, _ left: [Unicode.Scalar], _ right: [Unicode.Scalar]) -> Bool {
        guard start >= left.count, end + right.count <= s.count else { return false }
        return Array(s[(start - left.count)..<start]) == left && Array(s[end..<(end + right.count)]) == right
    }

    func scanAnaphora(_ s: [Unicode.Scalar], at i: Int, folded: FoldedText, original: [Unicode.Scalar], article: Bool = false) -> Mention? {
        guard anaphora.startsWith(article ? ReferenceExtractor.alif[0] : s[i]) else { return nil }
        if !article && i > 0 && s[i - 1].isWordCharacter && !s[i - 1].isCJK && !s[i].isCJK && !arabicProclitic(s, i) { return nil }
        let start = article ? i - 1 : i
        for (end, phrases) in anaphora.matches(in: s, at: i, after: article ? ReferenceExtractor.alif : [])
        where end > i && (s[end - 1].isCJK || s[end - 1] == "》" || isWordEnd(s, end)) {
            // Arabic has no capitals to check; elsewhere "the Treaty" is the defined term only as written.
            let arabic = s[i].value >= 0x0600 && s[i].value <= 0x06FF
            guard arabic || phrases.contains(where: { matchesOriginal($0, i, end, folded, original) }) else { continue }
            // "the Treaty on the Prohibition…" is a name, not "the Treaty" standing alone.
            let namesATreaty = (i + 1..<end).contains { k in
                aliases.matches(in: s, at: k).contains { $0.end > end && $0.payloads.contains { $0.kind == "treaty" } }
            }
            if namesATreaty { return nil }
            return Mention(kind: "treaty", id: "", start: start, end: end, role: .anaphora, scope: "")
        }
        return nil
    }

    // MARK: numbers and lists

    func skipSpaces(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        var j = i
        while j < s.count && s[j] == " " { j += 1 }
        return j
    }

    /// Parses a decimal number, a roman numeral (when `roman`) or a Chinese numeral up to 99.
    func parseNumber(_ s: [Unicode.Scalar], _ i: Int, roman: Bool) -> (value: String, end: Int)? {
        // Arabic writes article and step numbers as ordinal words too: المادة السادسة, الخطوة السابعة.
        if i < s.count, s[i].value >= 0x0621 && s[i].value <= 0x064A,
            let ordinal = ordinals.matches(in: s, at: i).first(where: { isWordEnd(s, $0.end) }), let value = ordinal.payloads.first
        {
            return (roman ? ReferenceExtractor.romanNumeral(value) : String(value), ordinal.end)
        }
        var j = i
        while j < s.count && s[j].isASCIIDigit { j += 1 }
        if j > i {
            if j < s.count && (s[j].properties.isAlphabetic && !s[j].isCJK)
                && !(j + 1 < s.count && s[j] >= "a" && s[j] <= "z" && s[j + 1] == ")")
            {
                return nil
            }
            if j < s.count && s[j] == "/" { return nil }
            let digits = String(String.UnicodeScalarView(s[i..<j]))
            return (roman ? (Int(digits).map(ReferenceExtractor.romanNumeral) ?? digits) : digits, j)
        }
        if roman {
            while j < s.count && "ivxlc".unicodeScalars.contains(s[j]) { j += 1 }
            if j > i && isWordEnd(s, j) { return (String(String.UnicodeScalarView(s[i..<j])).uppercased(), j) }
            j = i
        }
        var value = 0
        var sawTen = false
        while j < s.count, let digit = chineseNumerals[s[j].value] {
            if digit == 10 {
                value = (value == 0 ? 1 : value) * 10
                sawTen = true
            } else {
                value = sawTen ? value + digit : value * 10 + digit
            }
            j += 1
        }
        if j > i && value > 0 {
            return (roman ? ReferenceExtractor.romanNumeral(value) : String(value), j)
        }
        return nil
    }

    static func romanNumeral(_ value: Int) -> String {
        let table: [(Int, String)] = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = value
        var out = ""
        for (amount, symbol) in table { while rest >= amount { out += symbol; rest -= amount } }
        return out
    }

    /// Parses sub-item letters after a number: "(c)", "c)", "（c）", "(ج)", "(c) and (d)", each with its span.
    func parseSubItems(_ s: [Unicode.Scalar], _ i: Int) -> (letters: [(letter: String, start: Int, end: Int)], end: Int) {
        var letters: [(letter: String, start: Int, end: Int)] = []
        var j = i
        var end = i
        while true {
            var k = skipSpaces(s, j)
            // "(c) and (d)" continue a list of sub-items; after a semicolon a new point of an enumeration begins.
            if !letters.isEmpty, let separator = separators.matches(in: s, at: k).first, s[k] != ";" && s[k] != "；" {
                k = skipSpaces(s, separator.end)
            }
            let start = k
            let open = k < s.count && s[k] == "("
            if open { k += 1 }
            guard k + 1 < s.count else { break }
            var letter: String?
            if s[k] >= "a" && s[k] <= "z" {
                letter = String(s[k])
            } else if let latin = arabicLetters[s[k].value] {
                letter = latin
            }
            guard let found = letter, s[k + 1] == ")" else { break }
            if !open && k > 0 && s[k - 1] != " " { break }
            end = k + 2
            if end + 1 < s.count && s[end] == "分" && s[end + 1] == "段" { end += 2 }
            letters.append((found, start, end))
            j = end
        }
        return (letters, end)
    }

    /// Parses "5, 20 and 21", "5 (c)", "1 to 22": numbers with sub-items, expanded, each with its own span.
    func parseItemList(_ s: [Unicode.Scalar], _ i: Int, roman: Bool) -> (items: [(id: String, start: Int, end: Int)], end: Int)? {
        var items: [(id: String, start: Int, end: Int)] = []
        var j = skipSpaces(s, i)
        var end = i
        while let number = parseNumber(s, j, roman: roman) {
            let subs = parseSubItems(s, number.end)
            if subs.letters.isEmpty {
                items.append((number.value, j, number.end))
            } else {
                for (index, sub) in subs.letters.enumerated() {
                    items.append(("\(number.value)(\(sub.letter))", index == 0 ? j : sub.start, sub.end))
                }
            }
            end = max(number.end, subs.end)
            var k = skipSpaces(s, end)
            if subs.letters.isEmpty, !roman, let range = rangeWords.matches(in: s, at: k).first,
                let upper = parseNumber(s, repeatedItemWordEnd(s, skipSpaces(s, range.end)), roman: false),
                let low = Int(number.value), let high = Int(upper.value), low < high, high - low <= 100
            {
                items += (low + 1...high).map { (String($0), $0 == high ? skipSpaces(s, range.end) : j, upper.end) }
                end = upper.end
                k = skipSpaces(s, end)
            }
            guard let separator = separators.matches(in: s, at: k).first else { break }
            j = skipSpaces(s, separator.end)
        }
        return items.isEmpty ? nil : (items, end)
    }

    /// Past an item word repeated after a range word ("行动1至行动5", "actions 1 to action 5"), else `i` itself.
    func repeatedItemWordEnd(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        guard i < s.count, prefixItemWords.startsWith(s[i]), let word = prefixItemWords.matches(in: s, at: i).first else { return i }
        return skipSpaces(s, word.end)
    }

    func scanPrefixItems(_ s: [Unicode.Scalar], at i: Int, article: Bool = false) -> (mentions: [Mention], end: Int)? {
        guard prefixItemWords.startsWith(article ? ReferenceExtractor.alif[0] : s[i]) else { return nil }
        let start = article ? i - 1 : i
        for (wordEnd, words) in prefixItemWords.matches(in: s, at: i, after: article ? ReferenceExtractor.alif : []) where wordEnd > i {
            guard let word = words.first else { continue }
            if !s[wordEnd - 1].isCJK && !isWordEnd(s, wordEnd) { continue }
            guard let list = parseItemList(s, wordEnd, roman: word.roman) else { continue }
            let instruments = Set(words.map(\.instrument))
            let scope = instruments.count == 1 ? word.instrument : ""
            let mentions = list.items.enumerated().map { index, item in
                Mention(
                    kind: "commitment", id: item.id, start: index == 0 ? start : item.start, end: item.end, role: .item, scope: scope,
                    needsContext: word.needsContext || scope.isEmpty)
            }
            return (mentions, list.end)
        }
        return nil
    }

    /// Chinese "第六条", "第3段和第4段(c)分段": 第 + number + item word, repeated with list words.
    func scanSuffixItems(_ s: [Unicode.Scalar], at i: Int) -> (mentions: [Mention], end: Int)? {
        guard s[i] == "第" else { return nil }
        var mentions: [Mention] = []
        var j = i
        var end = i
        while j < s.count && s[j] == "第" {
            guard let number = parseNumber(s, j + 1, roman: false),
                let match = suffixItemWords.matches(in: s, at: number.end).first, let word = match.payloads.first
            else { break }
            let wordEnd = match.end
            let value = word.roman ? ReferenceExtractor.romanNumeral(Int(number.value) ?? 0) : number.value
            let subs = parseSubItems(s, wordEnd)
            end = max(wordEnd, subs.end)
            if subs.letters.isEmpty {
                mentions.append(
                    Mention(kind: "commitment", id: value, start: j, end: wordEnd, role: .item, scope: word.instrument, needsContext: true))
            } else {
                for (index, sub) in subs.letters.enumerated() {
                    mentions.append(
                        Mention(
                            kind: "commitment", id: "\(value)(\(sub.letter))", start: index == 0 ? j : sub.start, end: sub.end, role: .item,
                            scope: word.instrument, needsContext: true))
                }
            }
            var k = skipSpaces(s, end)
            // A range of items each written in full: 第5段至第7段.
            if subs.letters.isEmpty, let range = rangeWords.matches(in: s, at: k).first, range.end < s.count, s[range.end] == "第",
                let upper = parseNumber(s, range.end + 1, roman: false),
                let upperWord = suffixItemWords.matches(in: s, at: upper.end).first,
                upperWord.payloads.first?.instrument == word.instrument,
                let low = Int(number.value), let high = Int(upper.value), low < high, high - low <= 100
            {
                for value in (low + 1)...high {
                    let id = word.roman ? ReferenceExtractor.romanNumeral(value) : String(value)
                    let start = value == high ? range.end : j
                    mentions.append(
                        Mention(
                            kind: "commitment", id: id, start: start, end: upperWord.end, role: .item, scope: word.instrument,
                            needsContext: true))
                }
                end = upperWord.end
                k = skipSpaces(s, end)
            }
            guard let separator = separators.matches(in: s, at: k).first else { break }
            j = skipSpaces(s, separator.end)
        }
        guard !mentions.isEmpty else { return nil }
        return (mentions, end)
    }
}
