import ArgumentParser
import CrisisApp
import Foundation

/// `crisis contact set`: where a person is paged.
struct ContactCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact",
        abstract: "Where each person is paged: an email address and webhook channels.",
        subcommands: [SetContact.self]
    )
}

/// `crisis contact set NAME`: replaces where `NAME` is paged.
struct SetContact: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set where a person is paged (replaces what was set before).",
        discussion: """
            Example:
              crisis contact set lee --email lee@hospital.example --channel legal-slack
            A page carries no words typed into an incident: only its short id, kind,
            state, what is asked and by when, and a link.
            """)

    @Argument(help: "The person (their roster name).") var name: String
    @Option(help: "An email address pages are sent to through the machine's sendmail.") var email: String?
    @Option(help: "A channel added with `crisis channel add` (repeat for several).") var channel: [String] = []
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let trimmedEmail = email?.trimmingCharacters(in: .whitespaces)
        let channels = channel.map { $0.trimmingCharacters(in: .whitespaces) }
        try await onCallRun(connection) {
            try await $0.execute(.setContact(person: name, email: trimmedEmail, channels: channels))
        }
        let ways = (trimmedEmail.map { ["email \($0)"] } ?? []) + channels.map { "channel \($0)" }
        print("\(name) is paged by \(ways.joined(separator: " and ")).")
    }
}
