import ArgumentParser
import CrisisApp
import Foundation

/// `crisis projections status|update|rebuild`: the read models in PostgreSQL.
struct ProjectionCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projections",
        abstract: "The read models (incident list, legal queue, open deadlines, metrics) kept in PostgreSQL.",
        discussion: """
            They are derived from the event streams and kept up to date by every writer's
            list and review commands; `rebuild` empties them and folds every event again.
            """,
        subcommands: [Status.self, Update.self, Rebuild.self],
        defaultSubcommand: Status.self
    )

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "How far the projections have read.")
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let status = try await IncidentSession.run(connection) { session in
                try await Projector(handler: session.handler).status()
            }
            if json {
                try Terminal.printJSON(status)
                return
            }
            print(
                "Projections: \(status.eventsApplied) events folded, through global position \(status.checkpoint.globalPosition); \(status.isCurrent ? "up to date" : "\(status.eventsBehind) events behind")."
            )
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Fold in every event not yet projected.")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let applied = try await IncidentSession.run(connection) { session in
                try await Projector(handler: session.handler).catchUp()
            }
            print("Folded \(applied) events into the projections.")
        }
    }

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rebuild",
            abstract: "Empty the projections and fold the whole record again.")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let applied = try await IncidentSession.run(connection) { session in
                try await Projector(handler: session.handler).rebuild()
            }
            print("Rebuilt the projections from \(applied) events.")
        }
    }
}
