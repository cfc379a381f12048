/// How the PHI scanner does on one part of the corpus: recall over the disclosing replies, the
/// false-positive rate over the safe ones, every miss and false alarm, and the figures per category.
public struct PHIEvaluation: Sendable {
    /// One reply the scanner got wrong, with what it found (nothing, for a miss).
    public struct Error: Sendable {
        public var reply: PHICorpus.Reply
        public var findings: [PHIFinding]
    }

    /// The figures of one category.
    public struct CategoryFigures: Sendable {
        public var category: String
        public var replies: Int
        public var wrong: Int
    }

    public var part: PHICorpus.Part
    public var disclosing: Int
    public var safe: Int
    public var misses: [Error]
    public var falseAlarms: [Error]
    public var categories: [CategoryFigures]
    /// How many findings each rule made over the whole part (true and false).
    public var findingsPerRule: [String: Int]

    /// Caught disclosing replies over all disclosing replies (1 when there are none).
    public var recall: Double { disclosing == 0 ? 1 : Double(disclosing - misses.count) / Double(disclosing) }
    /// Flagged safe replies over all safe replies (0 when there are none).
    public var falsePositiveRate: Double { safe == 0 ? 0 : Double(falseAlarms.count) / Double(safe) }

    /// Scans every reply of `part` with `scan` (the real scanner unless a test passes another).
    public init(
        _ corpus: PHICorpus, part: PHICorpus.Part, scan: (String) -> [PHIFinding] = PHIScanner.scan
    ) {
        self.part = part
        let replies = corpus.part(part)
        var misses: [Error] = []
        var falseAlarms: [Error] = []
        var wrongByCategory: [String: Int] = [:]
        var perRule: [String: Int] = [:]
        for reply in replies {
            let findings = scan(reply.text)
            for finding in findings { perRule[finding.rule, default: 0] += 1 }
            wrongByCategory[reply.category, default: 0] += 0
            if reply.isDisclosing && findings.isEmpty {
                misses.append(Error(reply: reply, findings: []))
                wrongByCategory[reply.category, default: 0] += 1
            } else if !reply.isDisclosing && !findings.isEmpty {
                falseAlarms.append(Error(reply: reply, findings: findings))
                wrongByCategory[reply.category, default: 0] += 1
            }
        }
        disclosing = replies.filter(\.isDisclosing).count
        safe = replies.count - disclosing
        self.misses = misses
        self.falseAlarms = falseAlarms
        categories = wrongByCategory.keys.sorted().map { category in
            CategoryFigures(
                category: category, replies: replies.filter { $0.category == category }.count,
                wrong: wrongByCategory[category] ?? 0)
        }
        findingsPerRule = perRule
    }
}
