public import StocktakeCore

/// The scorecard as the command line prints it: a text table, CSV or JSON.
public enum ScorecardRendering {
    /// The scorecard with the method's hash, as JSON.
    public struct Document: Encodable {
        let method: String
        let methodSHA256: String
        let cycles: [CyclePeriod]
        let cells: [ScorecardCell]
        let states: [ScoreSummary]
        let commitments: [ScoreSummary]
        let groups: [ScoreSummary]
        let totals: [ScoreSummary]
    }

    /// JSON: every cell and summary.
    public static func json(_ card: Scorecard, methodSHA256: String) throws -> String {
        try JSONFormat.render(
            Document(
                method: card.method, methodSHA256: methodSHA256, cycles: card.cycles, cells: card.cells, states: card.states,
                commitments: card.commitments, groups: card.groups, totals: card.totals))
    }

    /// CSV: one row per cell.
    public static func csv(_ card: Scorecard) -> String {
        var rows = [
            ["state", "commitment", "cycle", "status", "points", "weight", "evidenceCount", "thin", "derived", "assessment", "author"]
        ]
        for cell in card.cells {
            rows.append([
                cell.state, cell.commitment, cell.cycle, cell.status ?? "", cell.points.map { NumberText.decimal($0) } ?? "",
                NumberText.decimal(cell.weight),
                String(cell.evidenceCount), cell.thin ? "yes" : "no", cell.derived ? "yes" : "no", cell.assessment.map(String.init) ?? "",
                cell.author ?? "",
            ])
        }
        return CSVFormat.render(rows)
    }

    /// A text table per cycle: the cells, then the summaries.
    public static func text(_ card: Scorecard, registry: Registry) -> String {
        var out = "Method \(card.method)\n"
        for period in card.cycles {
            out += "\nCycle \(period.id) (reference day \(period.referenceDay))\n"
            let cells = card.cells.filter { $0.cycle == period.id }
            if cells.isEmpty { out += "  no state is addressed or assessed in this selection\n" }
            var rows = [["commitment", "state", "status", "points", "evidence", "basis"]]
            for cell in cells {
                var basis = cell.derived ? "derived" : (cell.assessment.map { "entry \($0) by \(cell.author ?? "?")" } ?? "—")
                if cell.thin { basis += ", thin" }
                rows.append([
                    cell.commitment, cell.state, cell.status ?? "not assessed", cell.points.map { NumberText.decimal($0) } ?? "—",
                    String(cell.evidenceCount), basis,
                ])
            }
            if cells.count > 0 { out += table(rows) }
            let summaries =
                card.states.filter { $0.cycle == period.id } + card.commitments.filter { $0.cycle == period.id }
                + card.groups.filter { $0.cycle == period.id } + card.totals.filter { $0.cycle == period.id }
            var summaryRows = [["scope", "id", "score", "percent", "scored", "missing", "evidence"]]
            for summary in summaries {
                summaryRows.append([
                    summary.scope, summary.id, summary.score.map { NumberText.decimal($0) } ?? "—",
                    summary.percent.map { NumberText.decimal($0, digits: 1) + "%" } ?? "—",
                    String(summary.scored), String(summary.missing), String(summary.evidenceCount) + (summary.thin ? " (thin)" : ""),
                ])
            }
            out += "\n" + table(summaryRows)
        }
        return out
    }

    /// Left-aligned columns separated by two spaces.
    public static func table(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        let widths = (0..<first.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, field in
                column == row.count - 1 ? field : field + String(repeating: " ", count: widths[column] - field.count)
            }.joined(separator: "  ")
        }.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }
}
