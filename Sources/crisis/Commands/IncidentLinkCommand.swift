import ArgumentParser
import CrisisApp
import Foundation

extension IncidentCommands {
    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link",
            abstract: "Link two incidents; each records the other.",
            discussion: """
                A viral complaint in which patient detail turns up forks into a phi-leak
                incident (its own clock runs from discovery); linking them lets the
                complaint take its phi-found action. `incident open --linked-to ID`
                opens and links in one step.

                Example:
                  crisis incident link 3f2a9c1e --to 9b7d0e44 --reason "Staff reply confirmed the poster is a patient"
                """)

        @Argument(help: "The incident id.") var id: String
        @Option(help: "The other incident's id.") var to: String
        @Option(help: "Why they belong together.") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let incident = try await IncidentSession.run(connection) { session in
                try await IncidentLinks(handler: session.handler).link(
                    try await session.resolve(id), to: try await session.resolve(to), reason: reason)
            }
            print("Linked \(incident.id) and \(to).")
        }
    }
}
