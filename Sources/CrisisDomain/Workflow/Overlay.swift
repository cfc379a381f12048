import Foundation
import Yams

/// A state's notification rule set (e.g. California H&S Code 1280.15), merged into workflows
/// when switched on by configuration. Its clocks become deadlines of the incidents it applies to.
public struct StateOverlay: Sendable, Equatable {
    public var name: String
    public var version: Int
    public var title: String
    public var stateCode: String
    public var appliesTo: [String]
    public var contentHash: String
    public var clocks: [OverlayClock]

    public var reference: OverlayReference {
        OverlayReference(name: name, version: version, contentHash: contentHash)
    }
}

/// One clock of a state overlay.
public struct OverlayClock: Sendable, Equatable {
    public var name: String
    public var title: String
    public var citation: String
    public var anchor: DeadlineAnchor
    public var within: WorkflowDuration
    /// Minimum number of affected residents of the state for the clock to apply.
    public var threshold: Int
    public var recipient: NotificationRecipient
    /// When true the rule does not bind HIPAA-covered entities, so the clock is not added.
    public var hipaaCoveredEntitiesExempt: Bool
    public var escalateTo: String

    /// The deadline this clock adds to a workflow.
    public func deadline(stateCode: String, source: String) -> DeadlineDefinition {
        DeadlineDefinition(
            name: name, title: title, citation: citation, anchor: anchor, within: within,
            metBy: .notification(recipient),
            appliesWhen: [.breachPresumed, .stateResidentsAtLeast(stateCode, threshold)], stateCode: stateCode,
            escalateTo: escalateTo, pausedByLawEnforcement: true, source: source)
    }
}

extension StateOverlay {
    /// Loads and validates an overlay file, reporting every problem with its line and column.
    public static func load(fileName: String, contents: Data) throws(WorkflowLoadError) -> StateOverlay {
        let text = String(decoding: contents, as: UTF8.self)
        let root = try WorkflowLoader.parse(fileName: fileName, text: text)
        var reader = WorkflowFileReader(file: fileName)
        let overlay = reader.readOverlay(root, contentHash: ContentHash.sha256Hex(contents))
        let roles = Set(RoleDefinition.standardIdentifiers)
        for (ref, context) in reader.references.roleRefs where !roles.contains(ref.value) {
            reader.fields.report(
                ref.at, "unknown-role", "\(context) names the role \"\(ref.value)\", which is not a standard role.")
        }
        guard reader.fields.problems.isEmpty, let overlay else {
            throw WorkflowLoadError(problems: WorkflowLoader.sorted(reader.fields.problems))
        }
        return overlay
    }

    /// `definition` with this overlay's clocks added, when the overlay applies to its kind.
    public func applied(to definition: WorkflowDefinition) -> WorkflowDefinition {
        guard appliesTo.contains(definition.kind) else { return definition }
        var result = definition
        result.deadlines += clocks.filter { !$0.hipaaCoveredEntitiesExempt }.map {
            $0.deadline(stateCode: stateCode, source: name)
        }
        result.overlays.append(reference)
        return result
    }
}

extension WorkflowFileReader {
    static let overlayKeys = ["overlay", "version", "title", "state", "applies-to", "clocks"]
    static let clockKeys = [
        "name", "title", "citation", "anchor", "within", "threshold", "recipient", "hipaa-covered-entities-exempt",
        "escalate-to",
    ]

    mutating func readOverlay(_ root: Node, contentHash: String) -> StateOverlay? {
        guard let top = fields.mapping(root, "An overlay file") else { return nil }
        fields.rejectUnknownKeys(top, allowed: Self.overlayKeys, in: "The overlay")
        let name = fields.string(top, "overlay", in: "The overlay")
        let version = fields.int(top, "version", in: "The overlay")
        let title = fields.string(top, "title", in: "The overlay")
        let state = fields.string(top, "state", in: "The overlay")
        let appliesTo = fields.strings(top, "applies-to", in: "The overlay").map(\.value)
        let clocks = fields.mappings(top, "clocks", in: "The overlay", required: true).compactMap { readClock($0) }
        guard let name, let version, let title, let state else { return nil }
        return StateOverlay(
            name: name.value, version: version.value, title: title.value, stateCode: state.value.uppercased(),
            appliesTo: appliesTo, contentHash: contentHash, clocks: clocks)
    }

    private mutating func readClock(_ entry: Node.Mapping) -> OverlayClock? {
        fields.rejectUnknownKeys(entry, allowed: Self.clockKeys, in: "A clock")
        guard let name = fields.string(entry, "name", in: "A clock") else { return nil }
        let what = "Clock \(name.value)"
        let title = fields.string(entry, "title", in: what)
        let citation = fields.string(entry, "citation", in: what)
        let anchor = fields.string(entry, "anchor", in: what).flatMap { readAnchor($0, what) }
        let within = fields.string(entry, "within", in: what).flatMap { readDuration($0, what) }
        let threshold = fields.int(entry, "threshold", in: what, required: false)?.value ?? 1
        let recipientText = fields.string(entry, "recipient", in: what)
        let recipient = recipientText.flatMap { NotificationRecipient(rawValue: $0.value) }
        if let recipientText, recipient == nil {
            fields.report(
                recipientText.at, "bad-value",
                "\(what): recipient must be individuals, hhs, media, state or substitute.")
        }
        let escalateTo = fields.string(entry, "escalate-to", in: what)
        if let escalateTo { references.roleRefs.append((escalateTo, what)) }
        if let anchor, case .stateEntered = anchor {
            fields.report(
                name.at, "bad-anchor", "\(what): an overlay clock starts at detection, discovery or determination.")
        }
        guard let title, let citation, let anchor, let within, let recipient, let escalateTo else { return nil }
        return OverlayClock(
            name: name.value, title: title.value, citation: citation.value, anchor: anchor, within: within,
            threshold: threshold, recipient: recipient,
            hipaaCoveredEntitiesExempt: fields.bool(entry, "hipaa-covered-entities-exempt", in: what),
            escalateTo: escalateTo.value)
    }
}
