import Foundation
import Hummingbird
import StocktakeCore
import StocktakeLedger

/// C2SP tlog-witness: another log submits its checkpoint here, and this installation cosigns it when it extends the last one cosigned.
struct WitnessRoutes: Sendable {
    let readers: Readers
    let writer: LedgerWriter

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.post("add-checkpoint", use: addCheckpoint)
        group.get("key", use: key)
    }

    @Sendable func key(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let key = try await writer.witnessKey()
        return Responses.bytes(Array((key + "\n").utf8), type: "text/plain; charset=utf-8")
    }

    @Sendable func addCheckpoint(_ request: Request, context: BasicRequestContext) async throws -> Response {
        var buffer = try await request.body.collect(upTo: 64 * 1024)
        guard let body = buffer.readString(length: buffer.readableBytes) else {
            throw StocktakeError(.encoding, "The request is not UTF-8.")
        }
        let answer = try await writer.witness(body, now: UInt64(Date().timeIntervalSince1970))
        switch answer {
        case .cosigned(let line): return Responses.bytes(Array(line.utf8), type: "text/plain; charset=utf-8")
        case .conflict(let size): return Responses.bytes(Array("\(size)\n".utf8), type: "text/x.tlog.size", status: .conflict)
        case .unknownLog(let why): return Responses.bytes(Array((why + "\n").utf8), type: "text/plain; charset=utf-8", status: .notFound)
        case .badSignature(let why): return Responses.bytes(Array((why + "\n").utf8), type: "text/plain; charset=utf-8", status: .forbidden)
        case .badProof(let why):
            return Responses.bytes(Array((why + "\n").utf8), type: "text/plain; charset=utf-8", status: .unprocessableContent)
        case .malformed(let why): return Responses.bytes(Array((why + "\n").utf8), type: "text/plain; charset=utf-8", status: .badRequest)
        }
    }
}
