import Foundation

/// Something that happened to the on-call schedule (the `oncall` stream): a shift added or
/// removed, where a person is paged, a channel pages go out on. Actor and time are recorded by
/// the database, so "who was on call for legal at 02:10 on 23 November" has one answer.
public enum OnCallEvent: Sendable, Equatable {
    case shiftAdded(ShiftAdded)
    case shiftRemoved(ShiftRemoved)
    case contactSet(ContactSet)
    case channelAdded(ChannelAdded)
}

/// Payload of `ShiftAdded`: `person` is on call for `role` from `from` until `until`.
public struct ShiftAdded: Sendable, Equatable, Codable {
    public var shiftId: String
    public var role: String
    public var person: String
    public var from: Date
    public var until: Date
    /// 1 is paged first; 2 is the backup, paged when level 1 does not acknowledge.
    public var level: Int

    public init(shiftId: String, role: String, person: String, from: Date, until: Date, level: Int) {
        self.shiftId = shiftId
        self.role = role
        self.person = person
        self.from = from
        self.until = until
        self.level = level
    }
}

/// Payload of `ShiftRemoved`.
public struct ShiftRemoved: Sendable, Equatable, Codable {
    public var shiftId: String

    public init(shiftId: String) { self.shiftId = shiftId }
}

/// Payload of `ContactSet`: where `person` is paged from now on (replacing what was set before).
public struct ContactSet: Sendable, Equatable, Codable {
    public var person: String
    public var email: String?
    public var channels: [String]

    public init(person: String, email: String?, channels: [String]) {
        self.person = person
        self.email = email
        self.channels = channels
    }
}

/// Payload of `ChannelAdded`: a webhook pages are posted to. The secret that signs them stays in
/// the file named here, read at delivery time; it is never stored or printed.
public struct ChannelAdded: Sendable, Equatable, Codable {
    public var name: String
    public var webhook: String
    public var format: ChannelFormat
    public var secretFile: String?

    public init(name: String, webhook: String, format: ChannelFormat, secretFile: String?) {
        self.name = name
        self.webhook = webhook
        self.format = format
        self.secretFile = secretFile
    }
}

/// The body a webhook channel expects.
public enum ChannelFormat: String, Sendable, Equatable, Codable, CaseIterable {
    /// crisis's own JSON.
    case generic
    /// Slack's incoming-webhook body.
    case slack
    /// PagerDuty Events API v2.
    case pagerduty
}

extension OnCallEvent: StoredEvent {
    public var eventType: String {
        switch self {
        case .shiftAdded: "ShiftAdded"
        case .shiftRemoved: "ShiftRemoved"
        case .contactSet: "ContactSet"
        case .channelAdded: "ChannelAdded"
        }
    }

    public var schemaVersion: Int { 1 }

    public func encodedData() throws -> Data {
        let encoder = EventJSON.encoder()
        switch self {
        case .shiftAdded(let p): return try encoder.encode(p)
        case .shiftRemoved(let p): return try encoder.encode(p)
        case .contactSet(let p): return try encoder.encode(p)
        case .channelAdded(let p): return try encoder.encode(p)
        }
    }

    public static func decode(eventType: String, data: Data) throws(EventDecodingError) -> OnCallEvent {
        do {
            let decoder = EventJSON.decoder()
            switch eventType {
            case "ShiftAdded": return .shiftAdded(try decoder.decode(ShiftAdded.self, from: data))
            case "ShiftRemoved": return .shiftRemoved(try decoder.decode(ShiftRemoved.self, from: data))
            case "ContactSet": return .contactSet(try decoder.decode(ContactSet.self, from: data))
            case "ChannelAdded": return .channelAdded(try decoder.decode(ChannelAdded.self, from: data))
            default: throw EventDecodingError.unknownEventType(eventType)
            }
        } catch let error as EventDecodingError {
            throw error
        } catch {
            throw .malformedData(eventType: eventType, detail: "\(error)")
        }
    }
}
