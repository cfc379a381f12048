import CrisisDomain
import CrisisStore
import Foundation

/// Who holds which organisational roles: folded from the `roster` stream,
/// where every grant and revocation is an event.
public struct Roster: Sendable, Equatable {
    /// The organisational roles every workflow knows.
    public static let standardRoles = [
        "commander", "legal", "privacy-officer", "communications", "social-media", "patient-relations", "hr",
        "on-call", "auditor",
    ]
    public static let stream = "roster"

    /// Database role to organisational roles.
    public private(set) var members: [String: Set<String>] = [:]

    public init() {}

    public func roles(of person: String) -> Set<String> { members[person] ?? [] }

    mutating func apply(_ event: RosterEvent) {
        switch event.change {
        case .granted:
            members[event.person, default: []].formUnion(event.roles)
        case .revoked:
            members[event.person, default: []].subtract(event.roles)
            if members[event.person]?.isEmpty == true { members[event.person] = nil }
        }
    }

    /// Reads the roster as recorded now.
    static func load(from store: PostgresEventStore) async throws(CommandError) -> Roster {
        var roster = Roster()
        do {
            for try await event in store.events(in: try StreamID(stream)) {
                roster.apply(try JSONDecoder().decode(RosterEvent.self, from: event.data))
            }
        } catch let error as EventStoreError {
            throw .store(error)
        } catch {
            throw .corrupt("the roster cannot be read: \(error)")
        }
        return roster
    }
}

/// One change to the roster.
public struct RosterEvent: Sendable, Codable, Equatable {
    public enum Change: String, Sendable, Codable {
        case granted, revoked
    }

    public var change: Change
    public var person: String
    public var roles: [String]

    var eventType: String { change == .granted ? "RolesGranted" : "RolesRevoked" }
}
