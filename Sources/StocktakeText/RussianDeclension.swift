/// Case forms of Russian proper names, by ending tables, so that a name listed once in the nominative is found in
/// every case: Российская Федерация, Российской Федерации, Российскую Федерацию, Российской Федерацией.
///
/// A name declines from its first word through its first noun: leading adjectives agree with that noun, and what
/// follows it (a genitive, a prepositional phrase, an apposition) stays as written, as in Соединенного Королевства
/// Великобритании, Договора о нераспространении ядерного оружия or Республики Корея. A phrase without a capital
/// declines only when its first word is a noun whose ending says it is singular (договор о запрещении…, резолюция по…);
/// acronyms (ДНЯО) and the indeclinable foreign names ending in a vowel (Того, Перу, Чили, Марокко) are left alone. The tables cover the endings names have; a form they produce that Russian does not use
/// matches nothing, so the cost of an over-generated form is a trie entry, never a false reference.
public enum RussianDeclension {
    /// The genitive, dative, accusative, instrumental and prepositional forms of `name`, without the nominative itself.
    public static func caseForms(of name: String) -> [String] {
        let words = name.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let first = words.first, let initial = first.unicodeScalars.first,
            !first.unicodeScalars.dropFirst().contains(where: { $0.properties.isUppercase })
        else { return [] }
        // A common noun in -а or -ы may already be a plural (государства): only a name's capital settles it.
        let isName = initial.properties.isUppercase
        // The words that decline: adjectives, then the noun they qualify.
        var declining: [[String]] = []
        var nounAt: Int?
        for (index, word) in words.enumerated() {
            if isName, let forms = adjectiveForms(word) {
                declining.append(forms)
                continue
            }
            if !isName && (word.hasSuffix("а") || word.hasSuffix("ы") || word.hasSuffix("я") && !word.hasSuffix("ия")) { return [] }
            guard let forms = nounForms(word) else { return [] }
            declining.append(forms)
            nounAt = index
            break
        }
        guard let noun = nounAt else { return [] }
        let rest = words[(noun + 1)...]
        var result: [String] = []
        for grammaticalCase in 0..<caseCount {
            let head = declining.map { $0[grammaticalCase] }
            let form = (head + rest).joined(separator: " ")
            if form != name && !result.contains(form) { result.append(form) }
        }
        return result
    }

    /// Genitive, dative, accusative, instrumental, prepositional.
    static let caseCount = 5

    static func replacing(_ word: String, _ ending: String, _ forms: [String]) -> [String]? {
        guard word.hasSuffix(ending), word.count > ending.count + 1 else { return nil }
        let stem = String(word.dropLast(ending.count))
        return forms.map { $0 == "=" ? word : stem + $0 }
    }

    static func adjectiveForms(_ word: String) -> [String]? {
        // Hyphenated adjectives decline at their end: Народно-Демократическая.
        if word.hasSuffix("ий"), let before = word.dropLast(2).last {
            if "гкх".contains(before) { return replacing(word, "ий", ["ого", "ому", "=", "им", "ом"]) }
            if "жшчщ".contains(before) { return replacing(word, "ий", ["его", "ему", "=", "им", "ем"]) }
        }
        let table: [(String, [String])] = [
            ("ая", ["ой", "ой", "ую", "ой", "ой"]),
            ("яя", ["ей", "ей", "юю", "ей", "ей"]),
            ("ый", ["ого", "ому", "=", "ым", "ом"]),
            ("ой", ["ого", "ому", "=", "ым", "ом"]),
            ("ий", ["его", "ему", "=", "им", "ем"]),
            ("ое", ["ого", "ому", "=", "ым", "ом"]),
            ("ее", ["его", "ему", "=", "им", "ем"]),
            ("ые", ["ых", "ым", "=", "ыми", "ых"]),
            ("ие", ["их", "им", "=", "ими", "их"]),
        ]
        for (ending, forms) in table where word.hasSuffix(ending) {
            // A noun in -ие (Соглашение) is not an adjective: adjectives in -ие are plural and follow a capital word's stem in -к, -н…
            if ending == "ие" && word.hasSuffix("ние") { return nil }
            if ending == "ой" && !word.hasSuffix("ской") && !word.hasSuffix("ной") { continue }
            return replacing(word, ending, forms)
        }
        return nil
    }

    static func nounForms(_ word: String) -> [String]? {
        let velarOrSibilant = "гкхжшчщ"
        let last = word.last ?? " "
        if word.hasSuffix("ия") { return replacing(word, "ия", ["ии", "ии", "ию", "ией", "ии"]) }
        if word.hasSuffix("ие") { return replacing(word, "ие", ["ия", "ию", "=", "ием", "ии"]) }
        if word.hasSuffix("ство") { return replacing(word, "о", ["а", "у", "=", "ом", "е"]) }
        if word.hasSuffix("а"), let before = word.dropLast().last {
            return replacing(word, "а", [velarOrSibilant.contains(before) ? "и" : "ы", "е", "у", "ой", "е"])
        }
        if word.hasSuffix("я") { return replacing(word, "я", ["и", "е", "ю", "ей", "е"]) }
        if word.hasSuffix("ы") { return replacing(word, "ы", ["ов", "ам", "=", "ами", "ах"]) }
        if word.hasSuffix("й") { return replacing(word, "й", ["я", "ю", "=", "ем", "е"]) }
        if word.hasSuffix("ь") { return replacing(word, "ь", ["я", "ю", "=", "ем", "е"]) }
        // Indeclinable: foreign names ending in a vowel (Того, Перу, Чили, Марокко), and anything not Cyrillic.
        if "аеёиоуыэюя".contains(last) { return nil }
        guard last.unicodeScalars.allSatisfy({ (0x0430...0x044F).contains($0.value) }) else { return nil }
        let sibilant = "жшчщц".contains(last)
        return [word + "а", word + "у", word, word + (sibilant ? "ем" : "ом"), word + "е"]
    }
}
