import ArgumentParser
import CrisisApp
import CrisisStore

/// The options every command that talks to the database accepts.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "The database role to act as (default: PGUSER, or the embedded cluster's owner).",
            valueName: "NAME"))
    var role: String?

    /// Opens the database, turning failures into exit codes.
    func open(requireSchema: Bool = true) async throws -> CrisisDatabase {
        do {
            return try await CrisisDatabase.open(role: role, requireSchema: requireSchema)
        } catch {
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
    let database = try await options.open(requireSchema: requireSchema)
    do {
        let result = try await body(database)
        await database.close()
        return result
    } catch let error as EventStoreError {
        await database.close()
        throw CommandFailure(error)
    } catch {
        await database.close()
        throw error
    }
}
