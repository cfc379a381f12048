import CrisisDomain
import CrisisStore
import Foundation

/// `crisis drill schedule|list` and the start of scheduled drills by `crisis watch` (issue 16):
/// the schedule is the `drills` stream, changed through the one command handler.
public struct DrillDesk: Sendable {
    /// The name of the stream that holds the schedule.
    public static let stream = "drills"

    public let handler: IncidentHandler

    public init(handler: IncidentHandler) {
        self.handler = handler
    }

    /// The schedule as recorded now.
    public func schedule() async throws(CommandError) -> DrillSchedule {
        try await StreamFold<DrillDecider>(store: handler.database.store).fold(Self.streamID(), keepHistory: false)
            .state
    }

    /// Decides and records one change; returns the schedule after it.
    @discardableResult
    public func execute(_ command: DrillCommand, now: Date = Date()) async throws(CommandError) -> DrillSchedule {
        let actor = try await handler.actor()
        let kinds: [String]
        do {
            kinds = try handler.library.catalog().kinds
        } catch {
            throw .badInput("the workflows in \(handler.library.directory.path) do not load:\n\(error)")
        }
        var schedules = CommandHandler<DrillDecider>(store: handler.database.store)
        schedules.attempts = handler.attempts
        let run = CommandHandler<DrillDecider>.Run(
            command: command, stream: try Self.streamID(), commandID: handler.commandID, actor: actor.databaseRole,
            metadata: { _ in EventMetadata(command: command.name) },
            decider: { _ in DrillDecider(actor: actor, now: now, kinds: kinds) },
            conflict: { _ in
                "the drill schedule kept changing while this change was decided; look at it again and retry"
            }
        )
        return try await schedules.execute(run).folded.state
    }

    /// Opens a drill incident for every scheduled drill whose time has come, unannounced, and
    /// records that it started; returns a line per drill started. Safe to run from several
    /// watchers at once: the incident's id is derived from the drill's, so a second watcher's
    /// opening meets the first one's incident and only records the start if it is missing.
    public func startDue(now: Date) async throws(CommandError) -> [String] {
        var lines: [String] = []
        for drill in try await schedule().due(at: now) {
            // One drill that cannot start (its workflow gone, a refusal) is named, never stopping
            // the watcher or the other drills; the next pass tries it again.
            do {
                lines += try await start(drill, now: now)
            } catch {
                lines.append("DRILL \(drill.id) could not start: \(error)")
            }
        }
        return lines
    }

    private func start(_ drill: DrillSchedule.Drill, now: Date) async throws(CommandError) -> [String] {
        var lines: [String] = []
        let incident = Self.incidentID(for: drill.id)
        var opener = handler
        opener.commandID = incident
        do {
            _ = try await opener.open(
                kind: drill.kind,
                OpenIncident(
                    id: incident, title: "Scheduled \(drill.kind) drill \(drill.id)", detectedAt: now,
                    drill: true),
                now: { now })
            lines.append(
                "DRILL \(drill.id): opened \(drill.kind) drill incident \(incident.uuidString.lowercased())")
        } catch .refused(let refusal) where refusal.id == .incidentAlreadyOpen {
            // Another watcher opened it first.
        }
        var recorder = handler
        recorder.commandID = nil
        try await DrillDesk(handler: recorder).execute(
            .recordStarted(drillId: drill.id, incident: incident), now: now)
        return lines
    }

    /// The drill incident's id: derived from the drill's id (and the schedule it is in), so
    /// every watcher opens the same incident for it.
    static func incidentID(for drillId: String) -> UUID {
        let digest = ContentHash.sha256Hex("crisis drill \(drillId)")
        var hex = Array(digest.prefix(32))
        hex[12] = "4"  // a version-4 shape, so it reads as any other id
        let text =
            "\(String(hex[0..<8]))-\(String(hex[8..<12]))-\(String(hex[12..<16]))-\(String(hex[16..<20]))-\(String(hex[20..<32]))"
        return UUID(uuidString: text) ?? UUID()
    }

    static func streamID() throws(CommandError) -> StreamID {
        do {
            return try StreamID(stream)
        } catch {
            throw .corrupt("\(stream) cannot name the drill stream: \(error)")
        }
    }
}
