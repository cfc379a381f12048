import CrisisDomain
import Foundation
import Testing

/// Issue 18: privileged notes are legal's; regulator exports withhold them unless legal releases them.
@Suite("Privileged notes are written and released by legal only")
struct PrivilegedNoteTests {
    typealias F = Fixtures

    @Test("legal's privileged note is recorded as its own event type, and no view's state holds its words")
    func legalWritesOne() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        let events = try h.run(.privilegedNote("Counsel: do not answer the family's letter yet"), as: F.lee)
        #expect(
            events == [
                .privilegedNoteAdded(PrivilegedNoteAdded(text: "Counsel: do not answer the family's letter yet"))
            ])
        #expect(events.first?.eventType == "PrivilegedNoteAdded")
        #expect(h.state.notes.isEmpty)
        #expect(events.first?.sentence.hasPrefix("PRIVILEGED") == true)
    }

    @Test("anyone without legal is refused a privileged note, even when the workflow's permissions name them")
    func othersAreRefused() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        let recorded = h.history.count
        #expect(h.refusal(.privilegedNote("my view"), as: F.pat)?.rule == "permission.role")
        // A workflow that opens the command to the commander does not open privilege to them.
        h.definition.permissions[.privilegedNote] = ["commander", "legal"]
        let refusal = h.refusal(.privilegedNote("my view"), as: F.alice)
        #expect(refusal?.rule == "note.privileged-needs-legal" && refusal?.isBadInput == false)
        #expect(refusal?.message.contains("crisis incident note") == true, "\(refusal?.message ?? "")")
        #expect(h.history.count == recorded)
    }

    @Test("a closed incident still takes legal's privileged notes")
    func afterClosing() {
        #expect(IncidentCommand.privilegedNote("x").acceptedAfterClosing)
        #expect(IncidentEvent.privilegedNoteAdded(PrivilegedNoteAdded(text: "x")).acceptedAfterClosing)
    }

    @Test("only legal may release privileged notes into an export")
    func releaseNeedsLegal() throws {
        try PrivilegedRelease.check(F.lee, asking: "--include-privileged")
        #expect(throws: Refusal.self) { try PrivilegedRelease.check(F.pat, asking: "--include-privileged") }
        #expect(throws: Refusal.self) { try PrivilegedRelease.check(F.audrey, asking: "--include-privileged") }
    }

    @Test("a privileged note's words are sealed like a note's")
    func wordsAreSealed() {
        #expect(IncidentEvent.phiFields["PrivilegedNoteAdded"] == ["text"])
    }
}
