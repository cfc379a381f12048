import CrisisDomain
import Foundation
import Testing

/// The evaluation corpus and the targets on its held-out part: CI fails when the scanner falls below them.
@Suite("The PHI scanner on its labelled corpus")
struct PHICorpusTests {
    static func corpus() throws -> PHICorpus {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Corpus/replies.tsv")
        return try PHICorpus(tsv: String(contentsOf: file, encoding: .utf8))
    }

    @Test("the corpus holds at least 300 replies, half disclosing, in a held-out and a tuning part")
    func shape() throws {
        let corpus = try Self.corpus()
        #expect(corpus.replies.count >= 300)
        for part in PHICorpus.Part.allCases {
            let replies = corpus.part(part)
            #expect(!replies.isEmpty)
            #expect(replies.filter(\.isDisclosing).count * 2 == replies.count, "\(part) is not balanced")
        }
        #expect(Set(corpus.replies.map(\.text)).count == corpus.replies.count, "a reply appears twice")
    }

    @Test("on the held-out part, recall is at least 0.95 and the false-positive rate at most 0.05")
    func heldOutTargets() throws {
        let evaluation = PHIEvaluation(try Self.corpus(), part: .heldOut)
        #expect(
            evaluation.recall >= 0.95,
            "misses: \(evaluation.misses.map { "line \($0.reply.line): \($0.reply.text)" })")
        #expect(
            evaluation.falsePositiveRate <= 0.05,
            "false alarms: \(evaluation.falseAlarms.map { "line \($0.reply.line): \($0.reply.text)" })")
    }

    @Test("the tuning part meets the same targets")
    func tuneTargets() throws {
        let evaluation = PHIEvaluation(try Self.corpus(), part: .tune)
        #expect(evaluation.recall >= 0.95)
        #expect(evaluation.falsePositiveRate <= 0.05)
    }

    @Test("a malformed corpus line is refused with its number")
    func malformedLine() {
        #expect {
            try PHICorpus(tsv: "# comment\ntune\tdisclosing\tcost\tonly four fields\n")
        } throws: { error in
            (error as? PHICorpus.Problem)?.line == 2
        }
    }

    @Test("recall and false-positive rate count misses and false alarms")
    func figures() throws {
        let corpus = try PHICorpus(
            tsv: "tune\tdisclosing\tc\tyour surgery\tr\ntune\tdisclosing\tc\tmissed\tr\ntune\tsafe\ts\thello\tr\n")
        let evaluation = PHIEvaluation(corpus, part: .tune) { text in
            text == "your surgery" ? PHIScanner.scan("Your surgery.") : []
        }
        #expect(evaluation.recall == 0.5)
        #expect(evaluation.falsePositiveRate == 0)
        #expect(evaluation.misses.map(\.reply.text) == ["missed"])
    }
}
