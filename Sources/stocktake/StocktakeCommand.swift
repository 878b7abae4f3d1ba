import ArgumentParser

/// The `stocktake` command: the NPT disarmament record from the command line.
@main
struct StocktakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stocktake",
        abstract: "Stocktake: a verifiable record of NPT disarmament commitments and their implementation.",
        subcommands: [
            StatesCommand.self, StateCommand.self, TreatyCommand.self, CommitmentsCommand.self,
            CommitmentCommand.self, RegistryCheckCommand.self, ExtractCommand.self, KeysCommand.self, LogCommand.self,
            IngestCommand.self, SearchCommand.self, RefsCommand.self, ShowCommand.self, RebuildCommand.self, CopyCommand.self,
            EvidenceCommand.self, AssessCommand.self, AssessmentsCommand.self, MethodCommand.self, ScorecardCommand.self,
            ReportCommand.self,
            FiguresCommand.self, ProgrammesCommand.self, TrajectoryCommand.self, ChartCommand.self, ServeCommand.self, TokensCommand.self,
            WitnessCommand.self, DeclareCommand.self,
        ]
    )
}
