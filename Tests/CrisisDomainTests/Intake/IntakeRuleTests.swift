import CrisisDomain
import Foundation
import Testing

@Suite("Intake: mentions once per source and address, watches turn spikes into signals, signals promoted once")
struct IntakeRuleTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)
    static let intake = Actor(databaseRole: "crisis_intake", organisationalRoles: [])
    static let commander = Actor(databaseRole: "alice", organisationalRoles: ["commander"])
    static let social = Actor(databaseRole: "sam", organisationalRoles: ["social-media"])
    static let counsel = Actor(databaseRole: "lee", organisationalRoles: ["legal"])
    static let kinds = ["viral-complaint", "phi-leak"]

    /// A board folded from the events each command produced.
    struct Harness {
        var board = IntakeDecider.initial
        var version: Int64 = 0

        @discardableResult
        mutating func run(_ command: IntakeCommand, as actor: Actor, at now: Date = IntakeRuleTests.now) throws(Refusal)
            -> [IntakeEvent]
        {
            let events = try IntakeDecider(actor: actor, now: now, kinds: IntakeRuleTests.kinds).decide(command, board)
            for event in events {
                version += 1
                board = IntakeDecider.evolve(
                    board, Recorded(event: event, actor: actor.databaseRole, recordedAt: now, version: version))
            }
            return events
        }

        func refusal(_ command: IntakeCommand, as actor: Actor) -> Refusal? {
            do {
                _ = try IntakeDecider(actor: actor, now: IntakeRuleTests.now, kinds: IntakeRuleTests.kinds).decide(
                    command, board)
                return nil
            } catch {
                return error
            }
        }
    }

    static func mention(
        _ n: Int, text: String = "the parking garage towed my car", minutesAgo: Double = 0, source: String = "sprout"
    ) -> Mention {
        Mention(
            source: source, platform: "x", url: "https://x.example/post/\(n)", author: "@someone\(n)", text: text,
            postedAt: now.addingTimeInterval(-minutesAgo * 60), reach: 100 * n)
    }

    static let parkingWatch = IntakeCommand.addWatch(
        name: "parking", match: ["parking garage", "TOWED"], threshold: 3, withinSeconds: 30 * 60)

    @Test("a mention is recorded once per source and address: a replayed batch records nothing")
    func mentionsAreIdempotent() throws {
        var h = Harness()
        let batch = [Self.mention(1), Self.mention(2)]
        #expect(try h.run(.recordMentions(batch), as: Self.intake).count == 2)
        #expect(try h.run(.recordMentions(batch), as: Self.intake).isEmpty)
        #expect(try h.run(.recordMentions([Self.mention(1), Self.mention(1)]), as: Self.intake).isEmpty)
        let otherSource = Self.mention(1, source: "brandwatch")
        #expect(
            try h.run(.recordMentions([otherSource]), as: Self.intake).count == 1, "another source's report is its own")
        #expect(h.board.mentions.map(\.id) == ["m1", "m2", "m3"])
    }

    @Test("a batch with one malformed mention is refused whole, as bad input")
    func malformedMentionRefusesTheBatch() {
        let h = Harness()
        var bad = Self.mention(2)
        bad.url = "javascript:alert(1)"
        let refusal = h.refusal(.recordMentions([Self.mention(1), bad]), as: Self.intake)
        #expect(refusal?.id == .intakeMentionInvalid)
        #expect(refusal?.isBadInput == true)
        #expect(refusal?.message.contains("Mention 2") == true)
        var negative = Self.mention(3)
        negative.reach = -1
        #expect(h.refusal(.recordMentions([negative]), as: Self.intake)?.id == .intakeMentionInvalid)
        var noSource = Self.mention(4)
        noSource.source = ""
        #expect(h.refusal(.recordMentions([noSource]), as: Self.intake)?.id == .intakeMentionInvalid)
        #expect(h.refusal(.recordMentions([]), as: Self.intake)?.id == .intakeMentionInvalid)
    }

    @Test("only crisis_intake records mentions; a person, even the commander, may not")
    func onlyTheIntakeRoleRecords() {
        let h = Harness()
        #expect(h.refusal(.recordMentions([Self.mention(1)]), as: Self.commander)?.id == .permissionRole)
    }

    @Test("watches are kept by the commander or social media, nobody else")
    func whoKeepsWatches() throws {
        var h = Harness()
        #expect(h.refusal(Self.parkingWatch, as: Self.counsel)?.id == .permissionRole)
        #expect(h.refusal(Self.parkingWatch, as: Self.intake)?.id == .permissionRole)
        try h.run(Self.parkingWatch, as: Self.social)
        #expect(h.refusal(.removeWatch(name: "parking"), as: Self.counsel)?.id == .permissionRole)
        try h.run(.removeWatch(name: "parking"), as: Self.commander)
        #expect(h.board.watches.isEmpty)
    }

    @Test(
        "a watch needs a good name, a text, a threshold of 1 or more and a window of 1 minute to 7 days; names are unique"
    )
    func watchArguments() throws {
        var h = Harness()
        let bad: [IntakeCommand] = [
            .addWatch(name: "Parking Lot", match: ["x"], threshold: 3, withinSeconds: 1800),
            .addWatch(name: "parking", match: [], threshold: 3, withinSeconds: 1800),
            .addWatch(name: "parking", match: ["  "], threshold: 3, withinSeconds: 1800),
            .addWatch(name: "parking", match: ["x"], threshold: 0, withinSeconds: 1800),
            .addWatch(name: "parking", match: ["x"], threshold: 3, withinSeconds: 10),
            .addWatch(name: "parking", match: ["x"], threshold: 3, withinSeconds: 8 * 86_400),
        ]
        for command in bad {
            let refusal = h.refusal(command, as: Self.commander)
            #expect(refusal?.id == .intakeWatchInvalid, "\(command)")
            #expect(refusal?.isBadInput == true)
        }
        try h.run(Self.parkingWatch, as: Self.commander)
        #expect(h.refusal(Self.parkingWatch, as: Self.commander)?.id == .intakeWatchExists)
        #expect(h.refusal(.removeWatch(name: "nope"), as: Self.commander)?.id == .intakeWatchUnknown)
    }

    @Test("THRESHOLD matching mentions within the window raise one signal with them; fewer raise none")
    func spikeRaisesSignal() throws {
        var h = Harness()
        try h.run(Self.parkingWatch, as: Self.commander)
        try h.run(.recordMentions([Self.mention(1, minutesAgo: 20), Self.mention(2, minutesAgo: 10)]), as: Self.intake)
        #expect(h.board.signals.isEmpty, "two mentions are no spike for a threshold of 3")
        try h.run(.recordMentions([Self.mention(3, text: "Cars TOWED again", minutesAgo: 1)]), as: Self.intake)
        let signal = try #require(h.board.signals.first)
        #expect(signal.id == "s1")
        #expect(signal.watch == "parking")
        #expect(signal.mentionIds == ["m1", "m2", "m3"])
    }

    @Test("mentions that do not match, or are spread wider than the window, raise no signal")
    func noSpikeOutsideTheWindowOrMatch() throws {
        var h = Harness()
        try h.run(Self.parkingWatch, as: Self.commander)
        try h.run(
            .recordMentions([
                Self.mention(1, minutesAgo: 120), Self.mention(2, minutesAgo: 60), Self.mention(3, minutesAgo: 0),
                Self.mention(4, text: "lovely nurses"), Self.mention(5, text: "great food"),
            ]), as: Self.intake)
        #expect(h.board.signals.isEmpty)
    }

    @Test("while a signal is open, further matching mentions join it instead of raising another")
    func openSignalGrows() throws {
        var h = Harness()
        try h.run(Self.parkingWatch, as: Self.commander)
        try h.run(.recordMentions((1...3).map { Self.mention($0) }), as: Self.intake)
        try h.run(.recordMentions((4...7).map { Self.mention($0) }), as: Self.intake)
        #expect(h.board.signals.count == 1)
        #expect(h.board.signals.first?.mentionIds.count == 7)
    }

    @Test("after a promotion a new spike raises a new signal, without counting the mentions already signalled")
    func newSpikeAfterPromotion() throws {
        var h = Harness()
        try h.run(Self.parkingWatch, as: Self.commander)
        try h.run(.recordMentions((1...3).map { Self.mention($0) }), as: Self.intake)
        try h.run(.promote(signalId: "s1", kind: "viral-complaint", incident: UUID()), as: Self.commander)
        try h.run(.recordMentions([Self.mention(4), Self.mention(5)]), as: Self.intake)
        #expect(h.board.signals.count == 1, "two new mentions are no new spike")
        try h.run(.recordMentions([Self.mention(6)]), as: Self.intake)
        #expect(h.board.signals.map(\.id) == ["s1", "s2"])
        #expect(h.board.signal("s2")?.mentionIds == ["m4", "m5", "m6"])
    }

    @Test("a signal is promoted by the commander or social media, into a known kind, once")
    func promotion() throws {
        var h = Harness()
        try h.run(Self.parkingWatch, as: Self.commander)
        try h.run(.recordMentions((1...3).map { Self.mention($0) }), as: Self.intake)
        let incident = UUID()
        #expect(
            h.refusal(.promote(signalId: "s1", kind: "viral-complaint", incident: incident), as: Self.counsel)?.id
                == .permissionRole)
        #expect(
            h.refusal(.promote(signalId: "s9", kind: "viral-complaint", incident: incident), as: Self.social)?.id
                == .intakeSignalUnknown)
        #expect(
            h.refusal(.promote(signalId: "s1", kind: "no-such-kind", incident: incident), as: Self.social)?.id
                == .inputUnknownKind)
        try h.run(.promote(signalId: "s1", kind: "viral-complaint", incident: incident), as: Self.social)
        #expect(h.board.signal("s1")?.incident == incident)
        #expect(h.board.signal("s1")?.promotedBy == "sam")
        #expect(
            try h.run(.promote(signalId: "s1", kind: "viral-complaint", incident: incident), as: Self.social).isEmpty,
            "the same promotion again is already done")
        let again = h.refusal(.promote(signalId: "s1", kind: "viral-complaint", incident: UUID()), as: Self.social)
        #expect(again?.id == .intakeSignalPromoted)
        #expect(again?.isBadInput == false)
    }

    @Test("every intake event survives its stored form")
    func eventsRoundTrip() throws {
        let events: [IntakeEvent] = [
            .mentionRecorded(MentionRecorded(mentionId: "m1", mention: Self.mention(1), signals: ["s1"])),
            .watchAdded(WatchAdded(name: "parking", match: ["towed"], threshold: 3, withinSeconds: 1800)),
            .watchRemoved(WatchRemoved(name: "parking")),
            .signalRaised(SignalRaised(signalId: "s1", watch: "parking", mentionIds: ["m1"])),
            .signalPromoted(SignalPromoted(signalId: "s1", incidentId: UUID(), kind: "viral-complaint")),
        ]
        for event in events {
            #expect(try IntakeEvent.decode(eventType: event.eventType, data: event.encodedData()) == event)
        }
    }
}
