import Foundation
import HTTPTypes
import Hummingbird
import Logging
import StocktakeCore
import StocktakeLedger
import StocktakePresentation
import StocktakeStore
import StocktakeText

/// The interface language of a request: the `/zh` prefix, else the first language `Accept-Language` names.
enum SiteLanguage {
    static func of(_ request: Request) -> InterfaceLanguage {
        let path = request.uri.path
        if path == "/zh" || path.hasPrefix("/zh/") { return .zh }
        if path == "/en" || path.hasPrefix("/en/") { return .en }
        let accepted = request.headers[.acceptLanguage] ?? ""
        let first =
            accepted.split(separator: ",").first.map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return first.hasPrefix("zh") ? .zh : .en
    }
}

/// Builds each page's view from the readers and renders it with the templates; routes call one function here.
struct SitePages {
    let readers: Readers
    let language: InterfaceLanguage
    let path: String

    var catalogue: Catalogue { readers.presenter.catalogue(language) }
    var prefix: String { language == .zh ? "/zh" : "" }
    var content: Language { language.language }

    /// The route without its language prefix, for the link to the other language.
    var neutralPath: String {
        for prefix in ["/zh", "/en"] where path == prefix || path.hasPrefix(prefix + "/") {
            let rest = String(path.dropFirst(prefix.count))
            return rest.isEmpty ? "/" : rest
        }
        return path
    }

    func render(_ template: String, title: String, sources: [(url: String, label: String)] = [], _ fields: [String: Any]) throws -> String {
        let checkpoint = try? readers.reportCheckpoint()
        let other: InterfaceLanguage = language == .zh ? .en : .zh
        let page: [String: Any] = [
            "lang": language.rawValue, "prefix": prefix, "title": title,
            "otherLanguage": other.rawValue, "otherLanguageName": readers.presenter.catalogue(other).text("language.name"),
            "otherLanguageURL": (other == .zh ? "/zh" : "/en") + (neutralPath == "/" ? "" : neutralPath),
            "sources": sources.map { ["url": $0.url, "label": $0.label] }, "logSize": String(checkpoint?.size ?? 0),
            "root": checkpoint?.root ?? "",
        ]
        var view = fields
        view["page"] = page
        view["t"] = catalogue.templateKeys
        return try readers.presenter.render(view, template: "site/" + template)
    }

    func statusLabel(_ status: String?) -> String {
        status.map { catalogue.text("status.\($0)") } ?? catalogue.text("report.notAssessed")
    }

    /// A line saying what an entry recorded, and where to see it.
    func describe(_ entry: LoggedEntry) -> (summary: String, link: String?) {
        switch entry.payload {
        case .documentVersion(let p):
            return ("\(p.symbol) (\(p.language.uppercased()))", "\(prefix)/documents/\(p.symbol)?language=\(p.language)")
        case .assessment(let p):
            return (
                "\(p.state) · \(p.commitment) · \(p.cycle.id): \(statusLabel(p.status))",
                "\(prefix)/states/\(p.state)#assessment-\(entry.index)"
            )
        case .evidence(let p):
            return (
                "\(RecordedEvidence.id(entry.index)) \(p.subject) · \(p.commitment): \(p.source.citation)",
                "\(prefix)/commitments/\(p.commitment)"
            )
        case .figure(let p):
            return ("\(p.state) \(p.metric) \(NumberText.grouped(Int(p.value))) (\(p.series), \(p.date))", "\(prefix)/states/\(p.state)")
        case .authorRoles(let p): return ("\(p.name): \(p.roles.isEmpty ? "—" : p.roles.joined(separator: ", "))", nil)
        case .declarationCommitment(let p):
            return ("\(p.state) · \(p.title) · \(p.rows) \(catalogue.text("declaration.rows"))", "\(prefix)/declarations/\(entry.index)")
        case .declarationReveal(let p):
            return (
                "\(catalogue.text("declaration.reveal")) \(p.rows.count) \(catalogue.text("declaration.rows"))",
                "\(prefix)/declarations/\(p.declaration)"
            )
        case .other: return (entry.type, nil)
        }
    }

