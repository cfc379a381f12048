import ArgumentParser
import CrisisApp
import Foundation

/// `crisis demo`: the whole product in one command, on the embedded default.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a PHI-leak incident from discovery to close, then show its timeline and verify the record.",
        discussion: """
            Six people (commander, counsel, privacy officer, social media, communications,
            HR) each act as their own PostgreSQL role. Meant for the embedded default,
            where crisis may create those roles; against another server the connecting
            role needs CREATEROLE and the others must be able to log in.

            Example:
              crisis demo
            """)

    @OptionGroup var identity: IdentityOption

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let library: WorkflowLibrary
        do {
            library = try WorkflowLibrary.fromEnvironment(environment)
        } catch {
            throw CommandFailure(error)
        }
        let incidentID: String
        do {
            incidentID = try await PHILeakDemo(environment: environment, library: library) { print($0) }.run()
        } catch {
            throw CommandFailure(error)
        }
        print("\nTimeline of \(incidentID):")
        let owner = try ConnectionOptions.parse([])
        try await IncidentSession.run(owner) { session in
            let incident = try await session.load(incidentID)
            print(
                Terminal.table(
                    ["#", "TIME (UTC)", "ACTOR", "WHAT"],
                    incident.history.map(TimelineEntry.init).map {
                        [String($0.version), Timestamps.utc($0.recordedAt), $0.actor, $0.what]
                    }))
            let report = try await ChainVerification(database: session.database).run()
            print(
                report.isIntact
                    ? "\naudit verify: OK, \(report.eventsChecked) events in \(report.streamsChecked) streams; every hash chain verifies"
                    : "\naudit verify: TAMPERED: \(report.firstProblem.map(String.init(describing:)) ?? "")")
            if !report.isIntact { throw ExitCode.refused }
        }
    }
}
