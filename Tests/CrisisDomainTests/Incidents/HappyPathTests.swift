import CrisisDomain
import Foundation
import Testing

@Suite("A full incident of each kind runs from open to close")
struct HappyPathTests {
    typealias F = Fixtures

    @Test("a viral complaint: triage, holding statement, private-channel reply, outreach, close")
    func viralComplaint() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        try h.run(.act(action: "no-phi-found", note: "thread holds no patient detail; no staff reply"), as: F.alice)
        try h.run(
            .message(
                .draft(
                    channel: "holding",
                    body: .template(name: "holding-statement", values: ["patient_relations_line": "1-800-555-0100"]))),
            as: F.sam)
        try h.run(.message(.submit(messageId: "m1")), as: F.sam)
        try h.run(.message(.approve(messageId: "m1", role: nil, note: nil)), as: F.pat)
        try h.run(.message(.approve(messageId: "m1", role: nil, note: nil)), as: F.cora)
        try h.publish("m1")
        try h.run(.act(action: "holding-posted", note: nil), as: F.sam)
        try h.run(.act(action: "flag-litigation-threat", note: "poster says they have a lawyer"), as: F.alice)
        let reply = try h.approvedMessage(
            "Thank you for reaching out. We cannot discuss details here. Please send us a direct message or call 1-800-555-0100.",
            channel: "public-reply", approvers: [F.pat, F.cora, F.lee])
        try h.publish(reply)
        try h.run(.act(action: "reply-posted", note: nil), as: F.sam)
        try h.run(.act(action: "private-outreach-done", note: "called; they accepted a meeting"), as: F.rita)
        h.advance(hours: 48)
        try h.run(.close(note: "quiet for 48 hours"), as: F.alice)
        #expect(h.state.lifecycle == .closed)
        #expect(h.state.currentState == "closed")
        #expect(h.state.messages.allSatisfy { $0.status == .published })
        #expect(deadlines(h.state, h.definition, now: h.now).allSatisfy { $0.status == .met })
    }

    @Test("a PHI leak: evidence, containment, assessment, notifications, remediation, post-mortem, close")
    func phiLeak() throws {
        var h = try IncidentHarness("phi-leak", overlays: ["california"])
        try h.open(posts: [
            PostReference(platform: "instagram", url: "https://ig.example/p/9"),
            PostReference(platform: "tiktok", url: "https://tt.example/v/3"),
        ])
        try h.run(.captureEvidence(url: "https://ig.example/p/9", capturedAt: h.now, contentSHA256: F.hash), as: F.sam)
        try h.run(.act(action: "begin-containment", note: nil), as: F.alice)
        try h.run(.removal(.request(platform: "instagram", url: "https://ig.example/p/9")), as: F.sam)
        try h.run(.removal(.request(platform: "tiktok", url: "https://tt.example/v/3")), as: F.sam)
        try h.run(.act(action: "containment-requested", note: "nurse's account access revoked"), as: F.alice)
        let holding = try h.approvedMessage(
            "We are aware of a post that may involve information about people in our care. We have asked for it to be removed.",
            approvers: [F.lee, F.pat])
        try h.publish(holding)
        try h.run(
            .recordExclusionCheck(exclusionApplies: false, reason: "posted publicly; no exclusion applies"), as: F.pat)
        for factor in 1...4 {
            try h.run(.recordAssessmentFactor(factor: factor, finding: "finding \(factor)"), as: F.pat)
        }
        try h.run(.recordAffectedPopulation(total: 12, residentsByState: ["CA": 12], unreachable: 0), as: F.pat)
        try h.run(.concludeAssessment(.breach, reason: "chart legible; viewed 4,000 times"), as: F.pat)
        try h.run(.act(action: "confirm-breach", note: nil), as: F.pat)
        h.advance(hours: 72)
        try h.run(.removal(.confirm(removalId: "r1", evidence: "platform email")), as: F.sam)
        try h.run(.removal(.abandon(removalId: "r2", reason: "account deleted by its owner; video gone")), as: F.sam)
        try h.run(.recordNotification(.individuals, at: h.now, count: 12, stateCode: nil), as: F.pat)
        try h.run(.recordNotification(.state, at: h.now, count: 12, stateCode: "CA"), as: F.pat)
        // Fewer than 500: HHS is owed in the annual log after the year ends, which does not hold the incident back.
        try h.run(.act(action: "notifications-sent", note: nil), as: F.pat)
        try h.run(
            .recordSanction(
                .sanction, staffMember: "nurse on 4 West", effectiveAt: h.now, description: "written warning"),
            as: F.hank)
        try h.run(
            .recordSanction(
                .training, staffMember: "nurse on 4 West", effectiveAt: h.now,
                description: "social-media privacy course"), as: F.hank)
        try h.run(.act(action: "begin-review", note: nil), as: F.alice)
        try h.publishPostMortem(as: F.alice, rootCause: "phones out of chart areas")
        try h.run(.close(note: nil), as: F.alice)
        #expect(h.state.lifecycle == .closed)
        #expect(h.state.removals.allSatisfy { $0.isResolved })
        // The HHS annual log outlives the incident: still open after closing, met by its entry.
        #expect(openDeadlines(h.state, h.definition, now: h.now).map(\.name) == ["hhs-annual-log"])
        try h.run(.recordNotification(.hhs, at: h.now, count: 12, stateCode: nil), as: F.pat)
        #expect(openDeadlines(h.state, h.definition, now: h.now).isEmpty)
    }

    @Test("an inappropriate video: evidence, takedown, consent check, contact, accountability, close")
    func inappropriateVideo() throws {
        var h = try IncidentHarness("inappropriate-video")
        try h.open(posts: [PostReference(platform: "tiktok", url: "https://tt.example/v/7")])
        try h.run(.captureEvidence(url: "https://tt.example/v/7", capturedAt: h.now, contentSHA256: F.hash), as: F.sam)
        try h.run(.act(action: "evidence-preserved", note: nil), as: F.alice)
        try h.run(.removal(.request(platform: "tiktok", url: "https://tt.example/v/7")), as: F.sam)
        try h.run(.act(action: "takedowns-requested", note: nil), as: F.sam)
        try h.run(.act(action: "record-authorisation-check", note: "no written authorisation on file"), as: F.lee)
        try h.run(.act(action: "patient-or-family-contacted", note: "family informed; apology made"), as: F.rita)
        try h.run(.act(action: "log-media-enquiry", note: "local TV; no-comment statement"), as: F.cora)
        let statement = try h.approvedMessage(
            "We are aware of a video shared online. We have asked the platforms to remove it.", author: F.carl,
            approvers: [F.cora, F.lee])
        try h.publish(statement, as: F.cora)
        try h.run(
            .act(action: "mark-no-patient-identifiable", note: "only the back of a head; no voice, room or tattoo"),
            as: F.pat)
        try h.run(.act(action: "investigation-complete", note: nil), as: F.alice)
        try h.run(.removal(.confirm(removalId: "r1", evidence: nil)), as: F.sam)
        try h.run(
            .recordSanction(.sanction, staffMember: "orderly", effectiveAt: h.now, description: "suspension"),
            as: F.hank)
        try h.run(
            .recordSanction(.training, staffMember: "orderly", effectiveAt: h.now, description: "privacy training"),
            as: F.hank)
        try h.run(.act(action: "accountability-recorded", note: nil), as: F.hank)
        try h.publishPostMortem(as: F.alice, rootCause: "filming policy not known on every unit")
        try h.run(.close(note: nil), as: F.alice)
        #expect(h.state.lifecycle == .closed)
    }
}
