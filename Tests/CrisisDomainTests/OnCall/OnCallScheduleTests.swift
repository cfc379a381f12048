import CrisisDomain
import Foundation
import Testing

/// The on-call schedule's rules: each test fails if its rule is removed.
@Suite("The on-call schedule")
struct OnCallScheduleTests {
    static let hour: TimeInterval = 3_600
    static let t0 = Fixtures.start

    /// A roster of alice (commander), lee (legal) and dana (legal).
    static let roster: Roster = RosterDecider.fold(
        [
            RosterEvent(change: .granted, person: "alice", roles: ["commander"]),
            RosterEvent(change: .granted, person: "lee", roles: ["legal"]),
            RosterEvent(change: .granted, person: "dana", roles: ["legal"]),
        ].enumerated().map { Recorded(event: $1, actor: "admin", recordedAt: t0, version: Int64($0 + 1)) })

    /// Runs commands as `actor`, keeping the schedule, as the application's handler would.
    struct Harness {
        var schedule = OnCallSchedule()
        var actor = Fixtures.alice
        var administersRoster = false

        var decider: OnCallDecider {
            OnCallDecider(
                actor: actor, administersRoster: administersRoster, roster: OnCallScheduleTests.roster,
                roles: RoleDefinition.standardIdentifiers)
        }

        mutating func run(_ command: OnCallCommand) throws(Refusal) {
            for event in try decider.decide(command, schedule) {
                schedule = OnCallDecider.evolve(
                    schedule,
                    Recorded(event: event, actor: actor.databaseRole, recordedAt: t0, version: schedule.version + 1))
            }
        }

        mutating func refusal(_ command: OnCallCommand, sourceLocation: SourceLocation = #_sourceLocation) -> Refusal? {
            do {
                try run(command)
                Issue.record("expected the command to be refused", sourceLocation: sourceLocation)
                return nil
            } catch {
                return error
            }
        }
    }

    static func shift(
        _ role: String = "legal", _ person: String = "lee", from: Double = 0, until: Double = 12, level: Int = 1
    )
        -> OnCallCommand
    {
        .addShift(
            role: role, person: person, from: t0.addingTimeInterval(from * hour),
            until: t0.addingTimeInterval(until * hour), level: level)
    }

    @Test("a shift puts its person on call for its role at its level, from its start until (not at) its end")
    func shiftCoversItsPeriod() throws {
        var h = Harness()
        try h.run(Self.shift(from: 0, until: 12))
        #expect(h.schedule.onCall("legal", level: 1, at: Self.t0) == ["lee"])
        #expect(h.schedule.onCall("legal", level: 1, at: Self.t0.addingTimeInterval(11.9 * Self.hour)) == ["lee"])
        #expect(h.schedule.onCall("legal", level: 1, at: Self.t0.addingTimeInterval(12 * Self.hour)).isEmpty)
        #expect(h.schedule.onCall("legal", level: 2, at: Self.t0).isEmpty)
        #expect(h.schedule.onCall("privacy-officer", level: 1, at: Self.t0).isEmpty)
    }

    @Test("overlapping shifts are allowed and everyone on call is paged; level 2 is the backup")
    func overlapsAndBackup() throws {
        var h = Harness()
        try h.run(Self.shift("legal", "lee", from: 0, until: 12))
        try h.run(Self.shift("legal", "dana", from: 6, until: 18))
        try h.run(Self.shift("legal", "alice", from: 0, until: 24, level: 2))
        let at = Self.t0.addingTimeInterval(8 * Self.hour)
        #expect(h.schedule.onCall("legal", level: 1, at: at) == ["lee", "dana"])
        #expect(h.schedule.onCall("legal", level: 2, at: at) == ["alice"])
        #expect(h.schedule.shifts.map(\.id) == ["s1", "s2", "s3"])
    }

    @Test("a removed shift pages nobody, and shift ids are never reused")
    func removedShift() throws {
        var h = Harness()
        try h.run(Self.shift())
        try h.run(.removeShift(id: "s1"))
        #expect(h.schedule.onCall("legal", level: 1, at: Self.t0).isEmpty)
        try h.run(Self.shift())
        #expect(h.schedule.shifts.map(\.id) == ["s2"])
    }

