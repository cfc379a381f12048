import CrisisDomain
import Testing

/// The scanner's table: text a social-media team might write, and whether it holds patient detail.
@Suite("The PHI scanner's table of examples")
struct PHIScannerTableTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var text: String
        var isPHI: Bool
        var testDescription: String { (isPHI ? "PHI: " : "clean: ") + text }
    }

    static let table: [Example] = [
        // Patient detail: must be flagged.
        Example(text: "We're so sorry Mrs. Alvarez, the surgery must have been hard.", isPHI: true),
        Example(text: "Maria Lopez was admitted on Tuesday with chest pain.", isPHI: true),
        Example(text: "John Smith's diagnosis was shared with the family.", isPHI: true),
        Example(text: "Mr. Chen is recovering well after chemo.", isPHI: true),
        Example(text: "We hope Dana's surgery went well.", isPHI: true),
        Example(text: "DOB 04/12/1961 on file.", isPHI: true),
        Example(text: "Date of birth: March 4, 1988", isPHI: true),
        Example(text: "Born on 1/2/1990, right?", isPHI: true),
        Example(text: "MRN 00482913 was checked.", isPHI: true),
        Example(text: "Medical record number: A-55321", isPHI: true),
        Example(text: "Patient ID #77812 is closed.", isPHI: true),
        Example(text: "Call her at (415) 555-0134.", isPHI: true),
        Example(text: "His cell is 212.555.0188.", isPHI: true),
        Example(text: "Text 646-555-0199 for the update.", isPHI: true),
        Example(text: "She lives at 42 Maple Street.", isPHI: true),
        Example(text: "Drop it at 1200 Harbor Boulevard please.", isPHI: true),
        Example(text: "The man in room 412 was discharged.", isPHI: true),
        Example(text: "Bed 7 in the ICU is free now.", isPHI: true),
        Example(text: "Thank you for your visit on June 3.", isPHI: true),
        Example(text: "We reviewed your chart and the notes.", isPHI: true),
        Example(text: "Sorry about your recent stay with us.", isPHI: true),
        Example(text: "We're glad your mother's surgery went well.", isPHI: true),
        Example(text: "You were seen by our ER team on Friday.", isPHI: true),
        Example(text: "When you were here last week the wait was long.", isPHI: true),
        Example(text: "She was treated for an overdose.", isPHI: true),
        Example(text: "Your test results are ready.", isPHI: true),
        Example(text: "SSN 123-45-6789 leaked.", isPHI: true),
        Example(text: "The photo from 12/03/2025 shows the chart.", isPHI: true),
        Example(text: "Get well soon, Jenny!", isPHI: true),
        Example(text: "Wishing her a speedy recovery from all of us.", isPHI: true),
        Example(text: "The 92-year-old man brought to the ER last night is stable.", isPHI: true),
        // Safe public language: must not be flagged.
        Example(text: "We hear you. Please send us a direct message so we can follow up privately.", isPHI: false),
        Example(text: "Privacy laws keep us from discussing anyone's care in public.", isPHI: false),
        Example(text: "Please call our Patient Relations team at 1-800-555-0100.", isPHI: false),
        Example(text: "Call our toll-free line (888) 555-0110 any time.", isPHI: false),
        Example(text: "Thank you for reaching out. We take every concern seriously.", isPHI: false),
        Example(text: "Our Emergency Department is open 24 hours a day.", isPHI: false),
        Example(text: "Memorial Hospital has asked the platform to remove the post.", isPHI: false),
        Example(text: "We are aware of a video shared online and we are reviewing what happened.", isPHI: false),
        Example(text: "Flu shots are available at every clinic this October.", isPHI: false),
        Example(text: "Join us on Saturday for the community health fair.", isPHI: false),
        Example(text: "Visiting hours are 8 a.m. to 8 p.m.", isPHI: false),
        Example(text: "Everyone who comes to us deserves dignity and privacy.", isPHI: false),
        Example(text: "We have asked for the post to be removed.", isPHI: false),
        Example(text: "Dr. Patel will speak at the heart health webinar.", isPHI: false),
        Example(text: "Our Privacy Office can be reached through the website.", isPHI: false),
        Example(text: "We have 300 beds and 12 operating theatres.", isPHI: false),
        Example(text: "The wait in the ER is long today; thank you for your patience.", isPHI: false),
        Example(text: "We want to understand what happened and cannot discuss details here.", isPHI: false),
        Example(text: "We wish everyone in our community a healthy winter.", isPHI: false),
        Example(text: "Our hospital is 100 years old this spring.", isPHI: false),
        Example(text: "Contact privacy@example-hospital.org with any concern.", isPHI: false),
    ]

    @Test("the table holds at least 40 examples, both positive and negative")
    func size() {
        #expect(Self.table.count >= 40)
        #expect(Self.table.filter(\.isPHI).count >= 20)
        #expect(Self.table.filter { !$0.isPHI }.count >= 15)
    }

    @Test("each example is classified as the table says", arguments: table)
    func classify(example: Example) {
        let findings = PHIScanner.scan(example.text)
        #expect(!findings.isEmpty == example.isPHI, "findings: \(findings.map(\.description))")
    }

    @Test("false positives and false negatives on the table are counted and printed")
    func counts() {
        let falsePositives = Self.table.filter { !$0.isPHI && !PHIScanner.scan($0.text).isEmpty }
        let falseNegatives = Self.table.filter { $0.isPHI && PHIScanner.scan($0.text).isEmpty }
        print(
            "PHI scanner on \(Self.table.count) examples: \(falsePositives.count) false positives, \(falseNegatives.count) false negatives"
        )
        for example in falsePositives { print("  false positive: \(example.text)") }
        for example in falseNegatives { print("  false negative: \(example.text)") }
        #expect(falseNegatives.isEmpty)
        #expect(falsePositives.count <= 2)
    }

    @Test("an honorific name is matched as a whole, not with the word before it")
    func honorific() {
        let findings = PHIScanner.scan("Sorry Mrs. Alvarez, the surgery was hard.")
        #expect(findings.map(\.matched) == ["Mrs. Alvarez"])
    }

    @Test("a finding names the matched span, where it is and why")
    func finding() throws {
        let finding = try #require(PHIScanner.scan("Call her at (415) 555-0134.").first)
        #expect(finding.category == .phoneNumber)
        #expect(finding.matched.contains("555-0134"))
        #expect(finding.offset == 12)
        #expect(finding.reason.contains("phone"))
    }
}
