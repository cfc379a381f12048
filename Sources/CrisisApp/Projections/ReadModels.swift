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
        try await rows(
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
    }

    /// The messages `actor` could approve now, oldest submission first: an
    /// outstanding role they hold, and none of the text theirs, nor already approved by them.
    public func approvals(for actor: Actor) async throws(CommandError) -> [QueuedApproval] {
        let me = actor.databaseRole
        let roles = Array(actor.organisationalRoles)
        return try await rows(
            """
            SELECT q.incident_id, i.title, q.approval::text, COALESCE((i.state->>'drill')::boolean, false)
            FROM crisis.projected_legal_queue q JOIN crisis.projected_incidents i USING (incident_id)
            WHERE NOT (\(me) = ANY (q.authors)) AND NOT (\(me) = ANY (q.approvers))
              AND q.outstanding_roles && \(roles)::text[]
            ORDER BY q.submitted_at NULLS FIRST, q.incident_id, q.message_id
            """
        ) { row in
            let row = try row.decode((UUID, String, String, Bool).self)
            var approval = try decode(PendingApproval.self, row.2)
            approval.outstandingRoles = approval.outstandingRoles.filter(actor.organisationalRoles.contains)
            return QueuedApproval(
                incident: row.0.uuidString.lowercased(), title: row.1, approval: approval, drill: row.3)
        }
    }

    /// Every clock of an open incident not yet met, soonest first; status as of `now`.
    public func openDeadlines(now: Date) async throws(CommandError) -> [OpenDeadline] {
        try await rows(
            """
            SELECT d.incident_id, i.title, d.deadline::text, COALESCE((i.state->>'drill')::boolean, false)
            FROM crisis.projected_open_deadlines d JOIN crisis.projected_incidents i USING (incident_id)
            ORDER BY d.due_at, d.incident_id, d.deadline_id
            """
        ) { row in
            let row = try row.decode((UUID, String, String, Bool).self)
            var deadline = try decode(DeadlineStatus.self, row.2)
            deadline.status = deadline.dueAt < now ? .missed : .pending
            return OpenDeadline(
                incident: row.0.uuidString.lowercased(), title: row.1, deadline: deadline, drill: row.3)
        }
    }

    /// Every freeze of every incident, with its incident (issue 16).
    public func freezes() async throws(CommandError) -> [FreezeDesk.Listed] {
        try await rows(
            """
            SELECT incident_id, title, COALESCE((state->>'drill')::boolean, false), (state->'freezes')::text
            FROM crisis.projected_incidents
            WHERE jsonb_typeof(state->'freezes') = 'array' AND jsonb_array_length(state->'freezes') > 0
            ORDER BY opened_position
            """
        ) { (row: PostgresRow) throws -> [FreezeDesk.Listed] in
            let row = try row.decode((UUID, String, Bool, String).self)
            return try decode([Freeze].self, row.3).map {
                FreezeDesk.Listed(incident: row.0.uuidString.lowercased(), title: row.1, drill: row.2, freeze: $0)
            }
        }.flatMap { $0 }
    }

    private func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
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
