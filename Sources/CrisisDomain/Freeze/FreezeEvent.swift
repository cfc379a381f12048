import Foundation

/// What happened to an incident's publishing freezes: a feature's events in an enum of their own
/// (issue 19's shape), stored on the incident's stream.
public enum FreezeEvent: Sendable, Equatable {
    case started(FreezeStarted)
    case ended(FreezeEnded)
    case notified(FreezeNotified)

    /// Every freeze event type name, in declaration order.
    public static let eventTypes = ["FreezeStarted", "FreezeEnded", "FreezeNotified"]

    public var eventType: String {
        switch self {
        case .started: "FreezeStarted"
        case .ended: "FreezeEnded"
        case .notified: "FreezeNotified"
        }
    }

    func encodedData(_ encoder: JSONEncoder) throws -> Data {
        switch self {
        case .started(let p): try encoder.encode(p)
        case .ended(let p): try encoder.encode(p)
        case .notified(let p): try encoder.encode(p)
        }
    }

    /// The event for a stored type name, or nil when the name is not a freeze event's.
    static func decode(eventType: String, data: Data, _ decoder: JSONDecoder) throws -> FreezeEvent? {
        switch eventType {
        case "FreezeStarted": .started(try decoder.decode(FreezeStarted.self, from: data))
        case "FreezeEnded": .ended(try decoder.decode(FreezeEnded.self, from: data))
        case "FreezeNotified": .notified(try decoder.decode(FreezeNotified.self, from: data))
        default: nil
        }
    }

    /// The timeline's sentence.
    public var sentence: String {
        switch self {
        case .started(let e):
            "froze publishing on \(e.accounts.joined(separator: ", ")) (\(e.freezeId), \(e.trigger)): \(e.reason)"
        case .ended(let e):
            if let to = e.handedOverTo {
                "handed freeze \(e.freezeId) over to \(to)" + (e.reason.map { ": \($0)" } ?? "")
            } else {
                "ended freeze \(e.freezeId)" + (e.reason.map { ": \($0)" } ?? "")
            }
        case .notified(let e):
            "told \(e.channel) that freeze \(e.freezeId) \(e.change.rawValue): \(e.delivered ? "" : "not delivered, ")\(e.answer)"
        }
    }

    /// A notice is recorded after closing too; a freeze starts and ends only while open.
    public var acceptedAfterClosing: Bool {
        switch self {
        case .notified: true
        case .started, .ended: false
        }
    }
}

/// Payload of `FreezeStarted`: publishing from `accounts` pauses.
public struct FreezeStarted: Sendable, Equatable, Codable {
    public var freezeId: String
    public var accounts: [String]
    public var reason: String
    /// `manual`, `incident-opened`, or `action:NAME`: what started it.
    public var trigger: String
    /// The states in which the workflow lets it end (empty: any).
    public var mayEndIn: [String]

    public init(freezeId: String, accounts: [String], reason: String, trigger: String, mayEndIn: [String]) {
        self.freezeId = freezeId
        self.accounts = accounts
        self.reason = reason
        self.trigger = trigger
        self.mayEndIn = mayEndIn
    }
}

/// Payload of `FreezeEnded`: the pause is over, or handed over to someone who keeps it.
public struct FreezeEnded: Sendable, Equatable, Codable {
    public var freezeId: String
    public var reason: String?
    public var handedOverTo: String?

    public init(freezeId: String, reason: String?, handedOverTo: String?) {
        self.freezeId = freezeId
        self.reason = reason
        self.handedOverTo = handedOverTo
    }
}

/// Payload of `FreezeNotified`: a publishing tool's webhook was told a freeze started or ended.
public struct FreezeNotified: Sendable, Equatable, Codable {
    public enum Change: String, Sendable, Equatable, Codable {
        case started, ended
    }

    public var freezeId: String
    public var change: Change
    public var channel: String
    public var delivered: Bool
    /// The receiver's answer (`HTTP 200`) or why it failed.
    public var answer: String
    /// True when crisis tries this channel no more for this change (an answer a retry cannot
    /// change, or the last attempt).
    public var givenUp: Bool?

    public init(
        freezeId: String, change: Change, channel: String, delivered: Bool, answer: String, givenUp: Bool? = nil
    ) {
        self.freezeId = freezeId
        self.change = change
        self.channel = channel
        self.delivered = delivered
        self.answer = answer
        self.givenUp = givenUp
    }
}
