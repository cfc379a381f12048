import Foundation

/// A text split once into words and numbers, each with where it sits, its sentence and the
/// lexicon classes it belongs to. Every rule of the PHI scanner reads this, never the raw string,
/// so a 2,000-character reply is walked once instead of once per rule.
struct PHIText {
    /// One word or number.
    struct Token {
        /// Lower case, with a typographic apostrophe made plain.
        var word: String
        /// `word` without a possessive "'s": "mother's" → "mother".
        var base: String
        /// Hashes of `word` and `base`, compared before the strings are.
        var wordHash: Int
        var baseHash: Int
        /// Characters in `word`.
        var length: Int
        var range: Range<String.Index>
        /// The characters between the previous token and this one (", ", "-", ") ").
        var gapBefore: Substring
        var sentence: Int
        var isCapitalised: Bool
        var isNumber: Bool
        var hasDigit: Bool
        var isPossessive: Bool
        /// The classes of `word` or `base` as a single word.
        var classes: PHIWordClasses
        /// The lexicon phrases that start here, with their length in tokens, longest first.
        var phrases: [(wordClass: PHIWordClass, length: Int)] = []
        /// `classes` and the classes of `phrases`: a test against it rejects most tokens at once.
        var startClasses = PHIWordClasses()
    }

    let text: String
    let tokens: [Token]
    /// The index of the first token of each sentence.
    let sentenceStarts: [Int]

    /// Splits `text`; `classified: false` skips the lexicon look-up (used to build the lexicon itself).
    init(_ text: String, classified: Bool = true) {
        self.text = text
        var tokens: [Token] = []
        var sentenceStarts: [Int] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var gapStart = index
        var sentence = -1
        while index < scalars.endIndex {
            guard Self.isWordScalar(scalars[index]) else {
                index = scalars.index(after: index)
                continue
            }
            let start = index
            var end = scalars.index(after: index)
            while end < scalars.endIndex {
                let scalar = scalars[end]
                if Self.isWordScalar(scalar) {
                    end = scalars.index(after: end)
                } else if Self.isApostrophe(scalar), case let next = scalars.index(after: end),
                    next < scalars.endIndex, Self.isLetter(scalars[next])
                {
                    end = next
                } else {
                    break
                }
            }
            let gap = text[gapStart..<start]
            if sentence < 0 || Self.endsSentence(gap, after: tokens.last) {
                sentence += 1
                sentenceStarts.append(tokens.count)
            }
            tokens.append(
                Self.token(text[start..<end], range: start..<end, gap: gap, sentence: sentence, classified: classified))
            gapStart = end
            index = end
        }
        if classified {
            for index in tokens.indices {
                tokens[index].phrases = Self.phrases(startingAt: index, in: tokens)
                tokens[index].startClasses = tokens[index].phrases.reduce(tokens[index].classes) {
                    $0.union(PHIWordClasses([$1.wordClass]))
                }
            }
        }
        self.tokens = tokens
        self.sentenceStarts = sentenceStarts
    }

    /// The words of a lexicon entry, split as a text is.
    static func words(of entry: String) -> [String] {
        PHIText(entry, classified: false).tokens.map(\.word)
    }

    /// The first and one-past-last token index of the sentence of token `index`.
    func sentenceBounds(of index: Int) -> Range<Int> {
        let sentence = tokens[index].sentence
        let start = sentenceStarts[sentence]
        let end = sentence + 1 < sentenceStarts.count ? sentenceStarts[sentence + 1] : tokens.count
        return start..<end
    }

    /// The length in tokens of the longest word or phrase of one of `classes` starting at `index`.
    func match(_ classes: PHIWordClasses, at index: Int) -> Int? {
        guard index < tokens.count, tokens[index].startClasses.intersects(classes) else { return nil }
        for phrase in tokens[index].phrases where classes.contains(phrase.wordClass) { return phrase.length }
        return tokens[index].classes.intersects(classes) ? 1 : nil
    }

