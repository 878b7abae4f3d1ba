import Foundation
import StocktakeCore
import StocktakeText
import Testing

@Suite("Folding for matching")
struct FoldedTextTests {
    @Test("full-width forms, soft hyphens, Arabic-Indic digits and harakat fold away; offsets point back")
    func folding() {
        let folded = FoldedText("行动\u{FF15}（ｃ） Non\u{AD}Proliferation ٧٩/٤٧ الصّين")
        let text = String(String.UnicodeScalarView(folded.scalars))
        #expect(text == "行动5(c) nonproliferation 79/47 الصين")
        #expect(folded.originalRange(0, 2) == (0, 2))
    }

    @Test("spaces next to Chinese characters do not count")
    func cjkSpaces() {
        #expect(FoldedText.key("2010 年审议大会") == FoldedText.key("2010年审议大会"))
        #expect(FoldedText.key("action  5") == "action 5")
    }
}

@Suite("Paragraph segmentation")
struct ParagraphSegmenterTests {
    let segmenter = ParagraphSegmenter()

    @Test("a lone number continues the sequence only when it is the next number; a title without a masthead stays a paragraph")
    func loneNumbers() {
        let result = segmenter.segment("Title\n\n1. First paragraph goes on\n7\nand on.\n2.\tSecond.\n")
        #expect(result.paragraphs.map(\.number) == [nil, "1", "2"])
        #expect(result.paragraphs.map(\.text) == ["Title", "First paragraph goes on and on.", "Second."])
        #expect(result.headerLines.isEmpty)
    }

    @Test("a line ending in a hyphen inside a word joins without a space")
    func hyphenatedLines() {
        #expect(
            ParagraphSegmenter.join(["the Comprehensive Nuclear-", "Test-Ban Treaty and non-", "proliferation"])
                == "the Comprehensive Nuclear-Test-Ban Treaty and non-proliferation")
        #expect(ParagraphSegmenter.join(["a dash -", "then more"]) == "a dash - then more")
    }

    @Test("a running head with a page counter and a job number is page furniture")
    func runningHeads() {
        let text =
            "1. The first paragraph runs\n2/3                 25-05611\n\non to the next page.\n2. It lists\n25 States and 3 observers.\n"
        #expect(
            segmenter.segment(text).paragraphs.map(\.text) == [
                "The first paragraph runs on to the next page.", "It lists 25 States and 3 observers.",
            ])
    }

    @Test("footnotes without a rule: a marked block at the foot of a page whose marker stands glued in the body")
    func unruledFootnotes() {
        let text = "1. The Agency2 reported\n\n2  See GOV/2024/29.\n\n25-05611 (E)    070425    080425\n\nmore of paragraph 1.\n2. Next.\n"
        let result = segmenter.segment(text)
        #expect(result.footnotes.map(\.text) == ["See GOV/2024/29."])
        #expect(result.paragraphs.map(\.text) == ["The Agency2 reported more of paragraph 1.", "Next."])
        let unmarked = segmenter.segment("1. The Agency reported.\n\n2  See GOV/2024/29.\n\n25-05611 (E)    070425    080425\n")
        #expect(unmarked.footnotes.isEmpty, "a marker that stands nowhere in the body is not a note")
    }

    @Test("latin lines join with a space, Chinese lines with nothing")
    func joining() {
        #expect(ParagraphSegmenter.join(["核武", "器"]) == "核武器")
        #expect(ParagraphSegmenter.join(["nuclear", "weapons"]) == "nuclear weapons")
        #expect(ParagraphSegmenter.join(["核武器", "NPT"]) == "核武器 NPT")
    }

    @Test("footnotes below a rule leave the paragraph flow")
    func footnotes() {
        let result = segmenter.segment("1. Text with a note.\n__________\n¹ See A/57/124.\n\u{0C}2. Next paragraph.")
        #expect(result.paragraphs.map(\.number) == ["1", "2"])
        #expect(result.footnotes.first?.text == "See A/57/124.")
    }

    @Test("page furniture is removed", arguments: ["25-05523 (C) 010425 020425", "*2505523*", "GE.25-01234", "3/9", "Please recycle"])
    func furniture(_ line: String) {
        let result = segmenter.segment("1. Start of the paragraph\n\(line)\ncontinues here.")
        #expect(result.paragraphs.first?.text == "Start of the paragraph continues here.")
    }

    @Test("markdown link syntax is reduced to its text")
    func links() {
        #expect(ParagraphSegmenter.removeLinkSyntax("第 [68/32](#)、[70/34](http://x.org/a) 号") == "第 68/32、70/34 号")
    }
}

@Suite("Header dates in six languages")
struct HeaderDateTests {
    @Test("a two-column masthead line holding the venue's dates and the document date gives the document date")
    func twoColumns() {
        #expect(DocumentHeaderParser.parse(["2026年4月27日至5月22日，纽约                13 March 2026"]).date == "2026-03-13")
        #expect(DocumentHeaderParser.parse(["New York, 28 April–9 May 2025"]).date == nil)
    }

    @Test(
        "dates as mastheads print them",
        arguments: [
            ("1 April 2025", "2025-04-01"), ("1er septembre 2016", "2016-09-01"), ("1 de septiembre de 2016", "2016-09-01"),
            ("1 апреля 2025 года", "2025-04-01"), ("2025年4月1日", "2025-04-01"), ("1 نيسان/أبريل 2025", "2025-04-01"),
        ])
    func dates(_ text: String, _ iso: String) {
        #expect(DocumentHeaderParser.parse([text]).date == iso)
    }

    @Test("a venue line with dates is not the document date")
    func venue() {
        #expect(DocumentHeaderParser.parse(["2025年4月28日至5月9日，纽约"]).date == nil)
    }

    @Test("symbols are normalised: Cyrillic look-alikes and spaces after dots")
    func symbols() {
        #expect(DocumentHeaderParser.normaliseSymbol("А/71/371") == "A/71/371")
        #expect(DocumentHeaderParser.normaliseSymbol("NPT/CONF. 2026/PC.III/WP.12") == "NPT/CONF.2026/PC.III/WP.12")
    }
}

@Suite("Decoding input bytes")
struct TextDecodingTests {
    @Test("empty, binary and invalid UTF-8 input is refused with a code")
    func refusals() {
        func code(_ bytes: [UInt8]) -> StocktakeError.Code? {
            do {
                _ = try TextDecoding.decode(Data(bytes))
                return nil
            } catch let error as StocktakeError {
                return error.code
            } catch { return nil }
        }
        #expect(code([]) == .emptyInput)
        #expect(code([0x20, 0x0A]) == .emptyInput)
        #expect(code([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]) == .unsupportedFormat)
        #expect(code([0x61, 0xC3, 0x28, 0x62]) == .encoding)
    }

    @Test("UTF-16 with a byte-order mark decodes")
    func utf16() throws {
        var data = Data([0xFF, 0xFE])
        data.append("1. 核裁军".data(using: .utf16LittleEndian)!)
        #expect(try TextDecoding.decode(data) == "1. 核裁军")
    }

    @Test("HTML keeps block boundaries and decodes entities, and drops scripts")
    func html() {
        let text = HTMLText.text(
            from:
                "<html><head><style>p{}</style></head><body><p>1. Action&nbsp;5 &amp; the <b>Treaty</b></p><script>x()</script><p>2. Next</p></body></html>"
        )
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(lines == ["1. Action\u{A0}5 & the Treaty", "2. Next"])
    }
}
