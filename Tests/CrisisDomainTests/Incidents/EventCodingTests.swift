import CrisisDomain
import Foundation
import Testing

@Suite("Event storage format")
struct EventCodingTests {
    static let t = Date(timeIntervalSince1970: 1_777_899_600.125)

    /// One sample of every event type.
    static let samples: [IncidentEvent] = [
        .incidentOpened(
            IncidentOpened(
                incidentId: Fixtures.incidentId, kind: "phi-leak", title: "t",
                workflow: WorkflowReference(kind: "phi-leak", version: 1, contentHash: "h"),
                overlays: [OverlayReference(name: "california", version: 1, contentHash: "c")],
                initialState: "detected", posts: [PostReference(platform: "x", url: "u")], detectedAt: t,
                discoveredAt: nil, linkedIncident: UUID())),
        .roleAssigned(RoleAssigned(role: "legal", person: "lee")),
        .actionTaken(ActionTaken(action: "a", from: "x", to: "y", note: nil)),
        .noteAdded(NoteAdded(text: "n")),
        .incidentLinked(IncidentLinked(otherIncident: UUID(), otherKind: "phi-leak", reason: "r")),
        .message(.drafted(MessageDrafted(messageId: "m1", channel: "public", text: "t", template: "hold"))),
        .message(.edited(MessageEdited(messageId: "m1", text: "t2", revision: 2))),
        .message(.submitted(MessageSubmitted(messageId: "m1", revision: 2))),
        .message(
            .approved(
                MessageApproved(
                    messageId: "m1", role: "legal", revision: 2, textSHA256: "h", note: nil, approvalComplete: true))),
        .message(.rejected(MessageRejected(messageId: "m1", role: "legal", revision: 2, reason: "r"))),
        .message(.published(MessagePublished(messageId: "m1", url: "https://x/1", revision: 2, textSHA256: "h"))),
        .message(.phiScannerOverridden(PHIScannerOverridden(textSHA256: "h", findings: ["f"], reason: "r"))),
        .removal(.requested(RemovalRequested(removalId: "r1", platform: "x", url: "u"))),
        .removal(.confirmed(RemovalResolved(removalId: "r1", detail: nil))),
        .removal(.failed(RemovalResolved(removalId: "r1", detail: "d"))),
        .removal(.abandoned(RemovalResolved(removalId: "r1", detail: "d"))),
        .evidenceCaptured(EvidenceCaptured(url: "u", capturedAt: t, contentSHA256: "h")),
        .discoveryAmended(DiscoveryAmended(discoveredAt: t, reason: "r")),
        .exclusionCheckRecorded(ExclusionCheckRecorded(exclusionApplies: false, reason: "r")),
        .assessmentFactorRecorded(AssessmentFactorRecorded(factor: .mitigation, finding: "f")),
        .assessmentConcluded(AssessmentConcluded(conclusion: .lowProbability, reason: "r")),
        .affectedPopulationRecorded(AffectedPopulationRecorded(total: 3, residentsByState: ["CA": 3], unreachable: 0)),
        .notificationRecorded(NotificationRecorded(recipient: .media, notifiedAt: t, count: nil, stateCode: "CA")),
        .notificationNotOwedRecorded(NotificationNotOwedRecorded(recipient: .hhs, stateCode: nil, reason: "r")),
        .lawEnforcementDelayRecorded(
            LawEnforcementDelayRecorded(statement: .written, statedAt: t, until: t, official: "o")),
        .sanctionRecorded(SanctionRecorded(kind: .training, staffMember: "s", effectiveAt: t, description: "d")),
        .deadlineMissed(DeadlineMissed(deadlineId: "d", dueAt: t)),
        .deadlineEscalated(DeadlineEscalated(deadlineId: "d", escalatedTo: "on-call")),
        .postMortem(.recorded(NoteAdded(text: "p"))),
        .postMortem(.started(PostMortemStarted())),
        .postMortem(
            .entryAdded(
                PostMortemEntryAdded(entryId: "e2", section: .rootCause, text: "t", corrects: "e1", reason: "r"))),
        .postMortem(.actionAdded(PostMortemActionAdded(actionId: "a1", text: "t", owner: "hank", due: "2026-12-01"))),
        .postMortem(.actionCompleted(PostMortemActionCompleted(actionId: "a1", note: nil))),
        .postMortem(.published(PostMortemPublished(entries: 2, actions: 1, contentSHA256: "ab"))),
        .incidentClosed(IncidentClosed(finalState: "closed", note: nil)),
        .commandRefused(CommandRefused(command: "publish-message", rule: "message.approvals-missing", reason: "r")),
        .incidentRestricted(IncidentRestricted(reason: "the patient is staff")),
        .accessGranted(AccessChanged(person: "lee")),
        .accessRevoked(AccessChanged(person: "lee")),
        .auditAccessGranted(AuditAccessGranted(person: "audrey", until: Date(timeIntervalSince1970: 1_790_000_000))),
        .legalHoldPlaced(LegalHoldChanged(reason: "Roe v. Hospital")),
        .legalHoldReleased(LegalHoldChanged(reason: "settled")),
        .keyShredded(KeyShredded(reason: "six years after closing")),
        .privilegedNoteAdded(PrivilegedNoteAdded(text: "counsel's view")),
        .businessAssociateNoticeRecorded(
            BusinessAssociateNoticeRecorded(
                associate: "Brightline Social LLC", discoveredAt: t, toldAt: t.addingTimeInterval(70 * 86_400),
                late: true, lateReason: "its review took ten weeks")),
        .assessmentRevised(
            AssessmentRevised(
                conclusion: .lowProbability, reason: "forensics", replaces: .breach,
                keptMisses: [
                    KeptMiss(
                        deadlineId: "individuals-notice", name: "individuals-notice", stateCode: nil,
                        startedAt: Date(timeIntervalSince1970: 1_777_000_000),
                        dueAt: Date(timeIntervalSince1970: 1_782_184_000), metAt: nil)
                ])),
        .breachCircumstancesRecorded(
            BreachCircumstancesRecorded(
                breachOn: Date(timeIntervalSince1970: 1_776_000_000), firstKnownBy: "charge nurse",
                committedBy: "agency nurse", reason: "photo metadata")),
        .paging(
            .requested(
                PageRequested(
                    pageId: "7d4c4c3e-0a1b2c3d", rule: "incident-opened", cause: PageCause(.incidentOpened),
                    role: "commander", level: 1, recipients: ["alice"],
                    routes: [PageRoute(person: "alice", route: PageRoute.email)],
                    acknowledgeBy: Date(timeIntervalSince1970: 1_777_900_500), dueAt: nil))),
        .paging(
            .delivered(
                PageDelivered(
                    pageId: "7d4c4c3e-0a1b2c3d", person: "alice", route: "email", attempt: 1,
                    receipt: "queued by sendmail"))),
        .paging(
            .failed(
                PageFailed(
                    pageId: "7d4c4c3e-0a1b2c3d", person: "alice", route: "webhook:pager", attempt: 2,
                    reason: "HTTP 500", retryAt: Date(timeIntervalSince1970: 1_777_900_600)))),
        .paging(.acknowledged(PageAcknowledged(pageId: "7d4c4c3e-0a1b2c3d", note: "on it"))),
        .paging(.escalated(PageEscalated(pageId: "7d4c4c3e-0a1b2c3d", toPageId: nil, reason: .notAcknowledged))),
        .freeze(
            .started(
                FreezeStarted(
                    freezeId: "f1", accounts: ["instagram:stmaryshospital"], reason: "campaign paused",
                    trigger: "manual", mayEndIn: []))),
        .freeze(.ended(FreezeEnded(freezeId: "f1", reason: "over", handedOverTo: "marketing"))),
        .freeze(
            .notified(
                FreezeNotified(
                    freezeId: "f1", change: .started, channel: "publishing", delivered: true, answer: "HTTP 200"))),
    ]

