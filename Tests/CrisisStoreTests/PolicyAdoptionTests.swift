import CrisisDomain
import CrisisStore
import Foundation
import Testing

@testable import CrisisApp

@Suite("Accepted policy changes are linked to the workflow version that carries them")
struct PolicyAdoptionTests {
    /// The bundled workflows copied to a scratch directory with viral-complaint raised to `version`.
    func library(raisingViralComplaintTo version: Int, from bundled: WorkflowLibrary) throws -> WorkflowLibrary {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("workflows-\(UUID())")
        try FileManager.default.copyItem(at: bundled.directory, to: directory)
        let file = directory.appendingPathComponent("viral-complaint.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\nversion: 2\n", with: "\nversion: \(version)\n")
            .replacingOccurrences(of: "title: Triage", with: "title: Triage (weekend rota on call)")
            .write(to: file, atomically: true, encoding: .utf8)
        return try WorkflowLibrary.fromEnvironment(["CRISIS_WORKFLOWS": directory.path])
    }

    @Test(
        "a crash between publishing a new version and adopting leaves nothing lost: the next opening adopts; a change accepted later waits for the version after"
    )
    func adoptionSurvivesACrash() async throws {
        let settings = try await TestDatabase.create()
        let people = try await ProjectionTests().team(settings)
        defer { Task { await ProjectionTests().close(people) } }
        let alice = try #require(people["proj_alice"])
        let pat = try #require(people["proj_pat"])
        let thread = try await alice.open(kind: "viral-complaint", OpenIncident(id: UUID(), title: "Thread"))
        let incident = try #require(thread.state.id).uuidString
        let early = try await PolicyDesk(handler: alice).propose(
            kind: "viral-complaint", change: "Weekend social-media rota", from: [incident])
        _ = try await PolicyDesk(handler: pat).decide(try #require(early.id).uuidString, accept: true, reason: "Agreed")

        // Version 2 is recorded as first used, and the process dies before adopting anything.
        let raised = try library(raisingViralComplaintTo: 3, from: alice.library)
        let definition = try #require(try raised.catalog().definition(kind: "viral-complaint"))
        try await WorkflowRecord(store: alice.database.store).publish(try raised.publication(of: definition))
        #expect(try await PolicyDesk(handler: alice).all().map(\.status) == [.accepted])

        // A change accepted after version 2 was in use is not carried by it.
        let late = try await PolicyDesk(handler: alice).propose(
            kind: "viral-complaint", change: "Reply within the hour", from: [incident])
        _ = try await PolicyDesk(handler: pat).decide(try #require(late.id).uuidString, accept: true, reason: "Yes")

        // The next opening, by anyone, makes the adoption good.
        var v2 = IncidentHandler(database: alice.database, library: raised)
        v2.attempts = alice.attempts
        _ = try await v2.open(kind: "viral-complaint", OpenIncident(id: UUID(), title: "Another thread"))
        let proposals = try await PolicyDesk(handler: alice).all()
        #expect(proposals.map(\.status) == [.adopted, .accepted])
        #expect(proposals.first?.adoptedIn?.version == 3)
        #expect(proposals.first?.adoptedIn?.contentHash == definition.contentHash)

        // Opening again changes nothing; version 3 then carries the later change.
        _ = try await v2.open(kind: "viral-complaint", OpenIncident(id: UUID(), title: "A third thread"))
        #expect(try await PolicyDesk(handler: alice).all().map(\.version) == proposals.map(\.version))
        let v3 = IncidentHandler(
            database: alice.database, library: try library(raisingViralComplaintTo: 4, from: alice.library))
        _ = try await v3.open(kind: "viral-complaint", OpenIncident(id: UUID(), title: "A fourth thread"))
        #expect(try await PolicyDesk(handler: alice).all().map { $0.adoptedIn?.version } == [3, 4])
    }
}