    /// The lexicon phrases that start at `index`, longest first.
    private static func phrases(startingAt index: Int, in tokens: [Token]) -> [(wordClass: PHIWordClass, length: Int)] {
        let token = tokens[index]
        var candidates = PHILexicon.index.phrases[token.word] ?? []
        if token.base != token.word { candidates += PHILexicon.index.phrases[token.base] ?? [] }
        guard !candidates.isEmpty else { return [] }
        var found: [(wordClass: PHIWordClass, length: Int)] = []
        for phrase in candidates where index + phrase.words.count <= tokens.count {
            let fits = phrase.words.indices.allSatisfy { offset in
                let next = tokens[index + offset]
                return next.sentence == token.sentence
                    && (next.word == phrase.words[offset] || next.base == phrase.words[offset])
            }
            if fits { found.append((phrase.wordClass, phrase.words.count)) }
        }
        return found.sorted { $0.length > $1.length }
    }

    /// Whether `words` follow one another from `index`, in one sentence.
    func matches(_ words: [String], at index: Int) -> Bool {
        guard index + words.count <= tokens.count else { return false }
        let sentence = tokens[index].sentence
        for offset in words.indices {
            guard tokens[index + offset].sentence == sentence,
                tokens[index + offset].word == words[offset] || tokens[index + offset].base == words[offset]
            else { return false }
        }
        return true
    }

    /// Whether any token of `range` (clamped to the text) belongs to one of `classes`.
    func contains(_ classes: PHIWordClasses, in range: Range<Int>) -> Bool {
        let range = range.clamped(to: tokens.indices)
        return range.contains { match(classes, at: $0) != nil }
    }

    // MARK: - Splitting

    private static func token(
        _ original: Substring, range: Range<String.Index>, gap: Substring, sentence: Int, classified: Bool
    ) -> Token {
        var word = original.lowercased()
        if word.unicodeScalars.contains("\u{2019}") {
            word = String(String.UnicodeScalarView(word.unicodeScalars.map { $0 == "\u{2019}" ? "'" : $0 }))
        }
        let isPossessive = word.hasSuffix("'s")
        let base = isPossessive ? String(word.dropLast(2)) : word
        var classes = PHIWordClasses()
        if classified {
            classes.bits |= (PHILexicon.index.single[word] ?? PHIWordClasses()).bits
            if base != word { classes.bits |= (PHILexicon.index.single[base] ?? PHIWordClasses()).bits }
        }
        let first = original.unicodeScalars.first
        let isCapitalised =
            first.map { $0.value < 128 ? (65...90).contains($0.value) : $0.properties.isUppercase } ?? false
        return Token(
            word: word, base: base, wordHash: word.hashValue, baseHash: base.hashValue, length: word.count,
            range: range, gapBefore: gap, sentence: sentence, isCapitalised: isCapitalised,
            isNumber: original.unicodeScalars.allSatisfy { $0.value >= 48 && $0.value <= 57 },
            hasDigit: original.unicodeScalars.contains { $0.value >= 48 && $0.value <= 57 },
            isPossessive: isPossessive, classes: classes)
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 48...57, 65...90, 97...122: true
        case 0..<128: false
        default: scalar.properties.isAlphabetic
        }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        isWordScalar(scalar) && !(48...57).contains(scalar.value)
    }

    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}"
    }

    /// Abbreviations whose full stop does not end a sentence.
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "mx", "dr", "st", "jr", "sr", "vs", "etc", "no", "approx", "dept", "ave", "blvd", "rd",
    ]

    /// Whether the characters between two tokens end a sentence: "!", "?", ";", a new line, or a
    /// full stop followed by a space that does not close an abbreviation or an initial.
    private static func endsSentence(_ gap: Substring, after previous: Token?) -> Bool {
        guard let previous else { return false }
        for scalar in gap.unicodeScalars {
            switch scalar {
            case "!", "?", ";", "\n", "\r", "\u{2022}": return true
            default: continue
            }
        }
        guard let stop = gap.firstIndex(of: "."), gap[gap.index(after: stop)...].contains(where: \.isWhitespace)
        else { return false }
        return previous.word.count > 1 && !abbreviations.contains(previous.word)
    }
}
