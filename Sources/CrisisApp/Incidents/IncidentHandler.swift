import CrisisDomain
import CrisisStore
import Foundation
import PostgresNIO

/// Runs incident commands the event-sourced way: load the stream, decide with
/// the workflow the incident opened under, append with the expected version;
/// when someone else acted first, decide again on the new state.
public struct IncidentHandler: Sendable {
    public let database: CrisisDatabase
    public let library: WorkflowLibrary
    /// How many times a command is re-decided after someone else acted first.
    public var attempts = 16
    /// The caller's idempotency key: a command retried with the same id after
    /// an outage is applied once. Nil: a fresh id per command.
    public var commandID: UUID?
    /// Runs after each decision, before its append (with the attempt number,
    /// from 0): tests use it to let someone else act first.
    public var beforeAppend: (@Sendable (Int) async -> Void)?
    private let cache = DefinitionCache()

    public init(database: CrisisDatabase, library: WorkflowLibrary) {
        self.database = database
        self.library = library
    }

    var store: PostgresEventStore { database.store }

    /// The person at the keyboard: the role that logged in, with their roster roles.
    public func actor() async throws(CommandError) -> Actor {
        try await actorAndRoster().actor
    }

    /// The person at the keyboard and the roster they were read from, in one roster read.
    func actorAndRoster() async throws(CommandError) -> (actor: Actor, roster: Roster) {
        let role: String
        do {
            var name = database.settings.role
            for try await value in try await database.connection.query(
                "SELECT session_user::text", logger: DatabaseConnector.quietLogger
            ).decode(String.self) {
                name = value
            }
            role = name
        } catch {
            throw .store(ServerError.translateError(error))
        }
        let roster = try await Roster.load(from: store)
        return (Actor(databaseRole: role, organisationalRoles: roster.roles(of: role)), roster)
    }

    /// Folds the incident's stream and finds the workflow it opened under.
    public func load(_ stream: StreamID) async throws(CommandError) -> LoadedIncident {
        try await loaded(StreamFold<IncidentDecider>(store: store, keys: database.keys).fold(stream))
    }

    /// A folded incident with the definition it opened under (`definition` when the caller has it).
    func loaded(_ folded: Folded<IncidentDecider>, definition known: WorkflowDefinition? = nil)
        async throws(CommandError) -> LoadedIncident
    {
        var definition = known
        if definition == nil, let reference = folded.state.workflow {
            definition = try await self.definition(for: reference, overlays: folded.state.overlays)
        }
        return LoadedIncident(
            stream: folded.stream, state: folded.state, version: folded.version, definition: definition,
            history: folded.history)
    }

    /// The definition an incident opened under, rebuilt from its publication.
    func definition(for reference: WorkflowReference, overlays: [OverlayReference]) async throws(CommandError)
        -> WorkflowDefinition
    {
        let key = DefinitionCache.key(reference, overlays)
        if let cached = await cache.definition(for: key) { return cached }
        let publications = try await WorkflowRecord(store: store).publications(kind: reference.kind)
        guard
            let publication = publications.first(where: {
                $0.reference == reference && $0.overlays.map(\.contentHash) == overlays.map(\.contentHash)
            })
        else {
            throw .corrupt(
                "the workflow \(reference.kind) version \(reference.version) (\(reference.contentHash.prefix(12))) this incident opened under is not in the record"
            )
        }
        do {
            let definition = try publication.definition()
            await cache.store(definition, for: key)
            return definition
        } catch {
            throw .corrupt(
                "the recorded workflow \(reference.kind) version \(reference.version) no longer loads: \(error)")
        }
    }

