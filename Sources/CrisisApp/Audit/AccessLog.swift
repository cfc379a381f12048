import CrisisStore
import Foundation
import PostgresNIO

/// The `access-log` stream: every audit replay and export, by anyone, is
/// recorded there before it is served (who looked at what, and when).
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
        do {
            let rows = try await database.connection.query(
                "SELECT crisis.record_access(\(action), \(subject), \(detailJSON)::jsonb)",
                logger: DatabaseConnector.quietLogger)
            var position: Int64 = 0
            for try await value in rows.decode(Int64.self) { position = value }
            return position
        } catch {
            throw ServerError.translateError(error)
        }
    }
}
