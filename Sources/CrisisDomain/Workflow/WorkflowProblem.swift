/// One thing wrong with a workflow file, located by file, line and column, in a sentence a
/// policy author understands.
public struct WorkflowProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// A stable identifier of the kind of problem, e.g. `unknown-state`.
    public var code: String
    public var message: String

    public init(file: String, line: Int, column: Int, code: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.code = code
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message) [\(code)]" }
}

/// Loading refused a workflow file; every problem found is listed, not just the first.
public struct WorkflowLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [WorkflowProblem]

    public init(problems: [WorkflowProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
