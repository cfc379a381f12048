import CrisisDomain
import CrisisWorkflows
import Foundation
import Testing

/// A small, seeded generator (SplitMix64), so a failing mutation can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One random change to a workflow file, the kind an editor slip or a bad merge makes.
enum WorkflowMutation: CaseIterable {
    case deleteLine, duplicateLine, swapLines, replaceToken, truncate, changeIndentation, insertControlCharacter

    /// Characters a pasted token might bring: unicode, control characters, YAML syntax.
    static let strangeTokens = [
        "", "\u{0000}", "\u{0007}", "\t", "\r", "\u{202E}", "\u{FEFF}", "🚑", "é", "\u{0301}", ":", "- ", "{", "[",
        "}", "]", "&anchor", "*anchor", "!!binary", "|", ">", "#", "'", "\"", "%YAML 1.2", "---", "...", "?", "@",
        "`", "null", "~", "true", "1e999", "-1", "0x7fffffffffffffff", "99999999999999999999", "2 hours",
        "0 minutes", String(repeating: "x", count: 500),
    ]

    func apply(to lines: inout [String], using random: inout SeededGenerator) {
        guard !lines.isEmpty else { return }
        let index = Int.random(in: lines.indices, using: &random)
        switch self {
        case .deleteLine:
            lines.remove(at: index)
        case .duplicateLine:
            lines.insert(lines[index], at: index)
        case .swapLines:
            lines.swapAt(index, Int.random(in: lines.indices, using: &random))
        case .replaceToken:
            var tokens = lines[index].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            let token = Int.random(in: tokens.indices, using: &random)
            tokens[token] = Self.strangeTokens.randomElement(using: &random) ?? ""
            lines[index] = tokens.joined(separator: " ")
        case .truncate:
            let keep = Int.random(in: 0...lines.count, using: &random)
            lines.removeSubrange(keep...)
            if let last = lines.indices.last, !lines[last].isEmpty {
                let characters = Array(lines[last])
                lines[last] = String(characters.prefix(Int.random(in: 0...characters.count, using: &random)))
            }
        case .changeIndentation:
            let line = lines[index]
            let body = line.drop { $0 == " " }
            let indent = line.count - body.count
            let newIndent = max(0, indent + ([-4, -2, -1, 1, 2, 3, 8].randomElement(using: &random) ?? 1))
            lines[index] = (Bool.random(using: &random) ? String(repeating: " ", count: newIndent) : "\t") + body
        case .insertControlCharacter:
            var characters = Array(lines[index])
            let scalar = Unicode.Scalar(UInt8.random(in: 0...31, using: &random))
            characters.insert(Character(scalar), at: Int.random(in: 0...characters.count, using: &random))
            lines[index] = String(characters)
        }
    }
}

@Suite("The workflow loader under random damage")
struct WorkflowLoaderFuzzTests {
    /// `CRISIS_FUZZ_COUNT` raises it (scripts/fuzz-workflows); `CRISIS_FUZZ_SEED` moves the start.
    static var count: Int {
        ProcessInfo.processInfo.environment["CRISIS_FUZZ_COUNT"].flatMap(Int.init) ?? 300
    }
    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["CRISIS_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_123
    }

    /// `CRISIS_FUZZ_TRACE=1`: print each trial's seed before loading it.
    static var trace: Bool { ProcessInfo.processInfo.environment["CRISIS_FUZZ_TRACE"] == "1" }

    /// Straight to file descriptor 2, unbuffered, so it survives a crash.
    static func traceLine(_ line: String) {
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    @Test(
        "a damaged workflow file either loads or is refused with problems that point into the file",
        .timeLimit(.minutes(5)), arguments: BundledWorkflows.kinds)
    func damagedFiles(kind: String) throws {
        let original = String(decoding: try Fixtures.contents(kind), as: UTF8.self)
        let originalLines = original.components(separatedBy: "\n")
        var loaded = 0
        var refused = 0
        for trial in 0..<Self.count {
            let trialSeed = Self.seed &+ UInt64(trial) &* 7919 &+ UInt64(kind.utf8.reduce(0) { $0 &+ Int($1) })
            var random = SeededGenerator(seed: trialSeed)
            var lines = originalLines
            var applied: [WorkflowMutation] = []
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let mutation = WorkflowMutation.allCases.randomElement(using: &random) ?? .deleteLine
                mutation.apply(to: &lines, using: &random)
                applied.append(mutation)
            }
            let text = lines.joined(separator: "\n")
            if Self.trace {
                // Written before loading, so a crash's last line names the seed that caused it.
                Self.traceLine("fuzz \(kind) seed \(trialSeed) \(applied)\n")
            }
            // YAML also breaks lines at a lone CR, NEL and the Unicode separators.
            let lineCount = max(1, text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count)
            do {
                let definition = try WorkflowLoader.load(fileName: "\(kind).yaml", text: text)
                #expect(!definition.states.isEmpty, "seed \(trialSeed) \(applied): loaded with no states")
                loaded += 1
            } catch {
                refused += 1
                #expect(!error.problems.isEmpty, "seed \(trialSeed) \(applied): refused without a problem")
                for problem in error.problems {
                    #expect(
                        problem.line >= 1 && problem.line <= lineCount + 1 && problem.column >= 1,
                        "seed \(trialSeed) \(applied): \(problem) points outside the \(lineCount)-line file")
                    #expect(!problem.message.isEmpty && !problem.code.isEmpty, "seed \(trialSeed): \(problem)")
                }
            }
        }
        print("\(kind): \(Self.count) damaged files, \(loaded) loaded, \(refused) refused with located problems")
        #expect(loaded + refused == Self.count)
    }
}
