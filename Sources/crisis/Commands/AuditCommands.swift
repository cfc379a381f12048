import ArgumentParser
import CrisisApp
import CrisisStore

/// `crisis audit ...`: what a regulator or auditor runs.
struct AuditCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Prove the record: replay, timelines, hash chains, seals and exports.",
        subcommands: [Verify.self, Replay.self, Timeline.self, Keygen.self, Seal.self, Export.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every hash chain and name the first event that does not match.",
            discussion: """
                Each event's hash covers its content and the hash of the event before
                it (docs/hash-chain.md). A changed, removed or reordered event breaks
                the chain from that point. Exits 0 when every chain holds, 1 otherwise.

                Examples:
                  crisis audit verify
                  crisis audit verify 3f2a9c1e
                """)

        @Argument(help: "An incident id (or its first 8+ characters); all streams when omitted.")
        var incident: String?
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Print one JSON document.") var json = false

        func run() async throws {
            let report = try await withDatabase(connection) { database in
                let stream = try await incident.asyncMap {
                    try await IncidentReference.resolve($0, in: database)
                }
                return try await ChainVerification(database: database).run(stream: stream)
            }
            if json {
                try Terminal.printJSON(VerificationOutput(report))
            } else if let problem = report.firstProblem {
                print(Terminal.red("TAMPERED") + ": \(problem)")
                print(
                    "checked \(report.eventsChecked) events in \(report.streamsChecked) streams before the first problem"
                )
            } else {
                print(
                    Terminal.green("OK")
                        + ": \(report.eventsChecked) events in \(report.streamsChecked) streams; every hash chain verifies"
                )
            }
            if !report.isIntact {
                throw ExitCode.refused
            }
        }
    }
}

/// The JSON shape of a verification.
struct VerificationOutput: Encodable {
    var intact: Bool
    var streams: Int
    var events: Int
    var firstProblem: ChainProblem?

    init(_ report: ChainVerifier.Report) {
        intact = report.isIntact
        streams = report.streamsChecked
        events = report.eventsChecked
        firstProblem = report.firstProblem
    }
}

extension Optional {
    func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async rethrows -> Mapped? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
