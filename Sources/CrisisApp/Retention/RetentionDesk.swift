import CrisisDomain
import CrisisStore
import Foundation
import PostgresNIO

/// `crisis retention status` and `crisis retention shred` (issue 13): how long each closed
/// incident is kept, and the destruction of its data key once that has passed.
public struct RetentionDesk: Sendable {
    public let handler: IncidentHandler

    public init(handler: IncidentHandler) {
        self.handler = handler
    }

    /// One closed incident's retention.
    public struct Line: Sendable, Encodable {
        public var id: String
        public var kind: String
        public var title: String
        public var closedAt: Date
        public var retentionEndsAt: Date
        public var onHold: Bool
        /// `encrypted` (a data key exists), `plaintext` (recorded before encryption: shredding
        /// cannot destroy its words) or `shredded`.
        public var storage: String
        public var shreddedAt: Date?
    }

    /// Every closed incident this person may see, oldest first.
    public func status() async throws(CommandError) -> [Line] {
        var lines: [Line] = []
        let models = ReadModels(handler: handler)
        try await models.refresh()
        for summary in try await models.incidents() where summary.lifecycle == "closed" {
            let incident = try await handler.load(try stream(summary.id))
            guard let closedAt = incident.state.closedAt else { continue }
            let retention = incident.state.retention
            let storage =
                retention.isShredded ? "shredded" : try await hasKey(summary.id) ? "encrypted" : "plaintext"
            lines.append(
                Line(
                    id: summary.id, kind: summary.kind, title: summary.title, closedAt: closedAt,
                    retentionEndsAt: RetentionRecord.end(
                        closedAt: closedAt,
                        years: incident.definition?.retentionYears ?? RetentionRecord.defaultYears),
                    onHold: retention.isOnHold,
                    storage: storage, shreddedAt: retention.shreddedAt))
        }
        return lines
    }

    /// Records `KeyShredded` (the rules: closed, retention over, no legal hold; a privacy
    /// officer), then has the database destroy the key. An incident recorded in plaintext is
    /// refused: destroying a key would destroy none of its words. `now` is the clock the
    /// retention end is compared with (tests pass a later one; the CLI the real one).
    public func shred(_ stream: StreamID, reason: String, now: @Sendable () -> Date = Date.init)
        async throws(CommandError) -> LoadedIncident
    {
        let incident = try await handler.check(.shredKey(reason: reason), on: stream, now: now)
        if !incident.state.retention.isShredded, !(try await hasKey(incident.id)) {
            throw .refused(
                Refusal(
                    .retentionPlaintext,
                    "This incident was recorded in plaintext (before crisis encrypted PHI fields): shredding would destroy none of its words. Nothing was changed; see docs/crypto-shredding.md."
                ))
        }
        let shredded = try await handler.execute(.shredKey(reason: reason), on: stream, now: now)
        let destroy: PostgresQuery = "SELECT crisis.shred_incident_key(\(try uuid(incident.id)))"
        do {
            _ = try await handler.database.connection.query(destroy, logger: DatabaseConnector.quietLogger).collect()
        } catch {
            throw .store(ServerError.translateError(error))
        }
        await handler.database.keys.forget(try uuid(incident.id))
        return shredded
    }

    private func hasKey(_ id: String) async throws(CommandError) -> Bool {
        let query: PostgresQuery = "SELECT count(*) FROM crisis.incident_keys WHERE incident_id = \(try uuid(id))"
        do {
            for try await count in try await handler.database.connection.query(
                query, logger: DatabaseConnector.quietLogger
            ).decode(Int64.self) {
                return count > 0
            }
            return false
        } catch {
            throw .store(ServerError.translateError(error))
        }
    }

    private func uuid(_ id: String) throws(CommandError) -> UUID {
        guard let uuid = UUID(uuidString: id) else { throw .corrupt("\(id) is not an incident id") }
        return uuid
    }

    private func stream(_ id: String) throws(CommandError) -> StreamID {
        .incident(try uuid(id))
    }
}
