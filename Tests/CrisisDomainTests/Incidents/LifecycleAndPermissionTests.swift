import CrisisDomain
import Foundation
import Testing

@Suite("Incident lifecycle and permissions")
struct LifecycleAndPermissionTests {
    typealias F = Fixtures

    @Test("opening records the workflow kind, version and hash, detection and discovery")
    func open() throws {
        var h = try IncidentHarness("phi-leak")
        let discovered = F.start.addingTimeInterval(-86_400)
        try h.run(
            .open(OpenIncident(id: F.incidentId, title: "Chart in selfie", posts: [], discoveredAt: discovered)),
            as: F.sam)
        #expect(h.state.workflow == h.definition.reference)
        #expect(h.state.currentState == "detected")
        #expect(h.state.detectedAt == F.start)
        #expect(h.state.discoveredAt == discovered)
        #expect(h.state.openedBy == "sam")
    }

    @Test("an incident cannot be opened twice")
    func openTwice() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        #expect(
            h.refusal(.open(OpenIncident(id: F.incidentId, title: "again")), as: F.alice)?.rule
                == "incident.already-open")
    }

    @Test("an incident needs a title")
    func title() throws {
        var h = try IncidentHarness("phi-leak")
        #expect(h.refusal(.open(OpenIncident(id: F.incidentId, title: "  ")), as: F.alice)?.rule == "input.required")
    }

    @Test("detection and discovery cannot be in the future")
    func openInFuture() throws {
        var h = try IncidentHarness("phi-leak")
        #expect(
            h.refusal(
                .open(OpenIncident(id: F.incidentId, title: "t", discoveredAt: F.start.addingTimeInterval(60))),
                as: F.alice)?.rule == "incident.time-in-future")
    }

    @Test("a command on an incident that is not open is refused")
    func notOpen() throws {
        var h = try IncidentHarness("phi-leak")
        #expect(h.refusal(.note("hello"), as: F.alice)?.rule == "incident.not-open")
    }

    @Test("an incident is decided only with the definition it opened under")
    func workflowMismatch() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        var changed = h.definition
        changed.contentHash = String(repeating: "0", count: 64)
        #expect(throws: Refusal.self) { try decide(.note("x"), h.state, changed, actor: F.alice, now: h.now) }
        do {
            _ = try decide(.note("x"), h.state, changed, actor: F.alice, now: h.now)
        } catch {
            #expect(error.rule == "workflow.mismatch")
        }
    }

    @Test("an auditor may read but never act")
    func auditorReadOnly() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        #expect(h.refusal(.note("looking"), as: F.audrey)?.rule == "permission.read-only")
    }

    @Test("a command is refused to a role the workflow does not allow")
    func roleNotAllowed() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        #expect(h.refusal(.assign(role: "legal", to: "lee"), as: F.sam)?.rule == "permission.role")
    }

    @Test("assigning an unknown role, or the same person twice, is refused")
    func assign() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        #expect(h.refusal(.assign(role: "janitor", to: "joe"), as: F.alice)?.rule == "assign.unknown-role")
        #expect(h.refusal(.assign(role: "commander", to: "alice"), as: F.alice)?.rule == "assign.already-assigned")
        try h.run(.assign(role: "legal", to: "lee"), as: F.alice)
        #expect(h.state.assignments["legal"] == ["lee"])
    }

    @Test("an empty note is refused")
    func emptyNote() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        #expect(h.refusal(.note(" \n"), as: F.alice)?.rule == "input.required")
    }

    @Test("notes, drafts, removals and assessments are accepted in every open state")
    func communicationInEveryState() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        #expect(h.state.currentState == "detected")
        try h.run(.note("n"), as: F.sam)
        try h.run(.message(.draft(channel: "public", body: .text("We hear you."))), as: F.sam)
        try h.run(.removal(.request(platform: "x", url: "https://x.example/p/1")), as: F.sam)
        try h.run(.recordAssessmentFactor(factor: 1, finding: "name and diagnosis visible"), as: F.pat)
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "none applies"), as: F.pat)
        #expect(h.state.currentState == "detected")
    }

    @Test("a closed incident accepts only notes and post-mortem entries")
    func closed() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        try h.run(.act(action: "no-phi-found", note: "clean"), as: F.alice)
        let id = try h.approvedMessage("We hear you.", channel: "holding", approvers: [F.pat, F.cora])
        try h.publish(id)
        try h.run(.act(action: "holding-posted", note: nil), as: F.sam)
        let reply = try h.approvedMessage(
            "Please message us privately.", channel: "public-reply", approvers: [F.pat, F.cora])
        try h.publish(reply)
        try h.run(.act(action: "reply-posted", note: nil), as: F.sam)
        try h.run(.act(action: "private-outreach-done", note: "done"), as: F.rita)
        try h.run(.close(note: nil), as: F.alice)
        #expect(h.refusal(.message(.draft(channel: "public", body: .text("hi"))), as: F.sam)?.rule == "incident.closed")
        try h.run(.note("late note"), as: F.alice)
        try h.publishPostMortem(as: F.alice)
        #expect(
            try decide(
                .recordMissedDeadlines, h.state, h.definition, actor: F.alice, now: h.now.addingTimeInterval(1e7)
            ).isEmpty)
    }
}