    /// Opens a new incident under the current definition of `kind`, recording
    /// that definition first if this exact text is not in the record yet.
    /// `beforeWriting` runs once the opening is known to be acceptable and
    /// before anything is written (a linked opening records its link there).
    public func open(
        kind: String, _ open: OpenIncident, now: @Sendable () -> Date = Date.init,
        beforeWriting: (() async throws(CommandError) -> Void)? = nil
    ) async throws(CommandError) -> LoadedIncident {
        // Refused before anything is written: a bad opening publishes nothing.
        let (definition, publications) = try await prepareOpening(kind: kind, open, now: now)
        // A new incident's words are sealed with a key of its own: no key file, nothing written.
        try database.keys.requireKeyFile()
        try await beforeWriting?()
        let publication = try library.publication(of: definition)
        if !publications.contains(where: { $0.key == publication.key }) {
            try await WorkflowRecord(store: store).publish(publication)
        }
        // Accepted proposals are in force from the first version published after
        // their acceptance; checked on every opening, so a crash between the
        // publication and the adoption is made good by the next incident. The
        // caller's command id belongs to the opening, not to these. Best effort:
        // the bookkeeping of a policy change never stops an incident opening,
        // and the next opening tries again.
        var adopting = self
        adopting.commandID = nil
        try? await PolicyDesk(handler: adopting).adoptAccepted(kind: kind)
        let stream = StreamID.incident(open.id)
        return try await execute(.open(open), on: stream, definition: definition, now: now)
    }

    /// Everything `open` checks before it writes: the workflows load, the kind
    /// exists, and the opening itself would be accepted.
    private func prepareOpening(kind: String, _ open: OpenIncident, now: @Sendable () -> Date)
        async throws(CommandError) -> (WorkflowDefinition, [WorkflowPublished])
    {
        let publications = try await WorkflowRecord(store: store).publications(kind: kind)
        let known = publications.map {
            KnownWorkflowVersion(kind: $0.kind, version: $0.version, contentHash: $0.workflow.contentHash)
        }
        let catalog: WorkflowCatalog
        do {
            catalog = try library.catalog(known: known)
        } catch {
            throw .badInput("the workflows in \(library.directory.path) do not load:\n\(error)")
        }
        guard let definition = catalog.definition(kind: kind) else {
            throw .badInput(
                "there is no workflow for the kind \"\(kind)\"; use one of: \(catalog.kinds.joined(separator: ", "))")
        }
        let opener = try await actor()
        do {
            _ = try decide(.open(open), .initial, definition, actor: opener, now: now())
        } catch {
            throw error.isBadInput ? .badInput(error.message) : .refused(error)
        }
        return (definition, publications)
    }

    /// Whether `command` would be accepted on the incident now, without
    /// writing anything (not even a refusal): for commands that touch two
    /// incidents and must check both before writing either.
    /// Returns the incident as it was checked.
    @discardableResult
    public func check(_ command: IncidentCommand, on stream: StreamID, now: @Sendable () -> Date = Date.init)
        async throws(CommandError) -> LoadedIncident
    {
        let incident = try await load(stream)
        guard let definition = incident.definition, incident.state.lifecycle != .notOpened else {
            throw .badInput("there is no incident \(incident.id); `crisis incident list` shows them")
        }
        let (actor, roster) = try await actorAndRoster()
        do {
            _ = try decide(command, incident.state, definition, actor: actor, now: now(), roster: roster)
        } catch {
            throw error.isBadInput ? .badInput(error.message) : .refused(error)
        }
        return incident
    }

    /// Decides and appends `command` on an existing incident.
    public func execute(_ command: IncidentCommand, on stream: StreamID, now: @Sendable () -> Date = Date.init)
        async throws(CommandError) -> LoadedIncident
    {
        try await execute(command, on: stream, definition: nil, now: now)
    }

    private func execute(
        _ command: IncidentCommand, on stream: StreamID, definition openingDefinition: WorkflowDefinition?,
        now clock: @Sendable () -> Date
    ) async throws(CommandError) -> LoadedIncident {
        // The handler keeps its closures only while it runs; the clock is read once per decision,
        // so a decision retried after a conflict sees the time it is decided at.
        try await withoutActuallyEscaping(clock) { now async throws(CommandError) in
            try await execute(command, on: stream, definition: openingDefinition, clock: now)
        }
    }

