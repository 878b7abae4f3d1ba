import StocktakeText
import Testing

@Suite("Working papers in the UN layout in English, French, Spanish, Russian and Arabic")
struct LanguageFixtureTests {
    func extract(_ language: String) -> ExtractedDocument {
        TextFixtures.extractor.extract(text: TextFixtures.fixture("wp-\(language).txt"))
    }

    @Test(
        "headers give symbol, language, original, date, title, submitter and session",
        arguments: [
            ("en", "Third session", "Nuclear disarmament: taking stock of action 5"), ("fr", "Troisième session", "Désarmement nucléaire"),
            ("es", "Tercer período de sesiones", "Desarme nuclear"), ("ru", "Третья сессия", "Ядерное разоружение"),
            ("ar", "الدورة الثالثة", "نزع السلاح النووي"),
        ])
    func header(_ language: String, _ session: String, _ title: String) {
        let header = extract(language).document
        #expect(header.symbol == "NPT/CONF.2026/PC.III/WP.99")
        #expect(header.language == language)
        #expect(header.originalLanguage == "en")
        #expect(header.date == "2025-04-02")
        #expect(header.session == session)
        #expect(header.title == title)
        #expect(header.submitter != nil)
    }

    @Test("paragraphs are numbered and sub-paragraphs stay inside theirs", arguments: ["en", "fr", "es", "ru", "ar"])
    func numbering(_ language: String) {
        let document = extract(language)
        #expect(document.paragraphs.map(\.number).prefix(4) == ["1", "2", "3", "4"])
        let four = document.paragraphs[3].text
        #expect(four.contains("NPT/CONF.2010/50 (Vol. I)"))
        #expect(four.contains(language == "ar" ? "(أ)" : language == "en" ? "(a)" : "a)"))
    }

    @Test(
        "each language names article VI, actions 5, 20, 21 and 5 (c), the nuclear-weapon States and resolution 79/47",
        arguments: ["en", "fr", "es", "ru", "ar"])
    func commitments(_ language: String) {
        let document = extract(language)
        #expect(TextFixtures.ids(document.paragraphs[0]).contains("commitment NPT:VI"))
        let two = TextFixtures.ids(document.paragraphs[1])
        for id in ["AP2010:5", "AP2010:20", "AP2010:21", "AP2010:5(c)"] { #expect(two.contains("commitment \(id)"), "\(language) \(id)") }
        #expect(!two.contains("commitment AP2010"), "the action plan is named only through its actions")
        #expect(two.contains("organization NWS"))
        #expect(TextFixtures.ids(document.paragraphs[2]).contains("resolution A/RES/79/47"))
    }

    @Test(
        "each language names the five nuclear-weapon States, the CTBT and the 2010 Final Document",
        arguments: ["en", "fr", "es", "ru", "ar"])
    func statesTreatiesSymbols(_ language: String) {
        let ids = Set(TextFixtures.ids(extract(language).paragraphs[3]))
        for id in ["state CHN", "state FRA", "state RUS", "state GBR", "state USA", "treaty CTBT", "document NPT/CONF.2010/50 (Vol. I)"] {
            #expect(ids.contains(id), "\(language) \(id)")
        }
    }

    @Test("English: lists, ranges, the 1995 decision's paragraphs, lettered resolutions, steps, page furniture")
    func english() {
        let document = extract("en")
        #expect(TextFixtures.ids(document.paragraphs[1]).contains("commitment PO1995:4(c)"))
        #expect(
            TextFixtures.ids(document.paragraphs[2]) == [
                "resolution A/RES/79/47", "resolution A/RES/55/33 D", "commitment STEPS2000", "commitment STEPS2000:9(e)",
            ])
        #expect(document.paragraphs[2].text.hasSuffix("championed in 2000."), "a wrapped line starting with 2000. is not paragraph 2000")
        #expect(document.paragraphs.count == 5)
        #expect(!document.paragraphs[3].text.contains("25-05523") && !document.paragraphs[3].text.contains("2505523"))
        let five = TextFixtures.ids(document.paragraphs[4])
        #expect(five == ["commitment AP2010:1", "commitment AP2010:2", "commitment AP2010:3", "organization CD", "commitment AP2010:15"])
        #expect(TextFixtures.ids(document.paragraphs[1]).contains("organization UNGA"), "the General Assembly named outright still counts")
    }
}
