import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore
import StocktakeText

#if canImport(Glibc)
    import Glibc
#endif

/// Options of the commands that use the document library: home, database, data.
struct LibraryOptions: ParsableArguments {
    @OptionGroup var home: HomeOptions

    @Option(
        name: .long,
        help:
            "The record's tables: a SQLite file, or postgres://USER:PASSWORD@HOST:PORT/DB (default: $STOCKTAKE_DB, else <home>/stocktake.sqlite)."
    )
    var db: String?

    @OptionGroup var dataOptions: DataOptions

    var databasePath: String {
        if let db { return db }
        if let fromEnvironment = ProcessInfo.processInfo.environment["STOCKTAKE_DB"], !fromEnvironment.isEmpty { return fromEnvironment }
        return home.url.appendingPathComponent("stocktake.sqlite").path
    }

    func registry() throws -> Registry { try dataOptions.loadRegistry() }

    /// Opens the record for writing: takes the log's lock (waiting for another writer) and catches the tables up.
    func openLibrary() throws -> RecordKeeper {
        try RecordKeeper(home: home.url, store: try RecordStoreLocation.open(databasePath), registry: try registry())
    }

    /// Opens the record for reading: no lock, so reading never stops a writer in another process.
    func openReader() throws -> RecordReader {
        try RecordReader(home: home.url, databasePath: databasePath, registry: try registry())
    }
}

/// `stocktake ingest FILE…`: read documents into the log and the library.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Ingest documents (files or folders, recursively) into the verifiable library.")

    @Argument(help: "Files or folders.")
    var paths: [String]

    @Option(name: .long, help: "The UN symbol, when the documents do not print it (all files given are versions of it).")
    var symbol: String?

    @Option(name: .long, help: "The language (en fr es ru ar zh), when the header does not say.")
    var language: String?

    @OptionGroup var options: LibraryOptions

    func run() throws {
        let languageValue = try parseLanguage(language)
        let files = try IngestCommand.expand(paths)
        guard !files.isEmpty else { throw StocktakeError(.emptyInput, "There are no files to ingest in \(paths.joined(separator: ", ")).") }
        let library = try options.openLibrary()
        let interactive = isatty(STDERR_FILENO) == 1
        var lines: [String] = []
        var failures = 0
        for (position, file) in files.enumerated() {
            if interactive {
                let done = Int(Double(position) / Double(files.count) * 30)
                FileHandle.standardError.write(
                    Data(
                        "\r[\(String(repeating: "#", count: done))\(String(repeating: " ", count: 30 - done))] \(position)/\(files.count) \(file.lastPathComponent.prefix(40))\u{1B}[K"
                            .utf8))
            }
            do {
                switch try library.ingest(file: file, symbol: symbol, language: languageValue) {
                case .added(let version):
                    lines.append(
                        "added      \(file.path)  →  \(version.symbol) (\(version.language.uppercased()), version 1, log entry \(version.entryIndex))"
                    )
                case .newVersion(let version):
                    lines.append(
                        "new version \(file.path)  →  \(version.symbol) (\(version.language.uppercased()), version \(version.version), log entry \(version.entryIndex))"
                    )
                case .unchanged(let version):
                    lines.append(
                        "unchanged  \(file.path)  =  \(version.symbol) (\(version.language.uppercased()), version \(version.version))")
                }
            } catch let error as StocktakeError where error.code == .unavailable {
                // The database went away: the rest would fail alike. What was logged stays; a rerun carries on.
                if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                emit(lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n"))
                let first = error.message.prefix(1).lowercased() + error.message.dropFirst()
                throw StocktakeError(.unavailable, "After \(position) of \(files.count) files, \(first)")
            } catch let error as StocktakeError {
                failures += 1
                lines.append("failed     \(file.path): \(error.message)")
            } catch {
                failures += 1
                lines.append("failed     \(file.path): it could not be read (\(error.localizedDescription)); check the file and try again.")
            }
        }
        if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        emit(
            lines.joined(separator: "\n")
                + "\n\(files.count - failures) of \(files.count) files ingested or already present; log size \(library.log.size)\n")
        if failures > 0 {
            throw StocktakeError(
                .invalidArgument, "\(failures) of \(files.count) files could not be ingested; the reasons are listed above.")
        }
    }

    /// Files in the order given; folders are walked recursively in name order, hidden files skipped.
    static func expand(_ paths: [String]) throws -> [URL] {
        var files: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw StocktakeError(.unreadableFile, "There is no file or folder \(path); check the path.")
            }
            if isDirectory.boolValue {
                let root = URL(fileURLWithPath: path)
                let enumerator = FileManager.default.enumerator(
                    at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
                var found: [URL] = []
                while let url = enumerator?.nextObject() as? URL {
                    if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { found.append(url) }
                }
                files += found.sorted { $0.path < $1.path }
            } else {
                files.append(URL(fileURLWithPath: path))
            }
        }
        return files
    }
}

