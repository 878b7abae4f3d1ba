/// One of the six official languages of the United Nations.
public enum Language: String, Codable, CaseIterable, Sendable, Comparable {
    case en, fr, es, ru, ar, zh

    /// Orders languages as the UN lists them in documents: EN FR ES RU AR ZH.
    public static func < (lhs: Language, rhs: Language) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses a language code such as `zh`, `ZH` or `zh-CN`; nil when it is not a UN language.
    public init?(code: String) {
        let base = code.lowercased().split(separator: "-").first.map(String.init) ?? ""
        self.init(rawValue: base)
    }

    /// Parses a language code given by a person, refusing anything but a UN language with a sentence listing them.
    public init(parsing code: String) throws {
        guard let language = Language(code: code) else {
            throw StocktakeError(.invalidArgument, "'\(code)' is not a UN language; use one of en, fr, es, ru, ar, zh.")
        }
        self = language
    }
}

/// Text in several languages, keyed by language.
public typealias LocalizedText = [Language: String]
