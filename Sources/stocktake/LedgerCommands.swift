import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeLedger
import StocktakeStore

/// Where Stocktake keeps its keys, log and database.
struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: "Stocktake's working folder (default: $STOCKTAKE_HOME, else ./stocktake-data).")
    var home: String?

    var url: URL {
        if let home { return URL(fileURLWithPath: home) }
        if let fromEnvironment = ProcessInfo.processInfo.environment["STOCKTAKE_HOME"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment)
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("stocktake-data")
    }
    var keys: KeyFiles { KeyFiles(directory: url.appendingPathComponent("keys")) }
    var ledger: URL { url.appendingPathComponent("ledger") }
    /// Where this home keeps sealed declarations.
    var vault: DeclarantVault { DeclarantVault(directory: url.appendingPathComponent("escrow")) }

    /// Opens the log for reading (verifier key only).
    func openForReading() throws -> TransparencyLog {
        try TransparencyLog(directory: ledger, logKey: try keys.logVerifier())
    }

    /// Opens the log for appending (needs the log's private key).
    func openForWriting() throws -> TransparencyLog {
        let signer = try keys.logSigner()
        return try TransparencyLog(directory: ledger, logKey: signer.verifier, signer: signer)
    }
}

/// Where a log command finds the log: `<home>/ledger`, or the log tables of a PostgreSQL database given with `--db`
/// (or `STOCKTAKE_DB`); the keys always come from the home.
struct LogPlaceOptions: ParsableArguments {
    @OptionGroup var home: HomeOptions

    @Option(
        name: .long, help: "Use the log kept in this PostgreSQL database (postgres://…) instead of <home>/ledger (default: $STOCKTAKE_DB).")
    var db: String?

    /// The PostgreSQL URL the log is in, if any.
    var postgres: String? {
        let location = db ?? ProcessInfo.processInfo.environment["STOCKTAKE_DB"].flatMap { $0.isEmpty ? nil : $0 }
        return location.flatMap { PostgresLocation.names($0) ? $0 : nil }
    }

    /// Opens the log for reading.
    func openForReading() throws -> any AppendOnlyLog {
        guard let postgres else { return try home.openForReading() }
        return try PostgresRecordStore(url: postgres).openLog(ledger: home.ledger, logKey: try home.keys.logVerifier(), signer: nil)
    }

    /// Opens the log for appending (needs the log's private key).
    func openForWriting() throws -> any AppendOnlyLog {
        guard let postgres else { return try home.openForWriting() }
        let signer = try home.keys.logSigner()
        return try PostgresRecordStore(url: postgres).openLog(ledger: home.ledger, logKey: signer.verifier, signer: signer)
    }
}

/// `stocktake keys`: the log's key and the keys of authors.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Create and list the log's key and author keys.",
        subcommands: [Init.self, AddAuthor.self, Grant.self, List.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the log's Ed25519 key, an operator author key and an empty log.")

        @Option(name: .long, help: "The log's origin (its key name), a schema-less URL such as example.org/stocktake.")
        var origin = KeyFiles.defaultOrigin

        @OptionGroup var home: HomeOptions

        func run() throws {
            let (signer, operatorKey) = try home.keys.initializeLog(origin: origin, ledger: home.ledger)
            emit(
                "log key: \(signer.verifier.encoded)\nauthor key: \(operatorKey.verifier.encoded)\nprivate keys are in \(home.keys.directory.path) (mode 0600)\n"
            )
        }
    }

    struct AddAuthor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-author", abstract: "Create a key for a person who writes to the record.")

        @Argument(help: "The author's key name.")
        var name: String

        @Option(name: .long, help: "A role to grant in the log (assessor, figures); repeat for more.")
        var role: [String] = []

        @OptionGroup var library: LibraryOptions

        func run() throws {
            for role in role where !AuthorRolesPayload.knownRoles.contains(role) {
                throw StocktakeError(
                    .invalidArgument, "'\(role)' is not a role; use one of \(AuthorRolesPayload.knownRoles.joined(separator: ", ")).")
            }
            let keeper = try library.openLibrary()
            let key = try library.home.keys.createAuthorKey(name: name)
            var out = key.verifier.encoded + "\n"
            if !role.isEmpty {
                let entry = try keeper.grant(roles: role, to: name)
                out += "granted \(role.joined(separator: ", ")) at log entry \(entry.index), signed by the operator\n"
            }
            emit(out)
        }
    }

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the roles of an existing author key, as a log entry signed by the operator (no --role revokes all).")

        @Argument(help: "The author's key name.")
        var name: String

        @Option(name: .long, help: "A role (assessor, figures); repeat for more.")
        var role: [String] = []

        @OptionGroup var library: LibraryOptions

        func run() throws {
            let entry = try library.openLibrary().grant(roles: role, to: name)
            emit("\(name) holds \(role.isEmpty ? "no role" : role.joined(separator: ", ")) from log entry \(entry.index)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List verifier keys (never private keys).")

        @OptionGroup var home: HomeOptions

        func run() throws {
            var lines = ["log \(try home.keys.logVerifier().encoded)"]
            lines += try home.keys.authorVerifiers().map { "author \($0.encoded)" }
            emit(lines.joined(separator: "\n") + "\n")
        }
    }
}

