import Foundation

/// Who may see an incident once it is restricted: folded from its events. The database keeps
/// the same list (migration 0007, `crisis.incident_access`) and enforces it; this copy lets
/// `decide` refuse what would lock the team out, and `incident show` say who may see it.
public struct IncidentAccess: Sendable, Equatable, Codable {
    /// Why a person may see the incident.
    public enum Basis: String, Sendable, Equatable, Codable {
        case opened, restricted, assigned, granted, audit
    }

    /// One person's access, on one basis.
    public struct Entry: Sendable, Equatable, Codable {
        public var person: String
        public var basis: Basis
        /// For an auditor's access: when it ends.
        public var until: Date?
    }

    public var restricted = false
    public var reason: String?
    public var restrictedBy: String?
    public var restrictedAt: Date?
    public var entries: [Entry] = []

    public init() {}

    /// Whether `person` may see the incident at `now` (privacy officers and members of
    /// crisis_sealer also may; the database knows them, the incident does not).
    public func allows(_ person: String, at now: Date) -> Bool {
        entries.contains { $0.person == person && ($0.until.map { $0 > now } ?? true) }
    }

    /// Whether `person` is assigned to the incident (and so may never lose access).
    public func isAssigned(_ person: String) -> Bool {
        entries.contains { $0.person == person && $0.basis == .assigned }
    }

    /// Everyone with access at `now`, once each, in the order they gained it.
    public func people(at now: Date) -> [String] {
        var seen: [String] = []
        for entry in entries where (entry.until.map { $0 > now } ?? true) && !seen.contains(entry.person) {
            seen.append(entry.person)
        }
        return seen
    }

    mutating func add(_ person: String, _ basis: Basis, until: Date? = nil) {
        if let index = entries.firstIndex(where: { $0.person == person && $0.basis == basis }) {
            entries[index].until = until
        } else {
            entries.append(Entry(person: person, basis: basis, until: until))
        }
    }

    /// A revocation removes every basis but assignment.
    mutating func revoke(_ person: String) {
        entries.removeAll { $0.person == person && $0.basis != .assigned }
    }
}
