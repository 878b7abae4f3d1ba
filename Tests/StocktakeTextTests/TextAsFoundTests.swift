import StocktakeText
import Testing

@Suite("References as people type them")
struct TextAsFoundTests {
    func ids(_ text: String, treaty: String? = "NPT") -> [String] {
        TextFixtures.extractor.references.references(in: text, defaultTreaty: treaty).map { "\($0.kind) \($0.id)" }
    }

    @Test("Arabic without hamza, with ta marbuta written as ha, and with alif maqsura as ya matches the registry's spelling")
    func arabicSpelling() {
        #expect(ids("معاهدة عدم انتشار الاسلحة النووية") == ["treaty NPT"])
        #expect(ids("الوكاله الدوليه للطاقه الذريه") == ["organization IAEA"])
        #expect(ids("اسرائيل وايران") == ["state ISR", "state IRN"])
    }

    @Test("Arabic prepositions and the article they absorb: للمعاهدة, وبالمادة, للوكالة")
    func arabicProclitics() {
        #expect(ids("وفقا للمادة السادسة") == ["commitment NPT:VI"])
        #expect(ids("وبالمادة الرابعة") == ["commitment NPT:IV"])
        #expect(ids("الانضمام للمعاهدة") == ["treaty NPT"])
        #expect(ids("للوكالة الدولية للطاقة الذرية") == ["organization IAEA"])
        let surface = TextFixtures.extractor.references.references(in: "وفقا للمادة السادسة", defaultTreaty: "NPT").first?.surface
        #expect(surface == "للمادة السادسة", "the reference covers the word the preposition is written onto")
    }

    @Test("Arabic ordinal words number articles and steps, alone and in lists")
    func arabicOrdinals() {
        #expect(ids("المادة السادسة") == ["commitment NPT:VI"])
        #expect(ids("المادتين الأولى والثانية") == ["commitment NPT:I", "commitment NPT:II"])
        #expect(ids("المادة الحادية عشرة") == ["commitment NPT:XI"])
        #expect(ids("الخطوة السابعة") == ["commitment STEPS2000:7"])
    }

    @Test("the everyday Arabic names of the two groups of States, and the 1995 Middle East resolution as it is usually written")
    func arabicEverydayNames() {
        #expect(ids("الدول النووية والدول غير النووية") == ["organization NWS", "organization NNWS"])
        #expect(ids("تنفيذ القرار المتعلق بالشرق الأوسط") == ["commitment ME1995"])
        #expect(ids("لقرار 1995 بشأن الشرق الأوسط") == ["commitment ME1995"])
    }

    @Test("Russian names in every case from the nominative listed once")
    func russianCases() {
        #expect(ids("Российской Федерацией и Соединенными Штатами Америки") == ["state RUS", "state USA"])
        #expect(ids("с Китаем, Францией и Великобританией") == ["state CHN", "state FRA", "state GBR"])
        #expect(ids("к Договору о нераспространении ядерного оружия") == ["treaty NPT"])
        #expect(RussianDeclension.caseForms(of: "Республика Корея").contains("Республики Корея"))
        #expect(RussianDeclension.caseForms(of: "Того").isEmpty, "indeclinable names stay as they are")
        #expect(RussianDeclension.caseForms(of: "ядерные государства").isEmpty, "a common plural is not taken for a singular")
    }

    @Test("French capitals without accents, treaty name variants, 'the 13 steps', short forms of names")
    func latinVariants() {
        #expect(ids("les Etats-Unis et les ETATS-UNIS") == ["state USA", "state USA"])
        #expect(ids("le Traité de non-prolifération des armes nucléaires") == ["treaty NPT"])
        #expect(ids("el Tratado de Prohibición de las Armas Nucleares") == ["treaty TPNW"])
        #expect(ids("the 13 steps") == ["commitment STEPS2000"])
        #expect(ids("Micronesia and Micronésie") == ["state FSM", "state FSM"])
    }

    @Test("a name written with a capital counts only with it: chile and china are a pepper and porcelain")
    func capitals() {
        #expect(ids("un chile rojo y Chile") == ["state CHL"])
        #expect(ids("fine china from China") == ["state CHN"])
        #expect(ids("Кроме того, Того же мнения и делегация Того") == ["state TGO"])
    }

