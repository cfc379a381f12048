import CrisisDomain
import Foundation

/// The exact text of a workflow definition (and the overlays applied to it),
/// stored once in the record so every later decision and any replay years
/// later uses the rules an incident opened under, whatever the files say now.
public struct WorkflowPublished: Sendable, Codable, Equatable {
    public struct File: Sendable, Codable, Equatable {
        public var fileName: String
        public var contentHash: String
        public var text: String
    }

    public static let eventType = "WorkflowPublished"

    public var kind: String
    public var version: Int
    public var workflow: File
    public var overlays: [File]

    /// The stream that holds every publication of one kind.
    public static func stream(kind: String) -> String { "workflow-\(kind)" }

    public var reference: WorkflowReference {
        WorkflowReference(kind: kind, version: version, contentHash: workflow.contentHash)
    }

    /// Rebuilds the definition from the stored text.
    public func definition() throws(WorkflowLoadError) -> WorkflowDefinition {
        var definition = try WorkflowLoader.load(fileName: workflow.fileName, text: workflow.text)
        for overlay in overlays {
            definition = try StateOverlay.load(fileName: overlay.fileName, contents: Data(overlay.text.utf8))
                .applied(to: definition)
        }
        return definition
    }

    /// The key a publication is found by: the base file's hash and the overlays'.
    var key: String {
        ([workflow.contentHash] + overlays.map(\.contentHash)).joined(separator: "+")
    }
}
