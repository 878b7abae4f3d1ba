import Foundation
import StocktakeCore
import StocktakeStore

/// The bundled registry files, read once, so tests can load them as shipped or mutate a copy.
enum RegistryFixture {
    static let files: [String: Data] = {
        var files: [String: Data] = [:]
        for name in Registry.fileNames {
            let url = RegistryDirectory.bundledDataDirectory.appendingPathComponent("registry").appendingPathComponent(name)
            files[name] = FileManager.default.contents(atPath: url.path)!
        }
        return files
    }()

    static let shipped: Registry = try! Registry(files: files)

    /// Returns the files with one JSON file changed by `edit`.
    static func editing(_ name: String, _ edit: (inout [String: Any]) -> Void) -> [String: Data] {
        var object = try! JSONSerialization.jsonObject(with: files[name]!) as! [String: Any]
        edit(&object)
        var copy = files
        copy[name] = try! JSONSerialization.data(withJSONObject: object)
        return copy
    }
}

extension Day {
    init(_ text: String) { self = Day(iso: text)! }
}
