import CrisisDomain
import Foundation
import Testing

@Suite("The PHI scanner screens every draft and edit")
struct PHIScreeningTests {
    typealias F = Fixtures
    static let leaky = "Sorry Mrs. Alvarez, your visit on March 3 and the surgery were hard."

    @Test("a draft that looks like patient detail is refused with the matched span and why")
    func draftRefused() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        let refusal = h.refusal(.message(.draft(channel: "public", body: .text(Self.leaky))), as: F.sam)
        #expect(refusal?.rule == "message.phi-suspected")
        #expect(refusal?.message.contains("your visit") == true)
        #expect(refusal?.message.contains("confirms that someone is or was a patient") == true)
        #expect(h.state.messages.isEmpty)
    }

    @Test("an edit that adds patient detail is refused")
    func editRefused() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        try h.run(.message(.draft(channel: "public", body: .text("We hear you."))), as: F.sam)
        #expect(
            h.refusal(.message(.edit(messageId: "m1", text: "We hear you. Call me at 415-555-0134.")), as: F.sam)?.rule
                == "message.phi-suspected")
    }

    @Test("template values are screened too")
    func templateValuesScreened() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        let refusal = h.refusal(
            .message(
                .draft(
                    channel: "public-reply",
                    body: .template(
                        name: "move-private",
                        values: ["handle": "@dana, about room 412", "patient_relations_line": "1-800-555-0100"]))),
            as: F.sam)
        #expect(refusal?.rule == "message.phi-suspected")
    }

    @Test("a privacy officer's override of the exact text lets the draft through, and the reason is recorded")
    func override() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        let text = "Our main entrance is at 1200 Harbor Boulevard."
        #expect(
            h.refusal(.message(.draft(channel: "public", body: .text(text))), as: F.sam)?.rule
                == "message.phi-suspected")
        try h.run(
            .message(.overridePHIFinding(text: text, reason: "this is the hospital's own public address")), as: F.pat)
        try h.run(.message(.draft(channel: "public", body: .text(text))), as: F.sam)
        #expect(h.state.phiOverrides.first?.reason == "this is the hospital's own public address")
        #expect(h.state.phiOverrides.first?.by == "pat")
        #expect(h.refusal(.message(.draft(channel: "public", body: .text(text + " Bed 4."))), as: F.sam)?.rule != nil)
    }

    @Test("only a privacy officer may override the scanner")
    func overrideNeedsPrivacyOfficer() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        #expect(
            h.refusal(.message(.overridePHIFinding(text: Self.leaky, reason: "fine")), as: F.lee)?.rule
                == "permission.role")
    }

    @Test("overriding text the scanner does not flag is refused")
    func nothingToOverride() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        #expect(
            h.refusal(.message(.overridePHIFinding(text: "We hear you.", reason: "fine")), as: F.pat)?.rule
                == "phi.nothing-to-override")
    }
}