    @Test("a search box's query names a state without its capital: people type queries in lower case")
    func lowerCaseQueries() {
        let extractor = TextFixtures.extractor.references
        #expect(extractor.searchConcepts(in: "france") == ["FRA"])
        #expect(extractor.searchConcepts(in: "iran safeguards") == ["IRN"])
        #expect(extractor.searchConcepts(in: "chile") == ["CHL"])
        #expect(
            TextFixtures.extractor.references.references(in: "un chile rojo", defaultTreaty: nil).isEmpty,
            "in text, the capital still counts")
    }

    @Test("an item word two instruments share goes to the container it is chained to; a range may repeat the item word")
    func sharedItemWords() {
        #expect(ids("la mesure 12 des 13 mesures concrètes") == ["commitment STEPS2000:12"])
        #expect(ids("la mesure 5 du plan d'action de 2010") == ["commitment AP2010:5"])
        #expect(ids("1995年决定第5段至第7段") == ["commitment PO1995:5", "commitment PO1995:6", "commitment PO1995:7"])
        #expect(ids("行动1至行动3") == ["commitment AP2010:1", "commitment AP2010:2", "commitment AP2010:3"])
    }

    @Test("Arabic resolutions with the Assembly between word and number, and letters written as words")
    func arabicResolutions() {
        #expect(ids("قرار الجمعية العامة 79/47") == ["resolution A/RES/79/47"])
        #expect(ids("القرار 55/33 دال") == ["resolution A/RES/55/33 D"])
    }

    @Test("a footnote marker glued to a name does not hide it")
    func gluedFootnoteMarkers() {
        #expect(ids("МАГАТЭ2 и l'Union européenne2.") == ["organization IAEA", "organization EU"])
    }

    @Test("without a symbol or a title naming one, the treaty named most is the document's")
    func mostNamedTreaty() {
        let text = """
            1. The CTBT matters. So does the NPT.
            2. The NPT again, and article VI of the Treaty.
            """
        let document = TextFixtures.extractor.extract(text: text)
        #expect(TextFixtures.ids(document.paragraphs[1]) == ["treaty NPT", "commitment NPT:VI"])
        #expect(document.paragraphs[1].references.last?.inferred == nil, "a treaty named in the paragraph is not inferred")
        let standalone = TextFixtures.extractor.extract(text: "1. The CTBT and the NPT, the NPT.\n2. Article VI of the Treaty.\n")
        #expect(standalone.paragraphs[1].references.map(\.id) == ["NPT:VI"])
        #expect(standalone.paragraphs[1].references.first?.inferred == true)
    }

    @Test("a statement's title line stays a paragraph with its references, and infers the document's treaty")
    func titleLine() {
        let text = """
            Statement by the delegation of Ireland at the 2026 Review Conference of the Parties to the Treaty on the Non-Proliferation of Nuclear Weapons

            Mr. President,

            1. Ireland recalls article VI of the Treaty.
            """
        let document = TextFixtures.extractor.extract(text: text)
        #expect(document.paragraphs.map(\.number) == [nil, nil, "1"])
        #expect(TextFixtures.ids(document.paragraphs[0]) == ["state IRL", "treaty NPT"])
        let article = document.paragraphs[2].references.first { $0.id == "NPT:VI" }
        #expect(article?.inferred == true)
        #expect(document.paragraphs[0].references.allSatisfy { $0.inferred == nil }, "a name as written is never marked inferred")
    }

    @Test("a flattened masthead: the date and 'Original:' share a line with other text")
    func flattenedHeader() {
        let text = """
            NPT/CONF.2026/PC.III/WP.14
            Third session                      2 April 2025 Original: English
            New York, 28 April–9 May 2025

            Nuclear disarmament
            Working paper submitted by Ireland

            1. Text.
            """
        let header = TextFixtures.extractor.extract(text: text).document
        #expect(header.date == "2025-04-02")
        #expect(header.originalLanguage == "en")
        #expect(header.title == "Nuclear disarmament")
    }
}
