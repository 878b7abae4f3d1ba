import StocktakeCore
import Testing

@testable import StocktakeLedger

@Suite("Escrowed declarations: canonical values, salted commitments, staged reveals and inspection draws")
struct EscrowTests {
    @Test("each field type has one canonical text, and a value that is not one is refused naming its row and field")
    func canonicalValues() throws {
        #expect(try DeclarationFieldType.integer.canonical("+0012") == "12")
        #expect(try DeclarationFieldType.integer.canonical("-0") == "0")
        #expect(try DeclarationFieldType.decimal.canonical("007.2500") == "7.25")
        #expect(try DeclarationFieldType.decimal.canonical(".5") == "0.5")
        #expect(try DeclarationFieldType.decimal.canonical("-0.0") == "0")
        #expect(try DeclarationFieldType.date.canonical("2026-05-01") == "2026-05-01")
        #expect(try DeclarationFieldType.text.canonical("E\u{301}difice") == "\u{C9}difice", "text is committed in NFC")
        #expect(throws: StocktakeError.self) { try DeclarationFieldType.integer.canonical("1e3") }
        #expect(throws: StocktakeError.self) { try DeclarationFieldType.date.canonical("2026-02-30") }
        #expect(throws: StocktakeError.self) { try DeclarationFieldType.text.canonical("two\nlines") }
        let fields = [DeclarationField(name: "site", type: .text), DeclarationField(name: "count", type: .integer)]
        #expect(
            throws: StocktakeError(.invalidArgument, "Row 2, field 'count': 'many' is not a whole number; write digits only, such as 1550.")
        ) {
            try Declaration(fields: fields, rows: [["A", "1"], ["B", "many"]])
        }
        #expect(throws: StocktakeError.self) { try Declaration(fields: fields + [fields[0]], rows: [["A", "1", "B"]]) }
        #expect(try Declaration.field(header: "mass : decimal") == DeclarationField(name: "mass", type: .decimal))
    }

    @Test("the field commitment, the row leaf and the selection seed match values computed independently with Python's hashlib")
    func knownAnswers() throws {
        let count = EscrowScheme.fieldCommitment(
            salt: Array(0..<32), row: 7, field: DeclarationField(name: "count", type: .integer), value: "1550")
        #expect(Hex.encode(count) == "906140fd1e80d01f2d6911639169d7413cb9f1f0caa3b5429d0741ff7b254a65")
        let site = EscrowScheme.fieldCommitment(
            salt: Array(repeating: 0xFF, count: 32), row: 7, field: DeclarationField(name: "site", type: .text), value: "\u{C9}difice")
        let leaf = EscrowScheme.rowLeaf([count, site])
        #expect(leaf.hex == "e17ec7d8f74be75207649af5c089541d32528e638b6c32bd1bbcf05d20061ace")
        let seed = InspectionSelection.seed(
            declarationRoot: leaf, declaration: 3, checkpointSize: 9, checkpointRoot: TreeHash(Array(repeating: 1, count: 32))!)
        #expect(Hex.encode(seed) == "a5bb0ff1279a23a230e9f5a4d1c594f87e563d4a83bf7849d2a8a41a5a22212d")
        #expect(try InspectionSelection.rows(count: 5, of: 100, seed: seed) == [1, 17, 87, 97, 99])
    }

    @Test("a draw is distinct rows within the declaration, and all of them when asked for every row")
    func draws() throws {
        for size in [1, 2, 3, 10, 1000] {
            let all = try InspectionSelection.rows(count: size, of: size, seed: Array(repeating: UInt8(size % 256), count: 32))
            #expect(all == Array(1...size))
        }
        let some = try InspectionSelection.rows(count: 50, of: 1_000_000, seed: Array(repeating: 9, count: 32))
        #expect(Set(some).count == 50 && some.allSatisfy { (1...1_000_000).contains($0) })
        #expect(throws: StocktakeError.self) { try InspectionSelection.rows(count: 11, of: 10, seed: []) }
    }

    @Test("a sealed declaration reveals any rows and fields; a changed value, salt, sealed commitment or path is caught")
    func sealAndReveal() throws {
        let fields = [DeclarationField(name: "site", type: .text), DeclarationField(name: "count", type: .integer)]
        let declaration = try Declaration(fields: fields, rows: (1...37).map { ["site-\($0)", "\($0 * 3)"] })
        let sealed = SealedDeclaration.seal(declaration, state: "GBR", title: "Sites")
        try sealed.checkIntegrity()
        #expect(Set(sealed.salts.joined()).count == 74, "a fresh salt for every field of every row")
        let commitment = sealed.commitment
        let bundle = try sealed.reveal(declaration: 4, rows: [37, 1, 20], fields: ["count"])
        #expect(bundle.rows.map(\.row) == [1, 20, 37])
        #expect(bundle.rows.allSatisfy { $0.fields[0].value == nil && $0.fields[0].commitment != nil && $0.fields[1].value != nil })
        let check = try RevealVerifier.verify(bundle.rows, against: commitment)
        #expect(check.rows == [1, 20, 37] && check.revealedFields == 3)

        func altered(_ change: (inout RevealedRow) -> Void) -> [RevealedRow] {
            var row = bundle.rows[1]
            change(&row)
            return [row]
        }
        let changes: [[RevealedRow]] = [
            altered {
                $0 = RevealedRow(
                    row: $0.row, fields: [$0.fields[0], RevealedField(name: "count", value: "61", salt: $0.fields[1].salt!)],
                    proof: $0.proof)
            },
            altered {
                $0 = RevealedRow(
                    row: $0.row,
                    fields: [
                        $0.fields[0], RevealedField(name: "count", value: $0.fields[1].value!, salt: String(repeating: "0", count: 64)),
                    ], proof: $0.proof)
            },
            altered {
                $0 = RevealedRow(
                    row: $0.row, fields: [RevealedField(name: "site", commitment: String(repeating: "1", count: 64)), $0.fields[1]],
                    proof: $0.proof)
            },
            altered { $0 = RevealedRow(row: $0.row, fields: $0.fields, proof: Array($0.proof.reversed())) },
            altered { $0 = RevealedRow(row: 21, fields: $0.fields, proof: $0.proof) },
        ]
        for rows in changes {
            #expect(throws: StocktakeError.self) { try RevealVerifier.verify(rows, against: commitment) }
        }
        #expect(throws: StocktakeError.self) {
            try RevealVerifier.verify(bundle.rows, against: SealedDeclaration.seal(declaration, state: "GBR", title: "Sites").commitment)
        }
    }
}
