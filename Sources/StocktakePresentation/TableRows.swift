public import StocktakeCore
public import StocktakeStore

/// The rows of the tables that the command line and the API both give as CSV, so both give the same bytes.
public enum TableRows {
    /// Search hits: citation, symbol, language, paragraph, date, snippet.
    public static func searchHits(_ hits: [SearchHit]) -> [[String]] {
        [["citation", "symbol", "language", "paragraph", "date", "snippet"]]
            + hits.map { [$0.citation, $0.symbol, $0.language, $0.paragraph ?? "", $0.date ?? "", $0.snippet] }
    }

    /// Assessments with whether each is in force.
    public static func assessments(_ entries: [(assessment: RecordedAssessment, inForce: Bool)]) -> [[String]] {
        [["entry", "state", "commitment", "cycle", "status", "inForce", "author", "evidence", "rationale"]]
            + entries.map { entry in
                let p = entry.assessment.payload
                return [
                    String(entry.assessment.entryIndex), p.state, p.commitment, p.cycle.id, p.status, entry.inForce ? "yes" : "no",
                    entry.assessment.author, p.evidence.joined(separator: ";"), p.rationale,
                ]
            }
    }

    /// Figures with their bounds, provenance, objection, and where they come from (a log entry or the bundled data).
    public static func figures(_ figures: [RecordedFigure]) -> [[String]] {
        [
            [
                "state", "metric", "value", "low", "high", "date", "nature", "series", "source", "consulted", "verification", "note",
                "objectionBy", "objection", "entry", "superseded",
            ]
        ]
            + figures.map { figure in
                let p = figure.payload
                return [
                    p.state, p.metric, NumberText.decimal(p.value), p.low.map { NumberText.decimal($0) } ?? "",
                    p.high.map { NumberText.decimal($0) } ?? "", p.date.description, p.nature, p.series, p.source, p.consulted.description,
                    p.verification ?? "", p.note ?? "", p.objection?.by ?? "", p.objection?.text ?? "",
                    figure.entryIndex.map(String.init) ?? "bundled", figure.superseded ? "yes" : "no",
                ]
            }
    }
}
