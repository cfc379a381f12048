import Foundation

/// Payload of `IncidentRestricted`: from now on only the people working the incident may see
/// it (enforced by PostgreSQL row-level security, migration 0007).
public struct IncidentRestricted: Sendable, Equatable, Codable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// Payload of `AccessGranted` and `AccessRevoked`: a person (a database role) may, or may no
/// longer, see a restricted incident.
public struct AccessChanged: Sendable, Equatable, Codable {
    public var person: String

    public init(person: String) {
        self.person = person
    }
}

/// Payload of `AuditAccessGranted`: an auditor may see the incident until `until`.
public struct AuditAccessGranted: Sendable, Equatable, Codable {
    public var person: String
    public var until: Date

    public init(person: String, until: Date) {
        self.person = person
        self.until = until
    }
}
