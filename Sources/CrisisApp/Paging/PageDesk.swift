import CrisisDomain
import CrisisStore
import Foundation

/// `crisis page run|list|ack`: works out the pages owed, delivers them, and records every step on
/// the incident's stream through the one command handler, so who was paged, over what, whether
/// it arrived and who took it on is part of the record.
///
/// The guarantee (docs/paging.md): a page is *requested* exactly once, because its id derives
/// from what caused it and the decision drops ids already recorded (a racing runner decides again
/// on the winner's events); it is *delivered at least once*, because delivery happens before its
/// record and a runner that dies in between delivers again, with the same page id as the
/// receiver's idempotency key.
public struct PageDesk: Sendable {
    public let handler: IncidentHandler
    /// `CRISIS_BASE_URL`: pages link to `BASE/pages/ID`; nil: they name the CLI command.
    public var baseURL: String?
    public var courier: PageCourier

    public init(handler: IncidentHandler, baseURL: String?, courier: PageCourier) {
        // A pass records many commands on many incidents: one caller's command id cannot name them.
        var handler = handler
        handler.commandID = nil
        self.handler = handler
        self.baseURL = baseURL
        self.courier = courier
    }

    /// What one pass did, line by line (each also an event in the record).
    public struct Pass: Sendable, Encodable {
        public var incidentsScanned = 0
        public var requested: [String] = []
        public var escalated: [String] = []
        public var delivered: [String] = []
        public var failed: [String] = []
        /// Incidents this pass could not work on (each with the reason); the others were paged.
        public var problems: [String] = []
        /// The next moment something may fall due without a new event.
        public var nextCheck: Date?
    }

    /// Requests what is owed at `now`, then delivers every attempt due, on the incidents written
    /// since the runner last worked on them and on those whose next moment (an acknowledgement
    /// running out, a retry, a deadline) has come. The first pass works on every incident.
    public func runOnce(now: Date) async throws(CommandError) -> Pass {
        // Without the key file every encrypted incident would fail one by one and nobody would
        // be paged: say so once, naming CRISIS_KEY_FILE, before anything is worked on.
        try handler.database.keys.requireKeyFile()
        var pass = Pass()
        let schedule = try await OnCallDesk(handler: handler).schedule()
        let agenda = PageAgenda(session: handler.database.connection)
        let streams = try await Self.store { () async throws(EventStoreError) in
            try await agenda.streamsToWork(at: now)
        }
        for name in streams {
            // One incident that cannot be paged (a refusal, a lost connection mid-way) must not stop
            // the pages of every other: it is named, and comes due again half a minute on.
            do {
                let stream = try Self.store { () throws(EventStoreError) in try StreamID(name) }
                let (version, next) = try await page(stream, schedule: schedule, now: now, into: &pass)
                try await Self.store { () async throws(EventStoreError) in
                    try await agenda.worked(name, upTo: version, nextCheck: next)
                }
            } catch {
                pass.problems.append("\(name): \(error)")
                try await Self.store { () async throws(EventStoreError) in
                    try await agenda.retry(name, at: now.addingTimeInterval(30))
                }
            }
        }
        pass.nextCheck = try await Self.store { () async throws(EventStoreError) in try await agenda.earliest() }
        return pass
    }

    private static func store<Result>(_ body: () async throws(EventStoreError) -> Result) async throws(CommandError)
        -> Result
    {
        do {
            return try await body()
        } catch {
            throw .store(error)
        }
    }

    private static func store<Result>(_ body: () throws(EventStoreError) -> Result) throws(CommandError) -> Result {
        do {
            return try body()
        } catch {
            throw .store(error)
        }
    }

    /// Pages one incident; returns the stream version it folded up to and its next moment (nil:
    /// nothing falls due without a new event).
    private func page(_ stream: StreamID, schedule: OnCallSchedule, now: Date, into pass: inout Pass)
        async throws(CommandError) -> (version: Int64, next: Date?)
    {
        var incident = try await handler.load(stream)
        guard incident.state.lifecycle != .notOpened, let definition = incident.definition else {
            return (incident.version, nil)
        }
        pass.incidentsScanned += 1
        // A route given up on escalates its page at once: request and deliver again, in this pass,
        // until nothing more is owed (bounded by the chain's four steps).
        for _ in 0..<5 {
            let owed = PagePlanner(state: incident.state, definition: definition, schedule: schedule, now: now).owed()
            if !owed.isEmpty {
                let before = incident.history.count
                incident = try await handler.execute(
                    .paging(.requestOwed(schedule: schedule)), on: stream, now: { now })
                for recorded in incident.history.dropFirst(before) {
                    guard case .paging(let event) = recorded.event else { continue }
                    switch event {
                    case .requested: pass.requested.append("\(incident.id.prefix(8)): \(event.sentence)")
                    case .escalated: pass.escalated.append("\(incident.id.prefix(8)): \(event.sentence)")
                    case .delivered, .failed, .acknowledged: break
                    }
                }
            }
            let attempts = pass.delivered.count + pass.failed.count
            try await deliver(&incident, definition, schedule: schedule, now: now, into: &pass)
            if pass.delivered.count + pass.failed.count == attempts { break }
        }
        return (
            incident.version,
            PagePlanner(state: incident.state, definition: definition, schedule: schedule, now: now).nextCheck()
        )
    }