    @Test("every event type has a sample, and the names are unique UpperCamel")
    func names() {
        #expect(Self.samples.map(\.eventType) == IncidentEvent.eventTypes)
        #expect(Set(IncidentEvent.eventTypes).count == IncidentEvent.eventTypes.count)
        #expect(IncidentEvent.eventTypes.allSatisfy { $0.first?.isUppercase == true && !$0.contains("-") })
    }

    @Test("every event survives encoding and decoding unchanged", arguments: samples)
    func roundTrip(event: IncidentEvent) throws {
        let data = try event.encodedData()
        let object = try JSONSerialization.jsonObject(with: data)
        #expect(object is [String: Any])
        #expect(try IncidentEvent.decode(eventType: event.eventType, data: data) == event)
    }

    @Test("dates are stored as ISO 8601 in UTC with fractional seconds")
    func dates() throws {
        let data = try IncidentEvent.deadlineMissed(DeadlineMissed(deadlineId: "d", dueAt: Self.t)).encodedData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text == #"{"deadlineId":"d","dueAt":"2026-05-04T13:00:00.125Z"}"#)
    }

    @Test("an unknown event type is refused with a clear error")
    func unknownType() {
        #expect(throws: EventDecodingError.unknownEventType("MessageTeleported")) {
            try IncidentEvent.decode(eventType: "MessageTeleported", data: Data("{}".utf8))
        }
    }

    @Test("data that does not match the schema is refused naming the type")
    func malformed() {
        do {
            _ = try IncidentEvent.decode(eventType: "NoteAdded", data: Data("{}".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("NoteAdded"))
        }
    }

    @Test("incident state prints as JSON and reads back equal")
    func stateCodable() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        try h.run(.message(.draft(channel: "public", body: .text("We hear you."))), as: Fixtures.sam)
        let data = try EventJSON.encoder().encode(h.state)
        #expect(try EventJSON.decoder().decode(IncidentState.self, from: data) == h.state)
    }
}
