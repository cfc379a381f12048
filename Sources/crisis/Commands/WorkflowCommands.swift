import ArgumentParser
import CrisisApp
import Foundation

/// `crisis workflow ...`: the rules as data.
struct WorkflowCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow",
        abstract: "Validate, read and draw the incident workflows.",
        subcommands: [Validate.self, Show.self, Graph.self]
    )

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check workflow files; print every problem with file, line and column.",
            discussion: """
                With --against-record, also checks each file against the versions incidents
                already opened under (a changed file must raise its version).

                Examples:
                  crisis workflow validate
                  crisis workflow validate ./Workflows --against-record
                """)

        @Argument(help: "A directory of KIND.yaml files or one file (default: the workflows in force).")
        var path: String?
        @Flag(help: "Print one JSON document: the workflows that load and every problem.") var json = false
        @Flag(help: "Also compare with the versions recorded in the database.") var againstRecord = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            do {
                var catalog = try loadCatalog(path)
                if againstRecord {
                    let kinds = catalog.kinds
                    let known = try await withDatabase(connection) { database in
                        do throws(CommandError) {
                            return try await RecordedWorkflowVersions.known(kinds: kinds, in: database)
                        } catch {
                            throw CommandFailure(error)
                        }
                    }
                    catalog = try loadCatalog(path, known: known)
                }
                let loaded = catalog.kinds.compactMap { catalog.definition(kind: $0) }
                if json {
                    try Terminal.printJSON(
                        ValidationJSON(
                            valid: true,
                            workflows: loaded.map {
                                .init(kind: $0.kind, version: $0.version, contentHash: $0.contentHash)
                            },
                            problems: []))
                    return
                }
                for definition in loaded {
                    print("ok  \(definition.kind) version \(definition.version) (\(definition.contentHash.prefix(12)))")
                }
            } catch let error as WorkflowLoadError {
                if json {
                    try Terminal.printJSON(
                        ValidationJSON(
                            valid: false, workflows: [],
                            problems: error.problems.map {
                                .init(
                                    file: $0.file, line: $0.line, column: $0.column, code: $0.code, message: $0.message)
                            }))
                } else {
                    for problem in error.problems { print("\(problem)") }
                }
                throw ExitCode.badInput
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "A readable summary of one workflow.", discussion: "Example:\n  crisis workflow show phi-leak")

        @Argument(help: "The incident kind.") var kind: String
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var identity: IdentityOption

        func run() throws {
            let definition = try definition(kind)
            if json {
                try Terminal.printJSON(WorkflowJSON(definition))
            } else {
                print(WorkflowSummary.text(definition))
            }
        }
    }

    struct Graph: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "graph",
            abstract: "The state machine as diagram source.",
            discussion: "Example:\n  crisis workflow graph phi-leak --format dot | dot -Tsvg > phi-leak.svg")

        @Argument(help: "The incident kind.") var kind: String
        @Option(help: "mermaid or dot.") var format: String = "mermaid"
        @OptionGroup var identity: IdentityOption

        func run() throws {
            guard let chosen = WorkflowGraph.Format(rawValue: format) else {
                throw CommandFailure("crisis: --format must be mermaid or dot", exitCode: .badInput)
            }
            print(WorkflowGraph.render(try definition(kind), format: chosen))
        }
    }
}

private func loadCatalog(_ path: String?, known: [KnownWorkflowVersion] = []) throws -> WorkflowCatalog {
    var environment = ProcessInfo.processInfo.environment
    if let path {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure("crisis: \(path) does not exist", exitCode: .badInput)
        }
        if !isDirectory.boolValue {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CommandFailure("crisis: cannot read \(path)", exitCode: .badInput)
            }
            return try WorkflowCatalog.build(
                workflowFiles: [(URL(fileURLWithPath: path).lastPathComponent, contents)], known: known)
        }
        environment["CRISIS_WORKFLOWS"] = path
    }
    do {
        return try WorkflowLibrary.fromEnvironment(environment).catalog(known: known)
    } catch let error as CommandError {
        throw CommandFailure(error)
    }
}

private func definition(_ kind: String) throws -> WorkflowDefinition {
    do {
        guard let definition = try loadCatalog(nil).definition(kind: kind) else {
            throw CommandFailure(
                "crisis: no workflow for \"\(kind)\"; kinds: \(try loadCatalog(nil).kinds.joined(separator: ", "))",
                exitCode: .badInput)
        }
        return definition
    } catch let error as WorkflowLoadError {
        throw CommandFailure("crisis: the workflows do not load:\n\(error)", exitCode: .badInput)
    }
}
