import CrisisDomain
import Testing

/// One example per rule of the PHI scanner, each caught by that rule: remove a rule and its case fails.
@Suite("Each PHI rule catches its own example")
struct PHIRuleExampleTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var rule: String
        var text: String
        var testDescription: String { "\(rule): \(text)" }
    }

    static let examples: [Example] = [
        // Care relations.
        Example(rule: "care.your-care", text: "We are sorry your biopsy was delayed."),
        Example(rule: "care.your-provider", text: "As your surgeon mentioned, the swelling is normal."),
        Example(rule: "care.you-were-cared-for", text: "You were admitted through the side entrance."),
        Example(rule: "care.you-had-care", text: "We understand you underwent a colonoscopy last spring."),
        Example(rule: "care.we-cared-for-you", text: "Our team examined him twice that night."),
        Example(rule: "care.your-visit-event", text: "When you came in, the front desk was short-staffed."),
        Example(rule: "care.patient-status", text: "You have been a patient here for ten years."),
        Example(rule: "care.records-consulted", text: "Our records show a different time."),
        Example(rule: "care.clinical-finding", text: "The x-ray showed nothing broken."),
        Example(rule: "care.clinical-near-you", text: "The sedation made you drowsy for hours."),
        Example(rule: "care.recovery-wish", text: "Wishing a speedy recovery to the whole family!"),
        Example(rule: "care.relative-care", text: "Your father was moved to the cardiac floor overnight."),
        Example(rule: "care.third-person-care", text: "The lady who wrote this review was discharged on Monday."),
        Example(rule: "care.pregnancy-birth", text: "She gave birth here on New Year's Day."),
        Example(rule: "care.insurer-acted", text: "Humana denied the request for the scan."),
        Example(rule: "care.billed-to-person", text: "We charged you for the second night."),
        Example(rule: "care.alias-unmasking", text: "We know the real name behind this account."),
        // Identifiers of 164.514(b)(2).
        Example(rule: "id.date-of-birth", text: "DOB: 7/4/1976"),
        Example(rule: "id.date-with-care", text: "Discharged on 3/15/2024 after surgery."),
        Example(rule: "id.phone-or-fax", text: "Text her at 415-555-0177."),
        Example(rule: "id.social-security-number", text: "The form shows 219-09-9999."),
        Example(rule: "id.record-number", text: "Chart number 778-1209 is closed."),
        Example(rule: "id.health-plan-number", text: "Policy number HX-99812 was rejected."),
        Example(rule: "id.licence-number", text: "Passport number 548812093 was on the form."),
        Example(rule: "id.vehicle", text: "The license plate 4XYZ221 was in the photo."),
        Example(rule: "id.device-serial", text: "Serial number 88C-1102 belongs to an insulin pump."),
        Example(rule: "id.email-address", text: "Reach him at tony.r88@gmail.com."),
        Example(rule: "id.web-address", text: "See facebook.com/jane.doe.5 for the photos."),
        Example(rule: "id.ip-address", text: "Posted from 10.0.44.7 last night."),
        Example(rule: "id.biometric", text: "Her fingerprints were taken at intake."),
        Example(rule: "id.photograph", text: "A picture of him in the ICU went around."),
        Example(rule: "id.distinguishing-mark", text: "The man with the rose tattoo came by again."),
        Example(rule: "id.street-address", text: "It happened at 17 Elm Court."),
        Example(rule: "id.zip-code", text: "Everyone in zip 10027 was notified."),
        Example(rule: "id.room-or-bed", text: "Bay 3 was cleaned after the patient left."),
        Example(rule: "id.age-with-care", text: "A 97-year-old woman fell in the lobby."),
        // Names tied to care.
        Example(rule: "name.honorific-with-care", text: "Ms. Greene, the fracture clinic has the x-rays."),
        Example(rule: "name.possessive-care", text: "We heard about Luis's surgery."),
        Example(rule: "name.subject-of-care", text: "Priya Shah was transferred to rehab."),
    ]

    /// Replies close to a rule that must stay clean: its exceptions.
    static let nearMisses = [
        "Talk to your doctor about the flu vaccine.",
        "Schedule your mammogram online today.",
        "Call our Patient Relations line at (415) 555-0100.",
        "Our toll-free line is 1-888-555-0142.",
        "Email privacy@mercy-health.org with any question.",
        "The support group meets in Room 12 every Friday.",
        "Our hospital turned 100 years old this year.",
        "Thank you to everyone who came to our health fair.",
        "We cannot confirm or deny whether anyone is a patient.",
        "Dr. Rivera was named surgeon of the year.",
        "Visit careers.mercyvalley.org/nursing to apply.",
        "Our patient advocates can help you.",
        "Survey results show our patients would recommend us.",
        "If you have chest pain, call 911.",
        "Join us on 10/12/2026 for the health fair.",
        "Have a question about your bill? Our billing office can help.",
        "We're sorry to hear about your experience and want to make it right.",
    ]

    @Test("the rule catches its example", arguments: examples)
    func catches(example: Example) {
        let findings = PHIScanner.scan(example.text)
        #expect(findings.contains { $0.rule == example.rule }, "findings: \(findings.map(\.description))")
    }

    @Test("every rule of the scanner has an example here, and every example names a rule")
    func everyRuleHasAnExample() {
        let named = Set(Self.examples.map(\.rule))
        let rules = Set(PHIScanner.ruleIds)
        #expect(rules.subtracting(named).isEmpty, "rules without an example: \(rules.subtracting(named).sorted())")
        #expect(named.subtracting(rules).isEmpty, "examples of no rule: \(named.subtracting(rules).sorted())")
    }

    @Test("a reply close to a rule but safe is not flagged", arguments: nearMisses)
    func nearMiss(text: String) {
        let findings = PHIScanner.scan(text)
        #expect(findings.isEmpty, "findings: \(findings.map(\.description))")
    }
}
