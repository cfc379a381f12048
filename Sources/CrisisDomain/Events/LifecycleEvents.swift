import Foundation

/// Payload of `IncidentOpened`.
public struct IncidentOpened: Sendable, Equatable, Codable {
    public var incidentId: UUID
    public var kind: String
    public var title: String
    public var workflow: WorkflowReference
    public var overlays: [OverlayReference]
    public var initialState: String
    public var posts: [PostReference]
    public var detectedAt: Date
    public var discoveredAt: Date?
    public var linkedIncident: UUID?
    /// True for a drill (issue 16): a rehearsal that runs the whole workflow and is kept, but is
    /// never counted as a real incident. Absent (nil) in every real incident's event, so events
    /// recorded before drills existed read as real. Fixed at opening: no event changes it.
    public var drill: Bool?
    /// Where `discoveredAt` came from when it was taken from the linked viral complaint (issue 18);
    /// nil when it was typed or defaulted to detection.
    public var discoverySource: DiscoverySource?

    public init(
        incidentId: UUID, kind: String, title: String, workflow: WorkflowReference, overlays: [OverlayReference],
        initialState: String, posts: [PostReference], detectedAt: Date, discoveredAt: Date?, linkedIncident: UUID?,
        drill: Bool? = nil, discoverySource: DiscoverySource? = nil
    ) {
        self.incidentId = incidentId
        self.kind = kind
        self.title = title
        self.workflow = workflow
        self.overlays = overlays
        self.initialState = initialState
        self.posts = posts
        self.detectedAt = detectedAt
        self.discoveredAt = discoveredAt
        self.linkedIncident = linkedIncident
        self.drill = drill
        self.discoverySource = discoverySource
    }
}

/// A post on a platform that the incident is about.
public struct PostReference: Sendable, Equatable, Hashable, Codable {
    public var platform: String
    public var url: String

    public init(platform: String, url: String) {
        self.platform = platform
        self.url = url
    }
}

/// Payload of `RoleAssigned`: `person` (a database role) runs `role` on this incident.
public struct RoleAssigned: Sendable, Equatable, Codable {
    public var role: String
    public var person: String

    public init(role: String, person: String) {
        self.role = role
        self.person = person
    }
}

/// Payload of `ActionTaken`: a workflow action moved the incident from one state to another.
public struct ActionTaken: Sendable, Equatable, Codable {
    public var action: String
    public var from: String
    public var to: String
    public var note: String?

    public init(action: String, from: String, to: String, note: String?) {
        self.action = action
        self.from = from
        self.to = to
        self.note = note
    }
}

/// Payload of `NoteAdded` and `PostMortemRecorded`.
public struct NoteAdded: Sendable, Equatable, Codable {
    public var text: String

    public init(text: String) {
        self.text = text
    }
}

/// Payload of `IncidentLinked`: another incident was opened from (or relates to) this one.
public struct IncidentLinked: Sendable, Equatable, Codable {
    public var otherIncident: UUID
    public var otherKind: String
    public var reason: String

    public init(otherIncident: UUID, otherKind: String, reason: String) {
        self.otherIncident = otherIncident
        self.otherKind = otherKind
        self.reason = reason
    }
}

/// Payload of `IncidentClosed`.
public struct IncidentClosed: Sendable, Equatable, Codable {
    public var finalState: String
    public var note: String?

    public init(finalState: String, note: String?) {
        self.finalState = finalState
        self.note = note
    }
}

/// Payload of `CommandRefused`, recorded by the application when `decide` throws.
public struct CommandRefused: Sendable, Equatable, Codable {
    public var command: String
    public var rule: String
    public var reason: String

    public init(command: String, rule: String, reason: String) {
        self.command = command
        self.rule = rule
        self.reason = reason
    }
}

/// Payload of `DeadlineMissed`.
public struct DeadlineMissed: Sendable, Equatable, Codable {
    public var deadlineId: String
    public var dueAt: Date

    public init(deadlineId: String, dueAt: Date) {
        self.deadlineId = deadlineId
        self.dueAt = dueAt
    }
}

/// Payload of `DeadlineEscalated`: a missed deadline was escalated to an organisational role.
public struct DeadlineEscalated: Sendable, Equatable, Codable {
    public var deadlineId: String
    public var escalatedTo: String

    public init(deadlineId: String, escalatedTo: String) {
        self.deadlineId = deadlineId
        self.escalatedTo = escalatedTo
    }
}
