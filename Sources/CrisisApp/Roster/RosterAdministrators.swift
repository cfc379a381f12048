import CrisisStore
import PostgresNIO

extension CrisisDatabase {
    /// Whether the person logged in may administer the roster: a role allowed to create roles
    /// (or a superuser), the same test the database applies to the roster stream (migration 0005).
    func sessionMayCreateRoles() async throws(CommandError) -> Bool {
        do {
            var allowed = false
            for try await value in try await connection.query(
                "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user",
                logger: DatabaseConnector.quietLogger
            ).decode(Bool.self) {
                allowed = value
            }
            return allowed
        } catch {
            throw .store(ServerError.translateError(error))
        }
    }
}