    func recentEntries(_ count: UInt64) throws -> [[String: Any]] {
        let log = try readers.log()
        let first = log.size > count ? log.size - count : 0
        return try (first..<log.size).reversed().map { index in
            let entry = try RecordKeeper.loggedEntry(index, in: log)
            let (summary, link) = describe(entry)
            var row: [String: Any] = [
                "index": index, "type": entry.type, "author": entry.author, "time": TimeText.utc(entry.time), "summary": summary,
            ]
            if let link { row["link"] = link }
            return row
        }
    }

    // MARK: pages

    func home() throws -> String {
        let counts = try readers.store.counts()
        let labels = [
            ("documents", "count.documents"), ("paragraphs", "count.paragraphs"), ("assessments", "count.assessments"),
            ("evidence", "count.evidence"), ("figures", "count.figures"),
        ]
        var rows = labels.map { ["value": NumberText.grouped(counts[$0.0] ?? 0), "label": catalogue.text($0.1)] }
        rows.append(["value": NumberText.grouped(readers.arsenals.figures.count), "label": catalogue.text("count.figures") + " (bundled)"])
        return try render(
            "home", title: catalogue.text("home.title"),
            ["counts": rows, "latest": try recentEntries(10), "checkpoint": try readers.checkpointNote()])
    }

    func search(_ form: SearchForm) throws -> String {
        let query = try form.query(readers)
        let results = try readers.store.search(query)
        let page = query.offset / SearchForm.pageSize + 1
        let path = "\(prefix)/search"
        let hits: [[String: Any]] = results.hits.map { hit in
            [
                "citation": hit.citation, "date": hit.date ?? "", "title": hit.title ?? "",
                "snippet": SVGChart.escape(hit.snippet).replacingOccurrences(of: "⟦", with: "<mark>").replacingOccurrences(
                    of: "⟧", with: "</mark>"),
                "link": "\(prefix)/documents/\(hit.symbol)?language=\(hit.language)#p-\(hit.paragraph ?? "u\(hit.ordinal)")",
                "matchedBy": hit.matchedBy.joined(separator: ", "),
            ]
        }
        func facet(_ key: String, _ parameter: String, _ counts: [FacetCount]) -> [String: Any] {
            [
                "label": catalogue.text(key),
                "values": counts.prefix(12).map { count in
                    ["value": count.value, "count": NumberText.grouped(count.count), "link": form.link(path, [parameter: count.value])]
                },
            ]
        }
        let facets = [
            facet("search.byLanguage", "language", results.facets.languages),
            facet("search.byYear", "year", results.facets.years.filter { $0.value != "undated" }),
            facet("search.bySubmitter", "submitter", results.facets.submitters),
            facet("search.byCommitment", "ref", results.facets.commitments),
            facet("search.byDocument", "symbol", results.facets.documents),
        ].filter { !($0["values"] as! [Any]).isEmpty }
        var fields: [String: Any] = [
            "query": form.q ?? "", "ref": form.ref ?? "", "hasQuery": !(form.q ?? "").isEmpty,
            "total": (results.totalIsCapped ? catalogue.text("search.moreThan") + " " : "") + NumberText.grouped(results.total),
            "tokens": results.tokens, "hits": hits, "start": query.offset + 1, "notes": results.notes, "facets": facets,
            "concepts": results.concepts.isEmpty ? false : results.concepts.joined(separator: ", "),
            "noConcepts": form.link(path, ["concepts": "off"]),
            "languages": Language.allCases.map {
                ["code": $0.rawValue, "name": $0.rawValue.uppercased(), "selected": $0.rawValue == form.language]
            },
            "sorts": SearchSort.allCases.map { sort in
                ["value": sort.rawValue, "label": catalogue.text("search.sort.\(sort.rawValue)"), "selected": sort == query.sort]
            },
        ]
        if page > 1 { fields["previous"] = form.link(path, page: page - 1) }
        if query.offset + results.hits.count < results.total { fields["next"] = form.link(path, page: page + 1) }
        return try render("search", title: catalogue.text("nav.search"), fields)
    }