/// `stocktake search QUERY`: paragraphs in any language, filtered and cited.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search paragraphs across languages; every hit is citable.")

    @Argument(help: "Words or a phrase; punctuation and search syntax are ordinary text.")
    var query: String
    @Option(name: .long, help: "Only this language (en fr es ru ar zh).")
    var language: String?
    @Option(name: .customLong("symbol-prefix"), help: "Only documents whose symbol starts with this, for example NPT/CONF.2026/.")
    var symbolPrefix: String?
    @Option(name: .long, help: "Only paragraphs that refer to this identifier (AP2010:5(c), CTBT, GBR, A/RES/79/47 …).")
    var ref: String?
    @Option(name: .long, help: "Only documents submitted by this state (ISO alpha-3).")
    var state: String?
    @Option(name: .long, help: "Only documents submitted by this group or one of its members.")
    var group: String?
    @Option(name: .long, help: "Only documents dated on or after this day, YYYY-MM-DD.")
    var from: String?
    @Option(name: .long, help: "Only documents dated on or before this day, YYYY-MM-DD.")
    var to: String?
    @Option(name: .long, help: "Only this type: working-paper, resolution, conference-room-paper, information, document.")
    var type: String?
    @Option(name: .long, help: "Only documents dated in this year.")
    var year: Int?
    @Option(name: .long, help: "Order: relevance (phrase and reference matches first, then BM25), newest or oldest.")
    var sort: SearchSort?
    @Flag(name: .long, help: "Match the words only, not also the paragraphs that refer to what the query names.")
    var noConcepts = false
    @Option(name: .long, help: "Hits per page (1 to 1000).")
    var limit = 20
    @Option(name: .long, help: "Hits to skip.")
    var offset = 0
    @Option(name: .long, help: "text, json or csv.")
    var format: OutputFormat = .text
    @OptionGroup var options: LibraryOptions

    func run() throws {
        guard (1...1000).contains(limit), offset >= 0 else {
            throw StocktakeError(.invalidArgument, "--limit takes 1 to 1000 and --offset 0 or more.")
        }
        var search = SearchQuery(text: query)
        search.language = try parseLanguage(language)
        search.symbolPrefix = symbolPrefix
        search.from = try from.map { try parseDay($0) }
        search.to = try to.map { try parseDay($0) }
        search.type = type
        search.year = year
        search.sort = sort
        search.useConcepts = !noConcepts
        search.limit = limit
        search.offset = offset
        let library = try options.openReader()
        if let ref {
            search.reference = try SearchCommand.canonicalReference(ref, registry: library.registry)
        }
        if let state { search.submitters = [try library.registry.state(state).id] }
        if let group {
            let organization = try library.registry.organization(group)
            let members = try library.registry.members(of: organization.id, asOf: try parseDay(nil)).members
            search.submitters = (search.submitters ?? []) + [organization.id] + members
        }
        if !noConcepts { search.concepts = DocumentExtractor(registry: library.registry).references.searchConcepts(in: query) }
        let results = try library.store.search(search)
        switch format {
        case .json: emit(try json(SearchPage(query: search, results: results)))
        case .csv: emit(csv(TableRows.searchHits(results.hits)))
        case .text: emit(SearchText.render(results, offset: offset))
        }
    }

    /// Normalises what a user types for a reference: spaces out, full-width brackets, resolution shorthand.
    static func canonicalReference(_ text: String, registry: Registry) throws -> String {
        if let commitment = try? registry.commitment(text) { return commitment.id }
        if let treaty = try? registry.treaty(text) { return treaty.id }
        if let state = try? registry.state(text) { return state.id }
        if let organization = try? registry.organization(text) { return organization.id }
        let compact = text.trimmingCharacters(in: .whitespaces)
        if compact.first?.isNumber == true, compact.contains("/") { return "A/RES/" + compact }
        if compact.uppercased().hasPrefix("A/RES/") || compact.contains("/") { return DocumentHeaderParser.normaliseSymbol(compact) }
        throw StocktakeError(
            .unknownIdentifier,
            "'\(text)' is not a known commitment, treaty, state, organization or resolution; see 'stocktake commitments' and 'stocktake states'."
        )
    }
}

