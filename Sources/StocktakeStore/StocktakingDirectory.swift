import Crypto
public import Foundation
public import StocktakeCore
import StocktakeLedger

/// The reference data of stocktaking: the status scale, the review cycles and the method in force, with the method's hash.
public struct StocktakingReference: Sendable {
    /// The ordinal status scale.
    public let scale: StatusScale
    /// The review cycles.
    public let calendar: CycleCalendar
    /// The method in force.
    public let method: AssessmentMethod
    /// SHA-256 of the method file's bytes, hex: reports name it so readers can check the method they were computed with.
    public let methodSHA256: String
    /// Where the method was read from.
    public let methodPath: String
    /// The method file's bytes, as read.
    public let methodText: String
}

/// Finds and reads `Data/stocktaking/` and a method file.
public enum StocktakingDirectory {
    /// The largest method, scale or cycle file read.
    public static let maximumFileSize = 1024 * 1024

    /// Reads the scale, cycles and method (`methodFile`, else the default `Data/stocktaking/method.json`), checked against the registry.
    public static func load(from dataDirectory: URL, methodFile: String? = nil, registry: Registry) throws -> StocktakingReference {
        let folder = dataDirectory.appendingPathComponent("stocktaking")
        let scale = try decode(StatusScale.self, at: folder.appendingPathComponent("scale.json"), what: "status scale")
        let calendar = try decode(CycleCalendar.self, at: folder.appendingPathComponent("cycles.json"), what: "review cycles")
        let methodURL = methodFile.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent("method.json")
        let methodBytes = try read(methodURL, what: "method")
        let method = try decode(AssessmentMethod.self, from: methodBytes, name: methodURL.lastPathComponent, what: "method")
        try method.validate(scale: scale, registry: registry)
        return StocktakingReference(
            scale: scale, calendar: calendar, method: method, methodSHA256: Hex.encode(SHA256.hash(data: methodBytes)),
            methodPath: methodURL.path,
            methodText: String(decoding: methodBytes, as: UTF8.self))
    }

    static func read(_ url: URL, what: String, limit: Int = maximumFileSize) throws -> Data {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        guard let size = attributes?[.size] as? Int, let data = FileManager.default.contents(atPath: url.path) else {
            throw StocktakeError(
                .dataNotFound, "The \(what) file \(url.path) cannot be read; check the path, or restore Data/stocktaking with git.")
        }
        guard size <= limit else {
            throw StocktakeError(
                .tooLarge,
                "The \(what) file \(url.lastPathComponent) is \(size) bytes, more than the \(limit) allowed; split it or check it is the right file."
            )
        }
        return data
    }

    static func decode<T: Decodable>(_ type: T.Type, at url: URL, what: String) throws -> T {
        try decode(type, from: try read(url, what: what), name: url.lastPathComponent, what: what)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, name: String, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as StocktakeError {
            throw error
        } catch DecodingError.keyNotFound(let key, _) {
            throw StocktakeError(
                .corruptData, "The \(what) file \(name) lacks the field '\(key.stringValue)'; compare it with Data/stocktaking/method.json."
            )
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw StocktakeError(
                .corruptData, "The \(what) file \(name) has a wrong value at '\(path)'; compare it with Data/stocktaking/method.json.")
        } catch {
            throw StocktakeError(.corruptData, "The \(what) file \(name) is not valid JSON; check it with a JSON validator.")
        }
    }
}
