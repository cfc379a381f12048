import Foundation

/// Everything known about one incident, folded from its events by ``evolve(_:_:)``.
public struct IncidentState: Sendable, Equatable, Codable {
    /// Whether the incident exists yet and whether it is closed.
    public enum Lifecycle: String, Sendable, Equatable, Codable {
        case notOpened = "not-opened"
        case open
        case closed
    }

    public var lifecycle: Lifecycle = .notOpened
    public var id: UUID?
    public var kind: String = ""
    public var title: String = ""
    public var workflow: WorkflowReference?
    public var overlays: [OverlayReference] = []
    public var currentState: String = ""
    public var stateHistory: [StateEntry] = []
    public var openedAt: Date?
    public var openedBy: String?
    public var detectedAt: Date?
    public var discoveredAt: Date?
    public var discoveryAmendments: [DiscoveryAmendment] = []
    /// Business associates' notices of the breach (164.410), oldest first (issue 18).
    public var businessAssociateNotices: [BusinessAssociateNotice] = []
    public var posts: [PostReference] = []
    public var linkedIncidents: [LinkedIncident] = []
    /// Organisational role to the people (database roles) assigned to it on this incident.
    public var assignments: [String: [String]] = [:]
    public var actionsTaken: [TakenAction] = []
    public var notes: [Note] = []
    public var messages: [Message] = []
    public var phiOverrides: [PHIOverride] = []
    public var removals: [Removal] = []
    public var evidence: [Evidence] = []
    public var breach: BreachRecord = BreachRecord()
    public var sanctions: [Sanction] = []
    public var missedDeadlines: [RecordedDeadline] = []
    public var escalations: [RecordedEscalation] = []
    public var refusals: [RecordedRefusal] = []
    public var postMortem = PostMortem()
    /// Every page the incident caused, oldest first.
    public var pages: [Page] = []
    /// Publishing freezes, oldest first (issue 16).
    public var freezes: [Freeze] = []
    public var closedAt: Date?
    public var closedBy: String?
    /// True for a drill (issue 16), fixed by the opening event; optional so saved states decode.
    public var drill: Bool?
    /// Whether the incident is restricted, and who may see it (issue 13).
    public var access = IncidentAccess()
    /// Legal holds and shredding (issue 13).
    public var retention = RetentionRecord()
    /// The version of the last event folded in (0 before any).
    public var version: Int64 = 0

    public init() {}

    /// The state before any event.
    public static let initial = IncidentState()

    public var isOpen: Bool { lifecycle == .open }

    /// Whether this incident is a drill: shown as one on every read, never counted as real.
    public var isDrill: Bool { drill == true }

    public func message(_ id: String) -> Message? { messages.first { $0.id == id } }

    public func removal(_ id: String) -> Removal? { removals.first { $0.id == id } }

    /// Whether `action` has ever been taken on this incident.
    public func hasTaken(_ action: String) -> Bool { actionsTaken.contains { $0.action == action } }

    /// The id the next drafted message gets (`m1`, `m2`, ...).
    public var nextMessageId: String { "m\(messages.count + 1)" }

    /// The id the next removal request gets (`r1`, `r2`, ...).
    public var nextRemovalId: String { "r\(removals.count + 1)" }
}

/// When the incident entered a state.
public struct StateEntry: Sendable, Equatable, Codable {
    public var state: String
    public var at: Date
}

/// A correction of the discovery time, with its reason.
public struct DiscoveryAmendment: Sendable, Equatable, Codable {
    public var from: Date?
    public var to: Date
    public var reason: String
    public var by: String
    public var at: Date
}

/// Another incident related to this one (e.g. the `phi-leak` forked from a viral complaint).
public struct LinkedIncident: Sendable, Equatable, Codable {
    public var id: UUID
    public var kind: String?
    public var reason: String
}

/// A workflow action taken, with who took it and when.
public struct TakenAction: Sendable, Equatable, Codable {
    public var action: String
    public var from: String
    public var to: String
    public var note: String?
    public var by: String
    public var at: Date
}

/// A free-text note or a post-mortem entry.
public struct Note: Sendable, Equatable, Codable {
    /// Whether this is an ordinary note or part of the post-mortem.
    public enum Kind: String, Sendable, Equatable, Codable {
        case note
        case postMortem = "post-mortem"
    }

    public var kind: Kind
    public var text: String
    public var by: String
    public var at: Date
}

/// A recorded override of the PHI scanner for one exact text.
public struct PHIOverride: Sendable, Equatable, Codable {
    public var textSHA256: String
    public var findings: [String]
    public var reason: String
    public var by: String
    public var at: Date
    /// The scanner rules overridden; nil for overrides recorded before rule ids were.
    public var rules: [String]? = nil
}

/// Evidence captured of a post before it is taken down.
public struct Evidence: Sendable, Equatable, Codable {
    public var url: String
    public var capturedAt: Date
    public var contentSHA256: String
    public var by: String
    /// When it was recorded, beside the capture time that was typed (issue 18).
    public var recordedAt: Date? = nil
}

/// A staff sanction or training record.
public struct Sanction: Sendable, Equatable, Codable {
    public var kind: SanctionKind
    public var staffMember: String
    public var effectiveAt: Date
    public var description: String
    public var by: String
}

/// A deadline recorded as missed.
public struct RecordedDeadline: Sendable, Equatable, Codable {
    public var deadlineId: String
    public var dueAt: Date
    public var recordedAt: Date
}

/// A missed deadline escalated to a role.
public struct RecordedEscalation: Sendable, Equatable, Codable {
    public var deadlineId: String
    public var escalatedTo: String
    public var recordedAt: Date
}

/// A command that was refused, as recorded by the application.
public struct RecordedRefusal: Sendable, Equatable, Codable {
    public var command: String
    public var rule: String
    public var reason: String
    public var by: String
    public var at: Date
}
