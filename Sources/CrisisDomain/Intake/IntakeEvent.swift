import Foundation

/// Something that happened on the intake stream (`intake`, issue 12): a mention a
/// social-listening tool pushed, a watch added or removed, a spike turned into a signal, and a
/// signal promoted into an incident.
public enum IntakeEvent: Sendable, Equatable {
    case mentionRecorded(MentionRecorded)
    case watchAdded(WatchAdded)
    case watchRemoved(WatchRemoved)
    case signalRaised(SignalRaised)
    case signalPromoted(SignalPromoted)
}

/// Payload of `MentionRecorded`: one post a listening tool saw, and the open signals it joined.
public struct MentionRecorded: Sendable, Equatable, Codable {
    public var mentionId: String
    public var mention: Mention
    /// Open signals whose watch it matches: it is one more mention of the same spike.
    public var signals: [String]

    public init(mentionId: String, mention: Mention, signals: [String]) {
        self.mentionId = mentionId
        self.mention = mention
        self.signals = signals
    }
}

/// A post as a listening tool reports it (the webhook's JSON, one element of its batch).
public struct Mention: Sendable, Equatable, Codable {
    public var source: String
    public var platform: String
    public var url: String
    public var author: String
    public var text: String
    public var postedAt: Date
    public var reach: Int

    public init(source: String, platform: String, url: String, author: String, text: String, postedAt: Date, reach: Int)
    {
        self.source = source
        self.platform = platform
        self.url = url
        self.author = author
        self.text = text
        self.postedAt = postedAt
        self.reach = reach
    }

    enum CodingKeys: String, CodingKey {
        case source, platform, url, author, text
        case postedAt = "posted_at"
        case reach
    }
}

/// Payload of `WatchAdded`: `threshold` mentions matching any of `match` within `within` seconds raise a signal.
public struct WatchAdded: Sendable, Equatable, Codable {
    public var name: String
    public var match: [String]
    public var threshold: Int
    public var withinSeconds: Int

    public init(name: String, match: [String], threshold: Int, withinSeconds: Int) {
        self.name = name
        self.match = match
        self.threshold = threshold
        self.withinSeconds = withinSeconds
    }
}

/// Payload of `WatchRemoved`.
public struct WatchRemoved: Sendable, Equatable, Codable {
    public var name: String

    public init(name: String) { self.name = name }
}

/// Payload of `SignalRaised`: a watch's spike, with the mentions that made it.
public struct SignalRaised: Sendable, Equatable, Codable {
    public var signalId: String
    public var watch: String
    public var mentionIds: [String]

    public init(signalId: String, watch: String, mentionIds: [String]) {
        self.signalId = signalId
        self.watch = watch
        self.mentionIds = mentionIds
    }
}

/// Payload of `SignalPromoted`: the incident opened for a signal.
public struct SignalPromoted: Sendable, Equatable, Codable {
    public var signalId: String
    public var incidentId: UUID
    public var kind: String

    public init(signalId: String, incidentId: UUID, kind: String) {
        self.signalId = signalId
        self.incidentId = incidentId
        self.kind = kind
    }
}

extension IntakeEvent: StoredEvent {
    public var eventType: String {
        switch self {
        case .mentionRecorded: "MentionRecorded"
        case .watchAdded: "WatchAdded"
        case .watchRemoved: "WatchRemoved"
        case .signalRaised: "SignalRaised"
        case .signalPromoted: "SignalPromoted"
        }
    }

    public var schemaVersion: Int { 1 }

    public func encodedData() throws -> Data {
        let encoder = EventJSON.encoder()
        switch self {
        case .mentionRecorded(let p): return try encoder.encode(p)
        case .watchAdded(let p): return try encoder.encode(p)
        case .watchRemoved(let p): return try encoder.encode(p)
        case .signalRaised(let p): return try encoder.encode(p)
        case .signalPromoted(let p): return try encoder.encode(p)
        }
    }

    public static func decode(eventType: String, data: Data) throws(EventDecodingError) -> IntakeEvent {
        do {
            let decoder = EventJSON.decoder()
            switch eventType {
            case "MentionRecorded": return .mentionRecorded(try decoder.decode(MentionRecorded.self, from: data))
            case "WatchAdded": return .watchAdded(try decoder.decode(WatchAdded.self, from: data))
            case "WatchRemoved": return .watchRemoved(try decoder.decode(WatchRemoved.self, from: data))
            case "SignalRaised": return .signalRaised(try decoder.decode(SignalRaised.self, from: data))
            case "SignalPromoted": return .signalPromoted(try decoder.decode(SignalPromoted.self, from: data))
            default: throw EventDecodingError.unknownEventType(eventType)
            }
        } catch let error as EventDecodingError {
            throw error
        } catch {
            throw .malformedData(eventType: eventType, detail: "\(error)")
        }
    }
}
