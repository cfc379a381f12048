import CrisisDomain
import CrisisWorkflows
import Foundation
import Testing

@Suite("The bundled workflows")
struct BundledWorkflowTests {
    @Test("each bundled workflow loads, validates and names its kind", arguments: BundledWorkflows.kinds)
    func loads(kind: String) throws {
        let definition = try Fixtures.definition(kind)
        #expect(definition.kind == kind)
        #expect(definition.version >= 1)
        #expect(definition.contentHash.count == 64)
        #expect(definition.templates.count >= 2)
        #expect(definition.states.contains { $0.isFinal })
        #expect(definition.states.allSatisfy { $0.isFinal || !$0.checklist.isEmpty })
        #expect(definition.deadlines.allSatisfy { !$0.citation.isEmpty })
    }

    @Test("the content hash is the SHA-256 of the file's bytes", arguments: BundledWorkflows.kinds)
    func contentHash(kind: String) throws {
        let definition = try Fixtures.definition(kind)
        let bytes = try Fixtures.contents(kind)
        #expect(definition.contentHash == ContentHash.sha256Hex(bytes))
    }

    @Test("each workflow graphs as mermaid and dot with every transition", arguments: BundledWorkflows.kinds)
    func graphs(kind: String) throws {
        let definition = try Fixtures.definition(kind)
        let mermaid = WorkflowGraph.render(definition, format: .mermaid)
        let dot = WorkflowGraph.render(definition, format: .dot)
        #expect(mermaid.hasPrefix("stateDiagram-v2"))
        #expect(dot.hasPrefix("digraph"))
        for action in definition.states.flatMap(\.actions) {
            #expect(mermaid.contains(action.name))
            #expect(dot.contains("label=\"\(action.name)"))
        }
    }

    @Test("the summary names every state, deadline and template", arguments: BundledWorkflows.kinds)
    func summary(kind: String) throws {
        let definition = try Fixtures.definition(kind)
        let text = WorkflowSummary.text(definition)
        for name in definition.states.map(\.name) + definition.deadlines.map(\.name) + definition.templates.map(\.name)
        {
            #expect(text.contains(name))
        }
    }

    @Test("the catalog loads the bundled directory with the California overlay switched on")
    func catalog() throws {
        let directory = try #require(BundledWorkflows.directory)
        let catalog = try WorkflowCatalog.load(directory: directory, enabledOverlays: ["california"])
        #expect(catalog.kinds == ["inappropriate-video", "phi-leak", "viral-complaint"])
        let phi = try #require(catalog.definition(kind: "phi-leak"))
        #expect(phi.deadlines.contains { $0.name == "ca-cdph-report" && $0.stateCode == "CA" })
        #expect(phi.overlays.map(\.name) == ["california"])
        #expect(catalog.organisationalRoles.starts(with: RoleDefinition.standardIdentifiers))
        let viral = try #require(catalog.definition(kind: "viral-complaint"))
        #expect(!viral.deadlines.contains { $0.source == "california" })
    }

    @Test("an overlay that is not switched on adds no clock")
    func overlayOff() throws {
        let directory = try #require(BundledWorkflows.directory)
        let catalog = try WorkflowCatalog.load(directory: directory)
        #expect(catalog.definition(kind: "phi-leak")?.deadlines.contains { $0.source == "california" } == false)
    }

    @Test("enabling an overlay no file defines is refused")
    func unknownOverlay() throws {
        let directory = try #require(BundledWorkflows.directory)
        #expect(throws: WorkflowLoadError.self) {
            try WorkflowCatalog.load(directory: directory, enabledOverlays: ["atlantis"])
        }
    }
}

@Suite("crisis workflow validate")
struct WorkflowValidationTests {
    @Test("the bundled directory validates with no problem")
    func bundled() throws {
        let directory = try #require(BundledWorkflows.directory)
        #expect(WorkflowValidation.problems(at: directory).isEmpty)
    }

    @Test("a broken workflow and a broken overlay are both reported, with their files")
    func broken() {
        let problems = WorkflowValidation.problems(files: [
            ("demo.yaml", Data("kind: demo\nversion: 1\n".utf8)),
            ("overlays/x.yaml", Data("overlay: x\nversion: 1\n".utf8)),
        ])
        #expect(problems.contains { $0.file == "demo.yaml" && $0.code == "missing-field" })
        #expect(problems.contains { $0.file == "overlays/x.yaml" && $0.code == "missing-field" })
    }

    @Test("a path that does not exist is reported")
    func missing() {
        #expect(
            WorkflowValidation.problems(at: URL(fileURLWithPath: "/nonexistent/crisis")).map(\.code) == ["not-found"])
    }

    @Test("a changed bundled file without a version bump is refused")
    func versionBump() throws {
        let contents = try Fixtures.contents("phi-leak")
        let original = try WorkflowLoader.load(fileName: "phi-leak.yaml", contents: contents)
        let known = [
            KnownWorkflowVersion(kind: "phi-leak", version: original.version, contentHash: original.contentHash)
        ]
        let changed = contents + Data("\n# a policy author's edit\n".utf8)
        let problems = WorkflowValidation.problems(files: [("phi-leak.yaml", changed)], known: known)
        #expect(problems.map(\.code) == ["changed-without-version-bump"])
        #expect(WorkflowValidation.problems(files: [("phi-leak.yaml", contents)], known: known).isEmpty)
    }

    @Test("a refusal becomes a command-refused event with the rule and the sentence")
    func refusedEvent() {
        let event = IncidentEvent.refused(.close(note: nil), Refusal(.closeNotAvailable, "Not now."))
        #expect(
            event == .commandRefused(CommandRefused(command: "close", rule: "close.not-available", reason: "Not now.")))
    }
}
