import Foundation
import HTTPTypes
import Hummingbird
import Logging
import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore
import StocktakeText

/// The log as C2SP tlog-tiles: the checkpoint (briefly cacheable) and immutable tiles and entry bundles.
struct LogRoutes: Sendable {
    let readers: Readers

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("checkpoint", use: checkpoint)
        group.get("tile/**", use: tile)
    }

    @Sendable func checkpoint(_ request: Request, context: BasicRequestContext) async throws -> Response {
        Responses.bytes(Array(try readers.servedCheckpoint().utf8), type: "text/plain; charset=utf-8", cache: "max-age=5")
    }

    @Sendable func tile(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let path = context.parameters.getCatchAll().joined(separator: "/")
        guard let (level, index, width) = Tiles.parse(path) else {
            throw StocktakeError(
                .invalidArgument,
                "'tile/\(path.prefix(80))' is not a tile path; tiles are tile/<level>/<index>[.p/<width>] or tile/entries/<index>[.p/<width>]."
            )
        }
        let log = try readers.log()
        let count = log.size >> UInt64((level ?? 0) * Tiles.height)
        let start = index * Tiles.width
        guard start < count, width <= count - start, width == Tiles.width || width < Tiles.width else {
            throw StocktakeError(.unknownIdentifier, "The log of size \(log.size) has no tile \(path) yet.")
        }
        let bytes: [UInt8]
        if let level {
            bytes = try Tiles.hashTile(level: level, index: index, width: width, source: log)
        } else {
            bytes = try Tiles.entryBundle(try (0..<width).map { try log.entry(start + $0) })
        }
        return Responses.bytes(bytes, type: "application/octet-stream", cache: "public, max-age=31536000, immutable")
    }
}
