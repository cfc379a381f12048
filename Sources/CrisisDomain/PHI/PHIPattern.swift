/// A sequence of words a PHI rule looks for, such as "your" then, within three words, a care
/// noun. Each step tests one token (or a phrase starting at it); a step may skip a few tokens of
/// the same sentence before it, or must follow the previous one joined by exact characters
/// ("415" ") " "555" "-" "0134").
struct PHIPattern: Sendable {
    /// What one step accepts.
    enum Test: Sendable {
        /// A word or phrase of one of these lexicon classes.
        case classes(PHIWordClasses)
        /// One of these words or phrases (lower case).
        case words(PHIWordList)
        /// A number of so many digits.
        case number(ClosedRange<Int>)
        /// A token holding a digit ("A-55321", "7ABC123").
        case code
        /// A capitalised word.
        case capitalised
    }

    /// One step of the sequence.
    struct Step: Sendable {
        var test: Test
        /// How many tokens of the same sentence may come between the previous step and this one.
        var skipping: Int = 0
        /// When set, the characters between the previous token and this one must be one of these.
        var joinedBy: Set<String>?
    }

    var steps: [Step]
    /// The match is dropped when a word of these classes comes within `lookBehind` tokens before
    /// it in the same sentence ("talk to your doctor", "if you have chest pain").
    var notAfter = PHIWordClasses()
    var notAfterWords: Set<String> = []
    var lookBehind = 4
    /// The match is dropped when a skipped token is of these classes ("you can be seen").
    var notSkipping = PHIWordClasses()
    /// The match is dropped when its sentence opens with a word of these classes (general advice:
    /// "Schedule your mammogram today").
    var notInSentenceOpenedBy = PHIWordClasses()

    init(_ first: Test, _ rest: Step...) {
        steps = [Step(test: first)] + rest
    }

    // MARK: - Building

    static func of(_ classes: PHIWordClass...) -> Test { .classes(PHIWordClasses(classes)) }
    static func words(_ words: String...) -> Test { .words(PHIWordList(words.map(PHIText.words(of:)))) }

    static func next(_ test: Test) -> Step { Step(test: test) }
    static func within(_ tokens: Int, _ test: Test) -> Step { Step(test: test, skipping: tokens) }
    static func joined(by gaps: Set<String>, _ test: Test) -> Step { Step(test: test, joinedBy: gaps) }

    func notAfter(_ classes: PHIWordClass..., words: Set<String> = [], lookingBack tokens: Int = 4) -> PHIPattern {
        var pattern = self
        pattern.notAfter = PHIWordClasses(classes)
        pattern.notAfterWords = words
        pattern.lookBehind = tokens
        return pattern
    }

    func notSkipping(_ classes: PHIWordClass...) -> PHIPattern {
        var pattern = self
        pattern.notSkipping = PHIWordClasses(classes)
        return pattern
    }

    func notInSentenceOpenedBy(_ classes: PHIWordClass...) -> PHIPattern {
        var pattern = self
        pattern.notInSentenceOpenedBy = PHIWordClasses(classes)
        return pattern
    }

    // MARK: - Matching

    /// Every match in `text` that `accepts` keeps, left to right, none overlapping.
    func matches(in text: PHIText, accepting accepts: (PHIMatch) -> Bool = { _ in true }) -> [PHIMatch] {
        var found: [PHIMatch] = []
        var resumeAt = 0
        for index in text.tokens.indices where index >= resumeAt {
            guard let length = Self.length(of: steps[0].test, in: text, at: index),
                let spans = rest(from: 1, at: index + length, spans: [index..<index + length], in: text),
                !isExcluded(startingAt: index, in: text)
            else { continue }
            let match = PHIMatch(spans: spans, in: text)
            guard accepts(match) else { continue }
            found.append(match)
            resumeAt = spans[spans.count - 1].upperBound
        }
        return found
    }

