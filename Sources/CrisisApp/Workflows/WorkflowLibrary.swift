import CrisisDomain
import CrisisStore
import CrisisWorkflows
import Crypto
import Foundation
import Synchronization

/// The workflow files in force (from `$CRISIS_WORKFLOWS`, else the ones built
/// into the binary) with the state overlays `$CRISIS_OVERLAYS` switches on.
public struct WorkflowLibrary: Sendable {
    /// One YAML file as read from disk.
    public struct SourceFile: Sendable {
        public var name: String
        public var contents: Data
        var hash: String { Array(SHA256.hash(data: contents)).hexString }
        var text: String { String(decoding: contents, as: UTF8.self) }
    }

    public let directory: URL
    public let enabledOverlays: [String]
    /// Read from disk the first time a command needs them (opening an incident, validating,
    /// proposing): a command on an existing incident uses the definition it opened under, as
    /// the record holds it, and reads no file.
    private let files: WorkflowFiles

    public var workflowFiles: [SourceFile] { files.read().workflows }
    public var overlayFiles: [SourceFile] { files.read().overlays }

    /// Names the files the environment points at; reads and validates nothing yet.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(CommandError) -> WorkflowLibrary
    {
        let directory: URL
        if let configured = environment["CRISIS_WORKFLOWS"], !configured.isEmpty {
            directory = URL(fileURLWithPath: configured)
        } else if let bundled = BundledWorkflows.directory {
            directory = bundled
        } else {
            throw .badInput("no workflows: set CRISIS_WORKFLOWS to a directory of KIND.yaml files")
        }
        let overlays = (environment["CRISIS_OVERLAYS"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return WorkflowLibrary(directory: directory, enabledOverlays: overlays, files: WorkflowFiles(directory))
    }

    static func files(in directory: URL, prefix: String) -> [SourceFile] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { name in
            FileManager.default.contents(atPath: directory.appendingPathComponent(name).path).map {
                SourceFile(name: prefix + name, contents: $0)
            }
        }
    }

    /// Validates every file, refusing a changed file whose version was not raised
    /// when an incident already opened under that version (`known`).
    public func catalog(known: [KnownWorkflowVersion] = []) throws(WorkflowLoadError) -> WorkflowCatalog {
        try WorkflowCatalog.build(
            workflowFiles: workflowFiles.map { ($0.name, $0.contents) },
            overlayFiles: overlayFiles.map { ($0.name, $0.contents) },
            enabledOverlays: enabledOverlays, known: known)
    }

    /// The publication of `definition`: the exact text of its file and overlays.
    func publication(of definition: WorkflowDefinition) throws(CommandError) -> WorkflowPublished {
        guard let file = workflowFiles.first(where: { $0.hash == definition.contentHash }) else {
            throw .badInput("the file of workflow \(definition.kind) changed while crisis was reading it; try again")
        }
        let overlays = try definition.overlays.map { reference throws(CommandError) in
            guard let overlay = overlayFiles.first(where: { $0.hash == reference.contentHash }) else {
                throw .badInput("the overlay \(reference.name) changed while crisis was reading it; try again")
            }
            return WorkflowPublished.File(fileName: overlay.name, contentHash: overlay.hash, text: overlay.text)
        }
        return WorkflowPublished(
            kind: definition.kind, version: definition.version,
            workflow: .init(fileName: file.name, contentHash: file.hash, text: file.text), overlays: overlays)
    }
}

/// The YAML files of a workflow directory, read once, when first asked for: every later look
/// sees the same bytes, so a definition and its publication cannot come from two versions of a file.
final class WorkflowFiles: Sendable {
    private let directory: URL
    private let loaded = Mutex<(workflows: [WorkflowLibrary.SourceFile], overlays: [WorkflowLibrary.SourceFile])?>(nil)

    init(_ directory: URL) {
        self.directory = directory
    }

    func read() -> (workflows: [WorkflowLibrary.SourceFile], overlays: [WorkflowLibrary.SourceFile]) {
        loaded.withLock { loaded in
            if let loaded { return loaded }
            let files = (
                workflows: WorkflowLibrary.files(in: directory, prefix: ""),
                overlays: WorkflowLibrary.files(in: directory.appendingPathComponent("overlays"), prefix: "overlays/")
            )
            loaded = files
            return files
        }
    }
}

/// The workflow versions incidents have opened under, as the record holds them.
public enum RecordedWorkflowVersions {
    /// Every (kind, version, content hash) first used for each of `kinds`.
    public static func known(kinds: [String], in database: CrisisDatabase) async throws(CommandError)
        -> [KnownWorkflowVersion]
    {
        var known: [KnownWorkflowVersion] = []
        for kind in kinds {
            for publication in try await WorkflowRecord(store: database.store).publications(kind: kind) {
                known.append(
                    KnownWorkflowVersion(
                        kind: publication.kind, version: publication.version,
                        contentHash: publication.workflow.contentHash))
            }
        }
        return known
    }
}

/// Reads and writes workflow publications in the record.
struct WorkflowRecord {
    let store: PostgresEventStore

    /// Every publication of `kind`, oldest first.
    func publications(kind: String) async throws(CommandError) -> [WorkflowPublished] {
        try await datedPublications(kind: kind).map(\.publication)
    }

    /// Every publication of `kind` with the time it was recorded (first used), oldest first.
    func datedPublications(kind: String) async throws(CommandError) -> [(publication: WorkflowPublished, at: Date)] {
        let stream: StreamID
        do {
            stream = try StreamID(WorkflowPublished.stream(kind: kind))
        } catch {
            throw .badInput("\"\(kind)\" is not an incident kind")
        }
        var found: [(publication: WorkflowPublished, at: Date)] = []
        do {
            for try await event in store.events(in: stream) where event.type == WorkflowPublished.eventType {
                found.append((try JSONDecoder().decode(WorkflowPublished.self, from: event.data), event.recordedAt))
            }
        } catch let error as EventStoreError {
            throw .store(error)
        } catch {
            throw .corrupt("a workflow publication of \(kind) cannot be read: \(error)")
        }
        return found
    }

    /// Records the publication unless it is there already (same files, same hashes).
    func publish(_ publication: WorkflowPublished) async throws(CommandError) {
        let data: Data
        do {
            data = try JSONEncoder().encode(publication)
        } catch {
            throw .badInput("cannot encode the workflow publication: \(error)")
        }
        // The command id is derived from the content, so publishing twice writes once.
        let digest = Array(SHA256.hash(data: Data(("publish:" + publication.key).utf8)))
        let commandID = UUID(
            uuid: (
                digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7], digest[8],
                digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]
            ))
        do {
            let stream = try StreamID(WorkflowPublished.stream(kind: publication.kind))
            _ = try await store.append(
                [NewEvent(type: WorkflowPublished.eventType, data: data)], to: stream, expecting: .any,
                commandID: commandID)
        } catch {
            throw .store(error)
        }
    }
}
