import Foundation
import StocktakeServer
import StocktakeStore
import Testing

@Suite("The OpenAPI document describes exactly the routes the server registers")
struct OpenAPITests {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Sources/StocktakeServer/Resources/openapi.json")

    @Test("every route is documented and every documented operation is a route")
    func routesMatch() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-openapi-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let readers = try Readers(
            settings: ServerSettings(
                home: home, databasePath: home.appendingPathComponent("stocktake.sqlite").path,
                dataDirectory: RegistryDirectory.bundledDataDirectory))
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: OpenAPITests.document)) as! [String: Any]
        #expect(object["openapi"] as? String == "3.1.0")
        let paths = object["paths"] as! [String: [String: Any]]
        let documented = paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } }.sorted()
        #expect(documented == apiRouteTable(readers))
        for (_, operations) in paths {
            for (_, operation) in operations {
                let responses = (operation as! [String: Any])["responses"] as! [String: Any]
                #expect(responses.keys.contains { $0.hasPrefix("2") })
            }
        }
    }
}
