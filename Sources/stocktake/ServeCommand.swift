import ArgumentParser
import Foundation
import Logging
import StocktakeCore
import StocktakeServer
import StocktakeStore

/// `stocktake serve`: the web application, the JSON API and the published log.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the pages, the JSON API (/api/v1) and the log as tiles (/log) over HTTP; SIGTERM or Ctrl-C stops it gracefully.")

    @Option(name: .long, help: "The address to bind.")
    var host = "127.0.0.1"
    @Option(name: .long, help: "The port (0 picks a free one and prints it).")
    var port = 8080
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel = "info"
    @OptionGroup var options: LibraryOptions

    func run() async throws {
        guard (0...65535).contains(port) else { throw StocktakeError(.invalidArgument, "--port must be between 0 and 65535.") }
        let settings = ServerSettings(
            home: options.home.url, databasePath: options.databasePath,
            dataDirectory: try RegistryDirectory.locate(explicit: options.dataOptions.data), host: host, port: port)
        var logger = Logger(label: "stocktake")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        try await runServer(settings, logger: logger) { port in
            FileHandle.standardOutput.write(Data("stocktake serving on http://\(settings.host):\(port)\n".utf8))
        }
    }
}

/// `stocktake tokens`: bearer tokens for scripts that write through the API.
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Issue or revoke API tokens bound to author keys.", subcommands: [Issue.self, Revoke.self])

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a token for an author key; it is printed once and only its hash is kept.")
        @Argument(help: "The author's key name.")
        var name: String
        @OptionGroup var home: HomeOptions
        func run() throws {
            emit(try APITokens(home: home.url).issue(for: name, keys: home.keys) + "\n")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke every token of an author key.")
        @Argument(help: "The author's key name.")
        var name: String
        @OptionGroup var home: HomeOptions
        func run() throws {
            emit("revoked \(try APITokens(home: home.url).revoke(author: name)) token(s) of \(name)\n")
        }
    }
}
