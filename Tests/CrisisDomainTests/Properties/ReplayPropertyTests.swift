import CrisisDomain
import CrisisWorkflows
import Foundation
import PropertyBased
import Testing

/// Random sequences of commands, accepted or refused, never break the model.
@Suite("Properties of any accepted history")
struct ReplayPropertyTests {
    static let steps = Gen.int(in: 0...10_000).array(of: 1...80)
    static let hours = Gen.int(in: 0...30).array(of: 80...80)

    /// Runs a random sequence: about two picks in three take the next happy-path step, the rest
    /// issue any command at all; returns the harness after it.
    static func run(_ kind: String, _ picks: [Int], _ advances: [Int]) throws -> IncidentHarness {
        var h = try IncidentHarness(kind, overlays: ["california"])
        try h.open()
        let pool = CommandPool.entries(for: h.definition)
        let script = HappyScripts.script(kind)
        var next = 0
        for (index, pick) in picks.enumerated() {
            h.advance(hours: Double(advances[index % advances.count]))
            let entry: CommandPool.Entry
            if pick % 3 != 0, next < script.count {
                entry = script[next]
                next += 1
            } else {
                entry = pool[pick % pool.count]
            }
            let (command, actor) = entry(h.state, h.now)
            _ = try? h.run(command, as: actor)
        }
        return h
    }

    @Test(
        "replaying any accepted history, also through its stored form, gives the same state",
        arguments: BundledWorkflows.kinds)
    func replayIsDeterministic(kind: String) async {
        await propertyCheck(count: 60, input: Self.steps, Self.hours) { picks, advances in
            let h = try Self.run(kind, picks, advances)
            #expect(replay(h.history) == h.state)
            let stored = try h.history.map { recorded in
                RecordedIncidentEvent(
                    event: try IncidentEvent.decode(
                        eventType: recorded.event.eventType, data: recorded.event.encodedData()),
                    actor: recorded.actor, recordedAt: recorded.recordedAt, version: recorded.version)
            }
            #expect(replay(stored) == h.state)
            #expect(h.state.version == Int64(h.history.count))
        }
    }

    @Test("the audit's rule check finds nothing in any history decide accepted", arguments: BundledWorkflows.kinds)
    func acceptedHistoriesPassTheRuleCheck(kind: String) async {
        await propertyCheck(count: 60, input: Self.steps, Self.hours) { picks, advances in
            let h = try Self.run(kind, picks, advances)
            #expect(ruleFindings(h.history, definition: h.definition) == [])
        }
    }

    @Test(
        "no sequence of accepted commands reaches a state the workflow does not name", arguments: BundledWorkflows.kinds
    )
    func statesAreNamed(kind: String) async {
        await propertyCheck(count: 60, input: Self.steps, Self.hours) { picks, advances in
            let h = try Self.run(kind, picks, advances)
            #expect(h.definition.state(named: h.state.currentState) != nil)
            #expect(h.state.stateHistory.allSatisfy { h.definition.state(named: $0.state) != nil })
            #expect(
                (h.state.lifecycle == .closed) == (h.definition.state(named: h.state.currentState)?.isFinal == true))
        }
    }

    @Test("no sequence of accepted commands leaves a deadline undefined", arguments: BundledWorkflows.kinds)
    func deadlinesDefined(kind: String) async {
        await propertyCheck(count: 60, input: Self.steps, Self.hours) { picks, advances in
            var h = try Self.run(kind, picks, advances)
            let statuses = deadlines(h.state, h.definition, now: h.now)
            #expect(Set(statuses.map(\.id)).count == statuses.count)
            #expect(statuses.allSatisfy { $0.dueAt >= $0.startedAt && $0.dueAt.timeIntervalSince1970.isFinite })
            for deadline in h.definition.deadlines
            where deadline.appliesWhen.isEmpty && deadline.perStateResidentsOver == nil {
                if [.opened, .detection, .discovery].contains(where: { $0 == deadline.anchor }) {
                    #expect(statuses.contains { $0.name == deadline.name }, "\(deadline.name) has no status")
                }
            }
            if h.state.isOpen {
                try h.run(.recordMissedDeadlines, as: Fixtures.alice)
                #expect(try h.run(.recordMissedDeadlines, as: Fixtures.alice).isEmpty)
                #expect(
                    deadlines(h.state, h.definition, now: h.now).filter { $0.status == .missed }.allSatisfy {
                        $0.recordedMissed && $0.escalated
                    })
            }
        }
    }

    @Test("a refused command changes nothing", arguments: BundledWorkflows.kinds)
    func refusalChangesNothing(kind: String) async {
        await propertyCheck(count: 40, input: Self.steps, Self.hours) { picks, advances in
            var h = try Self.run(kind, picks, advances)
            let before = h.state
            let pool = CommandPool.entries(for: h.definition)
            for entry in pool {
                let (command, actor) = entry(h.state, h.now)
                if (try? decide(command, h.state, h.definition, actor: actor, now: h.now)) == nil {
                    #expect(h.state == before)
                }
            }
            _ = h.refusal(.note("x"), as: Fixtures.audrey)
            #expect(h.state == before)
        }
    }
}
