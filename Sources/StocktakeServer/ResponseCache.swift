import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Rendered GET responses, kept until the record changes: a page or API answer depends only on the
/// request and on how many log entries the tables hold, so that count is part of every entry's key.
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        let version: UInt64
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: ByteBuffer
    }

    let entries = Mutex<[String: Entry]>([:])
    /// The most entries kept; past it the cache starts again (the record changed or the crawl is wide).
    let capacity: Int
    /// The largest body kept.
    let maximumBody: Int

    init(capacity: Int = 4096, maximumBody: Int = 1 << 20) {
        self.capacity = capacity
        self.maximumBody = maximumBody
    }

    func get(_ key: String, version: UInt64) -> Entry? {
        entries.withLock { $0[key].flatMap { $0.version == version ? $0 : nil } }
    }

    func put(_ key: String, _ entry: Entry) {
        guard entry.body.readableBytes <= maximumBody else { return }
        entries.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[key] = entry
        }
    }
}

/// A body writer that keeps what is written, to cache a response after rendering it.
struct CollectingWriter: ResponseBodyWriter {
    final class Box: @unchecked Sendable { var buffer = ByteBuffer() }
    let box: Box

    mutating func write(_ buffer: ByteBuffer) async throws {
        var copy = buffer
        box.buffer.writeBuffer(&copy)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// Serves repeated GETs of pages and API reads from the cache while the record is unchanged.
struct ResponseCacheMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let cache: ResponseCache
    let version: @Sendable () throws -> UInt64

    static func cacheable(_ path: String) -> Bool {
        !(path.hasPrefix("/log/") || path.hasPrefix("/witness/") || path == "/api/v1/checkpoint")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get, ResponseCacheMiddleware.cacheable(request.uri.path) else { return try await next(request, context) }
        let key = request.uri.description + "|" + (request.headers[.acceptLanguage] ?? "")
        let current = try version()
        if let hit = cache.get(key, version: current) {
            return Response(status: hit.status, headers: hit.headers, body: ResponseBody(byteBuffer: hit.body))
        }
        let response = try await next(request, context)
        guard response.status == .ok else { return response }
        let box = CollectingWriter.Box()
        try await response.body.write(CollectingWriter(box: box))
        cache.put(key, .init(version: current, status: response.status, headers: response.headers, body: box.buffer))
        return Response(status: response.status, headers: response.headers, body: ResponseBody(byteBuffer: box.buffer))
    }
}