    private func execute(
        _ command: IncidentCommand, on stream: StreamID, definition openingDefinition: WorkflowDefinition?,
        clock now: @escaping @Sendable () -> Date
    ) async throws(CommandError) -> LoadedIncident {
        let (actor, roster) = try await actorAndRoster()
        let id = stream.rawValue.replacingOccurrences(of: "incident-", with: "")
        var handler = CommandHandler<IncidentDecider>(store: store)
        handler.keys = database.keys
        handler.attempts = attempts
        handler.beforeAppend = beforeAppend
        let run = CommandHandler<IncidentDecider>.Run(
            command: command, stream: stream, commandID: commandID, actor: actor.databaseRole,
            metadata: { decider in
                EventMetadata(
                    command: command.name.rawValue,
                    workflow: "\(decider.definition.kind)@\(decider.definition.version)")
            },
            decider: { folded throws(CommandError) in
                if openingDefinition == nil && folded.state.lifecycle == .notOpened {
                    throw .badInput("there is no incident \(id); `crisis incident list` shows them")
                }
                if let openingDefinition {
                    return IncidentDecider(definition: openingDefinition, actor: actor, now: now(), roster: roster)
                }
                guard let reference = folded.state.workflow else { throw .badInput("incident \(id) already exists") }
                let definition = try await definition(for: reference, overlays: folded.state.overlays)
                return IncidentDecider(definition: definition, actor: actor, now: now(), roster: roster)
            },
            refused: { refusal, folded, firstSeenVersion throws(CommandError) in
                let named = Self.naming(changesSince: firstSeenVersion, in: folded.history, refusal)
                try await recordRefusal(named, of: command, on: folded, actor: actor)
                return named
            },
            conflict: { lastConflict in
                "others kept acting on this incident first (the incident moved to version \(lastConflict) while this command was being decided); look at `crisis incident show` and try again"
            })
        let outcome = try await handler.execute(run)
        return try await loaded(outcome.folded, definition: outcome.decider?.definition)
    }

    /// A command that would have been accepted on the incident as first read,
    /// but is refused after someone else acted first, says what they did.
    static func naming(changesSince version: Int64, in history: [RecordedIncidentEvent], _ refusal: Refusal)
        -> Refusal
    {
        // What others did, not what they were refused; each in a short line.
        let changes = history.filter {
            guard $0.version > version else { return false }
            if case .commandRefused = $0.event { return false }
            return true
        }
        guard !changes.isEmpty else { return refusal }
        let described = changes.suffix(3).map { change in
            let sentence = "\(change.actor) \(change.event.sentence)"
            return sentence.count > 120 ? sentence.prefix(119) + "…" : sentence
        }.joined(separator: "; ")
        let more = changes.count > 3 ? " and \(changes.count - 3) earlier" : ""
        var named = refusal
        named.message += " Someone else acted first while this command was being decided: \(described)\(more)."
        return named
    }

    /// A refused command is itself part of the record: who tried what, and why
    /// it was refused. Auditors cannot append, so theirs go unrecorded.
    private func recordRefusal(
        _ refusal: Refusal, of command: IncidentCommand, on incident: Folded<IncidentDecider>, actor: Actor
    )
        async throws(CommandError)
    {
        guard incident.state.lifecycle != .notOpened else { return }
        let commandID = UUID()
        let fields = try await database.keys.writing(incident.stream, version: incident.version)
        let refused = try EventMetadata(command: command.name.rawValue, workflow: nil).newEvent(
            IncidentEvent.refused(command, refusal), commandID: commandID, fields: fields)
        do {
            _ = try await store.append([refused], to: incident.stream, expecting: .any, commandID: commandID)
        } catch .permissionDenied {
            return
        } catch {
            throw .store(error)
        }
    }
}
