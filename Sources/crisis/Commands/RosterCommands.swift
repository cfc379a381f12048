import ArgumentParser
import CrisisApp
import Foundation

/// `crisis roster ...`: who holds which organisational roles.
struct RosterCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Give people organisational roles (commander, legal, privacy-officer, ...).",
        discussion: """
            Each person is a PostgreSQL login role: what they do is recorded under the
            role they authenticate as. `roster add` creates it if needed with the least
            privilege (append and read; auditors read only).
            """,
        subcommands: [Add.self, Remove.self, List.self, Password.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a person with one or more roles.",
            discussion: "Example:\n  crisis roster add dana --role legal --role privacy-officer")

        @Argument(help: "The person's database role name (lower-case).") var name: String
        @Option(help: "An organisational role (repeat for several).") var role: [String] = []
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let roster = try await rosterRun(connection) { try await $0.add(person: name, roles: role) }
            print("\(name): \(roster.roles(of: name).sorted().joined(separator: ", "))")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Take roles from a person (all of them without --role).",
            discussion: "Example:\n  crisis roster remove dana --role legal")

        @Argument(help: "The person's database role name.") var name: String
        @Option(help: "A role to take away (repeat).") var role: [String] = []
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let roster = try await rosterRun(connection) { try await $0.remove(person: name, roles: role) }
            let left = roster.roles(of: name).sorted()
            print(left.isEmpty ? "\(name) holds no roles now." : "\(name): \(left.joined(separator: ", "))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Who holds which roles.")

        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let roster = try await rosterRun(connection) { try await $0.current() }
            let members = roster.members.mapValues { $0.sorted() }
            if json {
                try Terminal.printJSON(members)
                return
            }
            print(
                Terminal.table(
                    ["PERSON", "ROLES"],
                    members.sorted { $0.key < $1.key }.map { [$0.key, $0.value.joined(separator: ", ")] }))
        }
    }
}

extension RosterCommands {
    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "password",
            abstract: "Set the password a person signs in to `crisis serve` with.",
            discussion: """
                The password is read from a prompt (not echoed), or from the first line of
                --password-file. Only its SCRAM-SHA-256 verifier is sent to the database, so
                the password itself is in no statement log. At least 12 characters.

                Examples:
                  crisis roster password dana
                  crisis roster password dana --password-file /run/secrets/dana
                """)

        @Argument(help: "The person's database role name.") var name: String
        @Option(help: "A file whose first line is the password.", completion: .file()) var passwordFile: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let password = try readPassword()
            try await rosterRun(connection) { try await $0.setPassword(person: name, password: password) }
            print("Password set for \(name); they can sign in to `crisis serve` now.")
        }

        private func readPassword() throws -> String {
            if let passwordFile {
                guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                    throw CommandFailure(
                        "crisis: cannot read \(passwordFile); give a readable file whose first line is the password",
                        exitCode: .badInput)
                }
                return text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            }
            guard isatty(STDIN_FILENO) == 1 else {
                throw CommandFailure(
                    "crisis: no terminal to prompt for the password; use --password-file FILE", exitCode: .badInput)
            }
            let first = getpass("Password for \(name): ").map { String(cString: $0) } ?? ""
            let again = getpass("Again: ").map { String(cString: $0) } ?? ""
            guard first == again else {
                throw CommandFailure("crisis: the two passwords differ; nothing was changed", exitCode: .badInput)
            }
            return first
        }
    }
}

private func rosterRun<Result>(
    _ options: ConnectionOptions, _ body: (RosterAdministration) async throws -> Result
) async throws -> Result {
    try await withDatabase(options) { database in
        do {
            return try await body(RosterAdministration(database: database))
        } catch let error as CommandError {
            throw CommandFailure(error)
        }
    }
}
