import StocktakeCore

/// What a `declaration.commitment` entry carries: a declaration's shape and root, never a value or a salt.
public struct DeclarationCommitmentPayload: Codable, Sendable, Equatable {
    /// The entry type of commitments.
    public static let entryType = "declaration.commitment"

    /// The hash construction, `stocktake-escrow/v1`.
    public let scheme: String
    /// The declaring state's registry ID.
    public let state: String
    /// What the declaration covers, in the declarant's words.
    public let title: String
    /// The fields of every row, in order.
    public let fields: [DeclarationField]
    /// How many rows were committed.
    public let rows: Int
    /// The RFC 6962 root over the rows, hex.
    public let root: String

    /// Creates a commitment.
    public init(scheme: String = EscrowScheme.name, state: String, title: String, fields: [DeclarationField], rows: Int, root: String) {
        self.scheme = scheme
        self.state = state
        self.title = title
        self.fields = fields
        self.rows = rows
        self.root = root
    }
}

/// One field of a revealed row: its value and salt when revealed, only its commitment while it stays sealed.
public struct RevealedField: Codable, Sendable, Equatable {
    /// The field's name.
    public let name: String
    /// The canonical value, when revealed.
    public let value: String?
    /// The 32-byte salt, hex, when revealed.
    public let salt: String?
    /// The field commitment, hex, when sealed.
    public let commitment: String?

    /// A revealed field.
    public init(name: String, value: String, salt: String) {
        self.name = name
        self.value = value
        self.salt = salt
        commitment = nil
    }

    /// A field that stays sealed: only its commitment is shown.
    public init(name: String, commitment: String) {
        self.name = name
        value = nil
        salt = nil
        self.commitment = commitment
    }

    /// True when the value is shown.
    public var isRevealed: Bool { value != nil }
}

/// One row of a reveal: every field (revealed or sealed) and the row's audit path to the declaration's root.
public struct RevealedRow: Codable, Sendable, Equatable {
    /// The row number, from 1.
    public let row: Int
    /// Every field of the row, in the declaration's order.
    public let fields: [RevealedField]
    /// The RFC 6962 audit path of leaf `row - 1`, hex, sibling first.
    public let proof: [String]

    /// Creates a revealed row.
    public init(row: Int, fields: [RevealedField], proof: [String]) {
        self.row = row
        self.fields = fields
        self.proof = proof
    }
}

/// A reveal bundle, as `stocktake declare reveal` writes it and `publish` and `verify` read it.
public struct RevealBundle: Codable, Sendable, Equatable {
    /// The hash construction.
    public let scheme: String
    /// The log index of the commitment entry: the declaration's ID.
    public let declaration: UInt64
    /// The committed root, hex.
    public let root: String
    /// The number of committed rows.
    public let rowCount: Int
    /// The committed fields.
    public let fields: [DeclarationField]
    /// The rows revealed.
    public let rows: [RevealedRow]

    /// Creates a bundle.
    public init(
        scheme: String = EscrowScheme.name, declaration: UInt64, root: String, rowCount: Int, fields: [DeclarationField],
        rows: [RevealedRow]
    ) {
        self.scheme = scheme
        self.declaration = declaration
        self.root = root
        self.rowCount = rowCount
        self.fields = fields
        self.rows = rows
    }
}

/// What a `declaration.reveal` entry carries: rows of one bundle (a large bundle is logged as several entries in one batch).
public struct DeclarationRevealPayload: Codable, Sendable, Equatable {
    /// The entry type of reveals.
    public static let entryType = "declaration.reveal"
    /// The most payload bytes one reveal entry holds, so that every entry fits an entry bundle.
    public static let maximumPayloadBytes = 48_000

    /// The hash construction.
    public let scheme: String
    /// The log index of the commitment.
    public let declaration: UInt64
    /// The committed root, hex.
    public let root: String
    /// The rows revealed by this entry.
    public let rows: [RevealedRow]

    /// Creates a payload.
    public init(scheme: String = EscrowScheme.name, declaration: UInt64, root: String, rows: [RevealedRow]) {
        self.scheme = scheme
        self.declaration = declaration
        self.root = root
        self.rows = rows
    }
}
