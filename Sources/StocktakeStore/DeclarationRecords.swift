import StocktakeCore
public import StocktakeLedger

/// A logged declaration commitment and how much of it has been revealed so far.
public struct RecordedDeclaration: Sendable, Codable, Equatable {
    /// The declaration's ID: the log index of its commitment entry.
    public let id: UInt64
    /// The author key that committed it.
    public let author: String
    /// When it was committed, seconds since 1970 UTC.
    public let time: Int64
    /// The commitment as logged.
    public let commitment: DeclarationCommitmentPayload
    /// Rows with at least one field revealed.
    public let revealedRows: Int
    /// Rows with every field revealed.
    public let fullyRevealedRows: Int
    /// Field values revealed, over all rows.
    public let revealedFields: Int
    /// The log indexes of the reveal entries, ascending.
    public let reveals: [UInt64]

    /// Rows of which nothing has been revealed.
    public var sealedRows: Int { commitment.rows - revealedRows }
    /// Field values still sealed.
    public var sealedFields: Int { commitment.rows * commitment.fields.count - revealedFields }

    /// Creates a record.
    public init(
        id: UInt64, author: String, time: Int64, commitment: DeclarationCommitmentPayload, revealedRows: Int, fullyRevealedRows: Int,
        revealedFields: Int, reveals: [UInt64]
    ) {
        self.id = id
        self.author = author
        self.time = time
        self.commitment = commitment
        self.revealedRows = revealedRows
        self.fullyRevealedRows = fullyRevealedRows
        self.revealedFields = revealedFields
        self.reveals = reveals
    }
}

/// The values revealed of one row, by field name; fields still sealed are absent.
public struct RevealedValues: Sendable, Codable, Equatable {
    /// The row number, from 1.
    public let row: Int
    /// Field name → canonical value.
    public let values: [String: String]

    /// Creates a row.
    public init(row: Int, values: [String: String]) {
        self.row = row
        self.values = values
    }
}

/// One reveal entry, checked again from the log against the commitment.
public struct RevealEntryCheck: Sendable, Codable, Equatable {
    /// The reveal entry's log index.
    public let entry: UInt64
    /// Its author key.
    public let author: String
    /// When it was logged.
    public let time: Int64
    /// Rows it revealed.
    public let rows: Int
    /// Field values it revealed.
    public let fields: Int
    /// True when every row verified against the committed root.
    public let verified: Bool
    /// What failed, when it did not verify.
    public let problem: String?
}

/// A declaration as its page and `declare status` show it: the commitment, the reveals and their checks, the revealed rows.
public struct DeclarationStatus: Sendable, Codable, Equatable {
    /// The declaration.
    public let declaration: RecordedDeclaration
    /// Every reveal entry with its check.
    public let reveals: [RevealEntryCheck]
    /// Revealed rows, from `fromRow`, at most the asked limit.
    public let rows: [RevealedValues]
}

extension RecordStore {
    /// The declaration committed at log entry `id`; a ``StocktakeError`` saying how to list them when there is none.
    public func existingDeclaration(_ id: UInt64) throws -> RecordedDeclaration {
        guard let declaration = try declaration(id) else {
            throw StocktakeError(
                .unknownIdentifier, "The log holds no declaration committed at entry \(id); 'stocktake declare list' lists them.")
        }
        return declaration
    }
}
