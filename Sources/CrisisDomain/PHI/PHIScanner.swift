/// Screens message text for what looks like patient detail before anyone can approve it:
/// names next to clinical words, dates of birth, record numbers, phone numbers, addresses,
/// room and bed numbers, and phrases that confirm someone is a patient. It errs on the side of
/// caution; a privacy officer can override a finding for one exact text.
public enum PHIScanner {
    /// Every finding in `text`, in order of position.
    public static func scan(_ text: String) -> [PHIFinding] {
        var findings: [PHIFinding] = []
        for (rule, regex) in PHIRule.compiled {
            for match in text.matches(of: regex) {
                let matched = String(text[match.range])
                guard rule.accepts(matched, text, match.range) else { continue }
                findings.append(
                    PHIFinding(
                        category: rule.category, matched: matched,
                        offset: text.distance(from: text.startIndex, to: match.range.lowerBound), reason: rule.reason))
            }
        }
        return deduplicated(findings).sorted { ($0.offset, $0.category.rawValue) < ($1.offset, $1.category.rawValue) }
    }

    /// Drops a finding whose span lies inside another finding's span (e.g. a date inside a DOB).
    private static func deduplicated(_ findings: [PHIFinding]) -> [PHIFinding] {
        findings.filter { finding in
            !findings.contains { other in
                other != finding && other.offset <= finding.offset
                    && other.offset + other.matched.count >= finding.offset + finding.matched.count
                    && other.matched.count > finding.matched.count
            }
        }
    }
}
