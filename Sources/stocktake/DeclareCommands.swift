import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore

/// `stocktake declare`: escrowed declarations, committed now and revealed step by step.
struct DeclareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declare",
        abstract: "Escrowed declarations: commit to a whole declaration with salted hashes, reveal rows in stages, let anyone verify.",
        discussion: "The construction and its threat model are in docs/escrow.md.",
        subcommands: [Commit.self, Reveal.self, Publish.self, Verify.self, Select.self, List.self, Status.self],
        defaultSubcommand: List.self)

    /// The largest declaration or reveal file read.
    static let fileLimit = 256 * 1024 * 1024

    static func parseID(_ text: String) throws -> UInt64 {
        guard let id = UInt64(text) else {
            throw StocktakeError(
                .invalidArgument,
                "'\(text.prefix(40))' is not a declaration ID; IDs are log entry numbers, as 'stocktake declare list' shows.")
        }
        return id
    }

    static func readBundle(_ path: String) throws -> RevealBundle {
        let text = try readSmallTextFile(path, limit: fileLimit)
        do {
            return try JSONDecoder().decode(RevealBundle.self, from: Data(text.utf8))
        } catch {
            throw StocktakeError(.invalidArgument, "\(path) is not a reveal bundle; write one with 'stocktake declare reveal ID --rows …'.")
        }
    }

    struct Commit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Commit to every field of every row (CSV with name:type headers, or JSON) and log the root; the values and salts stay in this home."
        )

        @Argument(help: "The declaration: CSV (header cells name or name:type; types text, integer, decimal, date) or JSON.")
        var file: String
        @Option(name: .long, help: "The declaring state (registry ID or name).")
        var state: String
        @Option(name: .long, help: "What the declaration covers, in your words.")
        var title: String
        @Option(name: .long, help: "The author key that signs the commitment (needs the declarant role; default: the operator's key).")
        var author: String = KeyFiles.operatorAuthor
        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text
        @OptionGroup var options: LibraryOptions

        func run() throws {
            let trimmed = title.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.count <= 300, !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                throw StocktakeError(
                    .invalidArgument, "The title must be one line of 1 to 300 characters; say in a few words what is declared.")
            }
            let declaration = try DeclarationFile.parse(
                try readSmallTextFile(file, limit: DeclareCommand.fileLimit), name: URL(fileURLWithPath: file).lastPathComponent)
            let keeper = try options.openLibrary()
            let stateID = try keeper.registry.state(state).id
            let signer = try options.home.keys.authorSigner(author)
            let sealed = SealedDeclaration.seal(declaration, state: stateID, title: trimmed)
            let recorded = try keeper.commitDeclaration(sealed, vault: options.home.vault, author: signer)
            switch format {
            case .json: emit(try json(recorded))
            default:
                emit(
                    "committed declaration \(recorded.id): \(declaration.rows.count) rows × \(declaration.fields.count) fields, root \(recorded.commitment.root); log size \(keeper.log.size)\nthe values and salts are kept in \(options.home.vault.directory.path) (mode 0600); back that folder up, for without it nothing can be revealed\n"
                )
            }
        }
    }

    struct Reveal: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write a reveal bundle (values, salts and audit paths of the chosen rows) to standard output; nothing is logged until 'publish'."
        )

        @Argument(help: "The declaration ID.")
        var id: String
        @Option(name: .long, help: "Rows to reveal, such as 3,7 or 1-10,15.")
        var rows: String
        @Option(name: .long, help: "Only these fields (comma-separated); the others stay sealed.")
        var fields: String?
        @OptionGroup var options: LibraryOptions

        func run() throws {
            let reader = try options.openReader()
            let id = try DeclareCommand.parseID(self.id)
            let declaration = try reader.store.existingDeclaration(id)
            let sealed = try options.home.vault.sealed(root: declaration.commitment.root)
            let bundle = try sealed.reveal(
                declaration: id, rows: try RowList.parse(rows, count: declaration.commitment.rows),
                fields: fields.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
            emit(try json(bundle))
        }
    }

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a reveal bundle against the logged commitment and log it; a bundle that fails logs nothing.")

        @Argument(help: "The reveal bundle (JSON).")
        var file: String
        @Option(name: .long, help: "The author key that signs the reveal (needs the declarant role; default: the operator's key).")
        var author: String = KeyFiles.operatorAuthor
        @OptionGroup var options: LibraryOptions

        func run() throws {
            let bundle = try DeclareCommand.readBundle(file)
            let keeper = try options.openLibrary()
            let entries = try keeper.publishReveal(bundle, author: try options.home.keys.authorSigner(author))
            let values = bundle.rows.reduce(0) { $0 + $1.fields.filter(\.isRevealed).count }
            emit(
                "published \(bundle.rows.count) rows (\(values) values) of declaration \(bundle.declaration) in \(entries.count) log entries (\(entries.first!.index)…\(entries.last!.index)); log size \(keeper.log.size)\n"
            )
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every value of a reveal bundle against the logged commitment; names the row or field that fails.")

        @Argument(help: "The reveal bundle (JSON).")
        var file: String
        @OptionGroup var options: LibraryOptions

        func run() throws {
            let bundle = try DeclareCommand.readBundle(file)
            let reader = try options.openReader()
            let (declaration, check) = try reader.checkReveal(bundle)
            emit(DeclarationText.verified(check, declaration: declaration))
        }
    }

    struct Select: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Derive the rows an inspection checks from a signed checkpoint made after the commitment (docs/escrow.md gives the rule).")

        @Argument(help: "The declaration ID.")
        var id: String
        @Option(name: .long, help: "How many rows to select.")
        var count: Int
        @Option(
            name: .long,
            help: "The size of the signed checkpoint to draw from; it must hold an entry after the commitment by another author.")
        var checkpoint: UInt64
        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text
        @OptionGroup var options: LibraryOptions

        func run() throws {
            let reader = try options.openReader()
            let selection = try reader.inspectionSelection(try DeclareCommand.parseID(id), count: count, checkpointSize: checkpoint)
            switch format {
            case .json: emit(try json(selection))
            default:
                emit(
                    "rows \(selection.rows.map(String.init).joined(separator: ","))\nfrom checkpoint \(selection.checkpointSize) (root \(selection.checkpointRoot)), seed \(selection.seed)\n"
                )
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List committed declarations: when, by whom, and how much is revealed and sealed.")

        @Option(name: .long, help: "Output format: text, json or csv.")
        var format: OutputFormat = .text
        @OptionGroup var options: LibraryOptions

        func run() throws {
            let declarations = try options.openReader().store.declarations()
            switch format {
            case .json: emit(try json(declarations))
            case .csv: emit(csv(TableRows.declarations(declarations)))
            case .text: emit(DeclarationText.list(declarations))
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one declaration: its commitment, every reveal checked again from the log, and the revealed rows.")

        @Argument(help: "The declaration ID.")
        var id: String
        @Option(name: .long, help: "Show revealed rows from this row on.")
        var from = 1
        @Option(name: .long, help: "At most this many revealed rows.")
        var limit = 200
        @Option(name: .long, help: "Output format: text, json or csv (the revealed rows).")
        var format: OutputFormat = .text
        @OptionGroup var options: LibraryOptions

        func run() throws {
            let status = try options.openReader().declarationStatus(try DeclareCommand.parseID(id), fromRow: from, limit: limit)
            switch format {
            case .json: emit(try json(status))
            case .csv: emit(csv(TableRows.revealedValues(status)))
            case .text: emit(DeclarationText.status(status))
            }
        }
    }
}

/// Row lists as people write them: `3,7`, `1-10,15`.
enum RowList {
    static func parse(_ text: String, count: Int) throws -> [Int] {
        var rows: [Int] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let bounds = part.split(separator: "-", maxSplits: 1).map { Int($0) }
            guard bounds.allSatisfy({ $0 != nil }), let low = bounds.first!, let high = bounds.last!, low <= high else {
                throw StocktakeError(.invalidArgument, "'\(part.prefix(20))' is not a row or a range of rows; write rows as 3,7 or 1-10.")
            }
            guard high - low < 1_000_000, rows.count + (high - low) < 1_000_000 else {
                throw StocktakeError(.tooLarge, "The rows asked for exceed a million; reveal in smaller stages.")
            }
            rows.append(contentsOf: low...high)
        }
        guard !rows.isEmpty else { throw StocktakeError(.emptyInput, "No row was given; write rows as 3,7 or 1-10.") }
        return rows
    }
}
