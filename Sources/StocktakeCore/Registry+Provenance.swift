import Foundation

/// How well the registry's facts are sourced: sources by verification status, and dated facts by precision.
public struct ProvenanceSummary: Sendable {
    /// The number of sources with each verification status (`seen`, `secondary`, `recalled`, `unverified`, `unmarked`).
    public let sourcesByVerification: [String: Int]
    /// The sources still marked `recalled` or `unverified`, as `file: key`, in order.
    public let unchecked: [String]
    /// Every dated fact: treaty and protocol events, memberships with a start day.
    public let datedFacts: Int
    /// The facts dated only "on or before" a day, by what they are (`NPT events`, `IAEA memberships`), in order.
    public let onOrBefore: [(what: String, count: Int)]
    /// The facts resting on a source marked `unverified` or `recalled`, by what they are (`commitments`, `treaty names`).
    public let resting: [(what: String, count: Int)]

    /// The number of facts dated only "on or before" a day.
    public var onOrBeforeTotal: Int { onOrBefore.map(\.count).reduce(0, +) }
}

extension Registry {
    /// The verification statuses a source may carry; a source without one is counted as `unmarked`.
    public static let verificationStatuses = ["seen", "secondary", "recalled", "unverified"]

    /// Counts the registry's sources by verification status and its dated facts by precision.
    public func provenanceSummary() -> ProvenanceSummary {
        var byStatus: [String: Int] = [:]
        var unchecked: [String] = []
        for file in sources.keys.sorted() {
            for key in sources[file]!.keys.sorted() {
                let source = sources[file]![key]!
                byStatus[source.verification ?? "unmarked", default: 0] += 1
                if source.awaitsCheck { unchecked.append("\(file): \(key)") }
            }
        }
        var dated = 0
        var vague: [String: Int] = [:]
        for event in treatyEvents + protocolEvents {
            dated += 1
            if event.datePrecision == .onOrBefore {
                let what = (event.protocolID.map { "\(event.treaty ?? "?") protocol \($0)" } ?? event.treaty ?? "?") + " events"
                vague[what, default: 0] += 1
            }
        }
        for organization in organizations {
            for membership in organization.memberships ?? [] {
                dated += 1
                if membership.fromPrecision == .onOrBefore { vague["\(organization.id) memberships", default: 0] += 1 }
            }
        }
        func isUnchecked(_ key: String, _ file: String) -> Bool { source(key, in: file)?.awaitsCheck ?? false }
        var resting: [(what: String, count: Int)] = [
            ("commitments", commitments.filter { isUnchecked($0.source, "commitments.json") }.count),
            (
                "treaty names",
                treaties.map { treaty in
                    treaty.names.keys.filter { isUnchecked(treaty.nameSources[$0] ?? treaty.source, "treaties.json") }.count
                }.reduce(0, +)
            ),
            ("treaty events", (treatyEvents + protocolEvents).filter { isUnchecked($0.source, "treaties.json") }.count),
            ("memberships", organizations.flatMap { $0.memberships ?? [] }.filter { isUnchecked($0.source, "organizations.json") }.count),
        ]
        resting.removeAll { $0.count == 0 }
        return ProvenanceSummary(
            sourcesByVerification: byStatus, unchecked: unchecked, datedFacts: dated,
            onOrBefore: vague.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { (what: $0.key, count: $0.value) },
            resting: resting)
    }
}
