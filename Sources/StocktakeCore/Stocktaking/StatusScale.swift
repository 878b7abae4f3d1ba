/// One step of the published status scale, such as `implemented` or `regressed`.
public struct AssessmentStatus: Codable, Sendable, Equatable {
    /// The stable identifier, such as `substantial`.
    public let id: String
    /// Position on the ordinal scale, 1 best; nil for the statuses outside the order.
    public let rank: Int?
    /// What the status means, in our own words, by language code (`en`, `zh`).
    public let meaning: [String: String]

    /// True for `not-applicable` and `insufficient-information`: they never enter a score.
    public var isOutsideOrder: Bool { rank == nil }
}

/// The ordinal scale on which assessments are made, kept as data (`Data/stocktaking/scale.json`).
public struct StatusScale: Codable, Sendable, Equatable {
    /// The scale's version, so reports can name the scale they used.
    public let version: String
    /// Every status, best first; those outside the order last.
    public let statuses: [AssessmentStatus]

    /// Creates a scale and checks that identifiers are unique and ranks run 1, 2, 3 … without gaps.
    public init(version: String, statuses: [AssessmentStatus]) throws {
        self.version = version
        self.statuses = statuses
        try validate()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            version: container.decode(String.self, forKey: .version), statuses: container.decode([AssessmentStatus].self, forKey: .statuses)
        )
    }

    func validate() throws {
        let ids = statuses.map(\.id)
        guard Set(ids).count == ids.count, !ids.isEmpty else {
            throw StocktakeError(.corruptData, "The status scale lists a status twice or none at all; fix Data/stocktaking/scale.json.")
        }
        let ranks = statuses.compactMap(\.rank).sorted()
        guard ranks == Array(1...max(1, ranks.count)) || ranks.isEmpty else {
            throw StocktakeError(.corruptData, "The status scale's ranks must run 1, 2, 3 … without gaps; fix Data/stocktaking/scale.json.")
        }
    }

    /// The status with this identifier, or an error naming the ones that exist.
    public func status(_ id: String) throws -> AssessmentStatus {
        guard let status = statuses.first(where: { $0.id == id }) else {
            throw StocktakeError(
                .invalidArgument, "'\(id)' is not a status on the scale; use one of \(statuses.map(\.id).joined(separator: ", ")).")
        }
        return status
    }

    /// True when `id` names a status on the scale.
    public func contains(_ id: String) -> Bool { statuses.contains { $0.id == id } }
}
