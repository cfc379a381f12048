/// What an administrator asks of the roster.
public enum RosterCommand: Sendable, Equatable {
    /// `person` holds `roles` from now on (as well as any they held).
    case grant(person: String, roles: [String])
    /// `person` no longer holds `roles`; all of them when the list is empty.
    case revoke(person: String, roles: [String])
}

/// The roster as a ``Decider``: who holds which organisational roles. Creating the person's
/// database login is the store's work; the roster records only what the organisation decided.
public struct RosterDecider: Decider {
    public typealias Command = RosterCommand
    public typealias Event = RosterEvent
    public typealias State = Roster

    public init() {}

    public static var initial: Roster { Roster() }

    public static func evolve(_ state: consuming Roster, _ recorded: Recorded<RosterEvent>) -> Roster {
        state.applying(recorded.event, version: recorded.version)
    }

    public func decide(_ command: RosterCommand, _ roster: Roster) throws(Refusal) -> [RosterEvent] {
        switch command {
        case .grant(let person, let roles):
            return [RosterEvent(change: .granted, person: person, roles: roles.sorted())]
        case .revoke(let person, let roles):
            let held = roster.roles(of: person)
            guard !held.isEmpty else {
                throw Refusal(
                    .inputNotOnRoster,
                    "\(person) holds no roles on the roster; `crisis roster list` shows who does")
            }
            return [RosterEvent(change: .revoked, person: person, roles: roles.isEmpty ? held.sorted() : roles)]
        }
    }
}
