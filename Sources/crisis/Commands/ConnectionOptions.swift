import ArgumentParser
import CrisisApp
import Foundation
import Synchronization

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
    func open(
        requireSchema: Bool = true, readFrom: ReadPreference = .primary, watch: ConnectionLossWatch? = nil
    ) async throws -> CrisisDatabase {
        do {
            return try await CrisisDatabase.open(role: role, requireSchema: requireSchema, readFrom: readFrom) {
                database in
                watch?.observe(database)
            }
        } catch {
            watch?.disarm()
            throw CommandFailure(error)
        }
    }
}

/// `--read-from primary|standby`, taken by the commands that only read.
struct ReadFromOption: ParsableArguments {
    enum Choice: String, ExpressibleByArgument, CaseIterable {
        case primary, standby
    }

    @Option(
        name: .customLong("read-from"),
        help: ArgumentHelp(
            "Read from the primary (default) or from a standby when DATABASE_URL lists one (also CRISIS_READ_FROM); an audit read still records its access on the primary first.",
            valueName: "primary|standby"))
    var choice: Choice?

    /// The option, else `CRISIS_READ_FROM`, else the primary.
    var preference: ReadPreference {
        get throws {
            if let choice { return choice == .standby ? .standby : .primary }
            let variable = ProcessInfo.processInfo.environment["CRISIS_READ_FROM"] ?? ""
            if variable.isEmpty { return .primary }
            guard let preference = ReadPreference(rawValue: variable) else {
                throw CommandFailure(
                    "crisis: CRISIS_READ_FROM is \"\(variable)\"; set it to primary or standby, or unset it",
                    exitCode: .badInput)
            }
            return preference
        }
    }
}

/// Runs a body against the open database and always closes it. The command's
/// work, once the database is open, is bounded by `CRISIS_COMMAND_TIMEOUT`,
/// except that an audit read is unbounded once its access record is written
/// (from then on it only reads).
@discardableResult
func withDatabase<Result>(
    _ options: ConnectionOptions, requireSchema: Bool = true, readFrom: ReadFromOption? = nil,
    _ body: (CrisisDatabase) async throws -> Result
) async throws -> Result {
    let preference = try readFrom?.preference ?? .primary
    let deadline = try CommandDeadline.fromEnvironment()
    defer { deadline.release() }
    let watch = ConnectionLossWatch()
    var database = try await options.open(requireSchema: requireSchema, readFrom: preference, watch: watch)
    // From here on: opening is bounded by the connect timeout, and on the embedded default it
    // may first create and start the cluster (initdb), which a loaded machine can take well
    // over 30 s to do and which waits on no standby.
    deadline.start()
    database.accessRecorded = { deadline.release() }
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

/// Ends a command that has not finished within `CRISIS_COMMAND_TIMEOUT`
/// seconds (default 30; 0 waits as long as it takes) with exit code 4 and one sentence.
///
/// With `synchronous_commit=on` and the synchronous standby gone, the primary
/// holds every commit until a standby confirms it, and `statement_timeout` does
/// not cover that wait (the statement is over; the commit is waiting). Only the
/// client can bound it. crisis does not cancel the server's wait (a cancelled
/// wait commits locally, visible on the primary but not on any standby);
/// it leaves, and the server may still commit what was sent once a standby
/// answers. That is why the sentence asks for a retry with the same command id.
final class CommandDeadline: Sendable {
    private let released = Mutex(false)
    let limit: Duration?

    init(limit: Duration?) {
        self.limit = limit
    }

    static func fromEnvironment() throws -> CommandDeadline {
        let text = ProcessInfo.processInfo.environment["CRISIS_COMMAND_TIMEOUT"] ?? ""
        if text.isEmpty { return CommandDeadline(limit: .seconds(30)) }
        guard let seconds = Double(text), seconds >= 0, seconds < 1e9 else {
            throw CommandFailure(
                "crisis: CRISIS_COMMAND_TIMEOUT is \"\(text)\"; set it to a number of seconds (0 waits as long as it takes)",
                exitCode: .badInput)
        }
        return CommandDeadline(limit: seconds == 0 ? nil : .milliseconds(Int64(seconds * 1000)))
    }

    func start() {
        guard let limit else { return }
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            guard !released.withLock({ $0 }) else { return }
            let shown = seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
            Terminal.standardError(
                "crisis: the command did not finish within \(shown) s (CRISIS_COMMAND_TIMEOUT); the primary may be "
                    + "waiting for its synchronous standby, and what was sent may still be committed when one answers: "
                    + "run the command again with the same --command-id and it is applied at most once")
            exit(ExitCode.unreachable.rawValue)
        }
    }

    /// The command finished, or has nothing left that could wait on a standby.
    func release() { released.withLock { $0 = true } }
}
