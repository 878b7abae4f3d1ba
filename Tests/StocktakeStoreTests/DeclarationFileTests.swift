import StocktakeCore
import StocktakeLedger
import StocktakeStore
import Testing

@Suite("Declaration files in CSV and JSON")
struct DeclarationFileTests {
    @Test("CSV headers give types; JSON rows may be lists or objects; both give the same canonical declaration")
    func formats() throws {
        let csv = try DeclarationFile.parse("site,count:integer,mass:decimal\nA,007,1.50\nB,,2\n", name: "d.csv")
        let json = try DeclarationFile.parse(
            #"{"fields": [{"name": "site", "type": "text"}, {"name": "count", "type": "integer"}, {"name": "mass", "type": "decimal"}], "rows": [["A", 7, "1.50"], {"site": "B", "mass": "2"}]}"#,
            name: "d.json")
        #expect(csv == json)
        #expect(csv.rows == [["A", "7", "1.5"], ["B", "", "2"]])
    }

    @Test("a JSON row with an undeclared field, a decimal written as a number, a bad type or broken JSON is refused in one sentence")
    func refusals() {
        let fields = #""fields": [{"name": "site", "type": "text"}, {"name": "mass", "type": "decimal"}]"#
        let cases: [(String, String)] = [
            (
                "{\(fields), \"rows\": [{\"site\": \"A\", \"colour\": \"red\"}]}",
                "has the field 'colour', which the header does not declare"
            ),
            ("{\(fields), \"rows\": [[\"A\", 1.5]]}", "decimals as strings"),
            ("{\"fields\": [{\"name\": \"a\", \"type\": \"colour\"}], \"rows\": [[\"x\"]]}", "is not a declaration in JSON"),
            ("{\"fields\": [", "is not a declaration in JSON"),
            ("site,count:number\nA,1\n", "is not a field type; use text, integer, decimal or date"),
        ]
        for (text, message) in cases {
            #expect {
                try DeclarationFile.parse(text, name: "d")
            } throws: { error in
                (error as? StocktakeError)?.message.contains(message) == true
            }
        }
    }
}
