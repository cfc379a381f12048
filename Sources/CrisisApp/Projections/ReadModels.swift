import CrisisDomain
import CrisisStore
import Foundation
import PostgresNIO

/// What the incident commander, legal and the deadline list read: the
/// projections, brought up to date first when this role may write them.
/// A role that may not (an auditor) reads them as they are and is told the lag.
public struct ReadModels: Sendable {
    public let handler: IncidentHandler
    /// Called once per read with the projections' status when they lag behind the record.
    public var behind: @Sendable (ProjectionStatus) -> Void = { _ in }

    public init(handler: IncidentHandler) {
        self.handler = handler
    }

    /// A message waiting for approval, with its incident.
    public struct QueuedApproval: Sendable {
        public var incident: String
        public var title: String
        public var approval: PendingApproval
        /// The incident is a drill (issue 16).
        public var drill: Bool
    }

    /// A clock not yet met, with its incident.
    public struct OpenDeadline: Sendable {
        public var incident: String
        public var title: String
        public var deadline: DeadlineStatus
        /// The incident is a drill (issue 16).
        public var drill: Bool
    }

    @discardableResult
    public func refresh() async throws(CommandError) -> ProjectionStatus {
        try await Projector(handler: handler).refreshIfAllowed()
    }

    /// Every incident, in the order they were opened.
    public func incidents() async throws(CommandError) -> [IncidentSummary] {
        var summaries = try await rows(
            """
            SELECT incident_id, kind, title, current_state, lifecycle, opened_at, closed_at, version,
                   COALESCE((state->>'drill')::boolean, false)
            FROM crisis.projected_incidents ORDER BY opened_position
            """
        ) { row in
            let row = try row.decode((UUID, String, String, String, String, Date?, Date?, Int64, Bool).self)
            return IncidentSummary(
                id: row.0.uuidString.lowercased(), kind: row.1, title: row.2, state: row.3, lifecycle: row.4,
                openedAt: row.5, closedAt: row.6, version: row.7, drill: row.8)
        }
        for index in summaries.indices {
            summaries[index].title = try await opened(summaries[index].title, of: summaries[index].id)
        }
        return summaries
    }

    /// A projected string of incident `id` opened for this reader: the projections keep each
    /// incident's words sealed, as the record does (docs/crypto-shredding.md).
    private func opened(_ text: String, of id: String) async throws(CommandError) -> String {
        try await handler.database.keys.open(text, of: "incident-" + id)
    }

    private func openedJSON(_ text: String, of id: String) async throws(CommandError) -> String {
        try await handler.database.keys.openJSON(text, of: "incident-" + id)
    }

    /// The messages `actor` could approve now, oldest submission first: an
    /// outstanding role they hold, and none of the text theirs, nor already approved by them.
    public func approvals(for actor: Actor) async throws(CommandError) -> [QueuedApproval] {
        let me = actor.databaseRole
        let roles = Array(actor.organisationalRoles)
        let found = try await rows(
            """
            SELECT q.incident_id, i.title, q.approval::text, COALESCE((i.state->>'drill')::boolean, false)
            FROM crisis.projected_legal_queue q JOIN crisis.projected_incidents i USING (incident_id)
            WHERE NOT (\(me) = ANY (q.authors)) AND NOT (\(me) = ANY (q.approvers))
              AND q.outstanding_roles && \(roles)::text[]
            ORDER BY q.submitted_at NULLS FIRST, q.incident_id, q.message_id
            """
        ) { row in try row.decode((UUID, String, String, Bool).self) }
        var queue: [QueuedApproval] = []
        for (id, title, text, drill) in found {
            let incident = id.uuidString.lowercased()
            var approval = try decode(PendingApproval.self, try await openedJSON(text, of: incident))
            // The projector folds the record as stored, so the digest it kept is of the sealed
            // words; the words an approval approves are the opened ones (docs/crypto-shredding.md).
            if try decode(PendingApproval.self, text).text.hasPrefix(IncidentDataKey.prefix) {
                approval.textSHA256 = ContentHash.sha256Hex(approval.text)
            }
            approval.outstandingRoles = approval.outstandingRoles.filter(actor.organisationalRoles.contains)
            queue.append(
                QueuedApproval(
                    incident: incident, title: try await opened(title, of: incident), approval: approval, drill: drill))
        }
        return queue
    }

    /// Every clock of an open incident not yet met, soonest first; status as of `now`.
    public func openDeadlines(now: Date) async throws(CommandError) -> [OpenDeadline] {
        let found = try await rows(
            """
            SELECT d.incident_id, i.title, d.deadline::text, COALESCE((i.state->>'drill')::boolean, false)
            FROM crisis.projected_open_deadlines d JOIN crisis.projected_incidents i USING (incident_id)
            ORDER BY d.due_at, d.incident_id, d.deadline_id
            """
        ) { row in try row.decode((UUID, String, String, Bool).self) }
        var deadlines: [OpenDeadline] = []
        for (id, title, text, drill) in found {
            let incident = id.uuidString.lowercased()
            var deadline = try decode(DeadlineStatus.self, try await openedJSON(text, of: incident))
            deadline.status = deadline.dueAt < now ? .missed : .pending
            deadlines.append(
                OpenDeadline(
                    incident: incident, title: try await opened(title, of: incident), deadline: deadline, drill: drill))
        }
        return deadlines
    }

    /// Every freeze of every incident, with its incident (issue 16).
    public func freezes() async throws(CommandError) -> [FreezeDesk.Listed] {
        let found = try await rows(
            """
            SELECT incident_id, title, COALESCE((state->>'drill')::boolean, false), (state->'freezes')::text
            FROM crisis.projected_incidents
            WHERE jsonb_typeof(state->'freezes') = 'array' AND jsonb_array_length(state->'freezes') > 0
            ORDER BY opened_position
            """
        ) { row in try row.decode((UUID, String, Bool, String).self) }
        var listed: [FreezeDesk.Listed] = []
        for (id, title, drill, text) in found {
            let incident = id.uuidString.lowercased()
            let title = try await opened(title, of: incident)
            for freeze in try decode([Freeze].self, try await openedJSON(text, of: incident)) {
                listed.append(FreezeDesk.Listed(incident: incident, title: title, drill: drill, freeze: freeze))
            }
        }
        return listed
    }

    private func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws(CommandError) -> Value {
        do {
            return try ProjectionSnapshot.decode(type, text)
        } catch {
            throw CommandError.corrupt(
                "the projections hold rows this build cannot read; run `crisis projections rebuild`")
        }
    }

    /// Runs `query` on up-to-date projections and turns each row into a value.
    private func rows<Value>(_ query: PostgresQuery, _ transform: (PostgresRow) throws -> Value)
        async throws(CommandError) -> [Value]
    {
        let status = try await refresh()
        if !status.isCurrent && !status.canUpdate { behind(status) }
        var result: [Value] = []
        do {
            for try await row in try await handler.database.connection.query(
                query, logger: DatabaseConnector.quietLogger)
            {
                result.append(try transform(row))
            }
        } catch {
            throw Projector.translate(error)
        }
        return result
    }
}
