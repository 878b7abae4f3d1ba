public import StocktakeCore

/// Finds references to commitments, treaties, resolutions, documents, states and organizations in a paragraph.
///
/// Every name comes from the registry (aliases in six languages, item words such as "action" or
/// 行动, list and range words); the extractor holds the grammar only. It follows the contract of
/// `shared/specs/references.md`: one identifier per mention, the most specific thing in a chain,
/// "the Treaty" resolved to the treaty last named in the paragraph or the document's own treaty.
public struct ReferenceExtractor: Sendable {
    struct AliasTarget: Sendable {
        let kind: String
        let id: String
        let caseSensitive: [Unicode.Scalar]?
        /// True for a name written with a capital in a script that has capitals: it counts only written so (Chile, not chile).
        let capitalInitial: Bool
        let exclusions: [(left: [Unicode.Scalar], right: [Unicode.Scalar])]
        let isContainer: Bool
    }

    struct ItemWord: Sendable {
        let instrument: String
        let needsContext: Bool
        let roman: Bool
        /// True for Chinese words written after the number: 第六条, 第3段.
        let suffix: Bool
    }

    struct Mention {
        enum Role { case alias, container, item, anaphora, resolution, document }
        var kind: String
        var id: String
        var start: Int
        var end: Int
        var role: Role
        /// For items: the instrument (or, for articles, the treaty) they belong to; for containers, what they contain.
        var scope: String
        var needsContext = false
        var suppressed = false
        /// True when the mention was resolved through the document's treaty, not a name in the paragraph.
        var throughDefault = false
    }

    let aliases: ScalarTrie<AliasTarget>
    let prefixItemWords: ScalarTrie<ItemWord>
    let suffixItemWords: ScalarTrie<ItemWord>
    let anaphora: ScalarTrie<[Unicode.Scalar]>
    let resolutionWords: ScalarTrie<Bool>
    let separators: ScalarTrie<Bool>
    let rangeWords: ScalarTrie<Bool>
    let connectors: ScalarTrie<Bool>
    let arabicLetters: [UInt32: String]
    let chineseNumerals: [UInt32: Int]
    let ordinals: ScalarTrie<Int>
    let resolutionLetters: ScalarTrie<String>
    let commitmentIDs: Set<String>
    let treatyInstruments: [String: String]
    let instrumentTreaty: [String: String]

