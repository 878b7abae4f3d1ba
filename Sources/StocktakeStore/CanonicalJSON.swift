import Foundation
import StocktakeCore

/// The one JSON form Stocktake writes into log entries and tables: sorted keys, no escaped slashes, compact.
public enum CanonicalJSON {
    /// Encodes a value as canonical JSON text.
    public static func string(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes canonical JSON text; a mismatch is a store problem the user fixes by rebuilding.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch let error as StocktakeError {
            throw error
        } catch {
            throw StocktakeError(
                .store, "A stored \(T.self) cannot be read back; run 'stocktake rebuild' to recreate the tables from the log.")
        }
    }
}
