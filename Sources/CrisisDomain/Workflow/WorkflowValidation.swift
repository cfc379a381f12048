import Foundation

/// What `crisis workflow validate [PATH]` checks: every workflow and overlay file, all problems at once.
public enum WorkflowValidation {
    /// Problems in the given files; a file under `overlays/` (or starting with `overlay:`) is read as
    /// an overlay, any other as a workflow. Known versions enable the version-bump check.
    public static func problems(
        files: [(name: String, contents: Data)], known: [KnownWorkflowVersion] = []
    ) -> [WorkflowProblem] {
        var problems: [WorkflowProblem] = []
        for file in files {
            let text = String(decoding: file.contents, as: UTF8.self)
            let isOverlay = file.name.contains("overlays/") || text.hasPrefix("overlay:") || text.contains("\noverlay:")
            do throws(WorkflowLoadError) {
                if isOverlay {
                    _ = try StateOverlay.load(fileName: file.name, contents: file.contents)
                } else {
                    let definition = try WorkflowLoader.load(fileName: file.name, contents: file.contents)
                    problems += WorkflowVersionCheck.problems(for: definition, known: known)
                }
            } catch {
                problems += error.problems
            }
        }
        return problems
    }

    /// Problems in a file, or in every `*.yaml` of a directory and its `overlays/` (reads files).
    public static func problems(at url: URL, known: [KnownWorkflowVersion] = []) -> [WorkflowProblem] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return [
                WorkflowProblem(
                    file: url.path, line: 1, column: 1, code: "not-found",
                    message: "There is no file or directory at \(url.path).")
            ]
        }
        var files: [(name: String, contents: Data)] = []
        if isDirectory.boolValue {
            for (directory, prefix) in [(url, ""), (url.appendingPathComponent("overlays"), "overlays/")] {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
                for name in names.filter({ $0.hasSuffix(".yaml") }).sorted() {
                    if let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) {
                        files.append((prefix + name, data))
                    }
                }
            }
        } else if let data = FileManager.default.contents(atPath: url.path) {
            let name =
                url.deletingLastPathComponent().lastPathComponent == "overlays"
                ? "overlays/" + url.lastPathComponent : url.lastPathComponent
            files.append((name, data))
        }
        return problems(files: files, known: known)
    }
}
