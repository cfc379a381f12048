import CrisisDomain
import Foundation
import Testing

@Suite("Removals, evidence and the breach track")
struct RemovalAndBreachTests {
    typealias F = Fixtures

    func opened() throws -> IncidentHarness {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        return h
    }

    @Test("removals get ids r1, r2 and are tracked until confirmed or abandoned")
    func removalLifecycle() throws {
        var h = try opened()
        try h.run(.removal(.request(platform: "ig", url: "https://ig/1")), as: F.sam)
        try h.run(.removal(.request(platform: "tt", url: "https://tt/2")), as: F.sam)
        #expect(h.state.removals.map(\.id) == ["r1", "r2"])
        try h.run(.removal(.fail(removalId: "r1", reason: "declined")), as: F.sam)
        #expect(h.state.removal("r1")?.status == .failed)
        try h.run(.removal(.confirm(removalId: "r1", evidence: "gone at 14:02")), as: F.sam)
        try h.run(.removal(.abandon(removalId: "r2", reason: "poster deleted the account")), as: F.sam)
        #expect(h.state.removals.allSatisfy { $0.isResolved })
        #expect(h.state.removal("r1")?.history.count == 3)
    }

    @Test("a second removal of the same URL while one is tracked is refused")
    func duplicate() throws {
        var h = try opened()
        try h.run(.removal(.request(platform: "ig", url: "https://ig/1")), as: F.sam)
        #expect(
            h.refusal(.removal(.request(platform: "ig", url: "https://ig/1")), as: F.sam)?.rule == "removal.duplicate")
        try h.run(.removal(.abandon(removalId: "r1", reason: "wrong post")), as: F.sam)
        try h.run(.removal(.request(platform: "ig", url: "https://ig/1")), as: F.sam)
    }

    @Test("a resolved removal cannot change, and an unknown one is refused")
    func resolved() throws {
        var h = try opened()
        try h.run(.removal(.request(platform: "ig", url: "https://ig/1")), as: F.sam)
        try h.run(.removal(.confirm(removalId: "r1", evidence: nil)), as: F.sam)
        #expect(h.refusal(.removal(.fail(removalId: "r1", reason: "x")), as: F.sam)?.rule == "removal.resolved")
        #expect(h.refusal(.removal(.abandon(removalId: "r1", reason: "x")), as: F.sam)?.rule == "removal.resolved")
        #expect(h.refusal(.removal(.confirm(removalId: "r7", evidence: nil)), as: F.sam)?.rule == "removal.unknown")
    }

    @Test("abandoning or failing a removal needs a reason")
    func reasonRequired() throws {
        var h = try opened()
        try h.run(.removal(.request(platform: "ig", url: "https://ig/1")), as: F.sam)
        #expect(h.refusal(.removal(.abandon(removalId: "r1", reason: " ")), as: F.sam)?.rule == "input.required")
        #expect(h.refusal(.removal(.fail(removalId: "r1", reason: "")), as: F.sam)?.rule == "input.required")
    }

    @Test("evidence needs a SHA-256 and a capture time that has happened")
    func evidence() throws {
        var h = try opened()
        #expect(
            h.refusal(.captureEvidence(url: "u", capturedAt: h.now, contentSHA256: "abc"), as: F.sam)?.rule
                == "evidence.hash-invalid")
        #expect(
            h.refusal(
                .captureEvidence(url: "u", capturedAt: h.now.addingTimeInterval(60), contentSHA256: F.hash), as: F.sam)?
                .rule == "evidence.in-future")
        try h.run(.captureEvidence(url: "u", capturedAt: h.now, contentSHA256: F.hash.uppercased()), as: F.sam)
        #expect(h.state.evidence.first?.contentSHA256 == F.hash)
    }

    @Test("the risk assessment has four factors, and a fifth is refused")
    func unknownFactor() throws {
        var h = try opened()
        #expect(
            h.refusal(.recordAssessmentFactor(factor: 5, finding: "x"), as: F.pat)?.rule == "assessment.unknown-factor")
    }

    @Test("the assessment cannot be concluded before all four factors are recorded")
    func concludeIncomplete() throws {
        var h = try opened()
        try h.run(.recordAssessmentFactor(factor: 1, finding: "x"), as: F.pat)
        let refusal = h.refusal(.concludeAssessment(.lowProbability, reason: "r"), as: F.pat)
        #expect(refusal?.rule == "assessment.incomplete")
        #expect(refusal?.message.contains("(ii)") == true)
    }

    @Test("only the privacy officer signs the conclusion")
    func concludeByPrivacyOfficer() throws {
        var h = try opened()
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "x"), as: F.lee) }
        #expect(h.refusal(.concludeAssessment(.lowProbability, reason: "r"), as: F.lee)?.rule == "permission.role")
        try h.run(.concludeAssessment(.lowProbability, reason: "r"), as: F.pat)
        #expect(h.state.breach.conclusion?.by == "pat")
        #expect(!h.state.breach.isBreachPresumed)
    }

    @Test("a breach is presumed until the assessment says otherwise")
    func presumed() throws {
        let h = try opened()
        #expect(h.state.breach.isBreachPresumed)
    }

    @Test("counts that do not add up are refused")
    func counts() throws {
        var h = try opened()
        #expect(
            h.refusal(.recordAffectedPopulation(total: 10, residentsByState: ["CA": 11], unreachable: 0), as: F.pat)?
                .rule == "input.invalid-count")
        #expect(
            h.refusal(.recordAffectedPopulation(total: 10, residentsByState: [:], unreachable: 11), as: F.pat)?.rule
                == "input.invalid-count")
        #expect(
            h.refusal(.recordNotification(.individuals, at: h.now, count: -1, stateCode: nil), as: F.pat)?.rule
                == "input.invalid-count")
    }

    @Test("media and state notices must name the state")
    func stateRequired() throws {
        var h = try opened()
        #expect(
            h.refusal(.recordNotification(.media, at: h.now, count: nil, stateCode: nil), as: F.pat)?.rule
                == "notification.state-required")
        #expect(
            h.refusal(.recordNotificationNotOwed(.state, stateCode: "", reason: "r"), as: F.pat)?.rule
                == "notification.state-required")
    }

    @Test("a notification cannot be recorded before it happened")
    func notificationInFuture() throws {
        var h = try opened()
        #expect(
            h.refusal(
                .recordNotification(.individuals, at: h.now.addingTimeInterval(3_600), count: 1, stateCode: nil),
                as: F.pat)?.rule == "input.time-in-future")
    }

    @Test("a written law-enforcement statement must name the end of the delay")
    func writtenDelay() throws {
        var h = try opened()
        #expect(
            h.refusal(
                .recordLawEnforcementDelay(.written, statedAt: h.now, until: nil, official: "Det. Ruiz, NYPD"),
                as: F.lee)?.rule == "law-enforcement.written-needs-end")
        try h.run(
            .recordLawEnforcementDelay(.oral, statedAt: h.now, until: nil, official: "Det. Ruiz, NYPD"), as: F.lee)
    }

    @Test("amending discovery needs a reason and a time that has happened")
    func amendDiscovery() throws {
        var h = try opened()
        #expect(
            h.refusal(.amendDiscovery(discoveredAt: h.now.addingTimeInterval(60), reason: "r"), as: F.pat)?.rule
                == "input.time-in-future")
        #expect(h.refusal(.amendDiscovery(discoveredAt: h.now, reason: ""), as: F.pat)?.rule == "input.required")
        let earlier = h.now.addingTimeInterval(-3 * 86_400)
        try h.run(.amendDiscovery(discoveredAt: earlier, reason: "a colleague saw it three days ago"), as: F.pat)
        #expect(h.state.discoveredAt == earlier)
        #expect(h.state.discoveryAmendments.first?.from == F.start)
    }

    @Test("sanctions are recorded by HR with their dates")
    func sanctions() throws {
        var h = try opened()
        #expect(
            h.refusal(.recordSanction(.sanction, staffMember: "s", effectiveAt: h.now, description: "d"), as: F.alice)?
                .rule == "permission.role")
        try h.run(.recordSanction(.sanction, staffMember: "s", effectiveAt: h.now, description: "d"), as: F.hank)
        #expect(h.state.sanctions.first?.effectiveAt == h.now)
    }
}
