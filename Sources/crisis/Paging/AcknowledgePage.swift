import ArgumentParser
import CrisisApp
import Foundation

/// `crisis page ack PAGE_ID [--note TEXT]`: the person paged takes it on, and it stops escalating.
struct AcknowledgePage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge a page sent to you: it stops escalating.",
        discussion: """
            Only a person the page was sent to may acknowledge it; anyone else is refused (exit 1)
            and the refusal is recorded.

            Example:
              crisis page ack 7d4c4c3e-0a1b2c3d --note "on my way in"
            """)

    @Argument(help: "The page id, as the page and `crisis page list` show it.") var page: String
    @Option(help: "A note for the record (stays in crisis; never sent anywhere).") var note: String?
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let acknowledged = try await IncidentSession.run(connection) { session in
            try await PageDesk(session: session).acknowledge(page, note: note)
        }
        let by = acknowledged.acknowledgedBy ?? "you"
        print("Page \(acknowledged.id) acknowledged by \(by); it will not escalate.")
    }
}
