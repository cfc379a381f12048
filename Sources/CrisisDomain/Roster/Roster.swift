import Foundation

/// Who holds which organisational roles: folded from the `roster` stream,
/// where every grant and revocation is an event.
public struct Roster: Sendable, Equatable {
    /// The name of the stream that holds the roster.
    public static let stream = "roster"

    /// Database role to organisational roles.
    public private(set) var members: [String: Set<String>] = [:]
    /// The roster stream's version: what the next change expects.
    public private(set) var version: Int64 = 0

    public init() {}

    public func roles(of person: String) -> Set<String> { members[person] ?? [] }

    /// The roster after one more change.
    public func applying(_ event: RosterEvent, version: Int64) -> Roster {
        var next = self
        next.version = version
        switch event.change {
        case .granted:
            next.members[event.person, default: []].formUnion(event.roles)
        case .revoked:
            next.members[event.person, default: []].subtract(event.roles)
            if next.members[event.person]?.isEmpty == true { next.members[event.person] = nil }
        }
        return next
    }
}

/// One change to the roster.
public struct RosterEvent: Sendable, Codable, Equatable {
    /// Whether roles were given or taken away.
    public enum Change: String, Sendable, Codable {
        case granted, revoked
    }

    public var change: Change
    public var person: String
    public var roles: [String]

    public init(change: Change, person: String, roles: [String]) {
        self.change = change
        self.person = person
        self.roles = roles
    }
}

extension RosterEvent: StoredEvent {
    public var eventType: String {
        switch change {
        case .granted: "RolesGranted"
        case .revoked: "RolesRevoked"
        }
    }

    public var schemaVersion: Int { 1 }

    public func encodedData() throws -> Data { try JSONEncoder().encode(self) }

    public static func decode(eventType: String, data: Data) throws(EventDecodingError) -> RosterEvent {
        guard eventType == "RolesGranted" || eventType == "RolesRevoked" else {
            throw .unknownEventType(eventType)
        }
        do {
            return try JSONDecoder().decode(RosterEvent.self, from: data)
        } catch {
            throw .malformedData(eventType: eventType, detail: "\(error)")
        }
    }
}
