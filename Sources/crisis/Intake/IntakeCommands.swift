import ArgumentParser
import CrisisApp
import Foundation

/// `crisis intake ...`: mentions pushed by social-listening tools, the watches that turn a spike
/// into a signal, and the promotion of a signal into an incident (issue 12).
struct IntakeCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Signals from social listening: watches, the spikes they saw, and promotion into incidents.",
        discussion: """
            Social-listening tools push mentions to `crisis serve` (POST /api/v1/intake/mentions,
            signed per source; docs/web.md). A watch counts the mentions whose words contain one of
            its texts; THRESHOLD of them posted within the window raise a signal. The commander or
            social media promotes a signal into an incident whose posts are the mentions' addresses.
            """,
        subcommands: [WatchCommands.self, List.self, Promote.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "The signals raised, newest first, with their mentions.",
            discussion: "Example:\n  crisis intake list --json")

        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let board = try await IntakeSession.board(connection)
            let signals = IntakeListing(board).signals
            if json {
                try Terminal.printJSON(signals)
                return
            }
            if signals.isEmpty {
                print(
                    "No signals raised. \(board.mentions.count) mentions recorded; `crisis intake watch list` shows the watches."
                )
                return
            }
            for signal in signals {
                let state = signal.incident.map { "promoted into incident \($0.prefix(8))" } ?? "open"
                print(
                    "\(signal.id)  watch \(signal.watch)  \(signal.mentions.count) mentions  raised \(signal.raisedAt)  \(state)"
                )
                for mention in signal.mentions {
                    print(
                        "    \(mention.postedAt)  \(mention.platform)  \(mention.author)  reach \(mention.reach)  \(mention.url)"
                    )
                }
            }
        }
    }

    struct Promote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "promote",
            abstract: "Open an incident for a signal, with its mentions' addresses as the incident's posts.",
            discussion: """
                Example:
                  crisis intake promote s1 --kind viral-complaint
                Promoting the same signal again answers with the incident already opened.
                """)

        @Argument(help: "The signal, as `crisis intake list` shows it (e.g. s1).") var signal: String
        @Option(help: "The incident kind (its workflow).") var kind: String
        @Flag(help: "Print {\"id\": ...}.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let incident = try await IncidentSession.run(connection) { session in
                try await IntakeDesk(handler: session.handler).promote(signal, kind: kind)
            }
            let id = incident.uuidString.lowercased()
            if json {
                try Terminal.printJSON(["id": id])
            } else {
                print("Promoted signal \(signal) into \(kind) incident \(id).")
            }
        }
    }
}

/// `crisis intake watch add|list|remove`.
struct WatchCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "The watches that turn a spike of mentions into a signal.",
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Watch for mentions containing any of the texts given.",
            discussion: """
                Example:
                  crisis intake watch add parking --match "parking garage" --match "towed" --threshold 5 --within 30m
                """)

        @Argument(help: "The watch's name: lower-case letters, digits and dashes.") var name: String
        @Option(parsing: .upToNextOption, help: "A text a mention's words must contain (any one; case ignored).")
        var match: [String]
        @Option(help: "How many matching mentions make a spike.") var threshold = 5
        @Option(help: "The window they must be posted within (e.g. 30m, 2h, 1d).") var within = "30m"
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            guard let duration = WorkflowDuration.parse(within), duration.unit != .businessDays else {
                throw CommandFailure(
                    "crisis: --within \(within) is not a window; give minutes, hours or days, e.g. 30m, 2h, 1d",
                    exitCode: .badInput)
            }
            try await IntakeSession.run(connection) { desk in
                try await desk.execute(
                    .addWatch(name: name, match: match, threshold: threshold, withinSeconds: Int(duration.roughSeconds))
                )
            }
            print(
                "Watching \(name): \(threshold) mentions of \(match.joined(separator: " or ")) within \(duration) raise a signal."
            )
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The watches in force.")

        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let board = try await IntakeSession.board(connection)
            if json {
                try Terminal.printJSON(board.watches)
                return
            }
            if board.watches.isEmpty {
                print("No watches; `crisis intake watch add NAME --match TEXT` adds one.")
                return
            }
            print(
                Terminal.table(
                    ["NAME", "MATCH", "THRESHOLD", "WITHIN (MIN)", "BY"],
                    board.watches.map {
                        [
                            $0.name, $0.match.joined(separator: " | "), String($0.threshold),
                            String($0.withinSeconds / 60), $0.addedBy,
                        ]
                    }))
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Stop a watch (its signals stay).")

        @Argument(help: "The watch's name.") var name: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IntakeSession.run(connection) { desk in try await desk.execute(.removeWatch(name: name)) }
            print("Removed watch \(name).")
        }
    }
}

/// The intake desk on an open database, for the commands above.
enum IntakeSession {
    static func run(
        _ connection: ConnectionOptions, _ body: (IntakeDesk) async throws -> IntakeBoard
    ) async throws {
        try await IncidentSession.run(connection) { session in
            _ = try await body(IntakeDesk(handler: session.handler))
        }
    }

    static func board(_ connection: ConnectionOptions) async throws -> IntakeBoard {
        try await IncidentSession.run(connection) { session in
            try await IntakeDesk(handler: session.handler).board()
        }
    }
}