    func document(symbol: String, language code: String?, compare: String?) throws -> String {
        let language = try code.flatMap { $0.isEmpty ? nil : $0 }.map(Language.init(parsing:))
        guard let document = try readers.store.document(symbol: symbol, language: language) else {
            throw StocktakeError(.unknownIdentifier, "The library holds no document \(symbol); search for it instead.")
        }
        let shown = document.header.language ?? ""
        var other: StoredDocument?
        if let compare, let compareLanguage = Language(code: compare), compare != shown {
            other = try readers.store.document(symbol: symbol, language: compareLanguage)
        }
        let base = "\(prefix)/documents/\(symbol)"
        let paragraphs: [[String: Any]] = document.paragraphs.map { paragraph in
            var row: [String: Any] = [
                "anchor": paragraph.number ?? "u\(paragraph.ordinal)", "number": paragraph.number ?? "", "text": paragraph.text,
                "language": paragraph.language,
                "citation": CitationText.format(
                    symbol: symbol, number: paragraph.number, ordinal: paragraph.ordinal, language: paragraph.language),
                "refs": Array(Set(paragraph.references.map(\.id))).sorted().map { id -> [String: String] in
                    let link: String
                    if readers.registry.commitments.contains(where: { $0.id == id }) {
                        link = "\(prefix)/commitments/\(id)"
                    } else if readers.registry.states.contains(where: { $0.id == id }) {
                        link = "\(prefix)/states/\(id)"
                    } else {
                        link = "\(prefix)/search?ref=\(id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id)&q="
                    }
                    return ["id": id, "link": link]
                },
                "hasRefs": !paragraph.references.isEmpty,
            ]
            if let other, let match = other.paragraphs.first(where: { $0.number != nil && $0.number == paragraph.number }) {
                row["other"] = ["text": match.text, "language": match.language]
            }
            return row
        }
        let codes = document.versions.keys.sorted()
        return try render(
            "document", title: symbol,
            [
                "symbol": symbol, "title": document.header.title ?? "", "date": document.header.date ?? "",
                "submitter": document.header.submitter ?? "",
                "versions": codes.map { ["code": $0.uppercased(), "link": "\(base)?language=\($0)", "current": $0 == shown] },
                "compareLinks": codes.filter { $0 != shown }.map {
                    ["code": $0.uppercased(), "link": "\(base)?language=\(shown)&compare=\($0)"]
                },
                "hasCompareLinks": codes.count > 1, "compare": other != nil, "paragraphs": paragraphs,
            ])
    }

    func commitment(_ id: String, cycle text: String?) throws -> String {
        let commitment = try readers.registry.commitment(id)
        let period = try readers.cycle(text)
        let card = try readers.scorecard(ScorecardFilter(states: nil, commitments: [commitment.id], cycles: [period]))
        var evidence: [String: RecordedEvidence] = [:]
        for id in Set(card.cells.flatMap(\.evidence)) { evidence[id] = try readers.store.evidenceItem(id: id) }
        let cells: [[String: Any]] = card.cells.map { cell in
            var row: [String: Any] = [
                "state": cell.state, "name": readers.registry.displayName(of: cell.state, in: content),
                "statusClass": cell.status ?? "missing",
                "statusLabel": statusLabel(cell.status), "derived": cell.derived,
                "evidence": cell.evidence.compactMap { evidence[$0]?.payload.source.citation }
                    + [cell.derivedFrom?.summary].compactMap { $0 },
            ]
            if let rationale = cell.rationale { row["rationale"] = rationale }
            if let entry = cell.assessment { row["entry"] = entry }
            return row
        }
        let hits = try readers.store.evidence(for: commitment.id)
        let instrument = try? readers.registry.instrument(commitment.instrument)
        let source = readers.registry.source(commitment.source, in: "commitments.json")
        var fields: [String: Any] = [
            "id": commitment.id, "label": commitment.labels[content] ?? commitment.labels[.en] ?? commitment.id,
            "source": [instrument?.symbol, commitment.sourceParagraph].compactMap { $0 }.joined(separator: ", "),
            "unverified": readers.registry.isUnverified(commitment),
            "addressees": commitment.addressees.map { readers.registry.displayName(of: $0, in: content) }.joined(separator: ", "),
            "children": readers.registry.children(of: commitment.id).map { ["id": $0.id] },
            "hasChildren": !readers.registry.children(of: commitment.id).isEmpty,
            "cycle": period.id, "cells": cells, "paragraphCount": hits.count,
            "paragraphs": hits.map { hit in
                [
                    "citation": hit.citation, "date": hit.date ?? "", "submitter": hit.submitter ?? "",
                    "surfaces": hit.surfaces.joined(separator: ", "),
                    "link": "\(prefix)/documents/\(hit.symbol)?language=\(hit.language)#p-\(hit.paragraph ?? "")",
                ]
            },
        ]
        if let due = commitment.dueDate { fields["due"] = due.description }
        if let note = commitment.statusNote { fields["statusNote"] = note }
        return try render("commitment", title: commitment.id, sources: source.map { [($0.url, $0.title)] } ?? [], fields)
    }

