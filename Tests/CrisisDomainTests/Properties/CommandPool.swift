import CrisisDomain
import Foundation

/// Every kind of command, issued by a plausible person, built from the current state so that
/// random sequences exercise accepted and refused commands alike.
enum CommandPool {
    typealias F = Fixtures
    typealias Entry = @Sendable (IncidentState, Date) -> (IncidentCommand, Actor)

    static func entries(for definition: WorkflowDefinition) -> [Entry] {
        var pool: [Entry] = []
        for action in definition.states.flatMap(\.actions) {
            let actor = Actor(
                databaseRole: "actor-\(action.roles[0])", organisationalRoles: Set(action.roles.prefix(1)))
            pool.append { _, _ in (.act(action: action.name, note: "note"), actor) }
        }
        let texts = ["We hear you.", "Please message us privately.", "Your visit on June 3 was hard."]
        for text in texts {
            pool.append { _, _ in (.message(.draft(channel: "public", body: .text(text))), F.sam) }
        }
        pool.append { _, _ in (.message(.draft(channel: "holding", body: .text("We are looking into it."))), F.sam) }
        pool.append { _, _ in
            (.message(.draft(channel: "public-reply", body: .text("Please send us a direct message."))), F.carl)
        }
        for id in (1...6).map({ "m\($0)" }) {
            pool.append { _, _ in (.message(.submit(messageId: id)), F.sam) }
            pool.append { _, _ in (.message(.edit(messageId: id, text: "We hear you, and we are listening.")), F.sam) }
            for approver in [F.lee, F.pat, F.cora, F.priya] {
                pool.append { _, _ in (.message(.approve(messageId: id, role: nil, note: nil)), approver) }
            }
            pool.append { _, _ in (.message(.reject(messageId: id, role: nil, reason: "say less")), F.lee) }
            pool.append { state, _ in
                (.message(.publish(messageId: id, url: "https://x/\(id)", text: state.message(id)?.text ?? "")), F.cora)
            }
        }
        // The same steps on the latest message, so that random runs get messages out.
        for _ in 0..<3 {
            pool.append { state, _ in (.message(.submit(messageId: state.messages.last?.id ?? "m1")), F.sam) }
            for approver in [F.lee, F.pat, F.cora] {
                pool.append { state, _ in
                    (.message(.approve(messageId: state.messages.last?.id ?? "m1", role: nil, note: nil)), approver)
                }
            }
            pool.append { state, _ in
                let message = state.messages.last
                return (
                    .message(
                        .publish(messageId: message?.id ?? "m1", url: "https://x/last", text: message?.text ?? "")),
                    F.cora
                )
            }
        }
        pool.append { _, _ in
            (.message(.overridePHIFinding(text: "Your visit on June 3 was hard.", reason: "test")), F.pat)
        }
        for url in ["https://x.example/p/1", "https://y.example/p/2"] {
            pool.append { _, _ in (.removal(.request(platform: "p", url: url)), F.sam) }
        }
        for id in ["r1", "r2"] {
            pool.append { _, _ in (.removal(.confirm(removalId: id, evidence: nil)), F.sam) }
            pool.append { _, _ in (.removal(.fail(removalId: id, reason: "declined")), F.sam) }
            pool.append { _, _ in (.removal(.abandon(removalId: id, reason: "gone")), F.sam) }
        }
        pool.append { _, now in (.captureEvidence(url: "u", capturedAt: now, contentSHA256: F.hash), F.sam) }
        pool.append { _, _ in (.assign(role: "commander", to: "alice"), F.alice) }
        pool.append { _, _ in (.linkIncident(other: F.incidentId, kind: "phi-leak", reason: "fork"), F.alice) }
        pool.append { _, _ in (.recordExclusionCheck(exclusionApplies: false, reason: "none"), F.pat) }
        pool.append { _, _ in (.recordExclusionCheck(exclusionApplies: true, reason: "applies"), F.pat) }
        for factor in 1...4 {
            pool.append { _, _ in (.recordAssessmentFactor(factor: factor, finding: "f"), F.pat) }
        }
        pool.append { _, _ in (.concludeAssessment(.breach, reason: "r"), F.pat) }
        pool.append { _, _ in (.concludeAssessment(.lowProbability, reason: "r"), F.pat) }
        pool.append { _, _ in
            (.recordAffectedPopulation(total: 1_200, residentsByState: ["NY": 700, "CA": 20], unreachable: 11), F.pat)
        }
        for recipient in NotificationRecipient.allCases {
            pool.append { _, now in (.recordNotification(recipient, at: now, count: 1, stateCode: "NY"), F.pat) }
        }
        pool.append { _, _ in (.recordNotificationNotOwed(.hhs, stateCode: nil, reason: "annual log"), F.pat) }
        pool.append { _, now in
            (.recordLawEnforcementDelay(.oral, statedAt: now, until: nil, official: "Det. R"), F.lee)
        }
        pool.append { _, now in
            (.amendDiscovery(discoveredAt: now.addingTimeInterval(-86_400), reason: "earlier"), F.pat)
        }
        pool.append { _, now in
            (.recordSanction(.sanction, staffMember: "s", effectiveAt: now, description: "d"), F.hank)
        }
        pool.append { _, now in
            (.recordSanction(.training, staffMember: "s", effectiveAt: now, description: "d"), F.hank)
        }
        pool.append { _, _ in (.postMortem(.start), F.alice) }
        pool.append { _, _ in (.postMortem(.addEntry(.whatHappened, text: "pm")), F.rita) }
        pool.append { _, _ in (.postMortem(.addEntry(.rootCause, text: "rc")), F.alice) }
        pool.append { _, now in
            (.postMortem(.addAction(text: "fix", owner: "hank", due: PostMortemDay.string(from: now))), F.alice)
        }
        pool.append { _, _ in (.postMortem(.completeAction(actionId: "a1", note: nil)), F.hank) }
        pool.append { _, _ in (.postMortem(.publish), F.alice) }
        pool.append { _, _ in (.note("n"), F.rita) }
        pool.append { _, _ in (.recordMissedDeadlines, F.alice) }
        pool.append { _, _ in (.close(note: nil), F.alice) }
        pool.append { _, _ in (.note("auditor tries"), F.audrey) }
        return pool
    }
}
