import Foundation

/// What the recorded incidents of one kind would have looked like under a proposed workflow
/// definition (issue 16): the recorded events its rules would have refused, the deadlines its
/// durations would have had met or missed, and how the review's deadline figures would move.
/// Pure: the caller brings the histories and both definitions; nothing is decided or written.
public struct WhatIf: Sendable, Equatable, Codable {
    /// The proposed definition replayed.
    public var workflow: WorkflowReference
    public var kind: String
    public var since: Date?
    /// The moment the open clocks are judged at.
    public var asOf: Date
    public var incidents: [IncidentReplay]
    public var totals: Totals

    /// One recorded incident replayed under the proposal.
    public struct IncidentReplay: Sendable, Equatable, Codable {
        public var incidentId: UUID
        public var title: String
        public var openedAt: Date
        /// The definition it was recorded under.
        public var recordedUnder: WorkflowReference
        /// The recorded events the proposed rules would have refused, with the rule id.
        public var refused: [RuleFinding]
        public var deadlines: [DeadlineChange]
    }

    /// One deadline, as recorded and as it would have been.
    public struct DeadlineChange: Sendable, Equatable, Codable {
        public var deadline: String
        public var title: String
        /// nil: the definition has no such deadline.
        public var recorded: DeadlineStatus.Status?
        public var recordedDueAt: Date?
        public var proposed: DeadlineStatus.Status?
        public var proposedDueAt: Date?
        public var metAt: Date?

        /// Met as recorded, missed under the proposal.
        public var wouldHaveBeenMissed: Bool { proposed == .missed && recorded != .missed }
        /// Missed as recorded, met under the proposal.
        public var wouldHaveBeenMet: Bool { proposed == .met && recorded == .missed }
    }

    /// The figures over every incident replayed.
    public struct Totals: Sendable, Equatable, Codable {
        public var incidents: Int
        public var incidentsWithRefusals: Int
        public var refusedEvents: Int
        /// Per deadline: how often it was missed as recorded and would be under the proposal.
        public var deadlines: [DeadlineTotals]
    }

    /// How often one deadline was missed and met, as recorded and under the proposal.
    public struct DeadlineTotals: Sendable, Equatable, Codable {
        public var deadline: String
        public var missedRecorded: Int
        public var missedProposed: Int
        public var metRecorded: Int
        public var metProposed: Int
        /// The incidents that met it as recorded and would have missed it.
        public var wouldHaveMissed: [UUID]
    }

    /// Replays each history under `proposed` as of `now`; `recorded` gives the definition an
    /// incident opened under (nil: its deadlines as recorded are not known and show as nil).
    public init(
        proposed: WorkflowDefinition, incidents: [(history: [RecordedIncidentEvent], recorded: WorkflowDefinition?)],
        since: Date?, now: Date
    ) {
        workflow = proposed.reference
        kind = proposed.kind
        self.since = since
        asOf = now
        var replays: [IncidentReplay] = []
        for (history, recordedDefinition) in incidents {
            var state = IncidentState.initial
            for event in history { state = evolve(consume state, event) }
            guard let id = state.id, let openedAt = state.openedAt, let pinned = state.workflow else { continue }
            let before = recordedDefinition.map { deadlines(state, $0, now: now) } ?? []
            let after = CrisisDomain.deadlines(state, proposed, now: now)
            var names: [String] = []
            for status in before + after where !names.contains(status.id) { names.append(status.id) }
            let changes = names.map { name in
                let was = before.first { $0.id == name }
                let would = after.first { $0.id == name }
                return DeadlineChange(
                    deadline: name, title: would?.title ?? was?.title ?? name, recorded: was?.status,
                    recordedDueAt: was?.dueAt, proposed: would?.status, proposedDueAt: would?.dueAt,
                    metAt: would?.metAt ?? was?.metAt)
            }
            replays.append(
                IncidentReplay(
                    incidentId: id, title: state.title, openedAt: openedAt, recordedUnder: pinned,
                    refused: ruleFindings(history, definition: proposed), deadlines: changes))
        }
        self.incidents = replays.sorted {
            ($0.openedAt, $0.incidentId.uuidString) < ($1.openedAt, $1.incidentId.uuidString)
        }
        var byDeadline: [String: DeadlineTotals] = [:]
        var order: [String] = []
        for replay in self.incidents {
            for change in replay.deadlines {
                if byDeadline[change.deadline] == nil { order.append(change.deadline) }
                var total =
                    byDeadline[change.deadline]
                    ?? DeadlineTotals(
                        deadline: change.deadline, missedRecorded: 0, missedProposed: 0, metRecorded: 0,
                        metProposed: 0, wouldHaveMissed: [])
                if change.recorded == .missed { total.missedRecorded += 1 }
                if change.recorded == .met { total.metRecorded += 1 }
                if change.proposed == .missed { total.missedProposed += 1 }
                if change.proposed == .met { total.metProposed += 1 }
                if change.wouldHaveBeenMissed { total.wouldHaveMissed.append(replay.incidentId) }
                byDeadline[change.deadline] = total
            }
        }
        totals = Totals(
            incidents: self.incidents.count, incidentsWithRefusals: self.incidents.filter { !$0.refused.isEmpty }.count,
            refusedEvents: self.incidents.map(\.refused.count).reduce(0, +),
            deadlines: order.compactMap { byDeadline[$0] })
    }

    /// One paragraph for a proposal: what the evidence says, in numbers.
    public var summary: String {
        var parts = [
            "\(totals.incidents) recorded \(kind) incident(s) replayed under v\(workflow.version) (\(workflow.contentHash.prefix(12)))",
            "\(totals.refusedEvents) recorded event(s) in \(totals.incidentsWithRefusals) incident(s) would have been refused",
        ]
        for deadline in totals.deadlines where deadline.missedRecorded != deadline.missedProposed {
            parts.append("\(deadline.deadline) missed \(deadline.missedRecorded) → \(deadline.missedProposed)")
        }
        return parts.joined(separator: "; ") + "."
    }
}

/// What a proposal keeps of the what-if it was argued with: the digest of the whole replay (its
/// JSON as `crisis policy what-if --json` prints it), the summary, and the definition replayed.
public struct WhatIfEvidence: Sendable, Equatable, Codable {
    public var digest: String
    public var summary: String
    public var workflow: WorkflowReference

    public init(digest: String, summary: String, workflow: WorkflowReference) {
        self.digest = digest
        self.summary = summary
        self.workflow = workflow
    }
}