    @Test("a role with nobody on call at any time in the next 7 days is a gap")
    func gaps() throws {
        var h = Harness()
        try h.run(Self.shift("legal", "lee", from: 24 * 6, until: 24 * 6 + 8))
        #expect(h.schedule.gaps(in: ["legal", "commander"], from: Self.t0) == ["commander"])
        #expect(h.schedule.gaps(in: ["legal"], from: Self.t0.addingTimeInterval(-24 * Self.hour)) == ["legal"])
    }

    @Test("only the commander or a roster administrator changes the schedule")
    func permission() throws {
        var h = Harness()
        h.actor = Fixtures.lee
        #expect(h.refusal(Self.shift())?.rule == "permission.role")
        h.administersRoster = true
        try h.run(Self.shift())
        #expect(h.schedule.shifts.count == 1)
    }

    @Test(
        "bad input is refused as bad input whoever gives it, with its rule",
        arguments: [
            (shift("lawyers"), "input.unknown-role"),
            (shift("legal", "nobody"), "input.not-on-roster"),
            (shift(from: 12, until: 12), "input.shift-ends-before-it-starts"),
            (shift(level: 3), "input.unknown-level"),
            (OnCallCommand.removeShift(id: "s9"), "input.unknown-shift"),
            (
                OnCallCommand.setContact(person: "lee", email: "lee at hospital", channels: []),
                "input.not-an-email-address"
            ),
            (OnCallCommand.setContact(person: "lee", email: nil, channels: ["nowhere"]), "input.unknown-channel"),
            (OnCallCommand.setContact(person: "lee", email: nil, channels: []), "input.required"),
            (OnCallCommand.setContact(person: "ghost", email: "g@h.example", channels: []), "input.not-on-roster"),
            (
                OnCallCommand.addChannel(
                    name: "Legal Slack", webhook: "https://hooks.example/x", format: .slack, secretFile: nil),
                "input.bad-channel-name"
            ),
            (
                OnCallCommand.addChannel(
                    name: "pager", webhook: "ftp://hooks.example/x", format: .generic, secretFile: nil),
                "input.not-a-web-address"
            ),
        ])
    func badInput(command: OnCallCommand, rule: String) {
        var h = Harness()
        h.actor = Fixtures.lee  // not allowed to change the schedule: the arguments are judged first
        let refusal = h.refusal(command)
        #expect(refusal?.rule == rule)
        #expect(refusal?.isBadInput == true)
    }

    @Test("a channel name is used once; a contact names channels that exist")
    func channelsAndContacts() throws {
        var h = Harness()
        try h.run(.addChannel(name: "legal-slack", webhook: "https://hooks.example/x", format: .slack, secretFile: nil))
        #expect(
            h.refusal(
                .addChannel(name: "legal-slack", webhook: "https://hooks.example/y", format: .slack, secretFile: nil))?
                .rule == "input.channel-exists")
        try h.run(.setContact(person: "lee", email: "lee@hospital.example", channels: ["legal-slack"]))
        #expect(h.schedule.contacts["lee"]?.email == "lee@hospital.example")
        #expect(h.schedule.contacts["lee"]?.channels == ["legal-slack"])
        // Setting again replaces.
        try h.run(.setContact(person: "lee", email: nil, channels: ["legal-slack"]))
        #expect(h.schedule.contacts["lee"]?.email == nil)
    }

    @Test("every schedule event survives its stored form unchanged")
    func storedForm() throws {
        let events: [OnCallEvent] = [
            .shiftAdded(
                ShiftAdded(shiftId: "s1", role: "legal", person: "lee", from: Self.t0, until: Self.t0, level: 2)),
            .shiftRemoved(ShiftRemoved(shiftId: "s1")),
            .contactSet(ContactSet(person: "lee", email: "lee@h.example", channels: ["c"])),
            .channelAdded(ChannelAdded(name: "c", webhook: "https://h.example", format: .pagerduty, secretFile: "/k")),
        ]
        for event in events {
            #expect(try OnCallEvent.decode(eventType: event.eventType, data: event.encodedData()) == event)
        }
    }
}