    func state(_ id: String) throws -> String {
        let state = try readers.registry.state(id)
        let today = Day.today()
        let memberships = try readers.registry.memberships(of: state.id, asOf: today).filter(\.isMember).map {
            readers.registry.displayName(of: $0.organization, in: content)
        }
        let days = [Day(iso: "2000-04-24")!, Day(iso: "2010-05-03")!, Day(iso: "2022-08-01")!, today]
        let treaties: [[String: Any]] = try ["NPT", "CTBT", "TPNW"].map { treaty in
            [
                "name": readers.registry.displayName(of: treaty, in: content),
                "standings": try days.map { day in
                    (try readers.registry.treatyStatus(treaty, asOf: day).states.first { $0.state == state.id }?.standing ?? .none).rawValue
                },
            ]
        }
        let history = AssessmentHistory(try readers.store.assessments(state: state.id, commitment: nil))
        let assessments: [[String: Any]] = history.entries.reversed().map { item in
            let p = item.assessment.payload
            return [
                "entry": item.assessment.entryIndex, "cycle": p.cycle.id, "commitment": p.commitment, "status": p.status,
                "statusLabel": statusLabel(p.status),
                "inForce": item.inForce, "rationale": p.rationale,
                "cite":
                    "Stocktake assessment, log entry \(item.assessment.entryIndex): \(p.state) on \(p.commitment), cycle \(p.cycle.id), \(p.status)",
            ]
        }
        let figures = try readers.figures().filter { !$0.superseded && $0.payload.state == state.id }.sorted {
            ($0.payload.series, $0.payload.metric, $0.payload.date) < ($1.payload.series, $1.payload.metric, $1.payload.date)
        }
        var fields: [String: Any] = [
            "id": state.id, "name": state.names[content] ?? state.names[.en] ?? state.id, "formalName": state.formalNames[content] ?? "",
            "memberships": memberships,
            "days": days.map(\.description), "treaties": treaties, "assessments": assessments, "hasFigures": !figures.isEmpty,
            "figures": figures.map { figure -> [String: String] in
                let p = figure.payload
                return [
                    "anchor": "\(p.series)-\(p.metric)-\(p.date)", "series": p.series, "metric": p.metric, "date": p.date.description,
                    "value": NumberText.withBounds(p.value, low: p.lowOrValue, high: p.highOrValue),
                    "source": p.source, "sourceLabel": URL(string: p.source)?.host ?? p.source,
                    "cite":
                        "\(p.series), \(p.state) \(p.metric) as of \(p.date): \(NumberText.decimal(p.value)) (\(p.nature); \(p.source), consulted \(p.consulted))",
                ]
            },
        ]
        if !figures.isEmpty {
            let trajectory = TrajectoryAnalyzer.analyze(
                state: state.id, metric: "total-inventory", series: "SIPRI", figures: try readers.figures(),
                programmes: readers.arsenals.programmes, asOf: today)
            fields["trajectory"] =
                TrajectoryRendering.text(trajectory, registry: readers.registry).split(separator: "\n").first { $0.hasPrefix("zero is") }
                .map(String.init) ?? ""
            fields["milestones"] = trajectory.milestones.filter { $0.target != nil }.map { m in
                [
                    "programme": m.programme, "phase": m.phase, "due": m.due?.description ?? "—",
                    "target": "≤ " + NumberText.grouped(Int(m.target ?? 0)), "status": m.status,
                ]
            }
        }
        return try render(
            "state", title: state.names[content] ?? state.id,
            sources: [(readers.registry.source(state.source, in: "states.json")?.url ?? "", "registry")], fields)
    }

