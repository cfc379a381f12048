import ArgumentParser
import CrisisApp
import Foundation

/// `crisis freeze ...`: pause publishing from the organisation's accounts during a crisis.
struct FreezeCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freeze",
        abstract: "Pause publishing from the organisation's accounts while an incident runs.",
        discussion: """
            During a crisis, a scheduled cheerful post from the hospital's account is a second
            crisis. A freeze names accounts as PLATFORM:HANDLE (instagram:stmaryshospital) and is
            an event on its incident; a workflow's freeze: section starts some on opening or on an
            action. The publishing tools the workflow names (freeze: notify:, channels added with
            `crisis channel add`) are told by webhook when a freeze starts and ends; tools that
            poll run `crisis freeze check PLATFORM:HANDLE`. A freeze in force blocks closing the
            incident until it is ended or handed over with a reason.
            """,
        subcommands: [Start.self, End.self, List.self, Check.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Freeze publishing from one or more accounts; prints the freeze's id.",
            discussion: """
                Example:
                  crisis freeze start 3f2a9c1e --account instagram:stmaryshospital \\
                    --account x:stmaryshosp --reason "Holiday campaign paused during the leak"
                """)

        @Argument(help: "The incident id (or its first 8+ characters).") var id: String
        @Option(help: "An account as PLATFORM:HANDLE (repeat for several).") var account: [String] = []
        @Option(help: "Why (kept on the incident, never sent to a publishing tool).") var reason: String
        @Flag(help: "Print {\"id\": ...}.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let (freeze, told) = try await IncidentSession.run(connection) { session in
                let stream = try await session.resolve(id)
                let incident = try await session.handler.execute(
                    .freeze(.start(accounts: account, reason: reason)), on: stream)
                let told = try await FreezeDesk(session: session).notify(stream)
                return (incident.state.freezes.last, told)
            }
            if json {
                try Terminal.printJSON(["id": freeze?.id ?? "-"])
                return
            }
            print("Froze \(freeze?.accounts.joined(separator: ", ") ?? "-") (\(freeze?.id ?? "-")).")
            for line in told { print("  \(line)") }
        }
    }

    struct End: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "end",
            abstract: "End a freeze, or hand it over to whoever keeps it, with a reason.",
            discussion: """
                The workflow may let a freeze it started end only in some states; handing it over
                (--handed-over-to with --reason) is allowed at any time.

                Examples:
                  crisis freeze end 3f2a9c1e f1
                  crisis freeze end 3f2a9c1e f1 --handed-over-to "marketing" --reason "Campaign stays paused until January"
                """)

        @Argument(help: "The incident id.") var id: String
        @Argument(help: "The freeze's id (f1, f2, ...; `crisis freeze list` shows them).") var freeze: String
        @Option(help: "Why it ends, or why it is handed over.") var reason: String?
        @Option(help: "Who keeps the freeze from now on (needs --reason).") var handedOverTo: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let told = try await IncidentSession.run(connection) { session in
                let stream = try await session.resolve(id)
                _ = try await session.handler.execute(
                    .freeze(.end(freezeId: freeze, reason: reason, handedOverTo: handedOverTo)), on: stream)
                return try await FreezeDesk(session: session).notify(stream)
            }
            print(handedOverTo.map { "Handed freeze \(freeze) over to \($0)." } ?? "Freeze \(freeze) ended.")
            for line in told { print("  \(line)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "The freezes in force (with --all, the ended ones too).",
            discussion: "Example:\n  crisis freeze list --json")

        @Flag(help: "Also the freezes that ended or were handed over.") var all = false
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let freezes = try await IncidentSession.run(connection) { session in
                try await FreezeDesk(session: session).freezes(includeEnded: all)
            }
            if json {
                try Terminal.printJSON(freezes)
                return
            }
            if freezes.isEmpty {
                print(all ? "No freezes." : "No freeze in force.")
                return
            }
            print(
                Terminal.table(
                    ["INCIDENT", "FREEZE", "ACCOUNTS", "SINCE (UTC)", "STATUS"],
                    freezes.map {
                        let status =
                            $0.freeze.inForce
                            ? "in force" : $0.freeze.handedOverTo.map { "handed over to \($0)" } ?? "ended"
                        return [
                            ($0.drill ? "DRILL " : "") + String($0.incident.prefix(8)), $0.freeze.id,
                            $0.freeze.accounts.joined(separator: ", "), Timestamps.utc($0.freeze.startedAt), status,
                        ]
                    }))
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Whether an account is frozen: exit 0 free, 1 frozen (for publishing tools).",
            discussion: """
                A drill's freeze is shown but pauses nothing real: the account is free.

                Example:
                  crisis freeze check instagram:stmaryshospital --json
                """)

        @Argument(help: "The account as PLATFORM:HANDLE.") var account: String
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let check = try await IncidentSession.run(connection) { session in
                try await FreezeDesk(session: session).check(account)
            }
            if json {
                try Terminal.printJSON(check)
            } else if check.frozen {
                let by = check.freezes.filter { !$0.drill }.map { "\($0.incident.prefix(8)) \($0.freeze.id)" }
                print("\(check.account) is frozen (\(by.joined(separator: ", "))).")
            } else {
                print("\(check.account) is free.")
            }
            if check.frozen { throw ExitCode(1) }
        }
    }
}

extension FreezeDesk {
    init(session: IncidentSession, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(handler: session.handler, courier: .fromEnvironment(environment))
    }
}
