import Foundation

/// The continuous policy review: what the incidents of a period say about the
/// workflows, for the people who own them.
public struct PolicyReview: Sendable, Equatable, Codable {
    public var generatedAt: Date
    public var since: Date?
    public var kind: String?
    public var kinds: [KindReview]
    /// Root causes named by the post-mortems, most frequent first; recurring when two or more incidents name it.
    public var rootCauses: [RootCause]
    public var overdueActions: [OverdueAction]
    public var proposals: [ProposalLine]
    /// Every workflow version published (first used) per kind, oldest first: when each came into force.
    public var publications: [Publication] = []
    /// Drills (issue 16), per kind and quarter; never counted in the figures above.
    public var drills: [DrillReview] = []

    /// A workflow version and when it was first used.
    public struct Publication: Sendable, Equatable, Codable {
        public var kind: String
        public var version: Int
        public var contentHash: String
        public var publishedAt: Date

        public init(kind: String, version: Int, contentHash: String, publishedAt: Date) {
            self.kind = kind
            self.version = version
            self.contentHash = contentHash
            self.publishedAt = publishedAt
        }
    }

    /// The figures of one incident kind.
    public struct KindReview: Sendable, Equatable, Codable {
        public var kind: String
        public var incidents: Int
        public var closed: Int
        public var open: Int
        public var firstApprovedResponse: Distribution
        public var legalTurnaround: Distribution
        public var removalByPlatform: [PlatformRemovals]
        public var missedDeadlines: [MissedDeadlineCount]
        public var workflowVersions: [VersionInForce]
        /// Privacy-officer overrides of the PHI scanner per rule, most overridden first: the rules
        /// that block too often.
        public var phiOverridesByRule: [RuleOverrides] = []
        /// Time from a page to its acknowledgement, per role paged, and the pages nobody received.
        public var pages: [RolePages] = []
    }

    /// The pages sent to one role: how fast they were acknowledged, and how many reached nobody.
    public struct RolePages: Sendable, Equatable, Codable {
        public var role: String
        public var pages: Int
        public var acknowledged: Distribution
        public var reachedNobody: Int
    }

    /// How often the privacy officer overrode one PHI scanner rule, and in how many incidents.
    public struct RuleOverrides: Sendable, Equatable, Codable {
        public var rule: String
        public var overrides: Int
        public var incidents: Int

        public init(rule: String, overrides: Int, incidents: Int) {
            self.rule = rule
            self.overrides = overrides
            self.incidents = incidents
        }
    }

    /// Removal times on one platform.
    public struct PlatformRemovals: Sendable, Equatable, Codable {
        public var platform: String
        public var removal: Distribution
    }

    /// How often one deadline was missed, and to whom it was escalated.
    public struct MissedDeadlineCount: Sendable, Equatable, Codable {
        public var deadlineId: String
        public var missed: Int
        /// Role escalated to, with how many times.
        public var escalatedTo: [String: Int]
    }

    /// A workflow version incidents of the period opened under.
    public struct VersionInForce: Sendable, Equatable, Codable {
        public var version: Int
        public var contentHash: String
        public var incidents: Int
        public var firstOpenedAt: Date
        public var lastOpenedAt: Date
    }

    /// A root cause as written (normalised for counting), with the incidents naming it.
    public struct RootCause: Sendable, Equatable, Codable {
        public var text: String
        public var incidents: [UUID]
        public var recurring: Bool
    }

    /// A post-mortem action still open after its due day.
    public struct OverdueAction: Sendable, Equatable, Codable {
        public var incidentId: UUID
        public var incidentTitle: String
        public var actionId: String
        public var text: String
        public var owner: String
        public var due: String
        public var daysOverdue: Int
    }

    /// A policy proposal and where it stands.
    public struct ProposalLine: Sendable, Equatable, Codable {
        public var id: UUID
        public var workflowKind: String
        public var change: String
        public var status: PolicyProposal.Status
        public var fromIncidents: [UUID]
        public var proposedBy: String?
        public var proposedAt: Date?
        public var decidedBy: String?
        public var decidedAt: Date?
        public var reason: String?
        public var adoptedInVersion: Int?
    }

    /// Builds the review of the incidents opened at or after `since` (all when nil),
    /// of one kind or of all, as of `now`.
    public init(
        incidents all: [IncidentMetrics], proposals: [PolicyProposal], since: Date?, kind: String?, now: Date
    ) {
        generatedAt = now
        self.since = since
        self.kind = kind
        let period = all.filter { incident in
            (since.map { incident.openedAt >= $0 } ?? true) && (kind.map { incident.kind == $0 } ?? true)
        }
        // A drill is evidence of training, not of how real incidents went.
        let incidents = period.filter { !$0.isDrill }
        drills = DrillReview.reviews(period.filter(\.isDrill))
        kinds = Dictionary(grouping: incidents, by: \.kind).keys.sorted().map { kind in
            Self.review(kind: kind, incidents.filter { $0.kind == kind })
        }
        rootCauses = Self.rootCauses(incidents)
        overdueActions = incidents.flatMap { incident in
            incident.actions.filter { $0.isOverdue(at: now) }.map { action in
                OverdueAction(
                    incidentId: incident.incidentId, incidentTitle: incident.title, actionId: action.id,
                    text: action.text, owner: action.owner, due: action.due,
                    daysOverdue: Self.daysBetween(action.due, PostMortemDay.string(from: now)))
            }
        }.sorted { ($0.due, $0.incidentId.uuidString, $0.actionId) < ($1.due, $1.incidentId.uuidString, $1.actionId) }
        self.proposals = proposals.filter { proposal in
            (kind.map { proposal.workflowKind == $0 } ?? true)
                && (since.map { (proposal.proposedAt ?? .distantPast) >= $0 || !proposal.isDecided } ?? true)
        }.compactMap { proposal in
            guard let id = proposal.id else { return nil }
            return ProposalLine(
                id: id, workflowKind: proposal.workflowKind, change: proposal.change, status: proposal.status,
                fromIncidents: proposal.fromIncidents, proposedBy: proposal.proposedBy, proposedAt: proposal.proposedAt,
                decidedBy: proposal.decidedBy, decidedAt: proposal.decidedAt, reason: proposal.reason,
                adoptedInVersion: proposal.adoptedIn?.version)
        }.sorted { ($0.proposedAt ?? .distantPast) < ($1.proposedAt ?? .distantPast) }
    }

