import Foundation
import HTTPTypes
public import Hummingbird
public import Logging
import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore
import StocktakeText

/// Builds the Stocktake web application: pages, the JSON API, the published log, charts and writes.
public func buildApplication(_ settings: ServerSettings, logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
    throws -> some ApplicationProtocol
{
    let readers = try Readers(settings: settings)
    guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
        let openAPI = FileManager.default.contents(atPath: url.path)
    else {
        throw StocktakeError(
            .dataNotFound, "The OpenAPI document is not installed beside the program; keep the .resources folder next to the binary.")
    }
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    let writer = LedgerWriter(settings: settings, registry: readers.registry)
    let api = APIRoutes(readers: readers, openAPI: Array(openAPI))
    let writes = WriteRoutes(readers: readers, writer: writer)
    router.addMiddleware {
        LogRequestsMiddleware(.info)
        ProblemMiddleware(readers: readers, apiRoutes: api.routes.map { ($0.method, $0.path) } + writes.routes.map { ($0.method, $0.path) })
        ResponseCacheMiddleware(cache: ResponseCache(), version: { [store = readers.store] in try store.appliedEntryCount() })
    }
    let pages = PageRoutes(readers: readers)
    pages.addRoutes(to: router.group(""))
    pages.addRoutes(to: router.group("en"))
    pages.addRoutes(to: router.group("zh"))
    api.addRoutes(to: router.group("api/v1"))
    writes.addRoutes(to: router.group("api/v1"))
    LogRoutes(readers: readers).addRoutes(to: router.group("log"))
    WitnessRoutes(readers: readers, writer: writer).addRoutes(to: router.group("witness"))
    ChartRoutes(readers: readers).addRoutes(to: router)
    return Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: .seconds(settings.idleTimeout))),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "stocktake"),
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? settings.port) },
        logger: logger)
}

/// Builds the application and runs it until SIGTERM or SIGINT, then shuts down gracefully.
public func runServer(_ settings: ServerSettings, logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
    async throws
{
    try await buildApplication(settings, logger: logger, onRunning: onRunning).runService()
}

/// The API's routes as the router registers them, written `METHOD /path` with OpenAPI-style parameters (`/states/{id}`), to check the OpenAPI document against.
public func apiRouteTable(_ readers: Readers) -> [String] {
    func openAPIStyle(_ path: String) -> String {
        "/"
            + path.split(separator: "/").map { part in
                part == "**" ? "{symbol}" : (part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part))
            }.joined(separator: "/")
    }
    let reads = APIRoutes(readers: readers, openAPI: []).routes.map { "\($0.method) \(openAPIStyle($0.path))" }
    let writes = WriteRoutes(readers: readers, writer: LedgerWriter(settings: readers.settings, registry: readers.registry)).routes.map {
        "\($0.method) \(openAPIStyle($0.path))"
    }
    return (reads + writes).sorted()
}
