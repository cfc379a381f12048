import Foundation

/// A clock that was already missed when a signed conclusion was revised or an exclusion was
/// recorded after it (issue 18): it stays missed in every read, whatever the revision says.
public struct KeptMiss: Sendable, Equatable, Codable {
    /// The clock's id (`name`, or `name:STATE`).
    public var deadlineId: String
    /// The workflow deadline it is a clock of.
    public var name: String
    public var stateCode: String?
    public var startedAt: Date
    public var dueAt: Date
    /// When the notice was made, if it was made late.
    public var metAt: Date?

    public init(deadlineId: String, name: String, stateCode: String?, startedAt: Date, dueAt: Date, metAt: Date?) {
        self.deadlineId = deadlineId
        self.name = name
        self.stateCode = stateCode
        self.startedAt = startedAt
        self.dueAt = dueAt
        self.metAt = metAt
    }
}

/// Payload of `AssessmentRevised`: the privacy officer changed a signed conclusion, with the
/// reason; the conclusion it replaces stays in the record beside it, and the clocks already
/// missed are named so no read can lose them.
public struct AssessmentRevised: Sendable, Equatable, Codable {
    public var conclusion: AssessmentConclusion
    public var reason: String
    /// The conclusion in force before this revision.
    public var replaces: AssessmentConclusion
    public var keptMisses: [KeptMiss]

    public init(
        conclusion: AssessmentConclusion, reason: String, replaces: AssessmentConclusion, keptMisses: [KeptMiss]
    ) {
        self.conclusion = conclusion
        self.reason = reason
        self.replaces = replaces
        self.keptMisses = keptMisses
    }
}

/// Payload of `BreachCircumstancesRecorded`: the date of the breach itself (164.404(c)(1)(A))
/// and the workforce member who first knew of it (164.404(a)(2)); an amendment carries its reason.
/// A field left nil keeps what was recorded before.
public struct BreachCircumstancesRecorded: Sendable, Equatable, Codable {
    public var breachOn: Date?
    public var firstKnownBy: String?
    /// The person who committed the breach, when known: never the one who "first knew".
    public var committedBy: String?
    /// Why an earlier record is changed; nil on the first record.
    public var reason: String?

    public init(breachOn: Date?, firstKnownBy: String?, committedBy: String?, reason: String?) {
        self.breachOn = breachOn
        self.firstKnownBy = firstKnownBy
        self.committedBy = committedBy
        self.reason = reason
    }
}

/// Where an incident's discovery time came from when it was not typed: the viral complaint it
/// was opened from, whose thread held patient detail from the start (issue 18).
public struct DiscoverySource: Sendable, Equatable, Codable {
    public var linkedIncident: UUID
    /// The complaint's discovery time, taken as this incident's.
    public var discoveredAt: Date
    public var reason: String

    public init(linkedIncident: UUID, discoveredAt: Date, reason: String) {
        self.linkedIncident = linkedIncident
        self.discoveredAt = discoveredAt
        self.reason = reason
    }
}
