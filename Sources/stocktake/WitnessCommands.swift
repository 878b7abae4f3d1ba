import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeLedger

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `stocktake witness`: witness other logs (C2SP tlog-witness), and have this log witnessed.
struct WitnessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Follow other logs as a witness, or submit this log's checkpoint to a witness and keep its cosignature.",
        subcommands: [Add.self, List.self, Key.self, Request.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Follow the log published at URL with verifier key KEY; 'stocktake serve' then cosigns its checkpoints at /witness/add-checkpoint."
        )
        @Argument(help: "Where the log is published (for the record).")
        var url: String
        @Argument(help: "The log's verifier key string (origin+keyID+base64).")
        var key: String
        @OptionGroup var home: HomeOptions
        func run() throws {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? "") else {
                throw StocktakeError(.invalidArgument, "'\(url.prefix(80))' is not a web address; give the log's http or https URL.")
            }
            let state = try Witness(home: home.url).follow(key: key)
            emit(
                "following \(state.origin) (cosigned up to size \(state.size)); it submits its checkpoints to this server's /witness/add-checkpoint\n"
            )
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The logs this installation witnesses, with the size last cosigned.")
        @OptionGroup var home: HomeOptions
        func run() throws {
            let logs = try Witness(home: home.url).followedLogs()
            emit(
                logs.isEmpty
                    ? "This installation follows no log.\n"
                    : logs.map { "\($0.origin)  size \($0.size)  \($0.root)" }.joined(separator: "\n") + "\n")
        }
    }

    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print this installation's witness key (cosignature/v1), creating it on first use.")
        @OptionGroup var home: HomeOptions
        func run() throws { emit(try home.keys.witnessSigner().verifier.encoded + "\n") }
    }

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Submit this log's latest checkpoint to the witness at URL, with a consistency proof from the size it last cosigned, and keep its cosignature."
        )
        @Argument(help: "The witness's base URL (its add-checkpoint is at URL/witness/add-checkpoint).")
        var url: String
        @Option(name: .long, help: "The witness's key (cosignature/v1); its cosignature is checked against it.")
        var key: String
        @OptionGroup var home: HomeOptions

        func post(_ body: String, to endpoint: URL) async throws -> (Int, String) {
            var request = URLRequest(url: endpoint)
            request.httpMethod = "POST"
            request.httpBody = Data(body.utf8)
            request.timeoutInterval = 30
            do {
                let (data, response) = try await URLSession.shared.data(for: request)
                return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
            } catch {
                throw StocktakeError(
                    .unreadableFile,
                    "The witness at \(endpoint.absoluteString) did not answer (\(error.localizedDescription)); check the URL and that it is running."
                )
            }
        }

        func run() async throws {
            let witnessKey = try NoteVerifierKey(parsing: key.trimmingCharacters(in: .whitespacesAndNewlines))
            guard let base = URL(string: url), ["http", "https"].contains(base.scheme?.lowercased() ?? "") else {
                throw StocktakeError(.invalidArgument, "'\(url.prefix(80))' is not a web address; give the witness's http or https URL.")
            }
            let endpoint = base.appendingPathComponent("witness/add-checkpoint")
            let log = try home.openForReading()
            let size = log.size
            let note = try log.checkpointNote(size: size)
            var old: UInt64 = 0
            for _ in 0..<3 {
                let proof = old == 0 || old == size ? [] : try log.consistencyProof(oldSize: old, newSize: size)
                let (status, answer) = try await post(Witness.requestBody(oldSize: old, proof: proof, checkpointNote: note), to: endpoint)
                switch status {
                case 200:
                    try log.storeCosignature(answer, size: size, witness: witnessKey)
                    return emit("cosigned by \(witnessKey.name) at size \(size); served with /log/checkpoint\n")
                case 409:
                    guard let recorded = UInt64(answer.trimmingCharacters(in: .whitespacesAndNewlines)), recorded <= size else {
                        throw StocktakeError(
                            .ledgerMismatch,
                            "The witness has cosigned a larger checkpoint of this log than the log holds; the log or the witness has been rolled back."
                        )
                    }
                    old = recorded
                default:
                    throw StocktakeError(
                        .ledger,
                        "The witness refused the checkpoint (HTTP \(status)): \(answer.trimmingCharacters(in: .whitespacesAndNewlines))")
                }
            }
            throw StocktakeError(.ledger, "The witness kept answering with a different size; try again.")
        }
    }
}
