/// The person behind a command: the database role that authenticated and the organisational
/// roles the roster gives it.
public struct Actor: Sendable, Equatable {
    public var databaseRole: String
    public var organisationalRoles: Set<String>

    public init(databaseRole: String, organisationalRoles: Set<String>) {
        self.databaseRole = databaseRole
        self.organisationalRoles = organisationalRoles
    }

    /// Whether the actor holds at least one of `roles`.
    public func holdsAny(of roles: [String]) -> Bool {
        roles.contains { organisationalRoles.contains($0) }
    }

    /// An auditor may read and export, never act.
    public var isReadOnly: Bool {
        organisationalRoles.isEmpty || organisationalRoles == ["auditor"]
    }
}
