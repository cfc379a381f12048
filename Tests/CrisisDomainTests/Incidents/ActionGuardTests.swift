import CrisisDomain
import Foundation
import Testing

/// Each guard of the bundled workflows blocks its action until its condition holds.
@Suite("Actions and their guards")
struct ActionGuardTests {
    typealias F = Fixtures

    func expectBlocked(
        _ h: inout IncidentHarness, _ action: String, by guardName: String, as actor: Actor, note: String? = "n",
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let refusal = h.refusal(.act(action: action, note: note), as: actor, sourceLocation: sourceLocation)
        #expect(refusal?.rule == "action.guard", sourceLocation: sourceLocation)
        let explanation = h.definition.guardDefinition(named: guardName)?.explanation ?? guardName
        #expect(
            refusal?.message.contains(explanation) == true, "\(refusal?.message ?? "")", sourceLocation: sourceLocation)
        let available = availableActions(h.state, h.definition).first { $0.action == action }
        #expect(available?.unmetGuards.contains { $0.guardName == guardName } == true, sourceLocation: sourceLocation)
    }

    @Test("an action of another state is refused, naming where it can be taken")
    func wrongState() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        #expect(
            h.refusal(.act(action: "confirm-breach", note: nil), as: F.pat)?.rule == "action.not-available-in-state")
        #expect(h.refusal(.act(action: "dance", note: nil), as: F.pat)?.rule == "action.unknown")
    }

    @Test("an action is refused to a role it does not list")
    func actionRole() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        #expect(h.refusal(.act(action: "begin-containment", note: nil), as: F.sam)?.rule == "action.role")
    }

    @Test("an action that requires a note is refused without one")
    func noteRequired() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        #expect(h.refusal(.act(action: "no-phi-found", note: "  "), as: F.alice)?.rule == "action.note-required")
    }

    @Test("containment needs a commander and captured evidence")
    func beginContainment() throws {
        var h = try IncidentHarness("phi-leak")
        try h.run(.open(OpenIncident(id: F.incidentId, title: "t")), as: F.alice)
        expectBlocked(&h, "begin-containment", by: "commander-assigned", as: F.alice)
        expectBlocked(&h, "begin-containment", by: "evidence-captured", as: F.alice)
        try h.run(.assign(role: "commander", to: "alice"), as: F.alice)
        try h.run(.captureEvidence(url: "u", capturedAt: h.now, contentSHA256: F.hash), as: F.sam)
        try h.run(.act(action: "begin-containment", note: nil), as: F.alice)
    }

    @Test("containment needs a removal request for every platform where the post appears")
    func removalsRequested() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open(posts: [
            PostReference(platform: "ig", url: "https://ig/1"), PostReference(platform: "tt", url: "https://tt/2"),
        ])
        try h.run(.captureEvidence(url: "https://ig/1", capturedAt: h.now, contentSHA256: F.hash), as: F.sam)
        try h.run(.act(action: "begin-containment", note: nil), as: F.alice)
        try h.run(.removal(.request(platform: "ig", url: "https://ig/1")), as: F.sam)
        expectBlocked(&h, "containment-requested", by: "removals-requested", as: F.alice)
        try h.run(.removal(.request(platform: "tt", url: "https://tt/2")), as: F.sam)
        try h.run(.act(action: "containment-requested", note: "access revoked"), as: F.alice)
    }

    func assessing() throws -> IncidentHarness {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        try h.run(.captureEvidence(url: "u", capturedAt: h.now, contentSHA256: F.hash), as: F.sam)
        try h.run(.act(action: "begin-containment", note: nil), as: F.alice)
        try h.run(.removal(.request(platform: "x", url: "https://x.example/p/1")), as: F.sam)
        try h.run(.act(action: "containment-requested", note: "revoked"), as: F.alice)
        return h
    }

    @Test("a breach is confirmed only after the exclusion check, all four factors and the privacy officer's conclusion")
    func confirmBreach() throws {
        var h = try assessing()
        expectBlocked(&h, "confirm-breach", by: "exclusion-checked", as: F.pat)
        expectBlocked(&h, "confirm-breach", by: "assessment-complete", as: F.pat)
        expectBlocked(&h, "confirm-breach", by: "breach-determined", as: F.pat)
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "none"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.lee) }
        try h.run(.concludeAssessment(.lowProbability, reason: "removed within minutes, 3 views"), as: F.pat)
        expectBlocked(&h, "confirm-breach", by: "breach-determined", as: F.pat)
        try h.run(.act(action: "conclude-low-probability", note: nil), as: F.pat)
        #expect(h.state.currentState == "remediating")
    }

    @Test("no breach track ends with a low-probability finding unless the privacy officer concluded so")
    func lowProbability() throws {
        var h = try assessing()
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "none"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        expectBlocked(&h, "conclude-low-probability", by: "low-probability-determined", as: F.pat)
        try h.run(.concludeAssessment(.breach, reason: "legible"), as: F.pat)
        expectBlocked(&h, "conclude-low-probability", by: "low-probability-determined", as: F.pat)
    }

    @Test("a viral complaint closes only after private outreach is recorded")
    func outreachBeforeClose() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        h.state.currentState = "monitoring"
        expectBlocked(&h, "close", by: "outreach-recorded", as: F.alice)
    }

    @Test("an exclusion closes the breach track only when it applies")
    func exclusionApplies() throws {
        var h = try assessing()
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "none"), as: F.pat)
        expectBlocked(&h, "exclusion-applies", by: "notifications-complete", as: F.pat)
        try h.run(
            .recordExclusionCheck(exclusionApplies: true, reason: "sent by mistake between two treating nurses"),
            as: F.pat)
        try h.run(.act(action: "exclusion-applies", note: "164.402(1)(ii)"), as: F.pat)
    }

    @Test("the notification track ends only when every notice owed is recorded or documented as not owed")
    func notificationsComplete() throws {
        var h = try assessing()
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "none"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try h.run(
            .recordAffectedPopulation(total: 900, residentsByState: ["NY": 600, "NJ": 300], unreachable: 12), as: F.pat)
        try h.run(.concludeAssessment(.breach, reason: "legible chart"), as: F.pat)
        try h.run(.act(action: "confirm-breach", note: nil), as: F.pat)
        expectBlocked(&h, "notifications-sent", by: "notifications-complete", as: F.pat)
        try h.run(.recordNotification(.individuals, at: h.now, count: 888, stateCode: nil), as: F.pat)
        try h.run(.recordNotification(.hhs, at: h.now, count: 900, stateCode: nil), as: F.pat)
        try h.run(
            .recordNotification(
                .substitute, at: h.now, count: 12, stateCode: nil, details: F.webPosting(at: h.now)), as: F.pat)
        let refusal = h.refusal(.act(action: "notifications-sent", note: nil), as: F.pat)
        #expect(refusal?.message.contains("media (NY)") == true)
        #expect(refusal?.message.contains("NJ") == false)
        try h.run(.recordNotification(.media, at: h.now, count: nil, stateCode: "NY"), as: F.cora.withRole("legal"))
        try h.run(.act(action: "notifications-sent", note: nil), as: F.pat)
    }

    @Test("remediation needs removals resolved, a sanction and retraining")
    func remediation() throws {
        var h = try assessing()
        try h.run(
            .recordExclusionCheck(exclusionApplies: true, reason: "inadvertent, between authorised staff"), as: F.pat)
        try h.run(.act(action: "exclusion-applies", note: "402(1)(ii)"), as: F.pat)
        expectBlocked(&h, "begin-review", by: "removals-resolved", as: F.alice)
        expectBlocked(&h, "begin-review", by: "sanction-recorded", as: F.alice)
        expectBlocked(&h, "begin-review", by: "training-recorded", as: F.alice)
        try h.run(.removal(.fail(removalId: "r1", reason: "platform declined")), as: F.sam)
        try h.run(.recordSanction(.sanction, staffMember: "s", effectiveAt: h.now, description: "warning"), as: F.hank)
        try h.run(.recordSanction(.training, staffMember: "s", effectiveAt: h.now, description: "course"), as: F.hank)
        expectBlocked(&h, "begin-review", by: "removals-resolved", as: F.alice)
        try h.run(.removal(.confirm(removalId: "r1", evidence: nil)), as: F.sam)
        try h.run(.act(action: "begin-review", note: nil), as: F.alice)
        expectBlocked(&h, "close", by: "post-mortem-published", as: F.alice)
        try h.run(.postMortem(.start), as: F.alice)
        try h.run(.postMortem(.addEntry(.whatHappened, text: "a post stayed up")), as: F.alice)
        expectBlocked(&h, "close", by: "post-mortem-published", as: F.alice)
        try h.run(.message(.draft(channel: "public", body: .text("We hear you."))), as: F.sam)
        try h.run(.message(.submit(messageId: "m1")), as: F.sam)
        try h.run(.postMortem(.addEntry(.rootCause, text: "phones in chart areas")), as: F.alice)
        try h.run(.postMortem(.publish), as: F.alice)
        expectBlocked(&h, "close", by: "no-message-pending", as: F.alice)
        let refusal = h.refusal(.close(note: nil), as: F.alice)
        #expect(refusal?.rule == "action.guard")
        try h.run(.message(.reject(messageId: "m1", role: nil, reason: "not needed")), as: F.lee)
        try h.run(.close(note: nil), as: F.alice)
        #expect(h.state.lifecycle == .closed)
    }

    @Test("closing is refused where no action leads to a final state")
    func closeNotAvailable() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        #expect(h.refusal(.close(note: nil), as: F.alice)?.rule == "close.not-available")
    }

    @Test("a viral complaint forks to phi-leak only with a linked phi-leak incident")
    func phiFound() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        expectBlocked(&h, "phi-found", by: "phi-incident-linked", as: F.alice)
        try h.run(
            .linkIncident(other: UUID(), kind: "phi-leak", reason: "staff reply confirmed a patient"), as: F.alice)
        try h.run(.act(action: "phi-found", note: "staff reply named the patient"), as: F.alice)
    }

    @Test("viral complaint phases wait for the holding statement, the reply and the outreach")
    func viralGuards() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        try h.run(.act(action: "no-phi-found", note: "clean"), as: F.alice)
        expectBlocked(&h, "holding-posted", by: "holding-statement-published", as: F.sam)
        let id = try h.approvedMessage("We hear you.", channel: "holding", approvers: [F.pat, F.cora])
        try h.publish(id)
        try h.run(.act(action: "holding-posted", note: nil), as: F.sam)
        expectBlocked(&h, "reply-posted", by: "public-reply-published", as: F.sam)
        let reply = try h.approvedMessage(
            "Please message us privately.", channel: "public-reply", approvers: [F.pat, F.cora])
        try h.publish(reply)
        try h.run(.act(action: "reply-posted", note: nil), as: F.sam)
        try h.run(.act(action: "private-outreach-done", note: "done"), as: F.rita)
        try h.run(.act(action: "new-wave", note: "second platform"), as: F.alice)
        try h.run(.act(action: "reply-posted", note: nil), as: F.sam)
        try h.run(.act(action: "private-outreach-done", note: "again"), as: F.rita)
        try h.run(.message(.draft(channel: "public", body: .text("Draft."))), as: F.sam)
        try h.run(.message(.submit(messageId: "m3")), as: F.sam)
        expectBlocked(&h, "close", by: "no-message-pending", as: F.alice)
    }

    @Test("inappropriate-video investigation needs the consent check, family contact and settled notices")
    func videoGuards() throws {
        var h = try IncidentHarness("inappropriate-video")
        try h.open()
        expectBlocked(&h, "evidence-preserved", by: "evidence-captured", as: F.alice)
        try h.run(.captureEvidence(url: "u", capturedAt: h.now, contentSHA256: F.hash), as: F.sam)
        try h.run(.act(action: "evidence-preserved", note: nil), as: F.alice)
        expectBlocked(&h, "takedowns-requested", by: "removals-requested", as: F.alice)
        try h.run(.removal(.request(platform: "x", url: "https://x.example/p/1")), as: F.sam)
        try h.run(.act(action: "takedowns-requested", note: nil), as: F.alice)
        expectBlocked(&h, "investigation-complete", by: "authorisation-checked", as: F.alice)
        expectBlocked(&h, "investigation-complete", by: "family-contacted", as: F.alice)
        try h.run(.act(action: "record-authorisation-check", note: "none signed"), as: F.lee)
        try h.run(.act(action: "patient-or-family-contacted", note: "family called"), as: F.rita)
        try h.run(.act(action: "mark-patient-identifiable", note: "face and room visible"), as: F.pat)
        // An identifiable patient: the breach assessment of 164.402, as for phi-leak (version 3).
        expectBlocked(&h, "investigation-complete", by: "exclusion-checked-if-identifiable", as: F.alice)
        expectBlocked(&h, "investigation-complete", by: "assessment-complete-if-identifiable", as: F.alice)
        expectBlocked(&h, "investigation-complete", by: "assessment-concluded-if-identifiable", as: F.alice)
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "no exclusion fits"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.lee) }
        expectBlocked(&h, "investigation-complete", by: "assessment-concluded-if-identifiable", as: F.alice)
        try h.run(.concludeAssessment(.breach, reason: "face, room and diagnosis visible to 40,000 viewers"), as: F.pat)
        expectBlocked(&h, "investigation-complete", by: "notifications-complete", as: F.alice)
        try h.run(.recordNotification(.individuals, at: h.now, count: 1, stateCode: nil), as: F.pat)
        // No population recorded: no size-dependent clock can be judged, so the track cannot end.
        expectBlocked(&h, "investigation-complete", by: "notifications-complete", as: F.alice)
        try h.run(.recordAffectedPopulation(total: 1, residentsByState: ["NY": 1], unreachable: 0), as: F.pat)
        try h.run(.act(action: "investigation-complete", note: nil), as: F.alice)
        expectBlocked(&h, "accountability-recorded", by: "sanction-recorded", as: F.hank)
        expectBlocked(&h, "accountability-recorded", by: "training-recorded", as: F.hank)
        expectBlocked(&h, "accountability-recorded", by: "removals-resolved", as: F.hank)
    }

    @Test("a video whose patient is not identifiable needs no breach assessment to end the investigation")
    func videoWithoutIdentifiablePatient() throws {
        var h = try IncidentHarness("inappropriate-video")
        try h.open()
        try h.run(.captureEvidence(url: "u", capturedAt: h.now, contentSHA256: F.hash), as: F.sam)
        try h.run(.act(action: "evidence-preserved", note: nil), as: F.alice)
        try h.run(.removal(.request(platform: "x", url: "https://x.example/p/1")), as: F.sam)
        try h.run(.act(action: "takedowns-requested", note: nil), as: F.alice)
        try h.run(.act(action: "record-authorisation-check", note: "none signed"), as: F.lee)
        try h.run(.act(action: "patient-or-family-contacted", note: "family called"), as: F.rita)
        for guardName in [
            "exclusion-checked-if-identifiable", "assessment-complete-if-identifiable",
            "assessment-concluded-if-identifiable",
        ] {
            #expect(h.definition.evaluate(guardNamed: guardName, on: h.state).isSatisfied, "\(guardName)")
        }
    }

    @Test("available actions list the open actions, their roles and what blocks them")
    func available() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        let actions = availableActions(h.state, h.definition, actor: F.sam)
        let first = try #require(actions.first)
        #expect(first.action == "begin-containment")
        #expect(first.allowedRoles == ["commander", "privacy-officer"])
        #expect(first.actorMayTake == false)
        #expect(first.unmetGuards.map(\.guardName) == ["evidence-captured"])
        #expect(!first.isOpen)
        #expect(checklist(h.state, h.definition).count == 4)
    }
}

extension Actor {
    func withRole(_ role: String) -> Actor {
        Actor(databaseRole: databaseRole, organisationalRoles: organisationalRoles.union([role]))
    }
}
