import Crypto
import Foundation
import StocktakeLedger
import Testing

@Suite("C2SP signed notes, checkpoints and cosignatures against the published vectors")
struct SignedNoteVectorTests {
    static let exampleKey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
    static let exampleNote =
        "This is an example message.\n\n\u{2014} example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"

    @Test("the C2SP example note verifies under its key")
    func example() throws {
        let key = try NoteVerifierKey(parsing: Self.exampleKey)
        #expect(key.encoded == Self.exampleKey)
        #expect(try SignedNote.open(Self.exampleNote, verifiers: [key]).text == "This is an example message.\n")
    }

    @Test("the EnochRoot key and signature line, byte for byte")
    func enochRoot() throws {
        let signer = try NoteSigner(name: "EnochRoot", seed: Array(repeating: 0, count: 32))
        #expect(signer.verifier.encoded == "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop")
        let text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
        #expect(
            try signer.signatureLine(for: text)
                == "\u{2014} EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n")
    }

    @Test("a note is rejected for a wrong key, a mutated byte, a missing final newline or too many signatures")
    func negatives() throws {
        let key = try NoteVerifierKey(parsing: Self.exampleKey)
        let other = try NoteSigner(name: "example.com/foo", seed: Array(repeating: 7, count: 32)).verifier
        #expect(throws: (any Error).self) { try SignedNote.open(Self.exampleNote, verifiers: [other]) }
        let mutated = Self.exampleNote.replacingOccurrences(of: "example message", with: "exbmple message")
        #expect(throws: (any Error).self) { try SignedNote.open(mutated, verifiers: [key]) }
        #expect(throws: (any Error).self) { try SignedNote.open(String(Self.exampleNote.dropLast()), verifiers: [key]) }
        let signatureLine = Self.exampleNote.components(separatedBy: "\n\n")[1]
        let crowded = "This is an example message.\n\n" + String(repeating: signatureLine, count: 101)
        #expect(throws: (any Error).self) { try SignedNote.open(crowded, verifiers: [key]) }
        let unknownOnly = "This is an example message.\n\n\u{2014} someone.else AAAAAAAA\n"
        #expect(throws: (any Error).self) { try SignedNote.open(unknownOnly, verifiers: [key]) }
        #expect(throws: (any Error).self) {
            try NoteVerifierKey(parsing: "example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")
        }
    }

    @Test("unknown signatures are ignored beside a known valid one")
    func unknownIgnored() throws {
        let key = try NoteVerifierKey(parsing: Self.exampleKey)
        let note = Self.exampleNote + "\u{2014} other.example/key AAAAAAAAAAAAAAAAAAAAAAAA\n"
        #expect(try SignedNote.open(note, verifiers: [key]).signatures.count == 2)
    }

    @Test("the checkpoint of the 8-entry tree, signed and cosigned, byte for byte")
    func checkpointVector() throws {
        let seed = Array(SHA256.hash(data: Array("log test seed".utf8)))
        let log = try NoteSigner(name: "example.org/arms-log", seed: seed)
        #expect(log.verifier.encoded == "example.org/arms-log+8a6fb416+AbMhtBFB5UOjzrrllW89zAinQxAuVLapKfpdQg+Q3PEa")
        let root = TreeHash(base64: "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=")!
        let checkpoint = Checkpoint(origin: "example.org/arms-log", size: 8, root: root)
        let signed = try checkpoint.signed(by: log)
        let witness = try NoteSigner(name: "witness.example/w1", seed: Array(repeating: 0, count: 32), type: NoteVerifierKey.cosignatureV1)
        #expect(witness.verifier.encoded == "witness.example/w1+e42b2f2c+BDtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop")
        let cosigned = signed + (try Cosignature.line(checkpointText: checkpoint.text, time: 1_679_315_147, witness: witness))
        #expect(
            cosigned == """
                example.org/arms-log
                8
                XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=

                \u{2014} example.org/arms-log im+0FvlkhviUmurEjrWEJeax0j3E/6Z+usIZH+l8gMLCMfANVxb/n3VDPwskShdLc5UJavub7XOFdPlge9P1Eded/wE=
                \u{2014} witness.example/w1 5CsvLAAAAABkGFDLXGHB5VEBODEU+N8wcSmn05UUXc3eUwCoexxg0CRpOpHuqQ7X3XFuKXPHhNApf4D9Uu9J11P16WWfR+FcVrQiBA==

                """)
        #expect(try Checkpoint.open(cosigned, logKey: log.verifier) == checkpoint)
        #expect(try Cosignature.verify(note: cosigned, witness: witness.verifier) == 1_679_315_147)
        let tampered = cosigned.replacingOccurrences(of: "\n8\n", with: "\n9\n")
        #expect(throws: (any Error).self) { try Checkpoint.open(tampered, logKey: log.verifier) }
    }

    @Test("checkpoint bodies are parsed strictly")
    func checkpointParsing() {
        for body in [
            "o\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n", "o\n8\nnot-base64\n", "o\n8\n",
            "\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        ] {
            #expect(throws: (any Error).self) { try Checkpoint(text: body) }
        }
    }
}

@Suite("Hex")
struct HexTests {
    @Test("encodes lower case and decodes back; odd or non-hex input is refused")
    func roundTrip() {
        #expect(Hex.encode([0x00, 0xAB, 0x0F]) == "00ab0f")
        #expect(Hex.decode("00ab0f") == [0x00, 0xAB, 0x0F])
        #expect(Hex.decode("abc") == nil && Hex.decode("zz") == nil)
    }
}
