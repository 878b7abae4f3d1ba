import Foundation
import HTTPTypes
import Hummingbird
import Logging
import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore
import StocktakeText

/// An RFC 9457 problem: the one shape every API error takes.
struct Problem: Codable, Sendable {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let code: String
}

extension StocktakeError.Code {
    /// The HTTP status a stable error code maps to.
    var httpStatus: HTTPResponse.Status {
        switch self {
        case .unknownIdentifier, .dataNotFound: .notFound
        case .invalidArgument, .invalidDate, .emptyInput, .encoding, .unreadableFile: .badRequest
        case .unsupportedFormat: .unsupportedMediaType
        case .tooLarge: .contentTooLarge
        case .key: .forbidden
        case .busy, .unavailable: .serviceUnavailable
        default: .internalServerError
        }
    }
}

/// The one place an error becomes a response: problem+json under /api and /log, an HTML page elsewhere.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let readers: Readers
    /// The API's routes (method, path pattern below /api/v1), to answer 405 with the methods a path does take.
    let apiRoutes: [(method: String, path: String)]

    /// The methods the API takes at a path, or nil when no route matches it.
    func allowedMethods(_ path: String) -> [String]? {
        guard path.hasPrefix("/api/v1/") else { return nil }
        let segments = path.dropFirst("/api/v1/".count).split(separator: "/", omittingEmptySubsequences: false)
        let methods = apiRoutes.filter { route in
            let pattern = route.path.split(separator: "/")
            if pattern.last == "**" {
                return segments.count >= pattern.count && zip(pattern.dropLast(), segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
            }
            return pattern.count == segments.count && zip(pattern, segments).allSatisfy { ($0.hasPrefix(":") && !$1.isEmpty) || $0 == $1 }
        }.map(\.method)
        return methods.isEmpty ? nil : ["GET", "POST"].filter(methods.contains)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let method = request.method == .head ? "GET" : request.method.rawValue
        if let allowed = allowedMethods(request.uri.path), !allowed.contains(method) {
            var response = respond(
                request, status: .methodNotAllowed, code: "method-not-allowed",
                detail: "\(request.method.rawValue) is not taken here; this path answers \(allowed.joined(separator: " and ")).")
            response.headers[.allow] = allowed.joined(separator: ", ")
            return response
        }
        if ![.get, .head, .post].contains(request.method) {
            var response = respond(
                request, status: .methodNotAllowed, code: "method-not-allowed",
                detail: "Stocktake answers GET and HEAD, and POST for writes; \(request.method.rawValue) is not one of them.")
            response.headers[.allow] = "GET, HEAD, POST"
            return response
        }
        do {
            return try await next(request, context)
        } catch let error as StocktakeError {
            let status = error.code.httpStatus
            if status == .internalServerError {
                context.logger.error("request failed", metadata: ["code": "\(error.code.rawValue)", "message": "\(error.message)"])
            }
            return respond(request, status: status, code: error.code.rawValue, detail: error.message)
        } catch is URLEncodedFormError {
            return respond(
                request, status: .badRequest, code: "invalid-argument",
                detail: "The query string is malformed (a parameter given twice, or one that does not decode); give each parameter once.")
        } catch is DecodingError {
            return respond(
                request, status: .badRequest, code: "invalid-argument",
                detail:
                    "A query parameter has the wrong form (a number where a number is expected, one value per name); see /api/v1/openapi.json."
            )
        } catch let error as HTTPError {
            var response = respond(
                request, status: error.status, code: "http-\(error.status.code)", detail: error.body ?? error.status.reasonPhrase)
            for field in error.headers { response.headers.append(field) }
            return response
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return respond(
                request, status: .internalServerError, code: "internal",
                detail: "The server could not answer this request; the log and the record are unchanged.")
        }
    }

    func respond(_ request: Request, status: HTTPResponse.Status, code: String, detail: String) -> Response {
        let path = request.uri.path
        if path.hasPrefix("/api/") || path.hasPrefix("/log/") || path.hasPrefix("/charts/") {
            let problem = Problem(
                type: "https://stocktake.invalid/problems/\(code)", title: status.reasonPhrase, status: status.code, detail: detail,
                code: code)
            var response = Responses.bytes(
                Array(((try? JSONFormat.render(problem)) ?? "{}").utf8), type: "application/problem+json", status: status)
            if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
            if status == .serviceUnavailable { response.headers[.retryAfter] = "2" }
            return response
        }
        let language = SiteLanguage.of(request)
        let page =
            (try? SitePages(readers: readers, language: language, path: path).error(title: status.reasonPhrase, detail: detail)) ?? detail
        return Responses.html(page, status: status)
    }
}

/// Responses with the right type and caching.
enum Responses {
    static func bytes(_ bytes: [UInt8], type: String, status: HTTPResponse.Status = .ok, cache: String = "no-cache") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = cache
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An HTML page; `inlineStyle` for the self-contained report, whose CSS travels inside it.
    static func html(_ text: String, status: HTTPResponse.Status = .ok, inlineStyle: Bool = false) -> Response {
        var response = bytes(Array(text.utf8), type: "text/html; charset=utf-8", status: status)
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; img-src 'self'; style-src 'self'\(inlineStyle ? " 'unsafe-inline'" : ""); script-src 'none'; frame-ancestors 'none'"
        response.headers[.vary] = "Accept-Language"
        return response
    }

    static func json(_ value: some Encodable) throws -> Response {
        bytes(Array(try JSONFormat.render(value).utf8), type: "application/json; charset=utf-8")
    }

    static func csv(_ text: String) -> Response {
        bytes(Array(text.utf8), type: "text/csv; charset=utf-8")
    }

    static func svg(_ text: String) -> Response {
        var response = bytes(Array(text.utf8), type: "image/svg+xml; charset=utf-8")
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'"
        return response
    }
}
