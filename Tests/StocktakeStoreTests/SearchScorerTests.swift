import Foundation
import Testing

@testable import StocktakeStore

@Suite("The BM25 scorer reads index texts in place")
struct SearchScorerTests {
    func scorer(_ tokens: Set<String>, phrase: [String]? = nil) -> SearchScorer {
        SearchScorer(tokens: tokens, phrase: phrase, rows: 1000, totalTokens: 10_000, documents: { _ in 10 })
    }

    @Test("tokens that share a term's length and first eight bytes but differ after them are not the term")
    func sameHeadDifferentTail() {
        let scorer = scorer(["verificationa", "verificationb"])
        let a = scorer.score("verificationa verificationa", characters: "")
        let b = scorer.score("verificationb verificationb", characters: "")
        let neither = scorer.score("verificationc verificationc", characters: "")
        #expect(a.score > 0 && a.score == b.score)
        #expect(neither.score == 0)
    }

    @Test("more occurrences of a term score higher, and a paragraph without it scores nothing")
    func termFrequency() {
        let scorer = scorer(["nuclear"])
        let once = scorer.score("nuclear weapons states", characters: "").score
        let twice = scorer.score("nuclear nuclear states", characters: "").score
        #expect(twice > once && once > 0)
        #expect(scorer.score("disarmament talks", characters: "").score == 0)
    }

    @Test("the words as a phrase are found when they stand together in order, also after a false start")
    func phrase() {
        let scorer = scorer(["a", "b"], phrase: ["a", "b", "a"])
        #expect(scorer.score("x a b a y", characters: "").phrase)
        #expect(scorer.score("a a b a", characters: "").phrase)
        #expect(!scorer.score("a b b a", characters: "").phrase)
        #expect(!scorer.score("b a b", characters: "").phrase)
    }

    @Test("a single Han character is counted from the characters column only when the query asks for one")
    func characters() {
        let single = scorer(["核"])
        #expect(single.countsCharacters)
        #expect(single.score("核武 武器", characters: "核 武 器").score > 0)
        let bigram = scorer(["核武"])
        #expect(!bigram.countsCharacters)
    }
}
