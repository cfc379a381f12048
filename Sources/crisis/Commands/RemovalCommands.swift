import ArgumentParser
import CrisisApp
import Foundation

/// `crisis removal ...`: taking posts down, platform by platform.
struct RemovalCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "removal",
        abstract: "Track takedown requests per platform until confirmed or abandoned.",
        subcommands: [Request.self, Confirm.self, Fail.self, Abandon.self]
    )

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request",
            abstract: "Record a removal request; prints its id.",
            discussion:
                "Example:\n  crisis removal request 3f2a9c1e --platform instagram --url https://instagram.com/p/abc")

        @Argument(help: "The incident id.") var id: String
        @Option(help: "The platform.") var platform: String
        @Option(help: "The post's address.") var url: String
        @Flag(help: "Print {\"id\": ...}.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let incident = try await IncidentSession.run(connection) { session in
                try await session.execute(.removal(.request(platform: platform, url: url)), on: id)
            }
            try printCreated(
                id: incident.state.removals.last?.id ?? "", json: json, message: "Removal requested on \(platform).")
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "confirm",
            abstract: "The post is gone.",
            discussion:
                "Example:\n  crisis removal confirm 3f2a9c1e r1 --evidence \"Platform ticket 4411 closed; URL returns 404\""
        )

        @Argument(help: "The incident id.") var id: String
        @Argument(help: "The removal id (r1, r2, ...).") var removal: String
        @Option(help: "How you know.") var evidence: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.removal(.confirm(removalId: removal, evidence: evidence)), on: id)
            }
            print("Removal \(removal) confirmed.")
        }
    }

    struct Fail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fail",
            abstract: "The platform refused or did not act (the request stays open to retry).",
            discussion: "Example:\n  crisis removal fail 3f2a9c1e r2 --reason \"Platform says no policy violation\"")

        @Argument(help: "The incident id.") var id: String
        @Argument(help: "The removal id.") var removal: String
        @Option(help: "What happened.") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.removal(.fail(removalId: removal, reason: reason)), on: id)
            }
            print("Removal \(removal) recorded as failed.")
        }
    }

    struct Abandon: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "abandon",
            abstract: "Stop pursuing a removal, with the reason on the record.",
            discussion: "Example:\n  crisis removal abandon 3f2a9c1e r2 --reason \"Author deleted the account\"")

        @Argument(help: "The incident id.") var id: String
        @Argument(help: "The removal id.") var removal: String
        @Option(help: "Why.") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.removal(.abandon(removalId: removal, reason: reason)), on: id)
            }
            print("Removal \(removal) abandoned.")
        }
    }
}
