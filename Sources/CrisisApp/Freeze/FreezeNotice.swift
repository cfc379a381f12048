import CrisisDomain
import Foundation

/// What a publishing tool is told when a freeze starts or ends: the accounts, never the reason
/// (free text typed into an incident may hold PHI, and a publishing tool is no business associate).
public struct FreezeNotice: Sendable, Equatable {
    public var freezeId: String
    public var incident: String
    public var kind: String
    public var change: FreezeNotified.Change
    public var accounts: [String]
    public var drill: Bool

    public init(freeze: Freeze, change: FreezeNotified.Change, state: IncidentState) {
        freezeId = freeze.id
        incident = String((state.id?.uuidString.lowercased() ?? "").prefix(8))
        kind = state.kind
        self.change = change
        accounts = freeze.accounts
        drill = state.isDrill
    }

    /// The receiver's idempotency key: the same for every retry of the same notice.
    public var key: String { "\(incident)-\(freezeId)-\(change.rawValue)" }

    /// One line for a chat message.
    public var text: String {
        let what =
            change == .started
            ? "pause publishing from \(accounts.joined(separator: ", "))"
            : "publishing from \(accounts.joined(separator: ", ")) may resume"
        return
            "\(drill ? "DRILL (a rehearsal; nothing real is paused): " : "")[crisis] \(kind) \(incident): \(what) (freeze \(freezeId))."
    }

    /// The body for a channel of `format`: crisis's JSON, or Slack's `{"text": ...}`.
    func body(format: ChannelFormat) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        switch format {
        case .generic:
            return try encoder.encode(
                Generic(
                    event: "freeze-\(change.rawValue)", freezeId: freezeId, incident: incident, kind: kind,
                    accounts: accounts, frozen: change == .started && !drill, drill: drill, text: text))
        case .slack, .pagerduty:
            return try encoder.encode(["text": text])
        }
    }

    private struct Generic: Encodable {
        var event: String
        var freezeId: String
        var incident: String
        var kind: String
        var accounts: [String]
        /// Whether the accounts are paused now (a drill's freeze pauses nothing real).
        var frozen: Bool
        var drill: Bool
        var text: String
    }
}
