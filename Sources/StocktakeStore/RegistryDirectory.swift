public import Foundation
public import StocktakeCore

/// Finds and reads the registry's data files from disk.
public enum RegistryDirectory {
    /// Files larger than this are refused rather than read: the registry is small, a bigger file is a mistake.
    public static let maximumFileSize = 32 * 1024 * 1024

    /// Where the bundled `Data/` folder of this checkout is, found from this source file's location at build time.
    public static var bundledDataDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Data")
    }

    /// Picks the data folder: the explicit path, else `STOCKTAKE_DATA`, else `./Data`, else the checkout's own `Data/`.
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let fileManager = FileManager.default
        if let explicit {
            let url = URL(fileURLWithPath: explicit)
            guard fileManager.fileExists(atPath: url.appendingPathComponent("registry").path) else {
                throw StocktakeError(
                    .dataNotFound, "There is no registry/ folder in '\(explicit)'; point --data at the repository's Data folder.")
            }
            return url
        }
        if let fromEnvironment = environment["STOCKTAKE_DATA"], !fromEnvironment.isEmpty {
            return try locate(explicit: fromEnvironment, environment: [:])
        }
        let local = URL(fileURLWithPath: fileManager.currentDirectoryPath).appendingPathComponent("Data")
        if fileManager.fileExists(atPath: local.appendingPathComponent("registry/states.json").path) { return local }
        let bundled = bundledDataDirectory
        if fileManager.fileExists(atPath: bundled.appendingPathComponent("registry/states.json").path) { return bundled }
        throw StocktakeError(
            .dataNotFound, "Cannot find the Data folder; run from the repository root, or pass --data or set STOCKTAKE_DATA.")
    }

    /// Reads and decodes the registry under `dataDirectory/registry`.
    public static func load(from dataDirectory: URL) throws -> Registry {
        var files: [String: Data] = [:]
        for name in Registry.fileNames {
            let url = dataDirectory.appendingPathComponent("registry").appendingPathComponent(name)
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            guard let size = attributes?[.size] as? Int else {
                throw StocktakeError(
                    .dataNotFound,
                    "The registry file \(name) is missing from \(dataDirectory.path)/registry; restore it with 'git checkout Data/registry'."
                )
            }
            guard size <= maximumFileSize else {
                throw StocktakeError(
                    .tooLarge,
                    "The registry file \(name) is \(size) bytes, more than the \(maximumFileSize) allowed; restore it with 'git checkout Data/registry'."
                )
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw StocktakeError(.unreadableFile, "The registry file \(name) cannot be read; check its permissions.")
            }
            files[name] = data
        }
        return try Registry(files: files)
    }
}
