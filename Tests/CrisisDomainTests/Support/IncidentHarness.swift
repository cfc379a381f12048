import CrisisDomain
import Foundation
import Testing

/// Runs commands through decide and evolve as the application would, keeping the history.
struct IncidentHarness {
    var definition: WorkflowDefinition
    var history: [RecordedIncidentEvent] = []
    var state = IncidentState.initial
    var now = Fixtures.start
    /// The roster the decider is given (whom access may be granted to); nil: not checked.
    var roster: Roster?

    init(_ kind: String, overlays: [String] = []) throws {
        definition = try Fixtures.definition(kind, overlays: overlays)
    }

    /// Decides and, when accepted, records the events as `actor` at `now`.
    @discardableResult
    mutating func run(_ command: IncidentCommand, as actor: Actor) throws(Refusal) -> [IncidentEvent] {
        let events = try decide(command, state, definition, actor: actor, now: now, roster: roster)
        for event in events {
            let recorded = RecordedIncidentEvent(
                event: event, actor: actor.databaseRole, recordedAt: now, version: Int64(history.count + 1))
            history.append(recorded)
            state = evolve(state, recorded)
        }
        return events
    }

    /// The refusal `command` meets (fails the test when it is accepted).
    mutating func refusal(
        _ command: IncidentCommand, as actor: Actor, sourceLocation: SourceLocation = #_sourceLocation
    ) -> Refusal? {
        do {
            try run(command, as: actor)
            Issue.record("expected \(command.name.rawValue) to be refused", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    mutating func advance(hours: Double) {
        now = now.addingTimeInterval(hours * 3_600)
    }

    mutating func open(posts: [PostReference] = [PostReference(platform: "x", url: "https://x.example/p/1")]) throws {
        try run(.open(OpenIncident(id: Fixtures.incidentId, title: "Test incident", posts: posts)), as: Fixtures.alice)
        try run(.assign(role: "commander", to: "alice"), as: Fixtures.alice)
    }

    /// Drafts, submits and has every required role approve a message; returns its id.
    mutating func approvedMessage(
        _ text: String, channel: String = "public", author: Actor = Fixtures.sam, approvers: [Actor]
    ) throws -> String {
        let id = state.nextMessageId
        try run(.message(.draft(channel: channel, body: .text(text))), as: author)
        try run(.message(.submit(messageId: id)), as: author)
        for approver in approvers {
            try run(.message(.approve(messageId: id, role: nil, note: nil)), as: approver)
        }
        return id
    }

    /// Starts, writes (what happened and one root cause) and publishes the post-mortem.
    mutating func publishPostMortem(as actor: Actor, rootCause: String = "root cause") throws {
        try run(.postMortem(.start), as: actor)
        try run(.postMortem(.addEntry(.whatHappened, text: "what happened")), as: actor)
        try run(.postMortem(.addEntry(.rootCause, text: rootCause)), as: actor)
        try run(.postMortem(.publish), as: actor)
    }

    mutating func publish(_ id: String, as actor: Actor = Fixtures.sam) throws {
        let text = try #require(state.message(id)).text
        try run(.message(.publish(messageId: id, url: "https://x.example/reply/\(id)", text: text)), as: actor)
    }
}
