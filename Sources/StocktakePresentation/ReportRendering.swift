/// The monitoring report in each format: HTML through the `report` template, Markdown, CSV and JSON.
extension Presenter {
    struct ReportPage {
        let t: [String: String]
        let report: MonitoringReport
    }

    /// A self-contained HTML page (CSS inline, no script), print-friendly.
    public func reportHTML(_ report: MonitoringReport) throws -> String {
        let language = InterfaceLanguage(rawValue: report.language) ?? .en
        return try render(ReportPage(t: catalogue(language).templateKeys, report: report), template: "report")
    }

    /// Markdown, with the same content as the HTML page.
    public func reportMarkdown(_ report: MonitoringReport) -> String {
        let c = catalogue(InterfaceLanguage(rawValue: report.language) ?? .en)
        func md(_ text: String) -> String {
            var out = ""
            for character in text {
                if "\\`*_{}[]<>#|".contains(character) { out.append("\\") }
                out.append(character == "\n" ? " " : character)
            }
            return out
        }
        var out = "# \(md(report.title))\n\n"
        out +=
            "- \(c.text("report.scope")): \(md(report.scope))\n- \(c.text("report.cycle")): \(report.cycle) (\(c.text("report.referenceDay")) \(report.referenceDay))\n"
        if let previous = report.previousCycle { out += "- \(c.text("report.previousCycle")): \(previous)\n" }
        out +=
            "\n## \(c.text("report.summary"))\n\n| \(c.text("report.state")) | \(c.text("report.score")) | \(c.text("report.percent")) | \(c.text("report.scored")) | \(c.text("report.missing")) | \(c.text("report.evidenceCount")) |\n|---|---|---|---|---|---|\n"
        for row in report.summary {
            out +=
                "| \(md(row.name)) (\(row.id)) | \(row.score) | \(row.percent) | \(row.scored) | \(row.missing) | \(row.evidence)\(row.thin ? " (" + c.text("report.thin") + ")" : "") |\n"
        }
        out += "\n## \(c.text("report.commitments"))\n"
        for section in report.commitments {
            out +=
                "\n### \(section.id): \(md(section.label))\n\n\(c.text("report.source")): \(md(section.source))\(section.unverified ? " (\(c.text("report.unverified")))" : ""). \(c.text("report.addressees")): \(md(section.addressees)).\n\n"
            for entry in section.states {
                out += "- **\(md(entry.name))** (\(entry.state)): **\(entry.statusLabel)**"
                if entry.derived { out += " — \(c.text("report.derived"))" }
                if let previous = entry.previousLabel { out += "; \(c.text("report.previous")): \(previous), \(entry.changeLabel)" }
                if entry.thin { out += " (\(c.text("report.thin")))" }
                out += "\n"
                if let rationale = entry.rationale { out += "  - \(c.text("report.rationale")): \(md(rationale))\n" }
                if let derived = entry.derivedFrom { out += "  - \(md(derived))\n" }
                if let outranked = entry.outranked { out += "  - \(c.text("report.derivedOutranked")): \(outranked)\n" }
                for line in entry.evidence {
                    out += "  - \(line.id): \(md(line.citation))"
                    if let quote = line.quote { out += " — “\(md(quote))”" }
                    if let url = line.url { out += " <\(url)>" }
                    out += "\n"
                }
            }
        }
        out +=
            "\n## \(c.text("report.appendix"))\n\n- \(c.text("report.methodId")): \(report.method.id) \(report.method.version)\n- \(c.text("report.methodHash")): `\(report.method.sha256)`\n"
        out +=
            "- \(c.text("report.points")): " + report.method.points.map { "\($0.label) \($0.value)" }.joined(separator: ", ") + "; "
            + report.method.outsideOrder.joined(separator: ", ") + ": \(c.text("report.outsideOrder"))\n"
        out +=
            "- \(c.text("report.weights.default")) \(report.method.defaultWeight)"
            + report.method.weights.map { "; \($0.key) \($0.value)" }.joined() + "\n"
        out +=
            "- \(c.text("report.missingRule")): \(report.method.missingRule)\n- \(c.text("report.minimumEvidence")): \(report.method.minimumEvidence)\n"
        for rule in report.method.derivations {
            out += "- \(c.text("report.derivations")): \(rule.key) ← \(md(rule.label)), \(md(rule.value))\n"
        }
        out +=
            "\n## \(c.text("report.verify"))\n\n\(c.text("report.verify.text"))\n\n- \(c.text("report.logSize")): \(report.checkpoint.size)\n- \(c.text("report.root")): `\(report.checkpoint.root)`\n- \(c.text("report.reproduce")): `\(report.reproduce)`\n\n```\n\(report.checkpoint.note)```\n"
        return out
    }

    /// CSV: one row per state and commitment.
    public func reportCSV(_ report: MonitoringReport) -> String {
        var rows = [
            ["cycle", "commitment", "state", "status", "points", "derived", "thin", "previous", "change", "rationale", "evidence", "entry"]
        ]
        for section in report.commitments {
            for entry in section.states {
                rows.append([
                    report.cycle, section.id, entry.state, entry.status ?? "", entry.points ?? "", entry.derived ? "yes" : "no",
                    entry.thin ? "yes" : "no",
                    entry.previous ?? "", entry.change, entry.rationale ?? "",
                    (entry.evidence.map(\.citation) + [entry.derivedFrom].compactMap { $0 }).joined(separator: "; "),
                    entry.entry ?? "",
                ])
            }
        }
        return CSVFormat.render(rows)
    }
}
