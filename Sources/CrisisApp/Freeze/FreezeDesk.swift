import CrisisDomain
import CrisisStore
import Foundation

/// `crisis freeze start|end|list|check` (issue 16): publishing freezes are events on their
/// incident; the publishing tools the workflow names (`freeze: notify:`, channels added with
/// `crisis channel add`) are told by webhook when one starts and when it ends, and each answer is
/// recorded on the incident (`FreezeNotified`).
public struct FreezeDesk: Sendable {
    public let handler: IncidentHandler
    public var courier: PageCourier

    public init(handler: IncidentHandler, courier: PageCourier) {
        self.handler = handler
        self.courier = courier
    }

    /// A freeze with its incident, as `freeze list` and `freeze check` show it.
    public struct Listed: Sendable, Encodable {
        public var incident: String
        public var title: String
        public var drill: Bool
        public var freeze: Freeze
    }

    /// What `freeze check` answers for one account.
    public struct Check: Sendable, Encodable {
        public var account: String
        public var frozen: Bool
        /// The freezes in force on it; drills' freezes are listed but pause nothing real.
        public var freezes: [Listed]
    }

    /// How many times one notice is tried on one channel before crisis gives up on it.
    public static let maximumAttempts = 5

    /// Every freeze of every incident this person may see, in force first, oldest first.
    public func freezes(includeEnded: Bool) async throws(CommandError) -> [Listed] {
        let all = try await ReadModels(handler: handler).freezes()
        return all.filter { includeEnded || $0.freeze.inForce }
            .sorted {
                ($0.freeze.inForce ? 0 : 1, $0.freeze.startedAt) < ($1.freeze.inForce ? 0 : 1, $1.freeze.startedAt)
            }
    }

    /// Whether `account` is frozen: a real incident's freeze in force on it.
    public func check(_ typed: String) async throws(CommandError) -> Check {
        guard let account = PublishingAccount.normalised(typed) else {
            throw .badInput(
                "\"\(typed)\" is not an account in PLATFORM:HANDLE form (for example instagram:stmaryshospital)")
        }
        let holding = try await freezes(includeEnded: false).filter { $0.freeze.accounts.contains(account) }
        return Check(account: account, frozen: holding.contains { !$0.drill }, freezes: holding)
    }

    /// Tells the publishing tools of every freeze change on `stream` not yet told, and records each
    /// answer; returns a line per notice sent.
    @discardableResult
    public func notify(_ stream: StreamID) async throws(CommandError) -> [String] {
        var teller = handler
        teller.commandID = nil
        let incident = try await teller.load(stream)
        guard let definition = incident.definition, !definition.freeze.notify.isEmpty else { return [] }
        let schedule = try await OnCallDesk(handler: teller).schedule()
        var lines: [String] = []
        for freeze in incident.state.freezes {
            let changes: [FreezeNotified.Change] = freeze.inForce ? [.started] : [.started, .ended]
            for change in changes {
                for name in definition.freeze.notify {
                    let earlier = freeze.notices.filter { $0.change == change && $0.channel == name }
                    if earlier.contains(where: { $0.delivered || $0.givenUp == true })
                        || earlier.count >= Self.maximumAttempts
                    {
                        continue
                    }
                    // A freeze that ended before it was first told is told only that it ended.
                    if change == .started && !freeze.inForce && earlier.isEmpty { continue }
                    let notice = FreezeNotice(freeze: freeze, change: change, state: incident.state)
                    let answer: PageCourier.Answer
                    if let channel = schedule.channels[name] {
                        answer = await courier.post(notice, to: channel)
                    } else {
                        answer = .refused(
                            reason:
                                "there is no channel \(name); add it with `crisis channel add \(name) --webhook URL`",
                            retryable: true)
                    }
                    let record: FreezeNotified
                    switch answer {
                    case .accepted(let receipt):
                        record = FreezeNotified(
                            freezeId: freeze.id, change: change, channel: name, delivered: true, answer: receipt)
                    case .refused(let reason, let retryable):
                        record = FreezeNotified(
                            freezeId: freeze.id, change: change, channel: name, delivered: false, answer: reason,
                            givenUp: retryable && earlier.count + 1 < Self.maximumAttempts ? nil : true)
                    }
                    _ = try await teller.execute(.freeze(.recordNotice(record)), on: stream)
                    lines.append("freeze \(freeze.id) \(change.rawValue): \(name) \(record.answer)")
                }
            }
        }
        return lines
    }

    /// Tells every incident's publishing tools what they have not been told yet (for `crisis watch`).
    public func notifyAll() async throws(CommandError) -> [String] {
        var lines: [String] = []
        var told: Set<String> = []
        for listed in try await freezes(includeEnded: true) where told.insert(listed.incident).inserted {
            guard let uuid = UUID(uuidString: listed.incident) else { continue }
            lines += try await notify(StreamID.incident(uuid)).map { "\(listed.incident.prefix(8)) \($0)" }
        }
        return lines
    }
}
