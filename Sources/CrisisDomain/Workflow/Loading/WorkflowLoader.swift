import Foundation
import Yams

/// Turns a workflow file's bytes into a validated ``WorkflowDefinition``, or refuses with every
/// problem found, each with file, line and column.
public enum WorkflowLoader {
    /// Loads and validates one workflow file. `fileName` is used in problems and must be `KIND.yaml`.
    public static func load(fileName: String, contents: Data) throws(WorkflowLoadError) -> WorkflowDefinition {
        let hash = ContentHash.sha256Hex(contents)
        guard let text = String(data: contents, encoding: .utf8) else {
            throw WorkflowLoadError(problems: [
                WorkflowProblem(
                    file: fileName, line: 1, column: 1, code: "not-utf8", message: "The file is not UTF-8 text.")
            ])
        }
        let root = try parse(fileName: fileName, text: text)
        var reader = WorkflowFileReader(file: fileName)
        let definition = reader.read(root, contentHash: hash)
        var checks = WorkflowChecks(fields: reader.fields, references: reader.references)
        checks.run(definition)
        let problems = checks.fields.problems
        guard problems.isEmpty, let definition else {
            throw WorkflowLoadError(problems: sorted(problems))
        }
        return definition
    }

    /// Loads a workflow file given as text.
    public static func load(fileName: String, text: String) throws(WorkflowLoadError) -> WorkflowDefinition {
        try load(fileName: fileName, contents: Data(text.utf8))
    }

    static func parse(fileName: String, text: String) throws(WorkflowLoadError) -> Node {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw WorkflowLoadError(problems: [
                    WorkflowProblem(
                        file: fileName, line: 1, column: 1, code: "empty-file", message: "The file is empty.")
                ])
            }
            return root
        } catch let error as WorkflowLoadError {
            throw error
        } catch let error as YamlError {
            throw WorkflowLoadError(problems: [syntaxProblem(fileName, error)])
        } catch {
            throw WorkflowLoadError(problems: [
                WorkflowProblem(
                    file: fileName, line: 1, column: 1, code: "yaml-syntax",
                    message: "The file is not valid YAML: \(error)")
            ])
        }
    }

    private static func syntaxProblem(_ file: String, _ error: YamlError) -> WorkflowProblem {
        var mark: Mark?
        var problem = "\(error)"
        switch error {
        case .scanner(_, let p, let m, _), .parser(_, let p, let m, _), .composer(_, let p, let m, _):
            mark = m
            problem = p
        case .duplicatedKeysInMapping(let duplicates, let context):
            mark = context.mark
            problem = "the key \(duplicates.joined(separator: ", ")) appears twice in one mapping"
        default:
            break
        }
        let spot = Spot(mark)
        return WorkflowProblem(
            file: file, line: spot.line, column: spot.column, code: "yaml-syntax",
            message: "The file is not valid YAML: \(problem); check the indentation and quoting on this line.")
    }

    static func sorted(_ problems: [WorkflowProblem]) -> [WorkflowProblem] {
        problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }
}
