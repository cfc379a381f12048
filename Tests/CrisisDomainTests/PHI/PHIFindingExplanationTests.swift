import CrisisDomain
import Testing

/// Every finding explains itself: its rule, the words that fired it, why, and what to write instead.
@Suite("A PHI finding says which rule fired, on which words, why, and what to write instead")
struct PHIFindingExplanationTests {
    @Test("a second-person care relation names its rule and the pronoun and the care noun")
    func careRelation() throws {
        let finding = try #require(PHIScanner.scan("We're sorry your procedure took so long.").first)
        #expect(finding.rule == "care.your-care")
        #expect(finding.triggers == ["your", "procedure"])
        #expect(finding.matched == "your procedure")
        #expect(finding.reason.contains("confirms that someone is or was a patient"))
        #expect(finding.alternative.contains("contact us privately"))
    }

    @Test("the description a person reads names the rule and the triggering words")
    func description() throws {
        let finding = try #require(
            PHIScanner.scan("Your mother waited in our ER.").first { $0.rule == "care.relative-care" })
        #expect(finding.description.contains("rule care.relative-care"))
        #expect(finding.description.contains("\"mother\""))
    }

    @Test(
        "every finding of every rule carries a reason and a safe alternative", arguments: PHIRuleExampleTests.examples)
    func explained(example: PHIRuleExampleTests.Example) {
        for finding in PHIScanner.scan(example.text) {
            #expect(!finding.reason.isEmpty)
            #expect(!finding.alternative.isEmpty)
            #expect(!finding.triggers.isEmpty)
        }
    }

    @Test("the scanner gives the same findings for the same text")
    func deterministic() {
        let text = "Ms. Lee, your MRI showed a tear and we billed Aetna; call her at 212-555-0199."
        #expect(PHIScanner.scan(text) == PHIScanner.scan(text))
    }
}