    func table(
        _ heading: String, intro: String? = nil, columns: [String], rows: [[[String: String]]], form: [String: Any]? = nil,
        image: [String: String]? = nil, title: String
    ) throws -> String {
        var fields: [String: Any] = ["heading": heading, "columns": columns, "rows": rows.map { ["cells": $0] }]
        if let intro { fields["intro"] = intro }
        if let form { fields["form"] = form }
        if let image { fields["image"] = image }
        return try render("list", title: title, fields)
    }

    func states() throws -> String {
        let possessors = Set(Programme.possessors)
        let rows = readers.registry.states.sorted { ($0.names[content] ?? $0.id) < ($1.names[content] ?? $1.id) }.map { state in
            [
                ["text": state.names[content] ?? state.id, "link": "\(prefix)/states/\(state.id)"], ["text": state.id],
                ["text": possessors.contains(state.id) ? "✓" : ""],
            ]
        }
        return try table(
            catalogue.text("states.title"), columns: [catalogue.text("report.state"), "ISO", catalogue.text("state.figures")], rows: rows,
            title: catalogue.text("states.title"))
    }

    func commitments() throws -> String {
        let rows = readers.registry.commitments.map { c in
            [
                ["text": c.id, "link": "\(prefix)/commitments/\(c.id)"], ["text": c.labels[content] ?? c.labels[.en] ?? ""],
                ["text": c.addressees.map { readers.registry.displayName(of: $0, in: content) }.joined(separator: ", ")],
            ]
        }
        return try table(
            catalogue.text("commitments.title"), columns: ["", catalogue.text("report.commitments"), catalogue.text("report.addressees")],
            rows: rows, title: catalogue.text("commitments.title"))
    }

    func compare(states text: String?, cycle cycleText: String?) throws -> String {
        let ids = try (text ?? "USA,RUS,CHN,GBR").split(separator: ",").map {
            try readers.registry.state(String($0).trimmingCharacters(in: .whitespaces)).id
        }
        guard !ids.isEmpty, ids.count <= 4 else {
            throw StocktakeError(.invalidArgument, "Compare one to four states, separated by commas, for example USA,RUS,CHN,GBR.")
        }
        let period = try readers.cycle(cycleText)
        let card = try readers.scorecard(ScorecardFilter(states: ids, commitments: nil, cycles: [period]))
        let commitmentIDs = card.cells.map(\.commitment).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var rows: [[[String: String]]] = commitmentIDs.map { commitment in
            [["text": commitment, "link": "\(prefix)/commitments/\(commitment)"]]
                + ids.map { state in
                    let cell = card.cells.first { $0.state == state && $0.commitment == commitment }
                    return ["text": statusLabel(cell?.status), "status": cell?.status ?? "missing"]
                }
        }
        let figures = try readers.figures()
        rows.append(
            [["text": "SIPRI total-inventory"]]
                + ids.map { state in
                    let latest = figures.filter {
                        !$0.superseded && $0.payload.state == state && $0.payload.series == "SIPRI"
                            && $0.payload.metric == "total-inventory"
                    }.max { $0.payload.date < $1.payload.date }
                    return ["text": latest.map { "\(NumberText.grouped(Int($0.payload.value))) (\($0.payload.date))" } ?? "—"]
                })
        return try table(
            catalogue.text("compare.title"), intro: catalogue.text("compare.intro"),
            columns: [catalogue.text("report.commitments")] + ids.map { readers.registry.displayName(of: $0, in: content) },
            rows: rows,
            form: [
                "action": "\(prefix)/compare",
                "fields": [
                    ["label": catalogue.text("nav.states"), "name": "states", "value": ids.joined(separator: ",")],
                    ["label": catalogue.text("report.cycle"), "name": "cycle", "value": period.id],
                ],
            ],
            title: catalogue.text("compare.title"))
    }