/// `stocktake refs ID`: the evidence trail for a commitment, treaty, state or resolution.
struct RefsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refs", abstract: "Every paragraph that refers to an identifier, by document and submitter, oldest first.")

    @Argument(help: "A commitment, treaty, state, organization or resolution identifier.")
    var id: String
    @Option(name: .long, help: "text, json or csv.")
    var format: OutputFormat = .text
    @OptionGroup var options: LibraryOptions

    func run() throws {
        let library = try options.openReader()
        let canonical = try SearchCommand.canonicalReference(id, registry: library.registry)
        let hits = try library.store.evidence(for: canonical)
        switch format {
        case .json:
            struct Output: Encodable { let id: String, count: Int, paragraphs: [EvidenceHit] }
            emit(try json(Output(id: canonical, count: hits.count, paragraphs: hits)))
        case .csv:
            emit(
                csv(
                    [["citation", "date", "submitter", "surfaces"]]
                        + hits.map { [$0.citation, $0.date ?? "", $0.submitter ?? "", $0.surfaces.joined(separator: " | ")] }))
        case .text:
            var out = ["\(canonical): \(hits.count) paragraph\(hits.count == 1 ? "" : "s")"]
            var lastGroup = ""
            for hit in hits {
                let group = "\(hit.date ?? "undated")  \(hit.symbol)  \(hit.submitter ?? "")"
                if group != lastGroup {
                    out.append(group)
                    lastGroup = group
                }
                out.append("   \(hit.citation)  \(hit.surfaces.joined(separator: " | "))")
            }
            emit(out.joined(separator: "\n") + "\n")
        }
    }
}

/// `stocktake show SYMBOL`: a document, or one paragraph with its other language versions.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a stored document, or one paragraph in every language held.")

    @Argument(help: "The document's symbol (or UNSYMBOLLED/… key, as search prints it).")
    var symbol: String
    @Option(name: .long, help: "The language version to show.")
    var language: String?
    @Option(name: .long, help: "Only this paragraph number, with its versions in other languages.")
    var paragraph: String?
    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text
    @OptionGroup var options: LibraryOptions

    func run() throws {
        let languageValue = try parseLanguage(language)
        let library = try options.openReader()
        let key = DocumentHeaderParser.normaliseSymbol(symbol)
        guard let document = try library.store.document(symbol: key, language: languageValue) else {
            throw StocktakeError(.unknownIdentifier, "The library holds no document \(key); 'stocktake search' lists what it holds.")
        }
        if let paragraph {
            let versions = try library.store.siblings(symbol: key, number: paragraph)
            guard !versions.isEmpty else { throw StocktakeError(.unknownIdentifier, "\(key) has no paragraph numbered \(paragraph).") }
            if format == .json {
                emit(try json(versions))
            } else {
                emit(
                    versions.map {
                        "\(key), para. \($0.number ?? "?") (\($0.language.uppercased()))\n\($0.text)\n"
                            + $0.references.map { "    \($0.kind) \($0.id) ← \($0.surface)" }.joined(separator: "\n")
                    }.joined(separator: "\n\n") + "\n")
            }
            return
        }
        if format == .json { return emit(try json(document)) }
        let header = document.header
        var out = [
            "\(document.symbol)  languages: \(document.versions.sorted { $0.key < $1.key }.map { "\($0.key.uppercased()) v\($0.value)" }.joined(separator: ", "))"
        ]
        out.append("\(header.title ?? "(untitled)")  \(header.date ?? "")  \(header.submitter ?? "")")
        out += document.paragraphs.map { "[\($0.number ?? "–")] \($0.text)" }
        emit(out.joined(separator: "\n") + "\n")
    }
}

/// `stocktake copy --to URL`: replay the log into another store and prove the copy by its digest.
struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy the record into another database (SQLite file or PostgreSQL URL) by replaying the log, and prove it by digest.")
    @Option(
        name: .long, help: "The database to copy into: a SQLite file, or postgres://USER:PASSWORD@HOST:PORT/DB (which takes the log too).")
    var to: String
    @Option(name: .long, help: "For a SQLite target, the folder its log is copied into (default: a 'ledger' folder beside the file).")
    var toLedger: String?
    @OptionGroup var options: LibraryOptions

    func run() throws {
        guard to != options.databasePath else {
            throw StocktakeError(.invalidArgument, "The copy's target is the record's own database; give another with --to.")
        }
        let library = try options.openLibrary()
        let ledger =
            toLedger.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: to).deletingLastPathComponent().appendingPathComponent("ledger")
        let (applied, digest) = try library.copy(to: try RecordStoreLocation.open(to), ledger: ledger)
        emit(
            "copied \(library.log.size) log entries (\(applied) applied now) into \(RecordStoreLocation.display(to)); latest checkpoint and content digest \(digest.prefix(16))… identical in both\n"
        )
    }
}

/// `stocktake rebuild`: recreate the tables from the log.
struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild", abstract: "Recreate the database tables from the log, and check they are identical.")
    @OptionGroup var options: LibraryOptions

    func run() throws {
        let library = try options.openLibrary()
        let before = try library.store.digest()
        let after = try library.rebuild()
        emit(
            "rebuilt \(library.log.size) log entries into \(RecordStoreLocation.display(options.databasePath)); content digest \(after.prefix(16))… \(before == after ? "identical to before" : "differs from before (the old tables did not match the log)")\n"
        )
    }
}
