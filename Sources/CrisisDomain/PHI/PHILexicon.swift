import Foundation

/// The words of every `PHIWordClass`, indexed once so that a text is looked up one token at a
/// time: single words in a dictionary, phrases ("emergency department") under their first word.
enum PHILexicon {
    /// A phrase of two or more words and the class it belongs to.
    struct Phrase: Sendable {
        var words: [String]
        var wordClass: PHIWordClass
    }

    /// The whole index: every entry of `clinical` and `language`.
    struct Index: Sendable {
        var single: [String: PHIWordClasses] = [:]
        var phrases: [String: [Phrase]] = [:]
        /// Entries that are empty, not lower case or padded with spaces: a lexicon that must be fixed.
        var problems: [String] = []
    }

    static let index: Index = {
        var index = Index()
        for (wordClass, entries) in clinical.merging(language, uniquingKeysWith: { $0 + $1 }) {
            for entry in entries {
                let words = PHIText.words(of: entry)
                guard !words.isEmpty, entry == entry.lowercased(), entry.trimmingCharacters(in: .whitespaces) == entry
                else {
                    index.problems.append("\(wordClass): \"\(entry)\"")
                    continue
                }
                if words.count == 1 {
                    index.single[words[0], default: PHIWordClasses()].insert(wordClass)
                } else {
                    index.phrases[words[0], default: []].append(Phrase(words: words, wordClass: wordClass))
                }
            }
        }
        for key in index.phrases.keys { index.phrases[key]?.sort { $0.words.count > $1.words.count } }
        return index
    }()

    /// Every class `entries` holds for the words of one class (for tests and the rule book).
    static func entries(of wordClass: PHIWordClass) -> [String] {
        (clinical[wordClass] ?? []) + (language[wordClass] ?? [])
    }
}
