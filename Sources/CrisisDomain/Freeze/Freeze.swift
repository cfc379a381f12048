import Foundation

/// One publishing freeze of an incident, folded from its events.
public struct Freeze: Sendable, Equatable, Codable {
    public var id: String
    public var accounts: [String]
    public var reason: String
    public var trigger: String
    public var mayEndIn: [String]
    public var startedAt: Date
    public var startedBy: String
    public var endedAt: Date?
    public var endedBy: String?
    public var endReason: String?
    public var handedOverTo: String?
    /// What each publishing tool's webhook answered, oldest first.
    public var notices: [FreezeNotified] = []

    /// Whether the pause is still in force (not ended, not handed over).
    public var inForce: Bool { endedAt == nil }
}

extension IncidentState {
    /// The freezes in force, oldest first.
    public var freezesInForce: [Freeze] { freezes.filter(\.inForce) }

    /// The freeze in force on `account` (normalised), if any.
    public func freezeInForce(on account: String) -> Freeze? {
        freezes.first { $0.inForce && $0.accounts.contains(account) }
    }
}

/// Folds one freeze event into the incident's state.
func evolveFreeze(_ state: inout IncidentState, _ event: FreezeEvent, by: String, at: Date) {
    switch event {
    case .started(let e):
        state.freezes.append(
            Freeze(
                id: e.freezeId, accounts: e.accounts, reason: e.reason, trigger: e.trigger, mayEndIn: e.mayEndIn,
                startedAt: at, startedBy: by))
    case .ended(let e):
        guard let index = state.freezes.firstIndex(where: { $0.id == e.freezeId }) else { return }
        state.freezes[index].endedAt = at
        state.freezes[index].endedBy = by
        state.freezes[index].endReason = e.reason
        state.freezes[index].handedOverTo = e.handedOverTo
    case .notified(let e):
        guard let index = state.freezes.firstIndex(where: { $0.id == e.freezeId }) else { return }
        state.freezes[index].notices.append(e)
    }
}
