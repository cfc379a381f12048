import Foundation

/// What is asked of an incident's pages.
public enum PagingCommand: Sendable, Equatable {
    /// Requests every page owed now, and escalates every page nobody took on in time (idempotent:
    /// a page already requested is never requested again). `schedule` is who is on call.
    case requestOwed(schedule: OnCallSchedule)
    /// Records one attempt to deliver a page on one route.
    case recordAttempt(PageAttempt)
    /// The person paged takes it on; the page stops escalating. `passOnTo`: the routes that hold
    /// an alert of their own for the page (PagerDuty channels), to be told; only routes the page
    /// reached are kept.
    case acknowledge(pageId: String, note: String?, passOnTo: [PageRoute] = [])

    public var name: CommandName {
        switch self {
        case .requestOwed: .requestPages
        case .recordAttempt: .recordPageAttempt
        case .acknowledge: .acknowledgePage
        }
    }
}

/// One attempt to deliver a page on one route, and what the receiver answered.
public struct PageAttempt: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// The receiver took it (`HTTP 202`, `queued by sendmail`).
        case delivered(receipt: String)
        /// It did not; `retryable` is false for an answer a retry cannot change (an HTTP 4xx other
        /// than 408 and 429, a PagerDuty channel without a routing key). A missing secret file is
        /// retried: someone may restore it. `retryAt` is when the next attempt is due.
        case failed(reason: String, retryable: Bool, retryAt: Date)
    }

    public var pageId: String
    public var person: String
    public var route: String
    public var attempt: Int
    public var outcome: Outcome
    /// True when this attempt passed on the page's acknowledgement rather than the page.
    public var acknowledgement: Bool

    public init(
        pageId: String, person: String, route: String, attempt: Int, outcome: Outcome, acknowledgement: Bool = false
    ) {
        self.pageId = pageId
        self.person = person
        self.route = route
        self.attempt = attempt
        self.outcome = outcome
        self.acknowledgement = acknowledgement
    }

    /// How many times one route is tried before crisis gives up on it and the page escalates.
    public static let maximumAttempts = 5
}

extension Decision {
    func decidePaging(_ command: PagingCommand) throws(Refusal) -> [PagingEvent] {
        switch command {
        case .requestOwed(let schedule):
            return PagePlanner(state: state, definition: definition, schedule: schedule, now: now).owed()
        case .recordAttempt(let attempt):
            return try decideAttempt(attempt)
        case .acknowledge(let pageId, let note, let passOnTo):
            return try decideAcknowledgement(pageId, note: note, passOnTo: passOnTo)
        }
    }

    private func decideAttempt(_ attempt: PageAttempt) throws(Refusal) -> [PagingEvent] {
        guard let page = state.page(attempt.pageId),
            let delivery = page.delivery(person: attempt.person, route: attempt.route)
        else {
            throw Refusal(
                .inputUnknownPage,
                "There is no page \(attempt.pageId) to \(attempt.person) by \(attempt.route) on this incident.")
        }
        if attempt.acknowledgement { return passedOn(attempt, delivery.acknowledgement) }
        // Recorded already (by another runner, or before a restart), or delivered: nothing new.
        guard delivery.isOutstanding, attempt.attempt > delivery.attempts else { return [] }
        switch attempt.outcome {
        case .delivered(let receipt):
            return [
                .delivered(
                    PageDelivered(
                        pageId: page.id, person: attempt.person, route: attempt.route, attempt: attempt.attempt,
                        receipt: receipt))
            ]
        case .failed(let reason, let retryable, let retryAt):
            let last = !retryable || attempt.attempt >= PageAttempt.maximumAttempts
            return [
                .failed(
                    PageFailed(
                        pageId: page.id, person: attempt.person, route: attempt.route, attempt: attempt.attempt,
                        reason: reason, retryAt: last ? nil : retryAt))
            ]
        }
    }

    /// An attempt to pass the acknowledgement on: recorded once per attempt, like the page's own.
    private func passedOn(_ attempt: PageAttempt, _ relay: Page.Relay?) -> [PagingEvent] {
        guard let relay, relay.isOutstanding, attempt.attempt > relay.attempts else { return [] }
        switch attempt.outcome {
        case .delivered(let receipt):
            return [
                .delivered(
                    PageDelivered(
                        pageId: attempt.pageId, person: attempt.person, route: attempt.route,
                        attempt: attempt.attempt, receipt: receipt, acknowledgement: true))
            ]
        case .failed(let reason, let retryable, let retryAt):
            let last = !retryable || attempt.attempt >= PageAttempt.maximumAttempts
            return [
                .failed(
                    PageFailed(
                        pageId: attempt.pageId, person: attempt.person, route: attempt.route,
                        attempt: attempt.attempt, reason: reason, retryAt: last ? nil : retryAt,
                        acknowledgement: true))
            ]
        }
    }

    private func decideAcknowledgement(_ pageId: String, note: String?, passOnTo: [PageRoute]) throws(Refusal)
        -> [PagingEvent]
    {
        guard let page = state.page(pageId) else {
            throw Refusal(
                .inputUnknownPage,
                "There is no page \(pageId) on this incident; `crisis page list` shows the pages and their ids.")
        }
        guard page.recipients.contains(actor.databaseRole) else {
            let who = page.recipients.isEmpty ? "nobody" : page.recipients.joined(separator: ", ")
            throw Refusal(
                .pageNotYours,
                "\(actor.databaseRole) was not paged by \(pageId) (it went to \(who)); only a person paged acknowledges it. Take it on by another way: tell the commander."
            )
        }
        if page.isAcknowledged { return [] }
        let text = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        let reached = passOnTo.filter { page.delivery(person: $0.person, route: $0.route)?.deliveredAt != nil }
        return [
            .acknowledged(
                PageAcknowledged(pageId: pageId, note: text?.isEmpty == false ? text : nil, passOnTo: reached))
        ]
    }
}
