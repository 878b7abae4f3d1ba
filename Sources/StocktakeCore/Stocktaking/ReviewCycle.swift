/// An NPT review cycle, named by the year of its Review Conference.
public struct ReviewCycle: Codable, Sendable, Equatable {
    /// The identifier, the Conference's year as the UN names it (`2020` for the Conference held in 2022).
    public let id: String
    /// The Conference's opening day: the reference day of a status "for this cycle"; nil while not announced.
    public let referenceDay: Day?
    /// The Conference's closing day, when known.
    public let closingDay: Day?
    /// Where and when it met, in our own words.
    public let conference: String
    /// What it produced, in our own words.
    public let outcome: String
    /// A URL or UN symbol for the facts above.
    public let source: String
}

/// The period an assessment speaks for: a review cycle, or a date range given instead.
public struct CyclePeriod: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `2026`, or `2023-01-01/2024-12-31` for a range.
    public let id: String
    /// The first day of a range; nil for a review cycle.
    public let from: Day?
    /// The day a status is judged on: the Conference's opening day, or a range's last day.
    public let referenceDay: Day

    /// Creates a period.
    public init(id: String, from: Day?, referenceDay: Day) {
        self.id = id
        self.from = from
        self.referenceDay = referenceDay
    }

    public var description: String { id }

    public static func < (a: CyclePeriod, b: CyclePeriod) -> Bool {
        (a.referenceDay, a.id) < (b.referenceDay, b.id)
    }
}

/// The review cycles Stocktake knows (`Data/stocktaking/cycles.json`), and how a cycle argument is read.
public struct CycleCalendar: Codable, Sendable, Equatable {
    /// The cycles, oldest first.
    public let cycles: [ReviewCycle]

    /// Creates a calendar.
    public init(cycles: [ReviewCycle]) { self.cycles = cycles }

    /// Reads `2026` or `YYYY-MM-DD/YYYY-MM-DD` into a period; anything else is refused with a sentence saying what is accepted.
    public func period(_ text: String) throws -> CyclePeriod {
        if let cycle = cycles.first(where: { $0.id == text }) {
            guard let day = cycle.referenceDay else {
                throw StocktakeError(
                    .invalidArgument,
                    "The \(text) review cycle has no reference day yet (its Conference is not scheduled); give a date range such as 2027-01-01/2027-12-31 instead."
                )
            }
            return CyclePeriod(id: cycle.id, from: nil, referenceDay: day)
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, let from = Day(iso: String(parts[0])), let to = Day(iso: String(parts[1])) {
            guard from <= to else {
                throw StocktakeError(
                    .invalidDate, "The range \(text) ends before it starts; write it as FROM/TO, for example 2023-01-01/2024-12-31.")
            }
            return CyclePeriod(id: text, from: from, referenceDay: to)
        }
        let known = cycles.filter { $0.referenceDay != nil }.map(\.id).joined(separator: ", ")
        throw StocktakeError(
            .invalidArgument, "'\(text)' is not a review cycle; use one of \(known), or a date range such as 2023-01-01/2024-12-31.")
    }

    /// Every cycle with a reference day, oldest first.
    public var scheduled: [CyclePeriod] {
        cycles.compactMap { cycle in cycle.referenceDay.map { CyclePeriod(id: cycle.id, from: nil, referenceDay: $0) } }
    }

    /// The scheduled cycle before `period`, for "what changed since the previous cycle".
    public func previous(before period: CyclePeriod) -> CyclePeriod? {
        scheduled.last { $0.referenceDay < period.referenceDay }
    }
}
