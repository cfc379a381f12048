import ArgumentParser
import CrisisApp
import Foundation

/// `crisis message ...`: drafting and publishing public words.
struct MessageCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message",
        abstract: "Draft, submit and publish messages; only approved words go out.",
        discussion: """
            A draft is screened for patient detail; its exact text is what legal and the
            privacy officer approve; editing it voids approvals; publishing needs every
            approval the workflow names, and only the approved text.
            """,
        subcommands: [Draft.self, Edit.self, Submit.self, Publish.self, List.self]
    )

    struct Draft: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "draft",
            abstract: "Draft a message; prints its id.",
            discussion: """
                Examples:
                  crisis message draft 3f2a9c1e --channel twitter --body "We take every concern seriously. Please contact us at 555-0100 so we can help privately."
                  crisis message draft 3f2a9c1e --template holding-statement --set privacy_line=555-0100
                """)

        @Argument(help: "The incident id.") var id: String
        @Option(help: "Where it will go (twitter, facebook, press, ...); a template names its own.") var channel:
            String?
        @Option(help: "The message text.") var body: String?
        @Option(help: "Start from one of the workflow's response templates.") var template: String?
        @Option(name: .customLong("set"), help: "A template placeholder, KEY=VALUE (repeat).") var values: [String] = []
        @Flag(help: "Print {\"id\": ...}.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            guard (body == nil) != (template == nil) else {
                throw ValidationError("give exactly one of --body TEXT or --template NAME")
            }
            if body != nil && channel == nil { throw ValidationError("a typed message needs --channel") }
            for value in values where !value.contains("=") {
                throw ValidationError("--set takes KEY=VALUE, not \"\(value)\"")
            }
        }

        func run() async throws {
            let messageBody: MessageBody
            if let body {
                messageBody = .text(body)
            } else {
                let pairs = values.map { pair -> (String, String) in
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    return (parts[0], parts.count > 1 ? parts[1] : "")
                }
                messageBody = .template(
                    name: template ?? "", values: Dictionary(pairs, uniquingKeysWith: { $1 }))
            }
            let incident = try await IncidentSession.run(connection) { session in
                try await session.execute(.message(.draft(channel: channel ?? "", body: messageBody)), on: id)
            }
            let message = incident.state.messages.last
            try printCreated(
                id: message?.id ?? "", json: json,
                message: "Drafted on \(message?.channel ?? "-"):\n  \"\(message?.text ?? "")\"")
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Replace a draft's text (voids any approval).",
            discussion: "Example:\n  crisis message edit 3f2a9c1e m1 --body \"...\"")

        @Argument(help: "The incident id.") var id: String
        @Argument(help: "The message id (m1, m2, ...).") var message: String
        @Option(help: "The new text.") var body: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.message(.edit(messageId: message, text: body)), on: id)
            }
            print("Edited \(message); approvals must be given again.")
        }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submit",
            abstract: "Send a draft to the approvers' queue.",
            discussion: "Example:\n  crisis message submit 3f2a9c1e m1")

        @Argument(help: "The incident id.") var id: String
        @Argument(help: "The message id.") var message: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.message(.submit(messageId: message)), on: id)
            }
            print("Submitted \(message) for approval.")
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Record that the approved text was posted, and where.",
            discussion: """
                Publishes exactly the approved text; --body, when given, must match it
                character for character (what you are about to paste).

                Example:
                  crisis message publish 3f2a9c1e m1 --url https://twitter.com/hospital/status/1
                """)

        @Argument(help: "The incident id.") var id: String
        @Argument(help: "The message id.") var message: String
        @Option(help: "Where it was posted.") var url: String
        @Option(help: "The text being posted (defaults to the approved text).") var body: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                let stream = try await session.resolve(id)
                var text = body ?? ""
                if body == nil {
                    text = try await session.handler.load(stream).state.message(message)?.text ?? ""
                }
                return try await session.handler.execute(
                    .message(.publish(messageId: message, url: url, text: text)), on: stream)
            }
            print("Published \(message) at \(url).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "The incident's messages with their approvals.",
            discussion: "Example:\n  crisis message list 3f2a9c1e --json")

        @Argument(help: "The incident id.") var id: String
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let incident = try await IncidentSession.run(connection) { session in try await session.load(id) }
            if json {
                try Terminal.printJSON(incident.state.messages)
                return
            }
            print(
                Terminal.table(
                    ["ID", "STATUS", "CHANNEL", "AUTHOR", "APPROVED BY", "TEXT"],
                    incident.state.messages.map { message in
                        [
                            message.id, message.status.rawValue, message.channel, message.author,
                            message.approvals.map { "\($0.role):\($0.by)" }.joined(separator: ","),
                            message.text,
                        ]
                    }))
        }
    }
}