    func programmes() throws -> String {
        let rows = readers.arsenals.programmes.map { p in
            [
                ["text": p.id, "link": "\(prefix)/programmes/\(p.id)"], ["text": p.title[language.rawValue] ?? p.title["en"] ?? p.id],
                ["text": p.proposedBy], ["text": "\(p.phases.count)"], ["text": p.source.verification],
            ]
        }
        return try table(
            catalogue.text("programmes.title"),
            columns: ["", catalogue.text("programmes.title"), "", catalogue.text("programme.phase"), catalogue.text("report.source")],
            rows: rows,
            image: ["src": "/charts/world.svg?lang=\(language.rawValue)", "alt": catalogue.text("chart.world")],
            title: catalogue.text("programmes.title"))
    }

    func programme(_ id: String) throws -> String {
        let programme = try readers.arsenals.programme(id)
        let figures = try readers.figures()
        var rows: [[[String: String]]] = []
        for phase in programme.phases {
            for target in phase.targets {
                let states = Programme.expand(target.states).intersection(Programme.possessors).sorted()
                let what = TargetText.describe(target)
                let statuses = states.map { state -> String in
                    let analysis = TrajectoryAnalyzer.analyze(
                        state: state, metric: target.metric ?? "total-inventory", series: "SIPRI", figures: figures,
                        programmes: [Programme.only(programme, phase: phase, target: target)], asOf: Day.today())
                    return "\(state): \(analysis.milestones.first?.status ?? "—")"
                }
                rows.append([
                    ["text": phase.label[language.rawValue] ?? phase.label["en"] ?? phase.id],
                    [
                        "text": phase.end.day(trigger: programme.trigger?.date)?.description
                            ?? (programme.trigger?.label[language.rawValue] ?? "—")
                    ],
                    ["text": what], ["text": target.sourcing], ["text": statuses.joined(separator: " · ")],
                ])
            }
        }
        return try render(
            "list", title: programme.id, sources: [(programme.source.url, programme.source.title)],
            [
                "heading": "\(programme.id) — \(programme.title[language.rawValue] ?? programme.title["en"] ?? "")",
                "intro": "\(programme.proposedBy) · \(programme.source.url) (\(programme.source.verification))",
                "columns": [
                    catalogue.text("programme.phase"), catalogue.text("programme.due"), catalogue.text("programme.target"),
                    catalogue.text("report.source"), catalogue.text("report.status"),
                ],
                "rows": rows.map { ["cells": $0] },
            ])
    }

    func scorecardPage(cycle text: String?) throws -> String {
        let period = try readers.cycle(text)
        let card = try readers.scorecard(ScorecardFilter(states: nil, commitments: nil, cycles: [period]))
        let rows = (card.states + card.groups).map { s in
            [
                [
                    "text": readers.registry.displayName(of: s.id, in: content),
                    "link": s.scope == "state" ? "\(prefix)/states/\(s.id)" : "",
                ], ["text": s.scope],
                ["text": s.score.map { NumberText.decimal($0) } ?? "—"],
                ["text": s.percent.map { NumberText.decimal($0, digits: 1) + "%" } ?? "—"], ["text": "\(s.scored)"],
                ["text": "\(s.evidenceCount)" + (s.thin ? " (\(catalogue.text("report.thin")))" : "")],
            ].map { $0.filter { !$0.value.isEmpty } }
        }
        return try table(
            "\(catalogue.text("scorecard.title")) — \(period.id)", intro: readers.stocktaking.method.description,
            columns: [
                catalogue.text("report.state"), "", catalogue.text("report.score"), catalogue.text("report.percent"),
                catalogue.text("report.scored"), catalogue.text("report.evidenceCount"),
            ],
            rows: rows,
            form: [
                "action": "\(prefix)/scorecard",
                "fields": [["label": catalogue.text("report.cycle"), "name": "cycle", "value": period.id]],
            ], title: catalogue.text("scorecard.title"))
    }