    /// Makes every attempt due on the incident's pages and records each answer.
    private func deliver(
        _ incident: inout LoadedIncident, _ definition: WorkflowDefinition, schedule: OnCallSchedule, now: Date,
        into pass: inout Pass
    ) async throws(CommandError) {
        try await passOnAcknowledgements(&incident, definition, schedule: schedule, now: now, into: &pass)
        for page in incident.state.pages where !page.isAcknowledged {
            for delivery in page.deliveries where delivery.isDue(at: now) {
                let notice = PageNotice(
                    page: page, state: incident.state, definition: definition, baseURL: baseURL)
                let attempt = delivery.attempts + 1
                let route = PageRoute(person: delivery.person, route: delivery.route)
                let answer = await courier.deliver(notice, on: route, attempt: attempt, schedule: schedule, now: now)
                let outcome: PageAttempt.Outcome
                switch answer {
                case .accepted(let receipt):
                    outcome = .delivered(receipt: receipt)
                    pass.delivered.append("\(page.id) → \(delivery.person) by \(delivery.route): \(receipt)")
                case .refused(let reason, let retryable):
                    outcome = .failed(reason: reason, retryable: retryable, retryAt: Self.retryAt(attempt, now: now))
                    pass.failed.append("\(page.id) → \(delivery.person) by \(delivery.route): \(reason)")
                }
                incident = try await handler.execute(
                    .paging(
                        .recordAttempt(
                            PageAttempt(
                                pageId: page.id, person: delivery.person, route: delivery.route, attempt: attempt,
                                outcome: outcome))), on: incident.stream, now: { now })
            }
        }
    }

    /// Tells each route that keeps an acknowledged page open on its side (PagerDuty) that it was
    /// acknowledged; retried like the page itself.
    private func passOnAcknowledgements(
        _ incident: inout LoadedIncident, _ definition: WorkflowDefinition, schedule: OnCallSchedule, now: Date,
        into pass: inout Pass
    ) async throws(CommandError) {
        for page in incident.state.pages where page.isAcknowledged {
            for delivery in page.deliveries {
                guard let relay = delivery.acknowledgement, relay.isDue(at: now) else { continue }
                let notice = PageNotice(page: page, state: incident.state, definition: definition, baseURL: baseURL)
                let attempt = relay.attempts + 1
                let answer = await courier.passOnAcknowledgement(
                    notice, on: PageRoute(person: delivery.person, route: delivery.route), attempt: attempt,
                    schedule: schedule, now: now)
                let outcome: PageAttempt.Outcome
                switch answer {
                case .accepted(let receipt):
                    outcome = .delivered(receipt: receipt)
                    pass.delivered.append("acknowledgement of \(page.id) → \(delivery.route): \(receipt)")
                case .refused(let reason, let retryable):
                    outcome = .failed(reason: reason, retryable: retryable, retryAt: Self.retryAt(attempt, now: now))
                    pass.failed.append("acknowledgement of \(page.id) → \(delivery.route): \(reason)")
                }
                incident = try await handler.execute(
                    .paging(
                        .recordAttempt(
                            PageAttempt(
                                pageId: page.id, person: delivery.person, route: delivery.route, attempt: attempt,
                                outcome: outcome, acknowledgement: true))), on: incident.stream, now: { now })
            }
        }
    }

    /// Exponential backoff with jitter: about 30 s, 1, 2 and 4 minutes after attempts 1 to 4.
    static func retryAt(_ attempt: Int, now: Date) -> Date {
        let base = 30.0 * Double(1 << max(0, min(attempt - 1, 6)))
        return now.addingTimeInterval(base * Double.random(in: 0.8...1.2))
    }

    /// The person at the terminal takes a page on.
    public func acknowledge(_ pageId: String, note: String?) async throws(CommandError) -> Page {
        let stream: StreamID
        do {
            stream = try await IncidentReference.resolve(String(pageId.prefix(8)), in: handler.database)
        } catch {
            throw .badInput("there is no page \(pageId); `crisis page list` shows the pages and their ids")
        }
        // PagerDuty keeps its alert open until told: the routes to tell are decided now, from the
        // channels as they stand, and told by the next `page run`.
        let loaded = try await handler.load(stream)
        var tell: [PageRoute] = []
        if let page = loaded.state.page(pageId), page.deliveries.contains(where: { $0.route.hasPrefix("webhook:") }) {
            tell = PageCourier.routesToTell(page, schedule: try await OnCallDesk(handler: handler).schedule())
        }
        let incident = try await handler.execute(
            .paging(.acknowledge(pageId: pageId, note: note, passOnTo: tell)), on: stream)
        guard let page = incident.state.page(pageId) else {
            throw .badInput("there is no page \(pageId); `crisis page list` shows the pages and their ids")
        }
        return page
    }

    /// One page as `crisis page list` shows it.
    public struct Line: Sendable, Encodable {
        public var incident: String
        public var kind: String
        public var page: Page
        public var notice: PageNotice
    }

    /// The pages of every incident, newest first; `open`: only those waiting for someone (not
    /// acknowledged, not escalated, and what they asked for not yet done);
    /// `for person`: only those sent to that database role.
    public func list(open: Bool, for person: String?) async throws(CommandError) -> [Line] {
        var lines: [Line] = []
        for incident in try await IncidentDirectory(handler: handler).all() {
            guard let definition = incident.definition else { continue }
            let planner = PagePlanner(
                state: incident.state, definition: definition, schedule: OnCallSchedule(), now: Date())
            for page in incident.state.pages {
                if open && !planner.waitsForSomeone(page) { continue }
                if let person, !page.recipients.contains(person) { continue }
                lines.append(
                    Line(
                        incident: incident.id, kind: definition.kind, page: page,
                        notice: PageNotice(page: page, state: incident.state, definition: definition, baseURL: baseURL))
                )
            }
        }
        return lines.sorted { $0.page.requestedAt > $1.page.requestedAt }
    }
}
