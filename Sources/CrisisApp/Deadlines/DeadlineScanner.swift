import CrisisDomain
import CrisisStore
import Foundation

/// `crisis deadlines scan`: records each missed deadline and its escalation
/// exactly once, however many scanners run at once (the domain decides
/// nothing for a miss already recorded, and the expected version makes a
/// racing scanner decide again on the winner's events).
public struct DeadlineScanner: Sendable {
    public let handler: IncidentHandler

    public init(handler: IncidentHandler) {
        self.handler = handler
    }

    /// What one scan recorded.
    public struct Outcome: Sendable, Encodable {
        public var incidentsScanned = 0
        public var missedRecorded: [String] = []
        public var escalations: [String] = []
    }

    public func scan(now: @escaping @Sendable () -> Date = Date.init) async throws(CommandError) -> Outcome {
        var outcome = Outcome()
        for stream in try await IncidentDirectory(handler: handler).streams() {
            let before = try await handler.load(stream)
            // Closed incidents too: their notice clocks outlive them (the HHS annual log).
            guard before.state.lifecycle != .notOpened, let definition = before.definition else { continue }
            outcome.incidentsScanned += 1
            // The domain's own rule, asked without I/O: most incidents have nothing
            // new to record, and they cost one read instead of a full command.
            let nobody = Actor(databaseRole: "", organisationalRoles: [])
            let due = (try? decide(.recordMissedDeadlines, before.state, definition, actor: nobody, now: now())) ?? []
            if due.isEmpty { continue }
            let after = try await handler.execute(.recordMissedDeadlines, on: stream, now: now)
            for recorded in after.history.dropFirst(before.history.count) {
                switch recorded.event {
                case .deadlineMissed:
                    outcome.missedRecorded.append("\(after.id): \(recorded.event.sentence)")
                case .deadlineEscalated:
                    outcome.escalations.append("\(after.id): \(recorded.event.sentence)")
                default:
                    break
                }
            }
        }
        return outcome
    }
}
