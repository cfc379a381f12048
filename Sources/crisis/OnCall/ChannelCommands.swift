import ArgumentParser
import CrisisApp
import Foundation

/// `crisis channel ...`: the webhooks pages are posted to.
struct ChannelCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channel",
        abstract: "Webhook channels pages go out on (generic JSON, Slack, PagerDuty).",
        subcommands: [AddChannel.self, ListChannels.self, TestChannel.self]
    )
}

/// `crisis channel add NAME --webhook URL`.
struct AddChannel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a webhook channel.",
        discussion: """
            Example:
              crisis channel add legal-slack --webhook https://hooks.slack.example/T000/B000 --format slack
              crisis channel add pager --webhook https://events.pagerduty.example/v2/enqueue --format pagerduty --secret-file /etc/crisis/pd-routing-key
            The secret (an HMAC key, a PagerDuty routing key) stays in its file: crisis
            reads it when it delivers a page and never stores or prints it.
            """)

    @Argument(help: "The channel's name (lower-case letters, digits and -).") var name: String
    @Option(help: "The http(s) address pages are posted to.") var webhook: String
    @Option(help: "The body the receiver expects: generic, slack or pagerduty.") var format: ChannelFormat = .generic
    @Option(help: "A file holding the signing secret or routing key, read at delivery time.") var secretFile: String?
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let url = webhook.trimmingCharacters(in: .whitespaces)
        let secret = secretFile.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        try await onCallRun(connection) {
            try await $0.execute(.addChannel(name: name, webhook: url, format: format, secretFile: secret))
        }
        print("Channel \(name) added (\(format.rawValue)).")
    }
}

/// `crisis channel list`.
struct ListChannels: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The channels pages go out on.")

    @Flag(help: "Print one JSON document.") var json = false
    @OptionGroup var connection: ConnectionOptions

    /// A channel as listed: the webhook shown by scheme and host only, since for Slack and
    /// similar receivers the address itself is the credential.
    struct Listed: Encodable {
        var name: String
        var format: ChannelFormat
        var webhook: String
        var secretFile: String?
    }

    func run() async throws {
        let schedule = try await onCallRun(connection) { try await $0.schedule() }
        let channels = schedule.channels.values.sorted { $0.name < $1.name }.map {
            Listed(name: $0.name, format: $0.format, webhook: Self.shown($0.webhook), secretFile: $0.secretFile)
        }
        if json {
            try Terminal.printJSON(channels)
            return
        }
        print(
            Terminal.table(
                ["CHANNEL", "FORMAT", "WEBHOOK", "SECRET FILE"],
                channels.map { [$0.name, $0.format.rawValue, $0.webhook, $0.secretFile ?? "none"] }))
    }

    /// `https://hooks.slack.example/…`: the path, which may carry the receiver's token, is not shown.
    static func shown(_ webhook: String) -> String {
        guard let url = URL(string: webhook), let scheme = url.scheme, let host = url.host else { return "…" }
        let port = url.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)/…"
    }
}

extension ChannelFormat: ExpressibleByArgument {}

/// `crisis channel test NAME`: posts a test page, signed like a real one, and prints the answer.
struct TestChannel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a test page to a channel and show what it answered.",
        discussion: """
            The test page names no incident and asks nothing; it is not recorded. Exit 1 when the
            receiver does not take it.

            Example:
              crisis channel test legal-slack
            """)

    @Argument(help: "The channel's name.") var name: String
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let answer = try await IncidentSession.run(connection) { session in
            let schedule = try await OnCallDesk(handler: session.handler).schedule()
            guard let channel = schedule.channels[name] else {
                throw CommandFailure(
                    "crisis: there is no channel \"\(name)\"; `crisis channel list` shows them.", exitCode: .badInput)
            }
            return await PageCourier.fromEnvironment().test(channel, now: Date())
        }
        switch answer {
        case .accepted(let receipt):
            print("Channel \(name) took the test page (\(receipt)).")
        case .refused(let reason, _):
            throw CommandFailure("crisis: channel \(name) did not take the test page: \(reason)", exitCode: .refused)
        }
    }
}
