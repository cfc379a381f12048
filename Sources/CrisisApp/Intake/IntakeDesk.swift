import CrisisDomain
import CrisisStore
import Foundation

/// `crisis intake ...`, `POST /api/v1/intake/mentions` and `/intake` (issue 12): the intake
/// stream (`intake`), changed through the one command handler, and the promotion of a signal
/// into an incident.
public struct IntakeDesk: Sendable {
    /// The name of the stream that holds mentions, watches and signals.
    public static let stream = "intake"

    public let handler: IncidentHandler

    public init(handler: IncidentHandler) {
        self.handler = handler
    }

    /// The intake stream as recorded now.
    public func board() async throws(CommandError) -> IntakeBoard {
        try await StreamFold<IntakeDecider>(store: handler.database.store).fold(Self.streamID(), keepHistory: false)
            .state
    }

    /// Decides and records one change; returns the intake stream after it.
    @discardableResult
    public func execute(_ command: IntakeCommand, now: Date = Date()) async throws(CommandError) -> IntakeBoard {
        let actor = try await handler.actor()
        let kinds = try kinds(for: command)
        var intake = CommandHandler<IntakeDecider>(store: handler.database.store)
        intake.attempts = handler.attempts
        let run = CommandHandler<IntakeDecider>.Run(
            command: command, stream: try Self.streamID(), commandID: handler.commandID, actor: actor.databaseRole,
            metadata: { _ in EventMetadata(command: command.name) },
            decider: { _ in IntakeDecider(actor: actor, now: now, kinds: kinds) },
            conflict: { _ in "the intake stream kept changing while this change was decided; retry" }
        )
        return try await intake.execute(run).folded.state
    }

    /// Records a pushed batch; says what was new. A replayed batch records nothing.
    public func record(_ batch: [Mention], now: Date = Date()) async throws(CommandError) -> IntakeReceipt {
        let before = try await board()
        let after = try await execute(.recordMentions(batch), now: now)
        let known = Set(before.mentions.map(\.id))
        let raised = Set(before.signals.map(\.id))
        let new = after.mentions.filter { !known.contains($0.id) }.count
        return IntakeReceipt(
            received: batch.count, recorded: new, alreadyRecorded: batch.count - new,
            signalsRaised: after.signals.filter { !raised.contains($0.id) }.map(\.id))
    }

    /// Opens an incident of `kind` for a signal, with its mentions' addresses as the incident's
    /// posts, and records the promotion on the signal. The incident's id is derived from the
    /// signal's, so a retry (or a second click) meets the incident already opened.
    public func promote(_ signalId: String, kind: String, now: Date = Date()) async throws(CommandError) -> UUID {
        let board = try await board()
        let incident = Self.incidentID(for: signalId)
        // Refused before anything is written: who may, which signal, which kind.
        let actor = try await handler.actor()
        let kinds = try kinds(for: .promote(signalId: signalId, kind: kind, incident: incident))
        let decider = IntakeDecider(actor: actor, now: now, kinds: kinds)
        do {
            _ = try decider.decide(.promote(signalId: signalId, kind: kind, incident: incident), board)
        } catch {
            throw error.isBadInput ? .badInput(error.message) : .refused(error)
        }
        guard let signal = board.signal(signalId) else {
            throw .badInput("there is no signal \(signalId); `crisis intake list` shows them")
        }
        if signal.incident == nil {
            var posts: [PostReference] = []
            for mention in board.mentions(of: signal) {
                let post = PostReference(platform: mention.mention.platform, url: mention.mention.url)
                if !posts.contains(post) { posts.append(post) }
            }
            var opener = handler
            opener.commandID = incident
            do {
                _ = try await opener.open(
                    kind: kind,
                    OpenIncident(
                        id: incident,
                        title:
                            "Social-listening signal \(signalId) (watch \(signal.watch)): \(signal.mentionIds.count) mentions",
                        posts: posts, detectedAt: now),
                    now: { now })
            } catch .refused(let refusal) where refusal.id == .incidentAlreadyOpen {
                // Opened by an earlier attempt that did not get to record the promotion.
            }
        }
        var recorder = handler
        recorder.commandID = nil
        try await IntakeDesk(handler: recorder).execute(
            .promote(signalId: signalId, kind: kind, incident: incident), now: now)
        return incident
    }

    private func kinds(for command: IntakeCommand) throws(CommandError) -> [String] {
        guard case .promote = command else { return [] }
        do {
            return try handler.library.catalog().kinds
        } catch {
            throw .badInput("the workflows in \(handler.library.directory.path) do not load:\n\(error)")
        }
    }

    /// The incident opened for a signal: derived from the signal's id, so every attempt opens the same one.
    static func incidentID(for signalId: String) -> UUID {
        let digest = ContentHash.sha256Hex("crisis intake signal \(signalId)")
        var hex = Array(digest.prefix(32))
        hex[12] = "4"
        let text =
            "\(String(hex[0..<8]))-\(String(hex[8..<12]))-\(String(hex[12..<16]))-\(String(hex[16..<20]))-\(String(hex[20..<32]))"
        return UUID(uuidString: text) ?? UUID()
    }

    static func streamID() throws(CommandError) -> StreamID {
        do {
            return try StreamID(stream)
        } catch {
            throw .corrupt("\(stream) cannot name the intake stream: \(error)")
        }
    }
}

/// What a pushed batch changed: how many of its mentions were new, and the signals they raised.
public struct IntakeReceipt: Sendable, Equatable, Codable {
    public var received: Int
    public var recorded: Int
    public var alreadyRecorded: Int
    public var signalsRaised: [String]
}
