import CrisisDomain
import CrisisStore
import Foundation
import PostgresNIO

/// Policy proposals: each in its own stream `policy-<uuid>`, proposed from
/// incidents, decided by the privacy officer or legal, and linked to the
/// workflow version that carries it once that version is published.
public struct PolicyDesk: Sendable {
    public let handler: IncidentHandler

    public init(handler: IncidentHandler) {
        self.handler = handler
    }

    var store: PostgresEventStore { handler.database.store }

    public static func stream(_ id: UUID) -> String { "policy-\(id.uuidString.lowercased())" }

    /// Records a proposed change to the workflow of `kind`, motivated by `incidents` (ids or prefixes).
    public func propose(kind: String, change: String, from incidents: [String], whatIf: WhatIfEvidence? = nil)
        async throws(CommandError) -> PolicyProposal
    {
        if let whatIf, whatIf.workflow.kind != kind {
            throw .badInput(
                "the what-if replays the \(whatIf.workflow.kind) workflow, not \(kind); attach a what-if of the \(kind) workflow"
            )
        }
        let catalog: WorkflowCatalog
        do {
            catalog = try handler.library.catalog()
        } catch {
            throw .badInput("the workflows in \(handler.library.directory.path) do not load:\n\(error)")
        }
        let publications = try await WorkflowRecord(store: store).publications(kind: kind)
        guard catalog.definition(kind: kind) != nil || !publications.isEmpty else {
            throw .badInput(
                "there is no workflow for the kind \"\(kind)\"; use one of: \(catalog.kinds.joined(separator: ", "))")
        }
        var ids: [UUID] = []
        for reference in incidents {
            let stream: StreamID
            do {
                stream = try await IncidentReference.resolve(reference, in: handler.database)
            } catch {
                throw .badInput(error.message)
            }
            let incident = try await handler.load(stream)
            guard let id = incident.state.id else {
                throw .badInput("there is no incident \(reference); `crisis incident list` shows them")
            }
            ids.append(id)
        }
        let id = UUID()
        let command = PolicyCommand.propose(
            id: id, workflowKind: kind, change: change, fromIncidents: ids,
            workflowVersion: publications.last?.version ?? catalog.definition(kind: kind)?.version, whatIf: whatIf)
        return try await execute(command, on: try Self.streamID(id))
    }

    /// Accepts or rejects the proposal `reference` names (its id or a prefix of 8 or more).
    public func decide(_ reference: String, accept: Bool, reason: String) async throws(CommandError) -> PolicyProposal {
        let stream = try await resolve(reference)
        guard try await Self.fold(stream, from: store).status != .none else {
            throw .badInput("there is no proposal \(reference); `crisis policy list` shows them")
        }
        return try await execute(.decide(accept: accept, reason: reason), on: stream)
    }

    /// Every proposal, oldest first.
    public func all() async throws(CommandError) -> [PolicyProposal] {
        var proposals: [PolicyProposal] = []
        for stream in try await streams() {
            proposals.append(try await Self.fold(stream, from: store))
        }
        return proposals.sorted { ($0.proposedAt ?? .distantPast) < ($1.proposedAt ?? .distantPast) }
    }

    /// Links every accepted, not yet adopted proposal for `kind` to the first
    /// new version of that workflow published after it was accepted, if any.
    func adoptAccepted(kind: String) async throws(CommandError) {
        // Most openings happen with no proposal at all: one query, nothing read.
        let proposals = try await streams()
        guard !proposals.isEmpty else { return }
        let published = try await WorkflowRecord(store: store).datedPublications(kind: kind)
        guard let newest = published.last else { return }
        for stream in proposals {
            let proposal = try await Self.fold(stream, from: store)
            guard proposal.status == .accepted, proposal.workflowKind == kind,
                let accepted = proposal.decidedAt, newest.at > accepted
            else { continue }
            // A version already in use when the proposal was accepted, or the
            // one it was proposed against, does not carry it.
            let inUse = Set(published.filter { $0.at <= accepted }.map(\.publication.version))
            let proposedAgainst = proposal.workflowVersionWhenProposed ?? 0
            guard
                let carrier = published.first(where: {
                    $0.at > accepted && !inUse.contains($0.publication.version)
                        && $0.publication.version > proposedAgainst
                })?.publication
            else { continue }
            let adopted = PolicyChangeAdopted(
                kind: carrier.kind, version: carrier.version, contentHash: carrier.workflow.contentHash)
            _ = try await execute(.adopt(adopted), on: stream)
        }
    }

    // MARK: -

    private func execute(_ command: PolicyCommand, on stream: StreamID) async throws(CommandError) -> PolicyProposal {
        let actor = try await handler.actor()
        var proposals = CommandHandler<PolicyDecider>(store: store)
        proposals.attempts = handler.attempts
        var proposing = false
        if case .propose = command { proposing = true }
        let run = CommandHandler<PolicyDecider>.Run(
            command: command, stream: stream, commandID: handler.commandID, actor: actor.databaseRole,
            metadata: { _ in EventMetadata(command: command.name) },
            // A proposal retried after an outage was recorded under the id its first attempt drew.
            recordedElsewhere: { recorded in
                proposing && recorded.hasPrefix("policy-") ? try? StreamID(recorded) : nil
            },
            decider: { _ in PolicyDecider(actor: actor) },
            conflict: { _ in
                "the proposal kept changing while this command was being decided; look at it again and retry"
            })
        return try await proposals.execute(run).folded.state
    }

    private func streams() async throws(CommandError) -> [StreamID] {
        do {
            return try await StreamCategory.proposals.streams(in: handler.database)
        } catch {
            throw .store(error)
        }
    }

    private func resolve(_ reference: String) async throws(CommandError) -> StreamID {
        do {
            return try await StreamCategory.proposals.resolve(reference, in: handler.database)
        } catch {
            throw .badInput(error.message)
        }
    }

    static func streamID(_ id: UUID) throws(CommandError) -> StreamID {
        do {
            return try StreamID(stream(id))
        } catch {
            throw .badInput("\(id) cannot name a proposal stream")
        }
    }

    /// Folds a proposal's stream.
    static func fold(_ stream: StreamID, from store: PostgresEventStore) async throws(CommandError) -> PolicyProposal {
        try await StreamFold<PolicyDecider>(store: store).fold(stream, keepHistory: false).state
    }

    static func decode(_ event: RecordedEvent) throws(CommandError) -> PolicyEvent {
        try StreamFold<PolicyDecider>.decode(event).event
    }
}
