import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore
import StocktakeText

/// Writes under `/api/v1`: only with a bearer token bound to an author key whose roles the log grants; every write goes through the log.
struct WriteRoutes: Sendable {
    let readers: Readers
    let writer: LedgerWriter

    /// Every write route of the API, for the router and the OpenAPI test.
    var routes: [(method: String, path: String, handler: @Sendable (Request, BasicRequestContext) async throws -> Response)] {
        [("POST", "assessments", assess), ("POST", "evidence", evidence), ("POST", "figures", figures), ("POST", "documents", document)]
    }

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        for route in routes { group.post(RouterPath(route.path), use: route.handler) }
    }

    /// The author the request's token is bound to, or 401.
    func author(_ request: Request) throws -> NoteSigner {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw HTTPError(
                .unauthorized,
                message:
                    "Writes need a bearer token; issue one with 'stocktake tokens issue NAME' and send it as 'Authorization: Bearer <token>'."
            )
        }
        guard
            let name = APITokens(home: readers.settings.home).author(for: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        else {
            throw HTTPError(
                .unauthorized,
                message:
                    "The bearer token is not known here (it may have been revoked); issue a new one with 'stocktake tokens issue NAME'.")
        }
        return try KeyFiles(directory: readers.settings.home.appendingPathComponent("keys")).authorSigner(name)
    }

    func body(_ request: Request, limit: Int) async throws -> [UInt8] {
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw StocktakeError(.tooLarge, "The request body is larger than the \(limit) bytes accepted; send less at a time.")
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw StocktakeError(.encoding, "The request body is not UTF-8; send JSON encoded as UTF-8.")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch DecodingError.keyNotFound(let key, _) {
            throw StocktakeError(
                .invalidArgument, "The JSON body lacks the field '\(key.stringValue)'; see /api/v1/openapi.json for the shape.")
        } catch {
            throw StocktakeError(
                .invalidArgument, "The request body is not the JSON this endpoint takes; see /api/v1/openapi.json for the shape.")
        }
    }

    struct AssessmentBody: Decodable, Sendable {
        let state: String
        let commitment: String
        let cycle: String
        let status: String
        let rationale: String
        let evidence: [String]?
    }

    @Sendable func assess(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let signer = try author(request)
        let body = try decode(AssessmentBody.self, try await body(request, limit: readers.settings.maximumJSONBody))
        let draft = AssessmentDraft(
            state: body.state, commitment: body.commitment, cycle: body.cycle, status: body.status, rationale: body.rationale,
            evidence: body.evidence ?? [])
        let reference = readers.stocktaking
        let recorded = try await writer.write { keeper in try keeper.assess([(nil, draft)], reference: reference, author: signer) }
        var response = try Responses.json(recorded)
        response.status = .created
        return response
    }

    struct EvidenceBody: Decodable, Sendable {
        let subject: String
        let commitment: String
        let cite: String?
        let quote: String?
        let url: String?
        let title: String?
        let consulted: String?
        let note: String?
    }

    @Sendable func evidence(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let signer = try author(request)
        let body = try decode(EvidenceBody.self, try await body(request, limit: readers.settings.maximumJSONBody))
        let recorded = try await writer.write { keeper -> RecordedEvidence in
            let source: EvidenceSource
            if let cite = body.cite {
                source = try keeper.paragraphEvidence(citation: cite, quote: body.quote)
            } else if let url = body.url, let title = body.title, let consulted = body.consulted.flatMap(Day.init(iso:)) {
                source = try RecordKeeper.externalEvidence(url: url, title: title, consulted: consulted, sha256: nil)
            } else {
                throw StocktakeError(
                    .invalidArgument, "Evidence needs 'cite' (a paragraph citation) or 'url', 'title' and 'consulted' (YYYY-MM-DD).")
            }
            return try keeper.addEvidence(
                subject: body.subject, commitment: body.commitment, source: source, note: body.note, author: signer)
        }
        var response = try Responses.json(recorded)
        response.status = .created
        return response
    }

    @Sendable func figures(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let signer = try author(request)
        let bytes = try await body(request, limit: readers.settings.maximumJSONBody)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw StocktakeError(.encoding, "The CSV is not UTF-8; save it as UTF-8 and send it again.")
        }
        let payloads = try FigureTable.parse(csv: text, name: "the request body", registry: readers.registry)
        let recorded = try await writer.write { keeper in try keeper.recordFigures(payloads, author: signer) }
        var response = try Responses.json(recorded)
        response.status = .created
        return response
    }

    struct DocumentQuery: Decodable {
        var name: String?
        var symbol: String?
        var language: String?
    }

    @Sendable func document(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let signer = try author(request)
        let query = try request.uri.decodeQuery(as: DocumentQuery.self, context: context)
        let language = try query.language.map(Language.init(parsing:))
        let bytes = try await body(request, limit: readers.settings.maximumDocumentBody)
        let given = (query.name ?? "").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_")
            .trimmingCharacters(in: .whitespaces)
        let name = given.isEmpty || given.hasPrefix(".") ? "upload.txt" : String(given.prefix(100))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(String(name))
        do {
            try Data(bytes).write(to: file)
        } catch {
            throw StocktakeError(
                .invalidArgument, "The upload could not be staged under the name given; use a plain file name such as paper.txt.")
        }
        let symbol = query.symbol
        let outcome = try await writer.write { keeper -> StoredVersion in
            // Documents are ingested by the operator or by assessors, and the entry names whoever sent it.
            if signer.name != KeyFiles.operatorAuthor { try keeper.requireRole("assessor", of: signer) }
            switch try keeper.ingest(file: file, symbol: symbol, language: language, author: signer) {
            case .added(let version), .newVersion(let version), .unchanged(let version): return version
            }
        }
        struct Output: Encodable { let symbol: String, language: String, version: Int, entry: UInt64 }
        var response = try Responses.json(
            Output(symbol: outcome.symbol, language: outcome.language, version: outcome.version, entry: outcome.entryIndex))
        response.status = .created
        return response
    }
}
