import CrisisApp
import CrisisDomain
import CrisisStore
import Foundation
import Testing

@Suite("When someone else acts first, a command is decided again on what they did")
struct ConflictRetryTests {
    /// A phi-leak incident with the commander assigned and message m1 drafted by sam.
    func prepared(_ people: [String: IncidentHandler]) async throws -> StreamID {
        let alice = try #require(people["proj_alice"])
        let sam = try #require(people["proj_sam"])
        let opened = try await alice.open(kind: "phi-leak", OpenIncident(id: UUID(), title: "Chart in a selfie"))
        _ = try await alice.execute(.assign(role: "commander", to: "proj_alice"), on: opened.stream)
        _ = try await sam.execute(
            .message(.draft(channel: "public", body: .text("We are aware of a post and are looking into it."))),
            on: opened.stream)
        return opened.stream
    }

    @Test("a command that no longer makes sense is refused naming who acted first and what they did")
    func refusedWithWhatChanged() async throws {
        let settings = try await TestDatabase.create()
        let people = try await ProjectionTests().team(settings)
        defer { Task { await ProjectionTests().close(people) } }
        let stream = try await prepared(people)
        let cora = try #require(people["proj_cora"])
        // Sam submits m1; between sam's decision and append, cora submits it.
        var sam = try #require(people["proj_sam"])
        sam.beforeAppend = { attempt in
            if attempt == 0 { _ = try? await cora.execute(.message(.submit(messageId: "m1")), on: stream) }
        }
        await #expect {
            try await sam.execute(.message(.submit(messageId: "m1")), on: stream)
        } throws: { error in
            guard case .refused(let refusal) = error as? CommandError else { return false }
            return refusal.rule == "message.already-submitted" && refusal.message.contains("Someone else acted first")
                && refusal.message.contains("proj_cora submitted m1")
        }
        // The recorded refusal says the same.
        let incident = try await sam.load(stream)
        let refused = incident.state.refusals.last
        #expect(refused?.reason.contains("proj_cora submitted m1") == true, "\(String(describing: refused))")
    }

    @Test("a command that still makes sense is applied once on the new state")
    func retriedOnTheNewState() async throws {
        let settings = try await TestDatabase.create()
        let people = try await ProjectionTests().team(settings)
        defer { Task { await ProjectionTests().close(people) } }
        let stream = try await prepared(people)
        let alice = try #require(people["proj_alice"])
        var sam = try #require(people["proj_sam"])
        sam.beforeAppend = { attempt in
            if attempt == 0 { _ = try? await alice.execute(.note("Switchboard has had three calls"), on: stream) }
        }
        let after = try await sam.execute(.message(.submit(messageId: "m1")), on: stream)
        #expect(after.state.message("m1")?.status == .submitted)
        #expect(after.history.suffix(2).map(\.actor) == ["proj_alice", "proj_sam"])
        #expect(after.state.refusals.isEmpty)
    }
}
