import ArgumentParser
import CrisisApp
import Foundation

/// `crisis page run [--once]`: works out the pages owed, delivers them, escalates the ones nobody took on.
struct RunPages: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Deliver the pages owed, retry failed ones and escalate unacknowledged ones.",
        discussion: """
            Without --once it keeps following: woken by new events and by the next moment a
            page falls due (an acknowledgement time running out, a retry, a deadline). Several
            runners may run at once: a page is requested once and delivered at least once,
            always under the same page id.

            Examples:
              crisis page run                 # as a service
              crisis page run --once          # from cron, every minute
            """)

    @Flag(help: "Deliver what is owed now and exit.") var once = false
    @Option(help: "Decide as of this time instead of now (\(Timestamp.helpNote)); implies --once.") var at: Timestamp?
    @Option(help: "Longest pause between passes when nothing happens, in seconds.") var interval: Int = 60
    @Flag(help: "Print one JSON document per pass.") var json = false
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        if once || at != nil {
            let pass = try await IncidentSession.run(connection) { session in
                try await PageDesk(session: session).runOnce(now: at?.date ?? Date())
            }
            try show(pass)
            if !pass.problems.isEmpty {
                throw CommandFailure(
                    "crisis: \(pass.problems.count) incidents could not be paged (above); the others were",
                    exitCode: .refused)
            }
            return
        }
        let wake = WakeSignal()
        let listener = try await connection.open()
        let listening = Task { try await wake.listen(on: listener) }
        defer { listening.cancel() }
        while !Task.isCancelled {
            let longest = Double(max(1, interval))
            let pass: PageDesk.Pass
            do {
                pass = try await IncidentSession.run(connection) { session in
                    try await PageDesk(session: session).runOnce(now: Date())
                }
            } catch let failure as CommandFailure {
                // A follower outlives a database that is down for a while: say so, and try again.
                Terminal.standardError(
                    "\(Timestamps.utc(Date())) \(failure.message); trying again in \(Int(longest)) s")
                await wake.wait(upTo: .seconds(Int(longest)))
                continue
            }
            try show(pass)
            let untilNext = pass.nextCheck.map { max(1, min(longest, $0.timeIntervalSinceNow + 0.5)) } ?? longest
            await wake.wait(upTo: .milliseconds(Int(untilNext * 1_000)))
        }
        await listener.close()
    }

    private func show(_ pass: PageDesk.Pass) throws {
        if json {
            try Terminal.printJSON(pass)
            return
        }
        for problem in pass.problems {
            Terminal.standardError("\(Timestamps.utc(Date())) could not page \(problem); the next pass tries again")
        }
        for line in pass.requested + pass.escalated + pass.delivered.map({ "delivered \($0)" })
            + pass.failed.map({ "FAILED \($0)" })
        {
            print("\(Timestamps.utc(Date())) \(line)")
        }
        if once || at != nil {
            let counts =
                "\(pass.requested.count) requested, \(pass.escalated.count) escalated, "
                + "\(pass.delivered.count) delivered, \(pass.failed.count) failed"
            print("Paged across \(pass.incidentsScanned) incidents: \(counts).")
        }
    }
}