    private func rest(from step: Int, at position: Int, spans: [Range<Int>], in text: PHIText) -> [Range<Int>]? {
        guard step < steps.count else { return spans }
        let current = steps[step]
        let sentence = text.tokens[spans[0].lowerBound].sentence
        if let gaps = current.joinedBy {
            guard position < text.tokens.count, gaps.contains(String(text.tokens[position].gapBefore)),
                let length = Self.length(of: current.test, in: text, at: position)
            else { return nil }
            return rest(from: step + 1, at: position + length, spans: spans + [position..<position + length], in: text)
        }
        var candidate = position
        while candidate <= position + current.skipping, candidate < text.tokens.count,
            text.tokens[candidate].sentence == sentence
        {
            if candidate > position, !notSkipping.isEmpty, text.match(notSkipping, at: candidate - 1) != nil {
                return nil
            }
            if let length = Self.length(of: current.test, in: text, at: candidate),
                let found = rest(
                    from: step + 1, at: candidate + length, spans: spans + [candidate..<candidate + length], in: text)
            {
                return found
            }
            candidate += 1
        }
        return nil
    }

    private func isExcluded(startingAt index: Int, in text: PHIText) -> Bool {
        let sentence = text.sentenceBounds(of: index)
        if !notInSentenceOpenedBy.isEmpty {
            var opening = sentence.lowerBound
            if text.tokens[opening].word == "please", opening + 1 < sentence.upperBound { opening += 1 }
            if text.match(notInSentenceOpenedBy, at: opening) != nil { return true }
        }
        guard !notAfter.isEmpty || !notAfterWords.isEmpty else { return false }
        let before = max(sentence.lowerBound, index - lookBehind)..<index
        return before.contains { position in
            notAfterWords.contains(text.tokens[position].word)
                || (!notAfter.isEmpty && text.match(notAfter, at: position) != nil)
        }
    }

    private static func length(of test: Test, in text: PHIText, at index: Int) -> Int? {
        guard index < text.tokens.count else { return nil }
        switch test {
        case .classes(let classes):
            return text.match(classes, at: index)
        case .words(let list):
            guard list.mayStart(text.tokens[index].wordHash) || list.mayStart(text.tokens[index].baseHash) else {
                return nil
            }
            var longest: Int?
            for entry in list.entries where entry.count > (longest ?? 0) && text.matches(entry, at: index) {
                longest = entry.count
            }
            return longest
        case .number(let digits):
            return text.tokens[index].isNumber && digits.contains(text.tokens[index].length) ? 1 : nil
        case .code:
            return text.tokens[index].hasDigit ? 1 : nil
        case .capitalised:
            return text.tokens[index].isCapitalised ? 1 : nil
        }
    }
}

/// Words or phrases a pattern step accepts literally, with the hashes of their first words so that
/// most tokens are turned away by one bit test, without hashing or comparing strings.
struct PHIWordList: Sendable {
    var entries: [[String]]
    private var firstWordHashes: [Int]
    private var firstWordBits: UInt64 = 0

    init(_ entries: [[String]]) {
        self.entries = entries
        firstWordHashes = entries.compactMap { $0.first?.hashValue }
        for hash in firstWordHashes { firstWordBits |= 1 << UInt64(hash & 63) }
    }

    /// Whether a token whose word hashes to `hash` may start one of the entries.
    func mayStart(_ hash: Int) -> Bool {
        firstWordBits & (1 << UInt64(hash & 63)) != 0 && firstWordHashes.contains(hash)
    }
}

/// Where a rule matched: the tokens of each step, the span of text they cover and the words.
struct PHIMatch: Sendable {
    /// The token range of each step.
    var spans: [Range<Int>]
    var range: Range<String.Index>
    /// The words that fired the rule, one entry per step ("your", "stay").
    var triggers: [String]

    init(spans: [Range<Int>], in text: PHIText) {
        self.spans = spans
        let first = text.tokens[spans[0].lowerBound].range.lowerBound
        let last = text.tokens[spans[spans.count - 1].upperBound - 1].range.upperBound
        range = first..<last
        triggers = spans.map { span in
            String(
                text.text[
                    text.tokens[span.lowerBound].range.lowerBound..<text.tokens[span.upperBound - 1].range.upperBound])
        }
    }

    init(range: Range<String.Index>, triggers: [String], spans: [Range<Int>] = []) {
        self.spans = spans
        self.range = range
        self.triggers = triggers
    }

    /// The first and one-past-last token of the match.
    var tokens: Range<Int> {
        guard let first = spans.first, let last = spans.last else { return 0..<0 }
        return first.lowerBound..<last.upperBound
    }
}
