import CrisisDomain
import CrisisStore
import Foundation
import PostgresNIO

/// One batch of events being folded into the read models inside the
/// projector's transaction: the touched incidents and proposals are kept in
/// memory and written once at the end.
struct ProjectionBatch {
    let projector: Projector
    let connection: PostgresConnection
    let store: PostgresEventStore
    /// Events folded in by this batch (events already seen are not counted).
    private(set) var applied: Int64 = 0
    private var incidents: [String: TrackedIncident] = [:]
    private var proposals: [String: PolicyProposal] = [:]

    init(projector: Projector, connection: PostgresConnection, store: PostgresEventStore) {
        self.projector = projector
        self.connection = connection
        self.store = store
    }

    struct TrackedIncident {
        var state: IncidentState
        var openedPosition: Int64
    }

    private var logger: Logger { Projector.logger }

    mutating func fold(_ event: RecordedEvent) async throws {
        if event.streamID.hasPrefix("incident-") {
            try await foldIncident(event)
        } else if event.streamID.hasPrefix("policy-") {
            try await foldProposal(event)
        } else if event.streamID.hasPrefix("workflow-"), event.type == WorkflowPublished.eventType {
            try await recordPublication(event)
        }
    }

    // MARK: Incidents

    private mutating func foldIncident(_ event: RecordedEvent) async throws {
        // Taken out of the batch while it is folded, so the fold owns the state alone (no copy per event).
        var current = try await takeTracked(event.streamID)
        let before = current.state.version
        if event.streamVersion == before + 1 {
            current = try Self.folding(consume current, [event])
        } else if event.streamVersion > before + 1 {
            // A later version arrived first: read the ones in between from the record.
            current = try await foldedOn(consume current, event.streamID)
        }  // else: seen already, changes nothing
        applied += current.state.version - before
        incidents[event.streamID] = current
    }

    /// The incident as this batch has it (removed from the batch until put back),
    /// or as the projection last stored it.
    private mutating func takeTracked(_ stream: String) async throws -> TrackedIncident {
        if let known = incidents.removeValue(forKey: stream) { return known }
        let rows = try await connection.query(
            "SELECT version, state::text, opened_position FROM crisis.projected_incidents WHERE stream_id = \(stream)",
            logger: logger)
        for try await (version, text, position) in rows.decode((Int64, String, Int64).self) {
            if let state = try? ProjectionSnapshot.decode(IncidentState.self, text), state.version == version {
                return TrackedIncident(state: state, openedPosition: position)
            }
            // A stored state this build cannot read: folded again up to what
            // the row covered, so nothing is counted twice.
            return try await foldedOn(TrackedIncident(state: .initial, openedPosition: 0), stream, through: version)
        }
        return TrackedIncident(state: .initial, openedPosition: 0)
    }

    /// `tracked` folded on with the stream's events after the version it holds, up to `last`.
    private func foldedOn(_ tracked: consuming TrackedIncident, _ stream: String, through last: Int64 = .max)
        async throws -> TrackedIncident
    {
        var events: [RecordedEvent] = []
        for try await stored in store.events(in: try StreamID(stream), fromVersion: tracked.state.version + 1) {
            guard stored.streamVersion <= last else { break }
            events.append(stored)
        }
        return try Self.folding(tracked, events)
    }

    /// `tracked` with `events` (the next versions, in order) folded in.
    private static func folding(_ tracked: consuming TrackedIncident, _ events: [RecordedEvent]) throws
        -> TrackedIncident
    {
        var state = tracked.state
        tracked.state = .initial
        for event in events {
            state = evolve(consume state, try StreamFold<IncidentDecider>.decode(event))
            if event.streamVersion == 1 { tracked.openedPosition = event.globalPosition }
        }
        tracked.state = state
        return tracked
    }

    /// Folds one stream up to what the record holds now, whatever the "all"
    /// reader has reached: what a reader needs to see its own writes at once.
    /// The events folded here are skipped when the reader reaches them.
    mutating func refresh(_ stream: String) async throws {
        if stream.hasPrefix("incident-") {
            let current = try await takeTracked(stream)
            let before = current.state.version
            let after = try await foldedOn(consume current, stream)
            applied += after.state.version - before
            incidents[stream] = after
        } else if stream.hasPrefix("policy-") {
            var before = proposals[stream]?.version
            if before == nil { before = try await projectedProposal(stream).version }
            let proposal = try await PolicyDesk.fold(try StreamID(stream), from: store)
            applied += max(proposal.version - (before ?? 0), 0)
            proposals[stream] = proposal
        } else if stream.hasPrefix("workflow-") {
            for try await event in store.events(in: try StreamID(stream))
            where event.type == WorkflowPublished.eventType {
                try await recordPublication(event)
            }
        }
    }

    // MARK: Policy proposals

    private mutating func foldProposal(_ event: RecordedEvent) async throws {
        var proposal: PolicyProposal
        if let known = proposals[event.streamID] {
            proposal = known
        } else {
            proposal = try await projectedProposal(event.streamID)
        }
        let before = proposal.version
        if event.streamVersion <= before { return }
        if event.streamVersion == before + 1 {
            proposal = proposal.evolved(
                try PolicyDesk.decode(event), by: event.actor, at: event.recordedAt, version: event.streamVersion)
        } else {
            proposal = try await PolicyDesk.fold(try StreamID(event.streamID), from: store)
        }
        applied += proposal.version - before
        proposals[event.streamID] = proposal
    }

    private func projectedProposal(_ stream: String) async throws -> PolicyProposal {
        let rows = try await connection.query(
            "SELECT proposal::text FROM crisis.projected_policy_proposals WHERE stream_id = \(stream)", logger: logger)
        for try await text in rows.decode(String.self) {
            return try ProjectionSnapshot.decode(PolicyProposal.self, text)
        }
        return PolicyProposal()
    }

