import CrisisDomain
import Foundation
import Testing

@Suite("docs/workflow-format.md")
struct FormatDocumentTests {
    static func blocks() throws -> [String] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("docs/workflow-format.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.components(separatedBy: "```yaml\n").dropFirst().compactMap {
            $0.components(separatedBy: "```").first
        }
    }

    @Test("the fully commented example loads and validates")
    func example() throws {
        let example = try #require(try Self.blocks().last)
        let definition = try WorkflowLoader.load(fileName: "lost-laptop.yaml", text: example)
        #expect(definition.kind == "lost-laptop")
        #expect(definition.messagePolicy.conditionalApprovals.first?.role == "communications")
        #expect(definition.permissions[.requestRemoval] == ["it-security", "commander"])
        #expect(
            definition.paging.rules.map(\.trigger) == [
                .incidentOpened, .approvalNeeded, .deadlineDueSoon, .deadlineMissed,
            ])
        #expect(definition.freeze.notify == ["publishing"])
        #expect(definition.promptNotice == WorkflowDuration(amount: 30, unit: .calendarDays))
        #expect(
            definition.freeze.rules == [
                FreezePolicy.Rule(on: "incident-opened", accounts: ["x:examplehealth"], mayEndIn: ["assessing"])
            ])
    }

    @Test("the overlay example loads")
    func overlay() throws {
        let overlay = try #require(try Self.blocks().first)
        let loaded = try StateOverlay.load(fileName: "overlays/california.yaml", contents: Data(overlay.utf8))
        #expect(loaded.clocks.first?.within == WorkflowDuration(amount: 15, unit: .businessDays))
    }
}
