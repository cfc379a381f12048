import CrisisStore
import Foundation
import PostgresNIO

/// The `access-log` stream: every audit replay and export, by anyone, is
/// recorded there before it is served (who looked at what, and when).
/// A read served by a standby is recorded on the primary first; with no
/// primary reachable the read is refused: no read without its record.
public struct AccessLog: Sendable {
    public static let stream = "access-log"

    public let database: CrisisDatabase

    public init(database: CrisisDatabase) {
        self.database = database
    }

    /// Records that the person logged in is about to `action` `subject`.
    /// Returns the global position of the access event.
    @discardableResult
    public func record(_ action: String, subject: String, detail: [String: String] = [:])
        async throws(EventStoreError) -> Int64
    {
        let detailJSON: String
        do {
            detailJSON = String(decoding: try JSONEncoder().encode(detail), as: UTF8.self)
        } catch {
            throw .invalidInput("cannot encode the access detail: \(error)")
        }
        let position: Int64
        if database.serverRole == .standby {
            let primary: PostgresConnection
            do {
                primary = try await database.openPrimary()
            } catch {
                guard case .unavailable(let reason) = error else { throw error }
                throw .unavailable(
                    "refused to \(action) on the standby: an audit read is recorded on the primary first, "
                        + "and no primary answered: \(reason)")
            }
            do {
                position = try await Self.record(on: primary, action, subject, detailJSON)
            } catch {
                try? await primary.close()
                throw error
            }
            try? await primary.close()
        } else {
            position = try await Self.record(on: database.connection, action, subject, detailJSON)
        }
        database.accessRecorded()
        return position
    }

    /// Someone named an incident that crisis answers "no such incident" to. If the reference
    /// names restricted incidents this person may not see, the database records the attempt in
    /// each one's access log (migration 0007, `crisis.record_denied_read`); the answer reveals
    /// nothing either way. Best effort: the answer is the same when it cannot be recorded.
    public func recordDeniedRead(_ reference: String) async {
        let connection: PostgresConnection
        var opened: PostgresConnection?
        if database.serverRole == .standby {
            guard let primary = try? await database.openPrimary() else { return }
            opened = primary
            connection = primary
        } else {
            connection = database.connection
        }
        _ = try? await connection.query(
            "SELECT crisis.record_denied_read('read', \(reference))", logger: DatabaseConnector.quietLogger
        ).collect()
        try? await opened?.close()
    }

    private static func record(on connection: PostgresConnection, _ action: String, _ subject: String, _ detail: String)
        async throws(EventStoreError) -> Int64
    {
        do {
            let rows = try await connection.query(
                "SELECT crisis.record_access(\(action), \(subject), \(detail)::jsonb)",
                logger: DatabaseConnector.quietLogger)
            var position: Int64 = 0
            for try await value in rows.decode(Int64.self) { position = value }
            return position
        } catch {
            throw ServerError.translateError(error)
        }
    }
}
