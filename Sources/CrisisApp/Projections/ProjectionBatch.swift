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
        var tracked: TrackedIncident
        if let known = incidents[event.streamID] {
            tracked = known
        } else {
            tracked = try await projectedIncident(event.streamID)
        }
        let before = tracked.state.version
        if event.streamVersion <= before { return }  // seen already: changes nothing
        if event.streamVersion == before + 1 {
            // Taken out of `tracked` so the fold owns it alone: no copy per event.
            var state = tracked.state
            tracked.state = .initial
            state = evolve(consume state, try EventCoding.recorded(event))
            tracked.state = state
            if event.streamVersion == 1 { tracked.openedPosition = event.globalPosition }
        } else {
            // A later version arrived first (or the stored state could not be
            // read): fold the stream again from the record.
            tracked = try await refold(event.streamID)
        }
        applied += tracked.state.version - before
        incidents[event.streamID] = tracked
    }

    /// The incident as the projection last stored it; a stored state this
    /// build cannot read is folded again from the record.
    private func projectedIncident(_ stream: String) async throws -> TrackedIncident {
        let rows = try await connection.query(
            "SELECT version, state::text, opened_position FROM crisis.projected_incidents WHERE stream_id = \(stream)",
            logger: logger)
        for try await (version, text, position) in rows.decode((Int64, String, Int64).self) {
            if let state = try? ProjectionSnapshot.decode(IncidentState.self, text), state.version == version {
                return TrackedIncident(state: state, openedPosition: position)
            }
            // Folded again up to what the row covered, so nothing is counted twice.
            return try await refoldKeepingCount(stream, coveredUpTo: version)
        }
        return TrackedIncident(state: .initial, openedPosition: 0)
    }

    private func refoldKeepingCount(_ stream: String, coveredUpTo version: Int64) async throws -> TrackedIncident {
        // The state is folded from the record up to `version`, so events after it are folded (and counted) normally.
        var state = IncidentState.initial
        var position: Int64 = 0
        for try await stored in store.events(in: try StreamID(stream)) {
            guard stored.streamVersion <= version else { break }
            state = evolve(consume state, try EventCoding.recorded(stored))
            if stored.streamVersion == 1 { position = stored.globalPosition }
        }
        return TrackedIncident(state: state, openedPosition: position)
    }

    private func refold(_ stream: String) async throws -> TrackedIncident {
        try await refoldKeepingCount(stream, coveredUpTo: .max)
    }

    /// Folds one stream up to what the record holds now, whatever the "all"
    /// reader has reached: what a reader needs to see its own writes at once.
    /// The events folded here are skipped when the reader reaches them.
    mutating func refresh(_ stream: String) async throws {
        if stream.hasPrefix("incident-") {
            var tracked: TrackedIncident
            if let known = incidents[stream] {
                tracked = known
            } else {
                tracked = try await projectedIncident(stream)
            }
            let before = tracked.state.version
            // Only the events after what is projected are read and folded.
            var state = tracked.state
            tracked.state = .initial
            for try await stored in store.events(in: try StreamID(stream), fromVersion: before + 1) {
                state = evolve(consume state, try EventCoding.recorded(stored))
                if stored.streamVersion == 1 { tracked.openedPosition = stored.globalPosition }
            }
            tracked.state = state
            applied += tracked.state.version - before
            incidents[stream] = tracked
        } else if stream.hasPrefix("policy-") {
            var before = proposals[stream]?.version
            if before == nil { before = try await projectedProposal(stream).version }
            let proposal = try await PolicyDesk.fold(try StreamID(stream), from: store)
            applied += max(proposal.version - (before ?? 0), 0)
            proposals[stream] = proposal
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

    private func writeIncident(_ stream: String, _ tracked: TrackedIncident, now: Date) async throws {
        let state = tracked.state
        guard let id = state.id, let workflow = state.workflow else { return }
        let definition = try? await projector.handler.definition(for: workflow, overlays: state.overlays)
        let rows = IncidentProjectionRows(
            state: state, stream: stream, openedPosition: tracked.openedPosition, definition: definition, now: now)
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
