/// A (kind, version, hash) an incident has already opened under, as the store knows it.
public struct KnownWorkflowVersion: Sendable, Equatable, Hashable {
    public var kind: String
    public var version: Int
    public var contentHash: String

    public init(kind: String, version: Int, contentHash: String) {
        self.kind = kind
        self.version = version
        self.contentHash = contentHash
    }
}

/// Refuses a workflow file that changed without raising its version.
public enum WorkflowVersionCheck {
    /// Problems when an incident already opened under this kind and version with another hash.
    public static func problems(for definition: WorkflowDefinition, known: [KnownWorkflowVersion]) -> [WorkflowProblem]
    {
        let clashes = known.filter {
            $0.kind == definition.kind && $0.version == definition.version && $0.contentHash != definition.contentHash
        }
        guard !clashes.isEmpty else { return [] }
        let highest = known.filter { $0.kind == definition.kind }.map(\.version).max() ?? definition.version
        return [
            WorkflowProblem(
                file: definition.fileName, line: 1, column: 1, code: "changed-without-version-bump",
                message: "\(definition.kind) version \(definition.version) changed since incidents opened under it "
                    + "(hash \(clashes[0].contentHash.prefix(12)) then, \(definition.contentHash.prefix(12)) now); "
                    + "raise version to \(highest + 1) so those incidents keep the rules they opened under.")
        ]
    }
}
