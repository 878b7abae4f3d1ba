/// How missing assessments count in a score.
public enum MissingRule: Codable, Sendable, Equatable {
    /// A state with no assessment for a commitment is left out of the averages.
    case exclude
    /// A state with no assessment counts as if it had this status.
    case countAs(String)

    enum CodingKeys: String, CodingKey { case rule, status }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .rule) {
        case "exclude": self = .exclude
        case "count-as": self = .countAs(try container.decode(String.self, forKey: .status))
        case let other:
            throw StocktakeError(
                .corruptData, "The method's missing rule '\(other)' is unknown; use \"exclude\" or \"count-as\" with a status.")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .exclude: try container.encode("exclude", forKey: .rule)
        case .countAs(let status):
            try container.encode("count-as", forKey: .rule)
            try container.encode(status, forKey: .status)
        }
    }
}

/// A rule that derives a status from the registry's treaty events, for a commitment met by a treaty act.
public struct DerivationRule: Codable, Sendable, Equatable {
    /// The commitment, such as `AP2010:10`.
    public let commitment: String
    /// The treaty whose events decide, such as `CTBT`.
    public let treaty: String
    /// Only members of this group are derived (the record holds events for them all); nil for every addressee.
    public let appliesTo: String?
    /// Treaty standing (`party`, `signatory`, `ratification-withdrawn`, `none`, `unknown` …) → status on the scale.
    public let statuses: [String: String]
}

/// An explicit, versioned scoring method: points per status, weights, how gaps count, when evidence is thin, and derivations.
public struct AssessmentMethod: Codable, Sendable, Equatable {
    /// The method's identifier.
    public let id: String
    /// Its version; a changed method gets a new version.
    public let version: String
    /// What the method is for, in our own words.
    public let description: String
    /// Points for each ordered status; statuses outside the order have none.
    public let points: [String: Double]
    /// Weights by commitment; commitments not listed weigh `defaultWeight`.
    public let weights: [String: Double]
    /// The weight of a commitment not listed in `weights`.
    public let defaultWeight: Double
    /// How a missing assessment counts.
    public let missing: MissingRule
    /// Fewer evidence items than this behind a figure flag it as thin.
    public let minimumEvidence: Int
    /// Rules that derive statuses from treaty events.
    public let derivations: [DerivationRule]

    /// The weight of a commitment.
    public func weight(of commitment: String) -> Double { weights[commitment] ?? defaultWeight }

    /// Checks the method against the scale and the registry: every status it names exists, numbers are sane.
    public func validate(scale: StatusScale, registry: Registry) throws {
        func bad(_ why: String) -> StocktakeError { StocktakeError(.corruptData, "The method \(id) \(version) is not usable: \(why).") }
        for status in scale.statuses where !status.isOutsideOrder {
            guard let value = points[status.id], value.isFinite else { throw bad("it gives no points for '\(status.id)'") }
        }
        for key in points.keys where !scale.contains(key) || (try? scale.status(key))?.isOutsideOrder == true {
            throw bad("it gives points to '\(key)', which is not an ordered status on the scale")
        }
        for (commitment, weight) in weights {
            _ = try registry.commitment(commitment)
            guard weight.isFinite, weight >= 0 else { throw bad("the weight of \(commitment) must be a number of at least 0") }
        }
        guard defaultWeight.isFinite, defaultWeight >= 0 else { throw bad("the default weight must be a number of at least 0") }
        guard minimumEvidence >= 0 else { throw bad("the minimum evidence must be 0 or more") }
        if case .countAs(let status) = missing, !scale.contains(status) {
            throw bad("missing assessments count as '\(status)', which is not on the scale")
        }
        for rule in derivations {
            _ = try registry.commitment(rule.commitment)
            _ = try registry.treaty(rule.treaty)
            if let group = rule.appliesTo { _ = try registry.organization(group) }
            for (standing, status) in rule.statuses {
                guard TreatyStanding(rawValue: standing) != nil else {
                    throw bad("its derivation for \(rule.commitment) maps '\(standing)', which is not a treaty standing")
                }
                guard scale.contains(status) else {
                    throw bad("its derivation for \(rule.commitment) gives '\(status)', which is not on the scale")
                }
            }
        }
    }
}
