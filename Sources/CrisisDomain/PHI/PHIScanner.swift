/// Screens message text for what looks like patient detail before anyone can approve it: replies
/// that tie a reader, a relative or a third person to care, names next to care, and the
/// identifiers of 45 CFR 164.514(b)(2). Every finding names its rule, the words that fired it,
/// why that is a disclosure and what to write instead. It errs on the side of caution; a privacy
/// officer can override a finding for one exact text. It is not a de-identification tool.
public enum PHIScanner {
    /// The checked rule book, or why it cannot be used.
    static let ruleBook: Result<PHIRuleBook, PHIRuleProblem> = Result { () throws(PHIRuleProblem) in
        try PHIRuleBook(PHIRule.all)
    }

    /// Stops with a sentence when a rule cannot be used; call it once at start-up.
    public static func checkRules() throws(PHIRuleProblem) {
        _ = try ruleBook.get()
    }

    /// The id of every rule, in the order they run.
    public static var ruleIds: [String] {
        (try? ruleBook.get())?.rules.map(\.id) ?? []
    }

    /// Every finding in `text`, in order of position. With an unusable rule book, one finding that
    /// holds the text (fail closed).
    public static func scan(_ text: String) -> [PHIFinding] {
        scan(text, using: ruleBook)
    }

    /// `scan` with a given rule book (tests pass one that failed its check).
    static func scan(_ text: String, using ruleBook: Result<PHIRuleBook, PHIRuleProblem>) -> [PHIFinding] {
        let book: PHIRuleBook
        switch ruleBook {
        case .success(let checked): book = checked
        case .failure(let problem):
            return [
                PHIFinding(
                    rule: "scanner.rules-invalid", category: .scannerUnavailable, matched: "", triggers: [], offset: 0,
                    reason: problem.message, alternative: "Ask the maintainers to fix the PHI scanner's rule book.")
            ]
        }
        let tokens = PHIText(text)
        var findings: [PHIFinding] = []
        for rule in book.rules {
            for match in rule.matches(in: tokens) {
                findings.append(
                    PHIFinding(
                        rule: rule.id, category: rule.category, matched: String(text[match.range]),
                        triggers: match.triggers,
                        offset: text.distance(from: text.startIndex, to: match.range.lowerBound),
                        reason: rule.reason, alternative: rule.alternative))
            }
        }
        return deduplicated(findings).sorted { ($0.offset, $0.rule) < ($1.offset, $1.rule) }
    }

    /// Drops a finding whose span lies inside a longer finding's span (a date inside a DOB), and
    /// repeats of one rule on one span.
    private static func deduplicated(_ findings: [PHIFinding]) -> [PHIFinding] {
        var kept: [PHIFinding] = []
        for finding in findings {
            let inside = findings.contains { other in
                other.offset <= finding.offset
                    && other.offset + other.matched.count >= finding.offset + finding.matched.count
                    && other.matched.count > finding.matched.count
            }
            let repeated = kept.contains { $0.rule == finding.rule && $0.offset == finding.offset }
            if !inside && !repeated { kept.append(finding) }
        }
        return kept
    }
}
