import StocktakeCore
import Testing

@Suite("Day parses ISO dates strictly")
struct DayTests {
    @Test("a valid date round-trips")
    func roundTrip() {
        #expect(Day(iso: "2026-11-01")?.description == "2026-11-01")
        #expect(Day(iso: "2024-02-29") != nil)
    }

    @Test(
        "impossible or malformed dates are refused",
        arguments: ["2026-13-01", "2025-02-29", "2026-1-01", "20261101", "", "2026-11-01T00", "２０２６-11-01"])
    func refused(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("days order chronologically")
    func ordering() {
        #expect(Day(iso: "1999-12-31")! < Day(iso: "2000-01-01")!)
    }
}
