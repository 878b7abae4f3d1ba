import Foundation
public import StocktakeLedger
public import StocktakeStore

/// Times as every page and command prints them: `YYYY-MM-DD HH:MM` UTC.
public enum TimeText {
    /// Seconds since 1970 as a UTC minute.
    public static func utc(_ seconds: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }
}

extension TableRows {
    /// Declarations: what was committed when, and how much is revealed and sealed.
    public static func declarations(_ declarations: [RecordedDeclaration]) -> [[String]] {
        [
            [
                "declaration", "state", "title", "committed", "author", "rows", "fields", "revealedRows", "fullyRevealedRows", "sealedRows",
                "root",
            ]
        ]
            + declarations.map { d in
                [
                    String(d.id), d.commitment.state, d.commitment.title, TimeText.utc(d.time), d.author, String(d.commitment.rows),
                    d.commitment.fields.map { "\($0.name):\($0.type.rawValue)" }.joined(separator: ";"), String(d.revealedRows),
                    String(d.fullyRevealedRows), String(d.sealedRows), d.commitment.root,
                ]
            }
    }

    /// Revealed rows of a declaration, one column per field; a field not yet revealed reads `sealed`.
    public static func revealedValues(_ status: DeclarationStatus) -> [[String]] {
        let fields = status.declaration.commitment.fields.map(\.name)
        return [["row"] + fields] + status.rows.map { row in [String(row.row)] + fields.map { row.values[$0] ?? "sealed" } }
    }

    /// Reveal entries with the result of checking each again from the log.
    public static func revealChecks(_ status: DeclarationStatus) -> [[String]] {
        [["entry", "time", "author", "rows", "fields", "verified", "problem"]]
            + status.reveals.map {
                [
                    String($0.entry), TimeText.utc($0.time), $0.author, String($0.rows), String($0.fields), $0.verified ? "yes" : "no",
                    $0.problem ?? "",
                ]
            }
    }
}

/// The command line's text for declarations.
public enum DeclarationText {
    /// One paragraph per declaration.
    public static func list(_ declarations: [RecordedDeclaration]) -> String {
        guard !declarations.isEmpty else { return "No declaration has been committed.\n" }
        return declarations.map { d in
            "declaration \(d.id): \(d.commitment.state) · \(d.commitment.title)\n  committed \(TimeText.utc(d.time)) UTC by \(d.author); \(d.commitment.rows) rows × \(d.commitment.fields.count) fields; root \(d.commitment.root)\n  revealed: \(d.revealedRows) rows (\(d.fullyRevealedRows) in full, \(d.revealedFields) values); sealed: \(d.sealedRows) rows, \(d.sealedFields) values\n"
        }.joined()
    }

    /// The declaration, its reveal entries with their checks, and the revealed rows as a table.
    public static func status(_ status: DeclarationStatus) -> String {
        var out = list([status.declaration])
        out += "  fields: \(status.declaration.commitment.fields.map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", "))\n"
        for check in status.reveals {
            out +=
                "  reveal entry \(check.entry) \(TimeText.utc(check.time)) by \(check.author): \(check.rows) rows, \(check.fields) values, "
                + (check.verified ? "verified against the committed root\n" : "FAILS: \(check.problem ?? "root differs")\n")
        }
        if !status.rows.isEmpty {
            out += "\n" + CSVFormat.render(TableRows.revealedValues(status))
        }
        return out
    }

    /// What `declare verify` prints for a bundle that checks.
    public static func verified(_ check: RevealCheck, declaration: RecordedDeclaration) -> String {
        "The reveal verifies: \(check.rows.count) rows and \(check.revealedFields) values match declaration \(declaration.id) (\(declaration.commitment.state), root \(declaration.commitment.root.prefix(16))…), committed \(TimeText.utc(declaration.time)) UTC.\n"
    }
}