/// `stocktake log`: the verifiable ledger, in published formats.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "The append-only, signed Merkle log: keys, checkpoints, entries, proofs, tiles.",
        subcommands: [
            Key.self, CheckpointCommand.self, Append.self, Entry.self, Prove.self, Consistency.self, Verify.self, TilesCommand.self,
        ])

    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the log's verifier key string.")
        @OptionGroup var home: HomeOptions
        func run() throws { emit(try home.keys.logVerifier().encoded + "\n") }
    }

    struct CheckpointCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint", abstract: "Print the latest signed checkpoint, or the one signed at --size.")
        @Option(name: .long, help: "The tree size of an earlier checkpoint.")
        var size: UInt64?
        @OptionGroup var place: LogPlaceOptions
        func run() throws {
            let log = try place.openForReading()
            emit(try log.checkpointNote(size: size ?? log.size))
        }
    }

    struct Append: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Append an entry whose payload is a JSON file, signed by an author.")

        @Argument(help: "A JSON file: the entry's payload.")
        var file: String
        @Option(name: .long, help: "The entry type.")
        var type = "note"
        @Option(name: .long, help: "The author key that signs the entry.")
        var author = KeyFiles.operatorAuthor
        @Option(name: .long, help: "Append the payload this many times (for load tests and operators).")
        var count = 1
        @Option(name: .long, help: "Entries per durable batch.")
        var batch = 1000
        @OptionGroup var place: LogPlaceOptions

        func run() throws {
            guard count >= 1, batch >= 1 else { throw StocktakeError(.invalidArgument, "--count and --batch must be at least 1.") }
            guard !EntryPayload.projectedTypes.contains(type) else {
                throw StocktakeError(
                    .invalidArgument,
                    "Entries of type \(type) are written only by the command that checks them (ingest, evidence, assess, keys grant); use another type for notes."
                )
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                throw StocktakeError(.unreadableFile, "There is no readable file \(file); check the path.")
            }
            guard data.count <= 16 * 1_048_576 else {
                throw StocktakeError(.tooLarge, "\(file) is larger than 16 MiB; log large content by its hash instead.")
            }
            let payload = try CanonicalJSON.line(data, name: URL(fileURLWithPath: file).lastPathComponent)
            let signer = try place.home.keys.authorSigner(author)
            let log = try place.openForWriting()
            let now = Int64(Date().timeIntervalSince1970)
            var remaining = count
            var last: Checkpoint?
            var firstIndex = log.size
            while remaining > 0 {
                let take = min(batch, remaining)
                var entries: [[UInt8]] = []
                for _ in 0..<take {
                    let sealed = try EntryEnvelope.seal(type: type, payload: payload, author: signer, time: now)
                    if let content = sealed.externalContent {
                        try log.storeContent(content, hash: try EntryEnvelope(entry: sealed.entry).contentHash!)
                    }
                    entries.append(sealed.entry)
                }
                if last == nil { firstIndex = log.size }
                last = try log.append(entries)
                remaining -= take
            }
            emit(
                "appended \(count) entr\(count == 1 ? "y" : "ies") from index \(firstIndex); log size \(last!.size), root \(last!.root.base64)\n"
            )
        }
    }

    struct Entry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write entry N's exact bytes to standard output.")
        @Argument(help: "The entry index, from 0.")
        var index: UInt64
        @OptionGroup var place: LogPlaceOptions
        func run() throws {
            FileHandle.standardOutput.write(Data(try place.openForReading().entry(index)))
        }
    }

    struct Prove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a c2sp.org/tlog-proof@v1 receipt for entry N under the latest checkpoint.")
        @Argument(help: "The entry index, from 0.")
        var index: UInt64
        @OptionGroup var place: LogPlaceOptions
        func run() throws { emit(try place.openForReading().receipt(for: index).encoded) }
    }

    struct Consistency: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the consistency proof from size OLD to NEW (default: latest), one base64 hash per line.")
        @Argument(help: "The older tree size.")
        var old: UInt64
        @Argument(help: "The newer tree size (default: the latest).")
        var new: UInt64?
        @OptionGroup var place: LogPlaceOptions
        func run() throws {
            let log = try place.openForReading()
            let newSize = new ?? log.size
            guard newSize <= log.size else {
                throw StocktakeError(.invalidArgument, "The log has \(log.size) entries; a consistency proof cannot reach size \(newSize).")
            }
            emit(try log.consistencyProof(oldSize: old, newSize: newSize).map { $0.base64 + "\n" }.joined())
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Recompute everything from the entries; name the first entry, hash or checkpoint that does not match; check the database against the log."
        )
        @OptionGroup var home: HomeOptions
        @Option(
            name: .long,
            help:
                "The database to check against the log: a SQLite file, or postgres://… whose own log is verified (default: $STOCKTAKE_DB, else <home>/stocktake.sqlite, when it exists)."
        )
        var db: String?

        func run() throws {
            let location = db ?? ProcessInfo.processInfo.environment["STOCKTAKE_DB"].flatMap { $0.isEmpty ? nil : $0 }
            let postgres = location.flatMap { PostgresLocation.names($0) ? $0 : nil }
            let authors = (try? home.keys.authorVerifiers()) ?? []
            let report =
                try postgres.map {
                    try PostgresRecordStore(url: $0).openLog(ledger: home.ledger, logKey: try home.keys.logVerifier(), signer: nil)
                        .verifyThroughReads(authors: authors)
                } ?? TransparencyLog.verify(directory: home.ledger, logKey: try home.keys.logVerifier(), authors: authors)
            guard report.isValid else {
                for problem in report.problems.dropFirst() { FileHandle.standardError.write(Data(("also: " + problem + "\n").utf8)) }
                throw StocktakeError(.ledgerMismatch, "The log does not verify: \(report.problems[0])")
            }
            var out =
                "log verifies: \(report.size) entr\(report.size == 1 ? "y" : "ies"), \(report.checkpoints) signed checkpoint\(report.checkpoints == 1 ? "" : "s"), every stored hash recomputed"
            if report.uncommittedTail {
                out += "; bytes of an interrupted append lie past the last checkpoint and will be discarded by the next write"
            }
            let path =
                db ?? ProcessInfo.processInfo.environment["STOCKTAKE_DB"].flatMap { $0.isEmpty ? nil : $0 }
                ?? home.url.appendingPathComponent("stocktake.sqlite").path
            if RecordStoreLocation.mayExist(path) {
                let store = try RecordStoreLocation.open(path)
                let log = try store.openLog(ledger: home.ledger, logKey: try home.keys.logVerifier(), signer: nil)
                if let problem = try RecordKeeper.checkProjection(store: store, log: log) {
                    throw StocktakeError(
                        .ledgerMismatch, "The log verifies but the database does not: \(problem); run 'stocktake rebuild'.")
                }
                let applied = try store.appliedEntryCount()
                out +=
                    "\ndatabase matches the log's projection (\(applied) of \(log.size) entries applied\(applied < log.size ? "; the rest is applied on the next ingest or by 'stocktake rebuild'" : ""))"
            }
            emit(out + "\n")
        }
    }

    struct TilesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tiles", abstract: "Write the checkpoint, hash tiles and entry bundles as static files (C2SP tlog-tiles).")
        @Argument(help: "The folder to write into.")
        var directory: String
        @OptionGroup var place: LogPlaceOptions
        func run() throws {
            let log = try place.openForReading()
            let out = URL(fileURLWithPath: directory)
            var written = 0
            func put(_ path: String, _ data: [UInt8]) throws {
                let url = out.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(data).write(to: url, options: .atomic)
                written += 1
            }
            for tile in try Tiles.hashTiles(size: log.size, source: log) { try put(tile.path, tile.data) }
            var bundleIndex: UInt64 = 0
            while bundleIndex * Tiles.width < log.size {
                let start = bundleIndex * Tiles.width
                let width = min(Tiles.width, log.size - start)
                let entries = try (start..<start + width).map { try log.entry($0) }
                try put(Tiles.entriesPath(index: bundleIndex, width: width), try Tiles.entryBundle(entries))
                bundleIndex += 1
            }
            try put("checkpoint", Array(try log.latestCheckpointNote().utf8))
            emit("wrote \(written) files for a tree of \(log.size) entries to \(out.path)\n")
        }
    }
}

/// Canonical one-line JSON: keys sorted, no insignificant white space.
enum CanonicalJSON {
    static func line(_ data: Data, name: String) throws -> String {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw StocktakeError(.invalidArgument, "\(name) is not valid JSON; an entry's payload must be a JSON document.")
        }
        let encoded = try JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
        return String(decoding: encoded, as: UTF8.self)
    }
}
