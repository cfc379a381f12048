import CrisisStore
import PostgresNIO

/// How much of the record the person logged in can see (issue 13). A member of `crisis_sealer`
/// takes that role (BYPASSRLS) for the transaction and sees every stream; anyone else sees all
/// but the restricted incidents they were not given, and is told how many streams that leaves
/// out, so a partial verification is never taken for a whole one.
struct RecordView: Sendable {
    /// The stream ids hidden from this person (of restricted incidents and their access logs;
    /// some may not exist yet).
    var hidden: Set<String>
    /// How many existing streams this person cannot see.
    var unseenStreams: Int

    var isComplete: Bool { unseenStreams == 0 }

    /// Inside a transaction: becomes `crisis_sealer` when the session's person is a member, then
    /// says what is still hidden (nothing, for a sealer).
    static func enter(on connection: PostgresConnection) async throws -> RecordView {
        var sealer = false
        for try await member in try await connection.query(
            "SELECT pg_has_role(session_user, 'crisis_sealer', 'MEMBER')", logger: DatabaseConnector.quietLogger
        ).decode(Bool.self) {
            sealer = member
        }
        if sealer {
            _ = try await connection.query("SET LOCAL ROLE crisis_sealer", logger: DatabaseConnector.quietLogger)
        }
        var view = RecordView(hidden: [], unseenStreams: 0)
        for try await (streams, unseen) in try await connection.query(
            "SELECT crisis.hidden_streams(), crisis.unseen_stream_count()", logger: DatabaseConnector.quietLogger
        ).decode(([String], Int64).self) {
            view.hidden.formUnion(streams)
            view.unseenStreams = Int(unseen)
        }
        return view
    }
}
