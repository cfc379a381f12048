import ArgumentParser
import CrisisApp
import Foundation

/// What an incident command needs: the open database, the handler, and the
/// incident the person named.
struct IncidentSession {
    let database: CrisisDatabase
    let handler: IncidentHandler

    /// Opens the database, runs `body`, always closes, and turns failures into exit codes.
    @discardableResult
    static func run<Result>(
        _ options: ConnectionOptions, readFrom: ReadFromOption? = nil,
        _ body: (IncidentSession) async throws -> Result
    ) async throws -> Result {
        let library: WorkflowLibrary
        do {
            library = try WorkflowLibrary.fromEnvironment()
        } catch {
            throw CommandFailure(error)
        }
        return try await withDatabase(options, readFrom: readFrom) { database in
            var handler = IncidentHandler(database: database, library: library)
            handler.commandID = options.commandID
            do {
                return try await body(IncidentSession(database: database, handler: handler))
            } catch let error as CommandError {
                throw CommandFailure(error)
            }
        }
    }

    func resolve(_ reference: String) async throws -> StreamID {
        do {
            return try await IncidentReference.resolve(reference, in: database)
        } catch {
            throw CommandFailure(error)
        }
    }

    /// Runs a command on the incident `reference` names and returns the incident after it.
    @discardableResult
    func execute(_ command: IncidentCommand, on reference: String) async throws -> LoadedIncident {
        let stream = try await resolve(reference)
        return try await handler.execute(command, on: stream)
    }

    func load(_ reference: String) async throws -> LoadedIncident {
        try await handler.load(try await resolve(reference))
    }
}

extension CommandFailure {
    init(_ error: CommandError) {
        switch error {
        case .refused(let refusal):
            self.init("crisis: refused: \(refusal.message)", exitCode: .refused)
        case .badInput(let message):
            self.init("crisis: \(message)", exitCode: .badInput)
        case .conflict(let message):
            self.init("crisis: \(message)", exitCode: .conflict)
        case .corrupt(let message):
            self.init("crisis: \(message)", exitCode: .refused)
        case .store(let storeError):
            self.init(storeError)
        }
    }
}

/// Times on the command line: ISO 8601 with an offset or Z (`2026-11-23T09:30:00-05:00`).
struct Timestamp: ExpressibleByArgument {
    var date: Date

    init?(argument: String) {
        guard let date = Self.parse(argument) else { return nil }
        self.date = date
    }

    static func parse(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        guard let date = withFraction.date(from: text) ?? plain.date(from: text) else { return nil }
        // Far past or far future is a typo, not a crisis.
        guard date.timeIntervalSince1970 > 0, date < Date().addingTimeInterval(366 * 86_400 * 5) else { return nil }
        return date
    }

    static var defaultValueDescription: String { "an ISO 8601 time with offset, e.g. 2026-11-23T09:30:00-05:00" }
}

extension Timestamp {
    static let helpNote = "ISO 8601 with an offset, e.g. 2026-11-23T09:30:00-05:00 or 2026-11-23T14:30:00Z"
}

/// Prints the id of what was created as the last line, or as `{"id": ...}` with --json.
func printCreated(id: String, json: Bool, message: String) throws {
    if json {
        try Terminal.printJSON(["id": id])
    } else {
        print(message)
        print(id)
    }
}

extension IncidentSession {
    /// The read models, telling the person when what they read lags behind the record.
    var readModels: ReadModels {
        var models = ReadModels(handler: handler)
        models.behind = { status in
            Terminal.standardError(
                "crisis: note: what follows lags \(status.eventsBehind) events behind the record (this role may not update the projections, or this server is a standby); a writer's next command or `crisis projections update` brings them up to date."
            )
        }
        return models
    }
}

extension IncidentSession {
    /// Refuses (exit 3) unless the person holds legal: privileged notes are legal's to release.
    func requireLegal(for what: String) async throws {
        do {
            try PrivilegedRelease.check(try await handler.actor(), asking: what)
        } catch let refusal as Refusal {
            throw CommandFailure(.refused(refusal))
        } catch let error as CommandError {
            throw CommandFailure(error)
        }
    }
}
