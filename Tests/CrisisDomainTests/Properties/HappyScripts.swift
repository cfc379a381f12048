import CrisisDomain
import Foundation

/// The happy path of each kind as pool entries, so random runs can interleave noise with progress.
enum HappyScripts {
    typealias F = Fixtures
    typealias Entry = CommandPool.Entry

    static func script(_ kind: String) -> [Entry] {
        switch kind {
        case "viral-complaint": viral
        case "phi-leak": phiLeak
        default: video
        }
    }

    static func latest(_ state: IncidentState) -> String { state.messages.last?.id ?? "m1" }

    static func message(
        channel: String, text: String, approvers: [Actor], publisher: Actor = F.sam, author: Actor = F.sam
    ) -> [Entry] {
        var entries: [Entry] = [
            { _, _ in (.message(.draft(channel: channel, body: .text(text))), author) },
            { state, _ in (.message(.submit(messageId: latest(state))), author) },
        ]
        for approver in approvers {
            entries.append { state, _ in (.message(.approve(messageId: latest(state), role: nil, note: nil)), approver)
            }
        }
        entries.append { state, _ in
            (
                .message(.publish(messageId: latest(state), url: "https://x/p", text: state.messages.last?.text ?? "")),
                publisher
            )
        }
        return entries
    }

    static let viral: [Entry] =
        [{ _, _ in (.act(action: "no-phi-found", note: "clean"), F.alice) }]
        + message(channel: "holding", text: "We are looking into it.", approvers: [F.pat, F.cora])
        + [{ _, _ in (.act(action: "holding-posted", note: nil), F.sam) }]
        + message(channel: "public-reply", text: "Please send us a direct message.", approvers: [F.pat, F.cora])
        + [
            { _, _ in (.act(action: "reply-posted", note: nil), F.sam) },
            { _, _ in (.act(action: "private-outreach-done", note: "done"), F.rita) },
            { _, _ in (.close(note: nil), F.alice) },
        ]

    static let phiLeak: [Entry] = [
        { _, now in (.captureEvidence(url: "u", capturedAt: now, contentSHA256: F.hash), F.sam) },
        { _, _ in (.act(action: "begin-containment", note: nil), F.alice) },
        { _, _ in (.removal(.request(platform: "x", url: "https://x.example/p/1")), F.sam) },
        { _, _ in (.act(action: "containment-requested", note: "revoked"), F.alice) },
        { _, _ in (.recordExclusionCheck(exclusionApplies: false, reason: "none"), F.pat) },
        { _, _ in (.recordAssessmentFactor(factor: 1, finding: "f"), F.pat) },
        { _, _ in (.recordAssessmentFactor(factor: 2, finding: "f"), F.pat) },
        { _, _ in (.recordAssessmentFactor(factor: 3, finding: "f"), F.pat) },
        { _, _ in (.recordAssessmentFactor(factor: 4, finding: "f"), F.pat) },
        { _, _ in (.recordAffectedPopulation(total: 12, residentsByState: ["NY": 12], unreachable: 0), F.pat) },
        { _, _ in (.concludeAssessment(.breach, reason: "r"), F.pat) },
        { _, _ in (.act(action: "confirm-breach", note: nil), F.pat) },
        { _, now in (.recordNotification(.individuals, at: now, count: 12, stateCode: nil), F.pat) },
        { _, now in (.recordNotification(.hhs, at: now, count: 12, stateCode: nil), F.pat) },
        { _, _ in (.act(action: "notifications-sent", note: nil), F.pat) },
        { _, _ in (.removal(.confirm(removalId: "r1", evidence: nil)), F.sam) },
        { _, now in (.recordSanction(.sanction, staffMember: "s", effectiveAt: now, description: "d"), F.hank) },
        { _, now in (.recordSanction(.training, staffMember: "s", effectiveAt: now, description: "d"), F.hank) },
        { _, _ in (.act(action: "begin-review", note: nil), F.alice) },
        { _, _ in (.postMortem(.start), F.alice) },
        { _, _ in (.postMortem(.addEntry(.whatHappened, text: "pm")), F.alice) },
        { _, _ in (.postMortem(.addEntry(.rootCause, text: "rc")), F.alice) },
        { _, _ in (.postMortem(.publish), F.alice) },
        { _, _ in (.close(note: nil), F.alice) },
    ]

    static let video: [Entry] =
        [
            { _, now in (.captureEvidence(url: "u", capturedAt: now, contentSHA256: F.hash), F.sam) },
            { _, _ in (.act(action: "evidence-preserved", note: nil), F.alice) },
            { _, _ in (.removal(.request(platform: "x", url: "https://x.example/p/1")), F.sam) },
            { _, _ in (.act(action: "takedowns-requested", note: nil), F.sam) },
            { _, _ in (.act(action: "record-authorisation-check", note: "none"), F.lee) },
            { _, _ in (.act(action: "patient-or-family-contacted", note: "called"), F.rita) },
        ]
        + message(
            channel: "media", text: "No comment at this time.", approvers: [F.cora, F.lee], publisher: F.cora,
            author: F.carl)
        + [
            { _, _ in (.act(action: "investigation-complete", note: nil), F.alice) },
            { _, _ in (.removal(.confirm(removalId: "r1", evidence: nil)), F.sam) },
            { _, now in (.recordSanction(.sanction, staffMember: "s", effectiveAt: now, description: "d"), F.hank) },
            { _, now in (.recordSanction(.training, staffMember: "s", effectiveAt: now, description: "d"), F.hank) },
            { _, _ in (.act(action: "accountability-recorded", note: nil), F.hank) },
            { _, _ in (.postMortem(.start), F.alice) },
            { _, _ in (.postMortem(.addEntry(.whatHappened, text: "pm")), F.alice) },
            { _, _ in (.postMortem(.addEntry(.rootCause, text: "rc")), F.alice) },
            { _, _ in (.postMortem(.publish), F.alice) },
            { _, _ in (.close(note: nil), F.alice) },
        ]
}
