import CrisisDomain
import Foundation
import Testing

@Suite("What-if: recorded incidents replayed under a proposed workflow")
struct WhatIfTests {
    typealias F = Fixtures

    /// A viral complaint whose holding statement went out `hours` after detection.
    private func complaint(publishedAfter hours: Double) throws -> IncidentHarness {
        var h = try IncidentHarness("viral-complaint")
        try h.run(.open(OpenIncident(id: UUID(), title: "Complaint")), as: F.alice)
        try h.run(.assign(role: "commander", to: "alice"), as: F.alice)
        try h.run(.act(action: "no-phi-found", note: "none"), as: F.alice)
        try h.run(
            .message(
                .draft(
                    channel: "holding",
                    body: .template(name: "holding-statement", values: ["patient_relations_line": "1-800-555-0100"]))),
            as: F.sam)
        try h.run(.message(.submit(messageId: "m1")), as: F.sam)
        try h.run(.message(.approve(messageId: "m1", role: nil, note: nil)), as: F.pat)
        try h.run(.message(.approve(messageId: "m1", role: nil, note: nil)), as: F.cora)
        h.advance(hours: hours)
        try h.publish("m1")
        return h
    }

    private func proposed(_ edit: (String) -> String) throws -> WorkflowDefinition {
        let text = try #require(String(data: try Fixtures.contents("viral-complaint"), encoding: .utf8))
        return try WorkflowLoader.load(fileName: "viral-complaint.yaml", text: edit(text))
    }

    @Test("a 1-hour first response names the incidents that met 2 hours and would have missed 1")
    func shorterDeadline() throws {
        let slow = try complaint(publishedAfter: 1.5)
        let quick = try complaint(publishedAfter: 0.5)
        let oneHour = try proposed {
            $0.replacingOccurrences(
                of: "    within: 2 hours\n    met-by: {guard: first-public-response}",
                with: "    within: 1 hour\n    met-by: {guard: first-public-response}")
        }
        let whatIf = WhatIf(
            proposed: oneHour, incidents: [(slow.history, slow.definition), (quick.history, quick.definition)],
            since: nil, now: slow.now)
        let first = try #require(whatIf.totals.deadlines.first { $0.deadline == "first-public-response" })
        #expect(first.wouldHaveMissed == [try #require(slow.state.id)])
        #expect(first.missedRecorded == 0)
        #expect(first.missedProposed == 1)
        #expect(whatIf.totals.refusedEvents == 0)
        #expect(whatIf.summary.contains("first-public-response missed 0 → 1"))
    }

    @Test("a recorded event the proposed rules would not allow is named with its rule id, as audit rules names it")
    func refusedEvents() throws {
        let h = try complaint(publishedAfter: 0.5)
        let renamed = try proposed { $0.replacingOccurrences(of: "no-phi-found", with: "nothing-found") }
        let whatIf = WhatIf(proposed: renamed, incidents: [(h.history, h.definition)], since: nil, now: h.now)
        let refused = try #require(whatIf.incidents.first?.refused)
        #expect(refused.map(\.rule) == ["action.not-available-in-state"])
        #expect(refused.first?.eventType == "ActionTaken")
        #expect(whatIf.totals.incidentsWithRefusals == 1)
    }

    @Test("a proposal keeps the what-if it was argued with, and says whether the adopted version is that definition")
    func proposalEvidence() throws {
        let evidence = WhatIfEvidence(
            digest: "sha256:ab", summary: "s",
            workflow: WorkflowReference(kind: "viral-complaint", version: 3, contentHash: "h3"))
        var proposal = PolicyProposal()
        proposal = proposal.evolved(
            .proposed(
                PolicyChangeProposed(
                    proposalId: UUID(), workflowKind: "viral-complaint", change: "1 hour", fromIncidents: [UUID()],
                    workflowVersion: 2, whatIf: evidence)), by: "alice", at: F.start, version: 1)
        #expect(proposal.whatIf == evidence)
        #expect(proposal.adoptedAsArgued == nil)
        let adopted = proposal.evolved(
            .adopted(PolicyChangeAdopted(kind: "viral-complaint", version: 3, contentHash: "h3")), by: "crisis",
            at: F.start, version: 2)
        #expect(adopted.adoptedAsArgued == true)
        let other = proposal.evolved(
            .adopted(PolicyChangeAdopted(kind: "viral-complaint", version: 3, contentHash: "other")), by: "crisis",
            at: F.start, version: 2)
        #expect(other.adoptedAsArgued == false)
    }
}
