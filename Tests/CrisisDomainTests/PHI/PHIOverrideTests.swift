@testable import CrisisDomain
import Foundation
import Testing

/// Overrides name the rules they override, so `policy review` shows the rules that block too often.
@Suite("Privacy-officer overrides are counted per PHI rule")
struct PHIOverrideTests {
    typealias F = Fixtures
    static let leaky = "Sorry Mrs. Alvarez, your visit on March 3 and the surgery were hard."

    static func overridden(_ texts: [String]) throws -> IncidentState {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        for text in texts {
            try h.run(
                .message(.overridePHIFinding(text: text, reason: "approved by the patient in writing")), as: F.pat)
        }
        return h.state
    }

    @Test("an override records the id of each rule it overrides, once, in the order they fired")
    func recordsRules() throws {
        let state = try Self.overridden([Self.leaky])
        #expect(state.phiOverrides.first?.rules == ["name.honorific-with-care", "care.your-care"])
    }

    @Test("the refusal of a draft says why and offers the workflow's template for a private reply")
    func refusalOffersTheTemplate() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        let refusal = h.refusal(
            .message(.draft(channel: "public", body: .text("We're sorry your procedure ran late."))), as: F.sam)
        #expect(refusal?.message.contains("rule care.your-care") == true)
        #expect(refusal?.message.contains("invite them to contact us privately") == true)
        #expect(refusal?.message.contains("--template move-private") == true)
    }

    @Test("an override event recorded before rule ids decodes, and encodes without the field")
    func oldEventsDecode() throws {
        let old = Data(#"{"textSHA256":"h","findings":["f"],"reason":"r"}"#.utf8)
        let decoded = try JSONDecoder().decode(PHIScannerOverridden.self, from: old)
        #expect(decoded.rules == nil)
        let encoded = try JSONEncoder().encode(decoded)
        #expect(!String(decoding: encoded, as: UTF8.self).contains("rules"))
    }

    @Test("policy review counts overrides per rule, most first, with old overrides as rule not recorded")
    func reviewCountsPerRule() throws {
        var first = try Self.overridden([Self.leaky, "Your results are in."])
        first.phiOverrides.append(PHIOverride(textSHA256: "old", findings: ["f"], reason: "r", by: "pat", at: F.start))
        var second = try Self.overridden(["We hope your chemotherapy is going well."])
        second.id = UUID()  // the harness opens every incident with one fixed id
        let metrics = [first, second].compactMap(IncidentMetrics.init)
        let review = PolicyReview(incidents: metrics, proposals: [], since: nil, kind: nil, now: F.start)
        let counts = try #require(review.kinds.first).phiOverridesByRule
        #expect(counts.first == PolicyReview.RuleOverrides(rule: "care.your-care", overrides: 3, incidents: 2))
        #expect(
            counts.contains(PolicyReview.RuleOverrides(rule: "name.honorific-with-care", overrides: 1, incidents: 1)))
        #expect(
            counts.contains(
                PolicyReview.RuleOverrides(rule: IncidentMetrics.ruleNotRecorded, overrides: 1, incidents: 1)))
    }
}
