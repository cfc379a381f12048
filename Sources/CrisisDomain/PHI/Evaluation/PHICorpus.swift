/// The PHI scanner's evaluation corpus: labelled public replies, read from the tab-separated file
/// in Tests/CrisisDomainTests/PHI/Corpus (part, label, category, text, reason per line).
public struct PHICorpus: Sendable {
    /// One labelled reply.
    public struct Reply: Sendable, Equatable {
        public var line: Int
        public var part: Part
        public var isDisclosing: Bool
        public var category: String
        public var text: String
        public var reason: String
    }

    /// The tuning part may be used to change the scanner; the held-out part never.
    public enum Part: String, Sendable, CaseIterable {
        case heldOut = "held-out"
        case tune
    }

    /// A line that is not a reply, with its number.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "corpus line \(line): \(message)" }
    }

    public var replies: [Reply]

    /// Reads the corpus; `#` lines and blank lines are skipped, any other malformed line is refused.
    public init(tsv: String) throws(Problem) {
        var replies: [Reply] = []
        for (number, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else {
                throw Problem(line: number + 1, message: "expected 5 tab-separated fields, found \(fields.count)")
            }
            guard let part = Part(rawValue: fields[0]) else {
                throw Problem(line: number + 1, message: "unknown part \"\(fields[0])\" (held-out or tune)")
            }
            guard fields[1] == "disclosing" || fields[1] == "safe" else {
                throw Problem(line: number + 1, message: "unknown label \"\(fields[1])\" (disclosing or safe)")
            }
            guard !fields[2].isEmpty, !fields[3].isEmpty, !fields[4].isEmpty else {
                throw Problem(line: number + 1, message: "a category, a text and a reason are required")
            }
            replies.append(
                Reply(
                    line: number + 1, part: part, isDisclosing: fields[1] == "disclosing", category: fields[2],
                    text: fields[3], reason: fields[4]))
        }
        self.replies = replies
    }

    /// The replies of one part.
    public func part(_ part: Part) -> [Reply] { replies.filter { $0.part == part } }
}
