import CrisisDomain

/// Definitions already rebuilt from their publications in this process:
/// listing a hundred incidents of one kind parses its workflow once.
actor DefinitionCache {
    private var definitions: [String: WorkflowDefinition] = [:]

    static func key(_ reference: WorkflowReference, _ overlays: [OverlayReference]) -> String {
        ([reference.kind, String(reference.version), reference.contentHash] + overlays.map(\.contentHash))
            .joined(separator: "|")
    }

    func definition(for key: String) -> WorkflowDefinition? { definitions[key] }

    func store(_ definition: WorkflowDefinition, for key: String) { definitions[key] = definition }
}
