import Foundation

/// What happened to an incident's pages: a feature's events in an enum of their own, so its
/// coding, sentences and fold are exhaustive switches the compiler checks (issue 19's shape).
/// Stored on the incident's stream like every other event, so who was paged, over what, whether it
/// arrived and who took it on is part of the record a regulator replays.
public enum PagingEvent: Sendable, Equatable {
    case requested(PageRequested)
    case delivered(PageDelivered)
    case failed(PageFailed)
    case acknowledged(PageAcknowledged)
    case escalated(PageEscalated)

    /// Every paging event type name, in declaration order.
    public static let eventTypes = [
        "PageRequested", "PageDelivered", "PageFailed", "PageAcknowledged", "PageEscalated",
    ]

    public var eventType: String {
        switch self {
        case .requested: "PageRequested"
        case .delivered: "PageDelivered"
        case .failed: "PageFailed"
        case .acknowledged: "PageAcknowledged"
        case .escalated: "PageEscalated"
        }
    }

    /// The id of the page the event is about.
    public var pageId: String {
        switch self {
        case .requested(let e): e.pageId
        case .delivered(let e): e.pageId
        case .failed(let e): e.pageId
        case .acknowledged(let e): e.pageId
        case .escalated(let e): e.pageId
        }
    }

    func encodedData(_ encoder: JSONEncoder) throws -> Data {
        switch self {
        case .requested(let p): try encoder.encode(p)
        case .delivered(let p): try encoder.encode(p)
        case .failed(let p): try encoder.encode(p)
        case .acknowledged(let p): try encoder.encode(p)
        case .escalated(let p): try encoder.encode(p)
        }
    }

    /// The event for a stored type name, or nil when the name is not a paging event's.
    static func decode(eventType: String, data: Data, _ decoder: JSONDecoder) throws -> PagingEvent? {
        switch eventType {
        case "PageRequested": .requested(try decoder.decode(PageRequested.self, from: data))
        case "PageDelivered": .delivered(try decoder.decode(PageDelivered.self, from: data))
        case "PageFailed": .failed(try decoder.decode(PageFailed.self, from: data))
        case "PageAcknowledged": .acknowledged(try decoder.decode(PageAcknowledged.self, from: data))
        case "PageEscalated": .escalated(try decoder.decode(PageEscalated.self, from: data))
        default: nil
        }
    }

    /// One line of the timeline. No free text of the incident is in a page, so none is here
    /// either, except an acknowledgement's own note.
    public var sentence: String {
        switch self {
        case .requested(let e):
            let who = e.recipients.isEmpty ? "nobody (no one on call)" : e.recipients.joined(separator: ", ")
            return
                "paged \(who) as \(e.role) level \(e.level) for \(e.cause.kind.rawValue) (page \(e.pageId), rule \(e.rule))"
        case .delivered(let e):
            let what = e.isAcknowledgement ? "the acknowledgement of page \(e.pageId)" : "page \(e.pageId)"
            return "\(what) reached \(e.person) by \(e.route) on attempt \(e.attempt) (\(e.receipt))"
        case .failed(let e):
            let what = e.isAcknowledgement ? "the acknowledgement of page \(e.pageId)" : "page \(e.pageId)"
            let next = e.retryAt.map { "; next try \(PageNotice.time($0))" } ?? "; gave up on this route"
            return "\(what) to \(e.person) by \(e.route) failed on attempt \(e.attempt): \(e.reason)\(next)"
        case .acknowledged(let e):
            return "acknowledged page \(e.pageId)" + (e.note.map { " — \($0)" } ?? "")
        case .escalated(let e):
            let to = e.toPageId.map { "to page \($0)" } ?? "to nobody: every level was paged"
            return "escalated page \(e.pageId) \(to) (\(e.reason.rawValue))"
        }
    }

    /// Folds the event into the incident's state.
    func evolve(_ state: inout IncidentState, by: String, at: Date) {
        switch self {
        case .requested(let e):
            guard state.page(e.pageId) == nil else { return }
            state.pages.append(
                Page(
                    id: e.pageId, rule: e.rule, cause: e.cause, role: e.role, level: e.level,
                    recipients: e.recipients,
                    deliveries: e.routes.map { Page.Delivery(person: $0.person, route: $0.route) }, requestedAt: at,
                    requestedBy: by, acknowledgeBy: e.acknowledgeBy, dueAt: e.dueAt))
        case .delivered(let e) where e.isAcknowledgement:
            state.updateDelivery(e.pageId, e.person, e.route) { delivery in
                guard var relay = delivery.acknowledgement, relay.relayedAt == nil else { return }
                relay.attempts = max(relay.attempts, e.attempt)
                relay.relayedAt = at
                relay.receipt = e.receipt
                relay.retryAt = nil
                delivery.acknowledgement = relay
            }
        case .failed(let e) where e.isAcknowledgement:
            state.updateDelivery(e.pageId, e.person, e.route) { delivery in
                guard var relay = delivery.acknowledgement, relay.relayedAt == nil else { return }
                relay.attempts = max(relay.attempts, e.attempt)
                relay.lastFailure = e.reason
                relay.retryAt = e.retryAt
                relay.gaveUp = e.retryAt == nil
                delivery.acknowledgement = relay
            }
        case .delivered(let e):
            state.updateDelivery(e.pageId, e.person, e.route) { delivery in
                delivery.attempts = max(delivery.attempts, e.attempt)
                if delivery.deliveredAt == nil {
                    delivery.deliveredAt = at
                    delivery.receipt = e.receipt
                }
                delivery.retryAt = nil
            }
        case .failed(let e):
            state.updateDelivery(e.pageId, e.person, e.route) { delivery in
                guard delivery.deliveredAt == nil else { return }
                delivery.attempts = max(delivery.attempts, e.attempt)
                delivery.lastFailure = e.reason
                delivery.retryAt = e.retryAt
                delivery.gaveUp = e.retryAt == nil
            }
        case .acknowledged(let e):
            guard let index = state.pages.firstIndex(where: { $0.id == e.pageId }),
                !state.pages[index].isAcknowledged
            else { return }
            state.pages[index].acknowledgedBy = by
            state.pages[index].acknowledgedAt = at
            state.pages[index].acknowledgementNote = e.note
            for route in e.passOnTo ?? [] {
                state.updateDelivery(e.pageId, route.person, route.route) { $0.acknowledgement = Page.Relay() }
            }
        case .escalated(let e):
            guard let index = state.pages.firstIndex(where: { $0.id == e.pageId }) else { return }
            state.pages[index].escalation = e
        }
    }
}

extension IncidentState {
    fileprivate mutating func updateDelivery(
        _ pageId: String, _ person: String, _ route: String, _ change: (inout Page.Delivery) -> Void
    ) {
        guard let page = pages.firstIndex(where: { $0.id == pageId }),
            let delivery = pages[page].deliveries.firstIndex(where: { $0.person == person && $0.route == route })
        else { return }
        change(&pages[page].deliveries[delivery])
    }
}
