import ArgumentParser
import CrisisApp
import CrisisDomain
import Foundation

/// `crisis-bench page-plan`: works out the pages owed for `--incidents` open phi-leak incidents
/// (each with a message waiting for legal and the privacy officer, and one page already
/// acknowledged), against reading the same events: folding each incident's history. Both in
/// memory, so the ratio is the planner's own cost; `crisis page run` adds one append per incident
/// that owes something. Prints rates per second and the ratio.
struct PagePlanBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page-plan", abstract: "Time working out the pages owed against folding the same events.")

    @Option(help: "Open incidents.") var incidents = 1_000
    @Option(help: "Timed passes over all of them (the median is reported).") var runs = 5

    func run() throws {
        let library = try WorkflowLibrary.fromEnvironment([:])
        guard let definition = try library.catalog().definition(kind: "phi-leak") else {
            throw ValidationError("the bundled workflows have no phi-leak")
        }
        let schedule = Self.schedule()
        let start = Date(timeIntervalSince1970: 1_777_899_600)
        let histories = try (0..<incidents).map { index in
            try Self.history(definition, schedule: schedule, start: start.addingTimeInterval(Double(index)))
        }
        let later = start.addingTimeInterval(20 * 60)
        var owed = 0
        let read = PHIScanBenchCommand.median(runs) {
            var versions: Int64 = 0
            for history in histories { versions &+= replay(history).version }
            if versions < 0 { owed = -1 }
        }
        let plan = PHIScanBenchCommand.median(runs) {
            owed = 0
            for history in histories {
                let state = replay(history)
                owed += PagePlanner(state: state, definition: definition, schedule: schedule, now: later).owed().count
            }
        }
        var figures = Figures()
        figures.add("incidents", incidents)
        figures.add("events", histories.reduce(0) { $0 + $1.count })
        figures.add("owed", owed)
        figures.add("plan_rate", Double(incidents) / plan)
        figures.add("read_rate", Double(incidents) / read)
        figures.add("ratio", read / plan)
        figures.print()
    }

    static func schedule() -> OnCallSchedule {
        let from = Date(timeIntervalSince1970: 1_777_000_000)
        let until = from.addingTimeInterval(30 * 86_400)
        let events: [OnCallEvent] =
            [
                .channelAdded(
                    ChannelAdded(
                        name: "pager", webhook: "https://hooks.example.org/p", format: .generic, secretFile: nil))
            ]
            + [("commander", "alice", 1), ("legal", "lee", 1), ("legal", "dana", 2), ("privacy-officer", "pat", 1)]
            .enumerated().map { index, shift in
                .shiftAdded(
                    ShiftAdded(
                        shiftId: "s\(index + 1)", role: shift.0, person: shift.1, from: from, until: until,
                        level: shift.2))
            }
            + ["alice", "lee", "dana", "pat"].map {
                .contactSet(ContactSet(person: $0, email: "\($0)@example.org", channels: ["pager"]))
            }
        return events.enumerated().reduce(OnCallSchedule()) { schedule, next in
            OnCallDecider.evolve(
                schedule,
                Recorded(event: next.element, actor: "admin", recordedAt: from, version: Int64(next.offset + 1)))
        }
    }

    /// One incident's history, decided as the application would.
    static func history(_ definition: WorkflowDefinition, schedule: OnCallSchedule, start: Date) throws
        -> [RecordedIncidentEvent]
    {
        let alice = Actor(databaseRole: "alice", organisationalRoles: ["commander"])
        let sam = Actor(databaseRole: "sam", organisationalRoles: ["social-media"])
        let pager = Actor(databaseRole: "pager", organisationalRoles: [])
        var state = IncidentState.initial
        var history: [RecordedIncidentEvent] = []
        func run(_ command: IncidentCommand, _ actor: Actor) throws {
            for event in try decide(command, state, definition, actor: actor, now: start) {
                let recorded = RecordedIncidentEvent(
                    event: event, actor: actor.databaseRole, recordedAt: start, version: Int64(history.count + 1))
                history.append(recorded)
                state = evolve(state, recorded)
            }
        }
        try run(.open(OpenIncident(id: UUID(), title: "Bench incident", posts: [])), alice)
        try run(.assign(role: "commander", to: "alice"), alice)
        try run(.message(.draft(channel: "public", body: .text("We are looking into a post."))), sam)
        try run(.message(.submit(messageId: "m1")), sam)
        try run(.paging(.requestOwed(schedule: schedule)), pager)
        if let page = state.pages.first(where: { $0.role == "commander" }) {
            try run(.paging(.acknowledge(pageId: page.id, note: nil)), alice)
        }
        return history
    }
}