    func logPage(base: String) throws -> String {
        try render(
            "log", title: catalogue.text("log.title"),
            [
                "checkpoint": try readers.checkpointNote(), "verifierKey": readers.logKey.encoded, "base": base,
                "entries": try recentEntries(50),
            ])
    }

    func error(title: String, detail: String) throws -> String {
        try render("error", title: title, ["title": title, "detail": detail])
    }
}

extension SitePages {
    /// Escrowed declarations: what was committed when, and how much is revealed and sealed.
    func declarations() throws -> String {
        let rows = try readers.store.declarations().map { d -> [[String: String]] in
            [
                ["text": "\(d.id)", "link": "\(prefix)/declarations/\(d.id)"],
                ["text": d.commitment.state, "link": "\(prefix)/states/\(d.commitment.state)"],
                ["text": d.commitment.title], ["text": TimeText.utc(d.time)], ["text": NumberText.grouped(d.commitment.rows)],
                ["text": NumberText.grouped(d.revealedRows)], ["text": NumberText.grouped(d.sealedRows)],
            ]
        }
        return try table(
            catalogue.text("declarations.title"), intro: catalogue.text("declarations.lead"),
            columns: [
                catalogue.text("declaration.id"), catalogue.text("declaration.state"), catalogue.text("declaration.title"),
                catalogue.text("declaration.time"), catalogue.text("declaration.committedRows"), catalogue.text("declaration.revealed"),
                catalogue.text("declaration.sealed"),
            ],
            rows: rows, title: catalogue.text("declarations.title"))
    }

    /// One declaration: the commitment, each reveal checked again from the log, and a page of revealed rows.
    func declaration(_ id: UInt64, from: Int) throws -> String {
        let pageSize = 200
        let status = try DeclarationStatus.build(id, store: readers.store, log: try readers.log(), fromRow: from, limit: pageSize + 1)
        let d = status.declaration
        let shown = Array(status.rows.prefix(pageSize))
        let fields = d.commitment.fields.map(\.name)
        return try render(
            "declaration", title: "\(catalogue.text("declaration.title")) \(id)",
            [
                "id": "\(id)", "title": d.commitment.title, "state": d.commitment.state, "committed": TimeText.utc(d.time),
                "author": d.author,
                "root": d.commitment.root, "fields": d.commitment.fields.map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", "),
                "rows": NumberText.grouped(d.commitment.rows), "revealedRows": NumberText.grouped(d.revealedRows),
                "fullyRevealedRows": NumberText.grouped(d.fullyRevealedRows), "revealedFields": NumberText.grouped(d.revealedFields),
                "sealedRows": NumberText.grouped(d.sealedRows), "sealedFields": NumberText.grouped(d.sealedFields),
                "hasReveals": !status.reveals.isEmpty,
                "reveals": status.reveals.map { check -> [String: Any] in
                    [
                        "entry": "\(check.entry)", "time": TimeText.utc(check.time), "author": check.author,
                        "rows": NumberText.grouped(check.rows),
                        "fields": NumberText.grouped(check.fields), "verified": check.verified, "problem": check.problem ?? "",
                    ]
                },
                "hasRows": !shown.isEmpty, "columns": ["#"] + fields,
                "table": shown.map { row -> [String: Any] in
                    [
                        "cells": [["text": "\(row.row)", "sealed": false]]
                            + fields.map { ["text": row.values[$0] ?? "", "sealed": row.values[$0] == nil] }
                    ]
                },
                "next": status.rows.count > pageSize ? "\(status.rows[pageSize].row)" : false,
            ])
    }
}
