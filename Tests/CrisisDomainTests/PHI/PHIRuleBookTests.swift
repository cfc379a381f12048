@testable import CrisisDomain
import Testing

/// The scanner fails closed: a rule that cannot be used stops it with a sentence and holds every text.
@Suite("The PHI rule book is checked before the scanner uses it")
struct PHIRuleBookTests {
    private typealias P = PHIPattern

    private static func rule(_ id: String, _ patterns: [PHIPattern], alternative: String = "Say less.") -> PHIRule {
        PHIRule(id, .confirmsPatient, .patterns(patterns), reason: "a test rule", alternative: alternative)
    }

    @Test("every rule of the scanner compiles and loads")
    func everyRuleLoads() throws {
        try PHIScanner.checkRules()
        #expect(PHIScanner.ruleIds.count == PHIRule.all.count)
        #expect(PHILexicon.index.problems.isEmpty)
    }

    @Test("two rules with one id are refused, naming the id")
    func duplicateId() {
        let pattern = P(P.words("surgery"))
        #expect {
            try PHIRuleBook([Self.rule("care.twice", [pattern]), Self.rule("care.twice", [pattern])])
        } throws: { error in
            (error as? PHIRuleProblem)?.message.contains("care.twice") == true
        }
    }

    @Test("a pattern that can match nothing is refused with a sentence naming its rule")
    func emptyPattern() {
        let problem = #expect(throws: PHIRuleProblem.self) {
            try PHIRuleBook([Self.rule("care.empty", [P(.words(PHIWordList([])))])])
        }
        #expect(problem?.message.contains("care.empty") == true)
        #expect(problem?.message.hasPrefix("The PHI scanner cannot start") == true)
    }

    @Test("a pattern over no word class is refused")
    func noClass() {
        #expect(throws: PHIRuleProblem.self) { try PHIRuleBook([Self.rule("care.none", [P(.classes(.init()))])]) }
    }

    @Test("a rule without a safe alternative is refused")
    func noAlternative() {
        #expect(throws: PHIRuleProblem.self) {
            try PHIRuleBook([Self.rule("care.mute", [P(P.words("surgery"))], alternative: "")])
        }
    }

    @Test("a rule id not of the form group.name is refused")
    func badId() {
        #expect(throws: PHIRuleProblem.self) { try PHIRuleBook([Self.rule("Surgery", [P(P.words("surgery"))])]) }
    }

    @Test("with a rule book that failed its check, every text is held with the reason")
    func failsClosed() {
        let problem = PHIRuleProblem("the rule care.broken has no pattern")
        let findings = PHIScanner.scan("Join us on Saturday for the health fair.", using: .failure(problem))
        #expect(findings.count == 1)
        #expect(findings.first?.category == .scannerUnavailable)
        #expect(findings.first?.reason.contains("care.broken") == true)
    }
}
