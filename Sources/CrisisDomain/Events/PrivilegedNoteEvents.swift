import Foundation

/// Payload of `PrivilegedNoteAdded`: a note by legal, covered by attorney-client privilege or
/// made in anticipation of litigation. It stays in the incident's stream (and its hash chain)
/// like every other event, but regulator exports leave its words out unless legal asks for them
/// (`crisis audit export --include-privileged`, recorded in the access log).
public struct PrivilegedNoteAdded: Sendable, Equatable, Codable {
    public var text: String

    public init(text: String) {
        self.text = text
    }

    /// The stored event type, which exports recognise without opening the data.
    public static let eventType = "PrivilegedNoteAdded"
    /// The organisational role that alone may write one and ask for it in an export.
    public static let role = "legal"
}
