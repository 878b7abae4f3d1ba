/// What an `assessment` log entry carries: a dated judgement of one state's implementation of one commitment in one cycle.
public struct AssessmentPayload: Codable, Sendable, Equatable {
    /// The entry type of assessments.
    public static let entryType = "assessment"

    /// The state assessed.
    public let state: String
    /// The commitment.
    public let commitment: String
    /// The review cycle or date range.
    public let cycle: CyclePeriod
    /// The status on the scale.
    public let status: String
    /// Why, in the author's words.
    public let rationale: String
    /// The evidence items relied on (`ev-…`).
    public let evidence: [String]
    /// The method in force when it was made, `id@version`.
    public let method: String

    /// Creates a payload.
    public init(
        state: String, commitment: String, cycle: CyclePeriod, status: String, rationale: String, evidence: [String], method: String
    ) {
        self.state = state
        self.commitment = commitment
        self.cycle = cycle
        self.status = status
        self.rationale = rationale
        self.evidence = evidence
        self.method = method
    }
}

/// An assessment as recorded: the payload with its log index, author and time.
public struct RecordedAssessment: Codable, Sendable, Equatable {
    /// The log entry; later entries supersede earlier ones for the same state, commitment and cycle.
    public let entryIndex: UInt64
    /// The author's key name.
    public let author: String
    /// When it was logged, seconds since 1970 UTC.
    public let time: Int64
    /// What was recorded.
    public let payload: AssessmentPayload

    /// Creates a recorded assessment.
    public init(entryIndex: UInt64, author: String, time: Int64, payload: AssessmentPayload) {
        self.entryIndex = entryIndex
        self.author = author
        self.time = time
        self.payload = payload
    }
}

/// What an `author.roles` log entry carries: the roles the operator grants to an author key.
public struct AuthorRolesPayload: Codable, Sendable, Equatable {
    /// The entry type of role grants.
    public static let entryType = "author.roles"
    /// The roles that exist: `assessor` writes evidence and assessments, `figures` writes figures, `declarant` commits and reveals declarations.
    public static let knownRoles = ["assessor", "figures", "declarant"]

    /// The author's key name.
    public let name: String
    /// The author's verifier key string, so the grant binds one key.
    public let key: String
    /// The roles held from this entry on; an empty list revokes all.
    public let roles: [String]

    /// Creates a grant.
    public init(name: String, key: String, roles: [String]) {
        self.name = name
        self.key = key
        self.roles = roles
    }
}
