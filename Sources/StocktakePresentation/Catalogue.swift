public import Foundation
public import StocktakeCore

/// The language of the interface: labels, headings, legends. Content keeps its own language.
public enum InterfaceLanguage: String, Sendable, CaseIterable, Codable {
    /// English.
    case en
    /// Chinese.
    case zh

    /// Reads `--lang`; anything else is refused with the languages offered.
    public init(code: String) throws {
        guard let language = InterfaceLanguage(rawValue: code.lowercased()) else {
            throw StocktakeError(.invalidArgument, "'\(code)' is not an interface language; use en or zh.")
        }
        self = language
    }

    /// The matching content language, for names from the registry.
    public var language: Language { self == .zh ? .zh : .en }
}

/// A translation catalogue: key → text in one interface language, read from `Catalogues/<lang>.json`.
public struct Catalogue: Sendable {
    /// The language.
    public let language: InterfaceLanguage
    /// Every text by key.
    public let texts: [String: String]

    /// The text for `key`; a missing key is a bug the catalogue test catches, shown here as the key itself.
    public func text(_ key: String) -> String { texts[key] ?? key }

    /// The texts keyed for templates: dots and hyphens become underscores (`report.title` → `report_title`).
    public var templateKeys: [String: String] {
        Dictionary(
            uniqueKeysWithValues: texts.map {
                ($0.key.replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "-", with: "_"), $0.value)
            })
    }

    /// Reads every catalogue in `directory` and checks they hold the same keys, none empty.
    public static func loadAll(from directory: URL) throws -> [InterfaceLanguage: Catalogue] {
        var catalogues: [InterfaceLanguage: Catalogue] = [:]
        for language in InterfaceLanguage.allCases {
            let url = directory.appendingPathComponent("\(language.rawValue).json")
            guard let data = FileManager.default.contents(atPath: url.path),
                let texts = try? JSONDecoder().decode([String: String].self, from: data)
            else {
                throw StocktakeError(
                    .dataNotFound, "The \(language.rawValue) translation catalogue is missing or not valid JSON; reinstall Stocktake.")
            }
            guard !texts.values.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
                throw StocktakeError(.corruptData, "The \(language.rawValue) translation catalogue has an empty text; fill it in.")
            }
            catalogues[language] = Catalogue(language: language, texts: texts)
        }
        let keys = Set(catalogues[.en]!.texts.keys)
        for (language, catalogue) in catalogues where Set(catalogue.texts.keys) != keys {
            let difference = keys.symmetricDifference(catalogue.texts.keys).sorted().prefix(5).joined(separator: ", ")
            throw StocktakeError(
                .corruptData,
                "The \(language.rawValue) catalogue and the English one differ in keys (\(difference)); give every key in both.")
        }
        return catalogues
    }
}
