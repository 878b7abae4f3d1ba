import Foundation
import StocktakeText
import Testing

@Suite("The Chinese working paper in shared/corpus")
struct CorpusExtractionTests {
    let document = TextFixtures.corpus

    @Test("has 40 paragraphs numbered 1 to 40")
    func numbering() {
        #expect(document.paragraphs.map(\.number) == (1...40).map { String($0) })
    }

    @Test("reads the header by pattern: zh, original en, 1 April 2025, title 核裁军, no symbol")
    func header() {
        #expect(document.document.language == "zh")
        #expect(document.document.originalLanguage == "en")
        #expect(document.document.date == "2025-04-01")
        #expect(document.document.title == "核裁军")
        #expect(document.document.symbol == nil)
        #expect(document.document.session == "第三次会议")
        #expect(document.document.submitter == "不扩散核武器条约不结盟缔约国集团成员")
    }

    @Test("joins the two paragraphs broken by page breaks, with nothing between Chinese characters")
    func pageBreaksJoined() {
        #expect(document.paragraphs[4].text.contains("(b) 作为全面核裁军进程的一个组成部分"))
        #expect(document.paragraphs[4].text.hasSuffix("增强相互信任。"))
        #expect(document.paragraphs[27].text.contains("任何无限期拥有核武器的假定都有损"))
    }

    @Test("reduces link debris to its text")
    func linkDebris() {
        #expect(document.paragraphs[15].text.contains("第 68/32、70/34、71/71"))
        #expect(!document.paragraphs.contains { $0.text.contains("](#)") })
    }

    @Test("every reference's surface is the text at its offsets")
    func offsets() {
        for paragraph in document.paragraphs {
            let scalars = Array(paragraph.text.unicodeScalars)
            for reference in paragraph.references {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[reference.start..<reference.end])
                #expect(String(view) == reference.surface)
            }
        }
    }

    @Test("paragraph 4: article VI, the 1995 decision's paragraphs 3 and 4 (c), the 13 steps, the action plan")
    func paragraph4() {
        #expect(
            TextFixtures.ids(document.paragraphs[3]) == [
                "organization NAM", "commitment NPT:VI", "commitment PO1995:3", "commitment PO1995:4(c)", "commitment STEPS2000",
                "organization NWS", "commitment AP2010",
            ])
    }

    @Test("paragraph 5 names action 5, and the restated items (a) to (g) are not references")
    func paragraph5() {
        #expect(
            TextFixtures.ids(document.paragraphs[4]) == [
                "organization NAM", "commitment AP2010:5", "organization NWS", "organization NNWS",
            ])
    }

    @Test("action 5 itself is cited in paragraphs 5, 13 and 14 only")
    func action5Trail() {
        let citing = document.paragraphs.filter { $0.references.contains { $0.id == "AP2010:5" } }.map(\.number)
        #expect(citing == ["5", "13", "14"])
    }

    @Test("paragraph 9 cites action 5 (c), NATO and the Treaty")
    func paragraph9() {
        let ids = TextFixtures.ids(document.paragraphs[8])
        #expect(ids.first == "commitment AP2010:5(c)")
        #expect(ids.contains("organization NATO") && ids.contains("treaty NPT"))
    }

    @Test("paragraph 16 expands the list of twelve resolutions and reads 大会 as the General Assembly")
    func paragraph16() {
        let resolutions = document.paragraphs[15].references.filter { $0.kind == "resolution" }.map(\.id)
        #expect(
            resolutions
                == ["68/32", "70/34", "71/71", "72/251", "73/40", "74/54", "75/45", "76/36", "77/47", "78/27", "79/47", "69/58"].map {
                    "A/RES/" + $0
                })
        #expect(document.paragraphs[15].references.contains { $0.id == "UNGA" })
        #expect(document.paragraphs[15].references.contains { $0.id == "CD" })
    }

    @Test("审议大会 (Review Conference) is never read as the General Assembly")
    func reviewConference() {
        for paragraph in document.paragraphs {
            for reference in paragraph.references where reference.id == "UNGA" {
                let scalars = Array(paragraph.text.unicodeScalars)
                let before = reference.start >= 2 ? String(String.UnicodeScalarView(scalars[(reference.start - 2)..<reference.start])) : ""
                #expect(before != "审议", "paragraph \(paragraph.number ?? "?")")
            }
        }
        #expect(!document.paragraphs[10].references.contains { $0.id == "UNGA" })
    }

    @Test("《条约》 means the treaty last named in the paragraph: New START in 24, the CTBT in 34, the TPNW in 39")
    func treatyAnaphora() {
        let p24 = document.paragraphs[23].references.filter { $0.surface == "《条约》" }.map(\.id)
        #expect(p24 == ["NEW-START"])
        let p34 = document.paragraphs[33].references.filter { $0.surface == "《条约》" }.map(\.id)
        #expect(p34 == ["CTBT"])
        #expect(document.paragraphs[38].references.filter { $0.surface == "《条约》" }.map(\.id) == ["TPNW"])
        #expect(document.paragraphs[0].references.contains { $0.kind == "treaty" && $0.id == "NPT" })
    }

    @Test("a General Assembly resolution names the resolution only")
    func resolutionChain() {
        #expect(TextFixtures.ids(document.paragraphs[25]).contains("resolution A/RES/74/32"))
        #expect(!TextFixtures.ids(document.paragraphs[25]).contains("organization UNGA"))
    }

    @Test("states and treaties in paragraph 24: Russia, the United States, New START, the NPT")
    func paragraph24() {
        let ids = Set(TextFixtures.ids(document.paragraphs[23]))
        #expect(ids == ["organization NAM", "state RUS", "state USA", "treaty NEW-START", "treaty NPT"])
    }

    @Test("paragraph 34 cites the CTBT, action 10 and the Annex 2 States")
    func paragraph34() {
        let ids = TextFixtures.ids(document.paragraphs[33])
        #expect(ids.contains("commitment AP2010:10") && ids.contains("organization CTBT-ANNEX2") && ids.contains("treaty CTBT"))
    }
}