    /// Builds the matcher from the registry's aliases and reference words.
    public init(registry: Registry) {
        func folded(_ text: String) -> [Unicode.Scalar] { FoldedText(text, loosely: true).scalars }
        var exclusionsByAlias: [String: [(left: [Unicode.Scalar], right: [Unicode.Scalar])]] = [:]
        for exclusion in registry.aliasExclusions {
            let alias = folded(exclusion.alias)
            for context in exclusion.notWithin {
                let whole = folded(context)
                guard whole.count > alias.count else { continue }
                for offset in 0...(whole.count - alias.count) where Array(whole[offset..<(offset + alias.count)]) == alias {
                    exclusionsByAlias[FoldedText.key(exclusion.alias, loosely: true), default: []].append(
                        (Array(whole[0..<offset]), Array(whole[(offset + alias.count)...])))
                }
            }
        }
        // Aliases that are also common words (Russian "того", the genitive of "that", is Togo only as "Того").
        let capitalisedOnly = Set(
            registry.aliasExclusions.filter { $0.capitalisedOnly == true }.map { FoldedText.key($0.alias, loosely: true) })
        var aliasTrie = ScalarTrie<AliasTarget>()
        let containerIDs = Set(registry.instruments.map(\.id)).union(registry.treaties.map(\.id))
        for entry in registry.aliasEntries {
            let isAcronym =
                entry.text.count <= 8 && entry.text.unicodeScalars.contains { $0.properties.isUppercase }
                && !entry.text.unicodeScalars.contains { $0.properties.isLowercase }
            let exact = isAcronym || capitalisedOnly.contains(FoldedText.key(entry.text, loosely: true))
            // Russian names are listed in the nominative; their case forms come from the ending tables.
            let forms = [entry.text] + (entry.language == .ru && !isAcronym ? RussianDeclension.caseForms(of: entry.text) : [])
            for form in forms {
                aliasTrie.insert(
                    folded(form),
                    AliasTarget(
                        kind: entry.kind, id: entry.id, caseSensitive: exact ? Array(form.unicodeScalars) : nil,
                        capitalInitial: form.unicodeScalars.first?.properties.isUppercase ?? false,
                        exclusions: exclusionsByAlias[FoldedText.key(entry.text, loosely: true)] ?? [],
                        isContainer: containerIDs.contains(entry.id)))
            }
        }
        aliases = aliasTrie

        var prefixWords = ScalarTrie<ItemWord>()
        var suffixWords = ScalarTrie<ItemWord>()
        var itemWordOwners: [String: Set<String>] = [:]
        for instrument in registry.instruments {
            for (_, words) in instrument.itemWords {
                for word in words { itemWordOwners[FoldedText.key(word, loosely: true), default: []].insert(instrument.id) }
            }
        }
        for instrument in registry.instruments {
            let needsContext = instrument.kind == "treaty" || instrument.kind == "decision"
            for (language, words) in instrument.itemWords {
                for word in words {
                    let item = ItemWord(
                        instrument: instrument.id,
                        needsContext: needsContext || (itemWordOwners[FoldedText.key(word, loosely: true)]?.count ?? 0) > 1,
                        roman: instrument.numbering == "roman", suffix: language == .zh && (needsContext || word.hasPrefix("项")))
                    if item.suffix { suffixWords.insert(folded(word), item) } else { prefixWords.insert(folded(word), item) }
                }
            }
        }
        prefixItemWords = prefixWords
        suffixItemWords = suffixWords

        let words = registry.referenceWords
        var anaphoraTrie = ScalarTrie<[Unicode.Scalar]>()
        for (_, list) in words.treatyAnaphora { for phrase in list { anaphoraTrie.insert(folded(phrase), Array(phrase.unicodeScalars)) } }
        anaphora = anaphoraTrie
        func trie(_ table: [String: [String]], _ value: Bool = true) -> ScalarTrie<Bool> {
            var result = ScalarTrie<Bool>()
            for (_, list) in table { for word in list { result.insert(folded(word), value) } }
            return result
        }
        var resolutionTrie = ScalarTrie<Bool>()
        for (language, list) in words.resolutionWords {
            for word in list { resolutionTrie.insert(folded(word), language == "zh") }
        }
        resolutionWords = resolutionTrie
        var separatorTrie = trie(words.listSeparators)
        for mark in [",", "、", ";", "，"] { separatorTrie.insert(folded(mark), true) }
        separators = separatorTrie
        var rangeTrie = trie(words.rangeWords)
        for mark in ["-", "–", "—", "~"] { rangeTrie.insert(folded(mark), true) }
        rangeWords = rangeTrie
        connectors = trie(words.chainConnectors)
        var letters: [UInt32: String] = [:]
        for (arabic, latin) in words.arabicSubItemLetters {
            let key = folded(arabic)
            if let first = key.first, key.count == 1 { letters[first.value] = latin }
        }
        arabicLetters = letters
        var numerals: [UInt32: Int] = [:]
        for (numeral, value) in words.chineseNumerals { if let scalar = numeral.unicodeScalars.first { numerals[scalar.value] = value } }
        chineseNumerals = numerals
        var ordinalTrie = ScalarTrie<Int>()
        for (_, table) in words.ordinalWords ?? [:] { for (word, value) in table { ordinalTrie.insert(folded(word), value) } }
        ordinals = ordinalTrie
        var letterTrie = ScalarTrie<String>()
        for (_, table) in words.resolutionLetterNames ?? [:] { for (word, letter) in table { letterTrie.insert(folded(word), letter) } }
        resolutionLetters = letterTrie
        commitmentIDs = Set(registry.commitments.map(\.id))
        var byTreaty: [String: String] = [:]
        var byInstrument: [String: String] = [:]
        for instrument in registry.instruments where instrument.kind == "treaty" {
            // An instrument of kind treaty carries that treaty's articles; its identifier is the treaty's.
            byTreaty[instrument.id] = instrument.id
            byInstrument[instrument.id] = instrument.id
        }
        treatyInstruments = byTreaty
        instrumentTreaty = byInstrument
    }

    /// The references in one paragraph, in order; `defaultTreaty` is what "the Treaty" means when no treaty was named before it.
    /// When `defaultIsInferred`, references resolved through `defaultTreaty` are marked inferred.
    public func references(in text: String, defaultTreaty: String?, defaultIsInferred: Bool = false) -> [Reference] {
        references(in: text, defaultTreaty: defaultTreaty, defaultIsInferred: defaultIsInferred, capitals: true)
    }

    func references(in text: String, defaultTreaty: String?, defaultIsInferred: Bool, capitals: Bool) -> [Reference] {
        let folded = FoldedText(text, loosely: true)
        let original = Array(text.unicodeScalars)
        var mentions = scan(folded, original, capitals: capitals)
        resolve(&mentions, folded.scalars, defaultTreaty: defaultTreaty)
        return mentions.filter { !$0.suppressed }.map { mention in
            let range = folded.originalRange(mention.start, mention.end)
            var surface = String.UnicodeScalarView()
            surface.append(contentsOf: original[range.start..<range.end])
            return Reference(
                kind: mention.kind, id: mention.id, surface: String(surface), start: range.start, end: range.end,
                inferred: defaultIsInferred && mention.throughDefault ? true : nil)
        }
    }

    /// The identifiers a search query names, for concept search ("action 5 (c)" → `AP2010:5(c)`, "CTBT" → `CTBT`,
    /// "france" → `FRA`); an article without its treaty is read as the NPT's, the treaty this record is about. Excluded
    /// words are left out.
    public func searchConcepts(in query: String) -> [String] {
        let text = SearchQueryParser.parse(query).conceptText
        // People type queries in lower case: a name counts without its capital here ("france", "iran").
        let found = references(in: text, defaultTreaty: "NPT", defaultIsInferred: false, capitals: false)
        return Array(Set(found.map(\.id).filter { !$0.isEmpty })).sorted()
    }
}
