import Foundation

/// A calendar day (ISO 8601 `YYYY-MM-DD`), the unit every dated fact in Stocktake uses.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a day, or returns nil when the date does not exist in the Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= Day.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; returns nil for anything else, including impossible dates.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Parses a date given by a person, refusing anything but an existing `YYYY-MM-DD` with a sentence showing the form.
    public init(parsing text: String) throws {
        guard let day = Day(iso: text) else {
            throw StocktakeError(.invalidDate, "'\(text)' is not a valid date; write it as YYYY-MM-DD, for example 2026-11-01.")
        }
        self = day
    }

    /// Today in UTC.
    public static func today(now: Date = Date()) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The day `count` days later (earlier when negative), in the Gregorian calendar.
    public func adding(days count: Int) -> Day {
        var result = self
        var remaining = count
        while remaining > 0 {
            if result.day < Day.daysIn(month: result.month, year: result.year) {
                result = Day(year: result.year, month: result.month, day: result.day + 1)!
            } else if result.month < 12 {
                result = Day(year: result.year, month: result.month + 1, day: 1)!
            } else {
                result = Day(year: result.year + 1, month: 1, day: 1)!
            }
            remaining -= 1
        }
        while remaining < 0 {
            if result.day > 1 {
                result = Day(year: result.year, month: result.month, day: result.day - 1)!
            } else if result.month > 1 {
                result = Day(year: result.year, month: result.month - 1, day: Day.daysIn(month: result.month - 1, year: result.year))!
            } else {
                result = Day(year: result.year - 1, month: 12, day: 31)!
            }
            remaining += 1
        }
        return result
    }

    /// The day in ISO 8601 form.
    public var description: String {
        let y = String(year), m = String(month), d = String(day)
        return String(repeating: "0", count: 4 - y.count) + y + "-" + (m.count == 1 ? "0" : "") + m + "-"
            + (d.count == 1 ? "0" : "") + d
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a date of the form YYYY-MM-DD"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
