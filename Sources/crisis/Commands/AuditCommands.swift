import ArgumentParser
import CrisisApp

/// `crisis audit ...`: what a regulator or auditor runs.
struct AuditCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Prove the record: replay, timelines, hash chains, seals and exports.",
        subcommands: [
            Verify.self, Rules.self, Replay.self, Timeline.self, Keygen.self, Seal.self, Export.self, Grant.self,
        ]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Recompute every hash chain and name the first event that does not match.",
            discussion: """
                Each event's hash covers its content and the hash of the event before
                it (docs/hash-chain.md). A changed, removed or reordered event breaks
                the chain from that point. Exits 0 when every chain holds, 1 otherwise.

                A member of crisis_sealer verifies every stream. Anyone else verifies the
                streams they may see and is told how many restricted ones they could not
                (NOT CHECKED; in --json, "complete": false): never "every hash chain
                verifies" for part of the record (docs/access.md).

                Examples:
                  crisis audit verify
                  crisis audit verify 3f2a9c1e
                """)

        @Argument(help: "An incident id (or its first 8+ characters); all streams when omitted.")
        var incident: String?
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reading: ReadFromOption
        @Flag(help: "Print one JSON document.") var json = false

        @Option(help: "A seal from `crisis audit seal`: also check every sealed stream head still holds.")
        var seal: String?
        @Option(
            help: "The trusted public key (FILE.pub from `crisis audit keygen`) to check the seal's signature with.")
        var publicKey: String?

        func validate() throws {
            if publicKey != nil && seal == nil {
                throw ValidationError("--public-key checks a seal; give the seal with --seal FILE")
            }
        }

        func run() async throws {
            if let seal {
                try await verifyAgainst(try LoadedSeal.load(seal, publicKey: publicKey))
                return
            }
            let report = try await withDatabase(connection, readFrom: reading) { database in
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
            } else if report.streamsNotVisible > 0 {
                print(
                    Terminal.green("OK")
                        + ": \(report.eventsChecked) events in the \(report.streamsChecked) streams this role may see verify"
                )
                print(
                    "NOT CHECKED: \(report.streamsNotVisible) streams (restricted incidents and their access logs) are hidden from this role; a member of crisis_sealer verifies every stream (docs/access.md)"
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

        private func verifyAgainst(_ loaded: LoadedSeal) async throws {
            let report = try await IncidentSession.run(connection, readFrom: reading) { session in
                let stream = try await incident.asyncMap { try await session.resolve($0) }
                return try await SealVerification(database: session.database).verify(loaded.seal, stream: stream)
            }
            if json {
                var output = VerificationOutput(report.chains)
                output.intact = report.isIntact
                output.firstProblem = report.chains.firstProblem ?? report.sealProblem
                output.seal = SealCheckOutput(
                    path: loaded.path, globalPosition: loaded.seal.globalPosition, sealedAt: loaded.seal.sealedAt,
                    merkleRoot: loaded.seal.merkleRoot, trustedKey: loaded.trustedKey,
                    streamsCompared: report.streamsCompared, holds: report.sealProblem == nil)
                try Terminal.printJSON(output)
            } else if let problem = report.chains.firstProblem {
                print(Terminal.red("TAMPERED") + ": \(problem)")
            } else if let problem = report.sealProblem {
                print(Terminal.red("REWRITTEN") + ": \(problem)")
            } else if report.chains.streamsNotVisible > 0 {
                print(
                    Terminal.green("OK")
                        + ": \(report.chains.eventsChecked) events in the \(report.chains.streamsChecked) streams this role may see verify, and \(report.streamsCompared) sealed stream heads of position \(loaded.seal.globalPosition) it may see still hold"
                )
                print(
                    "NOT CHECKED: \(report.chains.streamsNotVisible) streams (restricted incidents and their access logs) are hidden from this role; a member of crisis_sealer verifies every stream (docs/access.md)"
                )
                print(loaded.signerNote)
            } else {
                print(
                    Terminal.green("OK")
                        + ": \(report.chains.eventsChecked) events in \(report.chains.streamsChecked) streams; every hash chain verifies and \(report.streamsCompared) sealed stream heads of position \(loaded.seal.globalPosition) (\(loaded.seal.sealedAt)) still hold"
                )
                print(loaded.signerNote)
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
    var seal: SealCheckOutput?
    /// Streams hidden from the verifying role and so not checked (issue 13).
    var streamsNotVisible: Int
    /// Whether every stream of the record was checked.
    var complete: Bool

    init(_ report: ChainVerifier.Report) {
        intact = report.isIntact
        streams = report.streamsChecked
        events = report.eventsChecked
        firstProblem = report.firstProblem
        streamsNotVisible = report.streamsNotVisible
        complete = report.streamsNotVisible == 0
    }
}

/// The JSON shape of the seal a verification was checked against.
struct SealCheckOutput: Encodable {
    var path: String
    var globalPosition: Int64
    var sealedAt: String
    var merkleRoot: String
    var trustedKey: Bool
    var streamsCompared: Int
    var holds: Bool
}

extension Optional {
    func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async rethrows -> Mapped? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
