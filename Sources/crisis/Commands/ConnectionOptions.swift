import ArgumentParser
import CrisisApp
import CrisisStore
import Foundation

/// The options every command that talks to the database accepts.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "The database role to act as (default: PGUSER, or the embedded cluster's owner).",
            valueName: "NAME"))
    var role: String?

    @Option(
        name: .customLong("command-id"),
        help: ArgumentHelp(
            "An idempotency key (UUID): retrying a command with the same id after an outage applies it once.",
            valueName: "UUID"))
    var commandIDText: String?

    var commandID: UUID? { commandIDText.flatMap(UUID.init(uuidString:)) }

    func validate() throws {
        if let commandIDText, UUID(uuidString: commandIDText) == nil {
            throw ValidationError("--command-id must be a UUID such as 3f2a9c1e-0b7d-4c55-9a61-1c2d3e4f5a6b")
        }
    }

    /// Opens the database, turning failures into exit codes.
    func open(requireSchema: Bool = true, watch: ConnectionLossWatch? = nil) async throws -> CrisisDatabase {
        do {
            return try await CrisisDatabase.open(role: role, requireSchema: requireSchema) { database in
                watch?.observe(database)
            }
        } catch {
            watch?.disarm()
            throw CommandFailure(error)
        }
    }
}

/// Runs a body against the open database and always closes it.
@discardableResult
func withDatabase<Result>(
    _ options: ConnectionOptions, requireSchema: Bool = true,
    _ body: (CrisisDatabase) async throws -> Result
) async throws -> Result {
    let watch = ConnectionLossWatch()
    let database = try await options.open(requireSchema: requireSchema, watch: watch)
    do {
        let result = try await body(database)
        watch.disarm()
        await database.close()
        return result
    } catch let error as EventStoreError {
        watch.disarm()
        await database.close()
        throw CommandFailure(error)
    } catch {
        watch.disarm()
        await database.close()
        throw error
    }
}
