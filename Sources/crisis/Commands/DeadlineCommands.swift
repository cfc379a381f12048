import ArgumentParser
import CrisisApp
import Foundation

/// `crisis deadlines [--at TIME]` and `crisis deadlines scan`.
struct DeadlineCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadlines",
        abstract: "What is due and overdue across open incidents.",
        discussion: """
            Examples:
              crisis deadlines
              crisis deadlines --at 2026-12-01T09:00:00-05:00
              crisis deadlines scan      # from cron, every minute: records misses and escalations once
            """,
        subcommands: [Due.self, Scan.self],
        defaultSubcommand: Due.self
    )

    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List pending and missed deadlines of open incidents.")

        @Option(help: "As of this time instead of now (\(Timestamp.helpNote)).") var at: Timestamp?
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        struct Line: Encodable {
            var incident: String
            var title: String
            var deadline: DeadlineStatus
            var drill: Bool
        }

        func run() async throws {
            let now = at?.date ?? Date()
            let lines = try await IncidentSession.run(connection) { session in
                try await session.readModels.openDeadlines(now: now).map {
                    Line(incident: $0.incident, title: $0.title, deadline: $0.deadline, drill: $0.drill)
                }
            }
            if json {
                try Terminal.printJSON(lines)
                return
            }
            if lines.isEmpty {
                print("Nothing due.")
                return
            }
            print(
                Terminal.table(
                    ["INCIDENT", "STATUS", "DUE (UTC)", "ESCALATES TO", "DEADLINE"],
                    lines.map { line in
                        let status =
                            line.deadline.dueAt < now
                            ? Terminal.red("OVERDUE")
                            : line.deadline.isDueSoon(at: now) ? Terminal.bold("DUE SOON") : "pending"
                        return [
                            (line.drill ? "DRILL " : "") + String(line.incident.prefix(8)), status,
                            Timestamps.utc(line.deadline.dueAt),
                            line.deadline.escalateTo,
                            "\(line.deadline.title) (\(line.deadline.citation))"
                                + (line.deadline.openUntilKnown.map { "; open while \($0)" } ?? ""),
                        ]
                    }))
        }
    }

    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan",
            abstract: "Record missed deadlines and their escalations, each exactly once.",
            discussion: """
                Safe to run from cron every minute, on several machines at once: a miss already
                recorded is never recorded again.
                """)

        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let outcome = try await IncidentSession.run(connection) { session in
                let outcome = try await DeadlineScanner(handler: session.handler).scan()
                _ = try await Projector(handler: session.handler).refreshIfAllowed()
                return outcome
            }
            if json {
                try Terminal.printJSON(outcome)
                return
            }
            print("Scanned \(outcome.incidentsScanned) incidents (closed ones for their notice clocks).")
            for line in outcome.missedRecorded + outcome.escalations { print("  \(line)") }
        }
    }
}

/// `crisis watch`: the deadline scanner, continuously.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract:
            "Scan deadlines, deliver pages and keep the projections current, waking on new events and every --interval seconds.",
        discussion: """
            Several watchers may run at once (each miss is recorded once; projectors take turns). Stop with Ctrl-C.

            Example:
              crisis watch --interval 30
            """)

    @Option(help: "Seconds between scans when nothing happens.") var interval: Int = 30
    @Option(help: "Stop after this many scans (for scripts and tests).") var scans: Int?
    @Flag(
        inversion: .prefixedNo,
        help: "Also deliver the pages owed, as `crisis page run` does (--no-pages when a page runner runs apart).")
    var pages = true
    var paging: Bool { pages }
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let wake = WakeSignal()
        let listener = try await connection.open()
        let listening = Task { try await wake.listen(on: listener) }
        defer { listening.cancel() }
        var done = 0
        while scans.map({ done < $0 }) ?? true {
            let (drills, outcome, pages, nextDrill) = try await IncidentSession.run(connection) { session in
                // Scheduled drills first, so this pass already pages their opening.
                let desk = DrillDesk(handler: session.handler)
                let drills = try await desk.startDue(now: Date())
                let outcome = try await DeadlineScanner(handler: session.handler).scan()
                let pages = paging ? try await PageDesk(session: session).runOnce(now: Date()) : nil
                _ = try await Projector(handler: session.handler).refreshIfAllowed()
                // Publishing tools not yet told of a freeze (one started on opening, a failed try).
                let told = paging ? try await FreezeDesk(session: session).notifyAll() : []
                return (drills + told, outcome, pages, try await desk.schedule().nextDue(after: Date()))
            }
            let paged = (pages?.requested ?? []) + (pages?.escalated ?? [])
            for line in drills + outcome.missedRecorded + outcome.escalations + paged {
                print("\(Timestamps.utc(Date())) \(line)")
            }
            done += 1
            if scans.map({ done >= $0 }) ?? false { break }
            // A scheduled drill wakes the watcher at its time.
            let untilDrill = nextDrill.map { max(1, Int($0.timeIntervalSinceNow.rounded(.up))) } ?? interval
            await wake.wait(upTo: .seconds(max(1, min(interval, untilDrill))))
        }
        listening.cancel()
        await listener.close()
    }
}
