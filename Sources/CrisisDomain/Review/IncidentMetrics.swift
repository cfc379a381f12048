import Foundation

/// What the policy review measures of one incident, derived from its state alone.
/// Durations are in seconds.
public struct IncidentMetrics: Sendable, Equatable, Codable {
    public var incidentId: UUID
    public var kind: String
    public var title: String
    public var workflowVersion: Int
    public var workflowHash: String
    public var openedAt: Date
    public var closedAt: Date?
    /// From detection to the first published (hence fully approved) public message.
    public var firstApprovedResponse: Double?
    /// From each submission to legal's approval or rejection of that revision.
    public var legalTurnarounds: [Double]
    public var removals: [RemovalTime]
    public var missedDeadlines: [MissedDeadline]
    public var postMortemStatus: PostMortem.Status
    public var rootCauses: [String]
    public var actions: [PostMortemAction]
    /// The PHI scanner rules a privacy officer overrode, one entry per rule per override
    /// ("rule not recorded" for overrides recorded before rule ids were). Optional so that
    /// projection snapshots written before it existed still decode (nil until rewritten).
    public var overriddenPHIRules: [String]?
    /// Every page, with how long until someone acknowledged it and whether it reached anyone.
    /// Optional, like `overriddenPHIRules`, for snapshots written before paging.
    public var pages: [PageTime]?
    /// True for a drill (issue 16): never in the review's real figures, only in its drill section.
    /// Optional for snapshots written before drills.
    public var drill: Bool?
    /// From opening to the first acknowledgement of any page (drills are measured by it).
    public var firstPageAcknowledged: Double?
    /// From detection to the first message fully approved (a holding statement ready to go out).
    public var firstApprovedStatement: Double?

    /// Whether this incident is a drill.
    public var isDrill: Bool { drill == true }

    /// One page as the review counts it.
    public struct PageTime: Sendable, Equatable, Codable {
        public var role: String
        public var level: Int
        /// From the request to the acknowledgement; nil when nobody acknowledged it.
        public var acknowledgedAfter: Double?
        /// True when the page reached nobody: nobody was on call, or every route failed.
        public var reachedNobody: Bool
    }

    /// What `overriddenPHIRules` holds for an override recorded without rule ids.
    public static let ruleNotRecorded = "rule not recorded"

    /// How long one removal took from request to confirmation.
    public struct RemovalTime: Sendable, Equatable, Codable {
        public var platform: String
        public var seconds: Double
    }

    /// A deadline recorded as missed and whom it was escalated to.
    public struct MissedDeadline: Sendable, Equatable, Codable {
        public var deadlineId: String
        public var escalatedTo: [String]
    }

    /// The metrics of an opened incident (nil before it is opened).
    public init?(_ state: IncidentState) {
        guard let id = state.id, let workflow = state.workflow, let openedAt = state.openedAt else { return nil }
        incidentId = id
        kind = state.kind
        title = state.title
        workflowVersion = workflow.version
        workflowHash = workflow.contentHash
        self.openedAt = openedAt
        closedAt = state.closedAt
        let start = state.detectedAt ?? openedAt
        firstApprovedResponse = state.messages.compactMap(\.publishedAt).min().map { $0.timeIntervalSince(start) }
        var turnarounds: [Double] = []
        for message in state.messages {
            let decisions =
                (message.approvals + message.voidedApprovals).filter { $0.role == "legal" }.map { ($0.revision, $0.at) }
                + message.rejections.filter { $0.role == "legal" }.map { ($0.revision, $0.at) }
            for (revision, at) in decisions {
                if let submitted = message.submittedAt(revision: revision, before: at) {
                    turnarounds.append(at.timeIntervalSince(submitted))
                }
            }
        }
        legalTurnarounds = turnarounds.sorted()
        removals = state.removals.compactMap { removal in
            guard removal.status == .confirmed, let done = removal.resolvedAt else { return nil }
            return RemovalTime(platform: removal.platform, seconds: done.timeIntervalSince(removal.requestedAt))
        }
        missedDeadlines = state.missedDeadlines.map { missed in
            MissedDeadline(
                deadlineId: missed.deadlineId,
                escalatedTo: state.escalations.filter { $0.deadlineId == missed.deadlineId }.map(\.escalatedTo))
        }
        postMortemStatus = state.postMortem.status
        rootCauses = state.postMortem.rootCauses
        actions = state.postMortem.actions
        overriddenPHIRules = state.phiOverrides.flatMap { $0.rules ?? [Self.ruleNotRecorded] }
        pages = state.pages.map { page in
            PageTime(
                role: page.role, level: page.level,
                acknowledgedAfter: page.acknowledgedAt.map { $0.timeIntervalSince(page.requestedAt) },
                reachedNobody: page.recipients.isEmpty || page.reachedNobody)
        }
        drill = state.isDrill ? true : nil
        firstPageAcknowledged = state.pages.compactMap(\.acknowledgedAt).min().map { $0.timeIntervalSince(openedAt) }
        firstApprovedStatement = state.messages.compactMap { message in
            message.status == .approved || message.status == .published ? message.approvals.map(\.at).max() : nil
        }.min().map { $0.timeIntervalSince(start) }
    }
}
