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

    /// The entity tag of a cached answer: the record's version and a hash of the body, so it changes whenever the bytes do.
    static func entityTag(version: UInt64, body: ByteBuffer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        body.withUnsafeReadableBytes { bytes in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        return "\"\(version)-\(String(hash, radix: 16))\""
    }

    func answer(_ request: Request, _ entry: ResponseCache.Entry) -> Response {
        let tag = entry.headers[.eTag] ?? ""
        if let asked = request.headers[.ifNoneMatch],
            asked.split(separator: ",").contains(where: {
                $0.trimmingCharacters(in: .whitespaces) == tag || $0.trimmingCharacters(in: .whitespaces) == "*"
            })
        {
            var headers = HTTPFields()
            headers[.eTag] = tag
            headers[.cacheControl] = entry.headers[.cacheControl]
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: entry.status, headers: entry.headers, body: ResponseBody(byteBuffer: entry.body))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get, ResponseCacheMiddleware.cacheable(request.uri.path) else { return try await next(request, context) }
        let key = request.uri.description + "|" + (request.headers[.acceptLanguage] ?? "")
        let current = try version()
        if let hit = cache.get(key, version: current) { return answer(request, hit) }
        let response = try await next(request, context)
        guard response.status == .ok else { return response }
        let box = CollectingWriter.Box()
        try await response.body.write(CollectingWriter(box: box))
        var headers = response.headers
        headers[.eTag] = ResponseCacheMiddleware.entityTag(version: current, body: box.buffer)
        let entry = ResponseCache.Entry(version: current, status: response.status, headers: headers, body: box.buffer)
        cache.put(key, entry)
        return answer(request, entry)
    }
}
