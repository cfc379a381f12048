/// The scanner's rules, checked before any is used: unique ids, a reason and an alternative for
/// each, patterns that can match, and a lexicon with no malformed entry. A rule book with a problem
/// is never used in part: the scanner then holds every text (fail closed).
struct PHIRuleBook: Sendable {
    let rules: [PHIRule]

    init(_ rules: [PHIRule]) throws(PHIRuleProblem) {
        if let entry = PHILexicon.index.problems.first {
            throw PHIRuleProblem("the lexicon entry \(entry) is empty, not lower case or padded with spaces")
        }
        for wordClass in PHIWordClass.allCases where PHILexicon.entries(of: wordClass).isEmpty {
            throw PHIRuleProblem("the lexicon class \(wordClass) has no words")
        }
        var seen: Set<String> = []
        for rule in rules {
            guard rule.id.split(separator: ".").count == 2, rule.id == rule.id.lowercased() else {
                throw PHIRuleProblem("the rule id \"\(rule.id)\" is not of the form group.name in lower case")
            }
            guard seen.insert(rule.id).inserted else { throw PHIRuleProblem("two rules share the id \(rule.id)") }
            guard !rule.reason.isEmpty, !rule.alternative.isEmpty else {
                throw PHIRuleProblem("the rule \(rule.id) has no reason or no safe alternative for the person writing")
            }
            if case .patterns(let patterns) = rule.detector {
                guard !patterns.isEmpty else { throw PHIRuleProblem("the rule \(rule.id) has no pattern") }
                for pattern in patterns {
                    if let problem = Self.problem(of: pattern) {
                        throw PHIRuleProblem("a pattern of the rule \(rule.id) \(problem)")
                    }
                }
            }
        }
        self.rules = rules
    }

    /// What makes a pattern unable to match anything, if anything does.
    private static func problem(of pattern: PHIPattern) -> String? {
        for (position, step) in pattern.steps.enumerated() {
            switch step.test {
            case .classes(let classes) where classes.isEmpty:
                return "tests no word class at step \(position + 1)"
            case .words(let list) where list.entries.isEmpty || list.entries.contains(where: \.isEmpty):
                return "has an empty word list at step \(position + 1)"
            case .number(let digits) where digits.lowerBound < 1:
                return "asks for a number of no digits at step \(position + 1)"
            default:
                continue
            }
        }
        if let first = pattern.steps.first, first.joinedBy != nil { return "joins its first step to nothing" }
        return nil
    }
}

/// Why the PHI scanner's rules cannot be used, as a sentence for the person at the terminal.
public struct PHIRuleProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    init(_ problem: String) {
        message =
            "The PHI scanner cannot start: \(problem). Every message is held until the rule book is fixed; run `swift test --filter PHIRuleBookTests` to see which rule."
    }

    public var description: String { message }
}