    private static func review(kind: String, _ incidents: [IncidentMetrics]) -> KindReview {
        let platforms = Dictionary(grouping: incidents.flatMap(\.removals), by: \.platform)
        var missed: [String: MissedDeadlineCount] = [:]
        for deadline in incidents.flatMap(\.missedDeadlines) {
            var count =
                missed[deadline.deadlineId]
                ?? MissedDeadlineCount(
                    deadlineId: deadline.deadlineId, missed: 0, escalatedTo: [:])
            count.missed += 1
            for role in deadline.escalatedTo { count.escalatedTo[role, default: 0] += 1 }
            missed[deadline.deadlineId] = count
        }
        let versions = Dictionary(grouping: incidents, by: { "\($0.workflowVersion)|\($0.workflowHash)" }).values
            .map { group in
                VersionInForce(
                    version: group[0].workflowVersion, contentHash: group[0].workflowHash, incidents: group.count,
                    firstOpenedAt: group.map(\.openedAt).min() ?? group[0].openedAt,
                    lastOpenedAt: group.map(\.openedAt).max() ?? group[0].openedAt)
            }
            .sorted { ($0.version, $0.firstOpenedAt) < ($1.version, $1.firstOpenedAt) }
        return KindReview(
            kind: kind, incidents: incidents.count, closed: incidents.filter { $0.closedAt != nil }.count,
            open: incidents.filter { $0.closedAt == nil }.count,
            firstApprovedResponse: Distribution(incidents.compactMap(\.firstApprovedResponse)),
            legalTurnaround: Distribution(incidents.flatMap(\.legalTurnarounds)),
            removalByPlatform: platforms.keys.sorted().map {
                PlatformRemovals(platform: $0, removal: Distribution(platforms[$0]?.map(\.seconds) ?? []))
            },
            missedDeadlines: missed.values.sorted { ($0.missed, $1.deadlineId) > ($1.missed, $0.deadlineId) },
            workflowVersions: versions, phiOverridesByRule: phiOverridesByRule(incidents),
            pages: pagesByRole(incidents))
    }

    /// Pages per role paged, in role order.
    static func pagesByRole(_ incidents: [IncidentMetrics]) -> [RolePages] {
        let byRole = Dictionary(grouping: incidents.flatMap { $0.pages ?? [] }, by: \.role)
        return byRole.keys.sorted().map { role in
            let pages = byRole[role] ?? []
            return RolePages(
                role: role, pages: pages.count, acknowledged: Distribution(pages.compactMap(\.acknowledgedAfter)),
                reachedNobody: pages.filter(\.reachedNobody).count)
        }
    }

    /// Overrides counted per rule, most first; ties by rule id.
    static func phiOverridesByRule(_ incidents: [IncidentMetrics]) -> [RuleOverrides] {
        var overrides: [String: Int] = [:]
        var inIncidents: [String: Set<UUID>] = [:]
        for incident in incidents {
            for rule in incident.overriddenPHIRules ?? [] {
                overrides[rule, default: 0] += 1
                inIncidents[rule, default: []].insert(incident.incidentId)
            }
        }
        return overrides.map {
            RuleOverrides(rule: $0.key, overrides: $0.value, incidents: inIncidents[$0.key]?.count ?? 0)
        }
        .sorted { ($0.overrides, $1.rule) > ($1.overrides, $0.rule) }
    }

    /// Root causes counted once per incident after normalising case, spacing and final punctuation.
    private static func rootCauses(_ incidents: [IncidentMetrics]) -> [RootCause] {
        var byKey: [String: (text: String, incidents: [UUID])] = [:]
        for incident in incidents {
            for cause in incident.rootCauses {
                let key = normalised(cause)
                guard !key.isEmpty else { continue }
                var entry = byKey[key] ?? (cause, [])
                if !entry.incidents.contains(incident.incidentId) { entry.incidents.append(incident.incidentId) }
                byKey[key] = entry
            }
        }
        return byKey.values.map {
            RootCause(text: $0.text, incidents: $0.incidents, recurring: $0.incidents.count >= 2)
        }
        .sorted { ($0.incidents.count, $1.text) > ($1.incidents.count, $0.text) }
    }

    /// How root causes are compared: case, spacing and final punctuation do not count.
    public static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: ".;:!, "))
    }

    private static func daysBetween(_ from: String, _ to: String) -> Int {
        guard let start = PostMortemDay.start(of: from), let end = PostMortemDay.start(of: to) else { return 0 }
        return Int((end.timeIntervalSince(start) / 86_400).rounded())
    }
}