    // MARK: Workflow versions

    private mutating func recordPublication(_ event: RecordedEvent) async throws {
        let publication = try JSONDecoder().decode(WorkflowPublished.self, from: event.data)
        let rows = try await connection.query(
            """
            INSERT INTO crisis.projected_workflow_versions
                (kind, version, content_hash, overlays, published_at, global_position)
            VALUES (\(publication.kind), \(publication.version), \(publication.workflow.contentHash),
                    \(publication.overlays.map(\.contentHash)), \(event.recordedAt), \(event.globalPosition))
            ON CONFLICT DO NOTHING
            RETURNING 1
            """, logger: logger)
        for try await _ in rows.decode(Int.self) { applied += 1 }
    }

    // MARK: Writing

    /// Replaces the rows of every incident and proposal this batch touched.
    func write(now: Date) async throws {
        for (stream, tracked) in incidents {
            try await writeIncident(stream, tracked, now: now)
        }
        for (stream, proposal) in proposals {
            guard let id = proposal.id else { continue }
            _ = try await connection.query(
                """
                INSERT INTO crisis.projected_policy_proposals
                    (proposal_id, stream_id, version, workflow_kind, status, proposed_at, proposal)
                VALUES (\(id), \(stream), \(proposal.version), \(proposal.workflowKind), \(proposal.status.rawValue),
                        \(proposal.proposedAt), \(try ProjectionSnapshot.encode(proposal))::jsonb)
                ON CONFLICT (proposal_id) DO UPDATE SET
                    version = EXCLUDED.version, status = EXCLUDED.status, proposal = EXCLUDED.proposal
                """, logger: logger)
        }
    }

    /// `state` with its words opened with the incident's key (unchanged when there is none to open).
    private func opened(_ state: IncidentState, of stream: String) async throws -> IncidentState {
        let sealed = try ProjectionSnapshot.encode(state)
        let text = try await projector.handler.database.keys.openJSON(sealed, of: stream)
        return text == sealed ? state : try ProjectionSnapshot.decode(IncidentState.self, text)
    }

    private func writeIncident(_ stream: String, _ tracked: TrackedIncident, now: Date) async throws {
        let state = tracked.state
        guard let id = state.id, let workflow = state.workflow else { return }
        let definition = try? await projector.handler.definition(for: workflow, overlays: state.overlays)
        let rows = IncidentProjectionRows(
            state: state, opened: try await opened(state, of: stream), stream: stream,
            openedPosition: tracked.openedPosition, definition: definition, now: now)
        _ = try await connection.query(
            """
            INSERT INTO crisis.projected_incidents
                (incident_id, stream_id, version, kind, title, current_state, lifecycle, workflow_version,
                 workflow_hash, opened_at, closed_at, opened_position, state)
            VALUES (\(id), \(stream), \(state.version), \(state.kind), \(state.title), \(state.currentState),
                    \(state.lifecycle.rawValue), \(workflow.version), \(workflow.contentHash), \(state.openedAt),
                    \(state.closedAt), \(tracked.openedPosition), \(try ProjectionSnapshot.encode(state))::jsonb)
            ON CONFLICT (incident_id) DO UPDATE SET
                version = EXCLUDED.version, title = EXCLUDED.title, current_state = EXCLUDED.current_state,
                lifecycle = EXCLUDED.lifecycle, closed_at = EXCLUDED.closed_at, state = EXCLUDED.state
            """, logger: logger)
        _ = try await connection.query(
            "DELETE FROM crisis.projected_legal_queue WHERE incident_id = \(id)", logger: logger)
        for approval in rows.approvals {
            let message = state.message(approval.messageId)
            _ = try await connection.query(
                """
                INSERT INTO crisis.projected_legal_queue
                    (incident_id, message_id, submitted_at, outstanding_roles, authors, approvers, approval)
                VALUES (\(id), \(approval.messageId), \(approval.submittedAt), \(approval.outstandingRoles),
                        \(approval.authors), \(message?.approvals.map(\.by) ?? []),
                        \(try ProjectionSnapshot.encode(approval))::jsonb)
                """, logger: logger)
        }
        _ = try await connection.query(
            "DELETE FROM crisis.projected_open_deadlines WHERE incident_id = \(id)", logger: logger)
        for deadline in rows.openDeadlines {
            _ = try await connection.query(
                """
                INSERT INTO crisis.projected_open_deadlines (incident_id, deadline_id, due_at, deadline)
                VALUES (\(id), \(deadline.id), \(deadline.dueAt), \(try ProjectionSnapshot.encode(deadline))::jsonb)
                """, logger: logger)
        }
        if let metrics = rows.metrics {
            _ = try await connection.query(
                """
                INSERT INTO crisis.projected_incident_metrics
                    (incident_id, kind, workflow_version, opened_at, closed_at, first_response_seconds,
                     post_mortem_status, metrics)
                VALUES (\(id), \(metrics.kind), \(metrics.workflowVersion), \(metrics.openedAt), \(metrics.closedAt),
                        \(metrics.firstApprovedResponse), \(metrics.postMortemStatus.rawValue),
                        \(try ProjectionSnapshot.encode(metrics))::jsonb)
                ON CONFLICT (incident_id) DO UPDATE SET
                    closed_at = EXCLUDED.closed_at, first_response_seconds = EXCLUDED.first_response_seconds,
                    post_mortem_status = EXCLUDED.post_mortem_status, metrics = EXCLUDED.metrics
                """, logger: logger)
        }
    }
}
