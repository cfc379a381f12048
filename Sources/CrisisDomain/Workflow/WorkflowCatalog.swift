import Foundation

/// The workflow definitions in force: one per kind from a directory of `KIND.yaml` files, with
/// the enabled state overlays applied, checked against versions incidents already opened under.
public struct WorkflowCatalog: Sendable {
    public var definitions: [String: WorkflowDefinition]
    public var overlays: [StateOverlay]

    public init(definitions: [WorkflowDefinition], overlays: [StateOverlay] = []) {
        self.definitions = Dictionary(definitions.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        self.overlays = overlays
    }

    public var kinds: [String] { definitions.keys.sorted() }

    public func definition(kind: String) -> WorkflowDefinition? { definitions[kind] }

    /// Every organisational role the roster may grant: the standard ones and those the workflows add.
    public var organisationalRoles: [String] {
        var roles = RoleDefinition.standardIdentifiers
        for kind in kinds {
            for role in definitions[kind]?.roles ?? [] where !roles.contains(role.id) { roles.append(role.id) }
        }
        return roles
    }

    /// Builds a catalog from files given as (name, contents): `KIND.yaml` workflows and
    /// `overlays/NAME.yaml` overlays, of which only `enabledOverlays` are applied.
    public static func build(
        workflowFiles: [(name: String, contents: Data)], overlayFiles: [(name: String, contents: Data)] = [],
        enabledOverlays: [String] = [], known: [KnownWorkflowVersion] = []
    ) throws(WorkflowLoadError) -> WorkflowCatalog {
        var problems: [WorkflowProblem] = []
        var overlays: [StateOverlay] = []
        var found: Set<String> = []
        for file in overlayFiles {
            do throws(WorkflowLoadError) {
                let overlay = try StateOverlay.load(fileName: file.name, contents: file.contents)
                found.insert(overlay.name)
                if enabledOverlays.contains(overlay.name) { overlays.append(overlay) }
            } catch {
                problems += error.problems
            }
        }
        for name in enabledOverlays where !found.contains(name) {
            problems.append(
                WorkflowProblem(
                    file: "overlays/\(name).yaml", line: 1, column: 1, code: "unknown-overlay",
                    message: "The overlay \(name) is enabled in the configuration but no overlay file defines it."))
        }
        var definitions: [WorkflowDefinition] = []
        for file in workflowFiles {
            do throws(WorkflowLoadError) {
                var definition = try WorkflowLoader.load(fileName: file.name, contents: file.contents)
                problems += WorkflowVersionCheck.problems(for: definition, known: known)
                for overlay in overlays { definition = overlay.applied(to: definition) }
                definitions.append(definition)
            } catch {
                problems += error.problems
            }
        }
        guard problems.isEmpty else { throw WorkflowLoadError(problems: problems) }
        return WorkflowCatalog(definitions: definitions, overlays: overlays)
    }

    /// Loads every `*.yaml` in `directory` and `directory/overlays/*.yaml` (reads files; the rest of
    /// the domain does no I/O).
    public static func load(
        directory: URL, enabledOverlays: [String] = [], known: [KnownWorkflowVersion] = []
    ) throws(WorkflowLoadError) -> WorkflowCatalog {
        func files(in url: URL, prefix: String) -> [(name: String, contents: Data)] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { name in
                guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(name).path) else {
                    return nil
                }
                return (prefix + name, data)
            }
        }
        return try build(
            workflowFiles: files(in: directory, prefix: ""),
            overlayFiles: files(in: directory.appendingPathComponent("overlays"), prefix: "overlays/"),
            enabledOverlays: enabledOverlays, known: known)
    }
}
