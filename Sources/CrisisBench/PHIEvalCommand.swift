import ArgumentParser
import CrisisDomain
import Foundation

/// `crisis-bench phi-eval`: runs the real PHI scanner over the labelled corpus and prints recall,
/// false-positive rate, the figures per category and every miss and false alarm, for the held-out
/// and the tuning part. `scripts/phi-eval` builds and runs it.
struct PHIEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phi-eval",
        abstract: "Measure the PHI scanner on the labelled corpus of public replies.",
        discussion: """
            Targets on the held-out part: recall ≥ 0.95, false-positive rate ≤ 0.05.
            Exits 1 when --check is given and the held-out part misses a target.
            """)

    @Option(help: "The corpus file (tab-separated: part, label, category, text, reason).")
    var corpus = "Tests/CrisisDomainTests/PHI/Corpus/replies.tsv"

    @Flag(help: "Exit 1 when the held-out part misses a target.")
    var check = false

    static let recallTarget = 0.95
    static let falsePositiveTarget = 0.05

    func run() throws {
        let text: String
        do {
            text = try String(contentsOfFile: corpus, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read the corpus \(corpus): \(error.localizedDescription)")
        }
        let replies: PHICorpus
        do {
            replies = try PHICorpus(tsv: text)
        } catch {
            throw ValidationError("\(corpus): \(error)")
        }
        try PHIScanner.checkRules()
        print("PHI scanner (\(PHIScanner.ruleIds.count) rules) on \(corpus): \(replies.replies.count) replies")
        var heldOutMet = true
        for part in [PHICorpus.Part.heldOut, .tune] {
            let evaluation = PHIEvaluation(replies, part: part)
            let met = report(evaluation)
            if part == .heldOut { heldOutMet = met }
        }
        if check && !heldOutMet { throw ExitCode(1) }
    }

    /// Prints one part; returns whether both targets are met.
    private func report(_ evaluation: PHIEvaluation) -> Bool {
        let recallMet = evaluation.recall >= Self.recallTarget
        let rateMet = evaluation.falsePositiveRate <= Self.falsePositiveTarget
        print("")
        print(
            "== \(evaluation.part.rawValue): \(evaluation.disclosing + evaluation.safe) replies (\(evaluation.disclosing) disclosing, \(evaluation.safe) safe)"
        )
        print(
            "recall \(Self.figure(evaluation.recall)) (\(evaluation.disclosing - evaluation.misses.count)/\(evaluation.disclosing), target ≥ 0.95: \(recallMet ? "met" : "MISSED"))"
        )
        print(
            "false-positive rate \(Self.figure(evaluation.falsePositiveRate)) (\(evaluation.falseAlarms.count)/\(evaluation.safe), target ≤ 0.05: \(rateMet ? "met" : "MISSED"))"
        )
        print("per category (wrong / replies):")
        for category in evaluation.categories {
            let padded = category.category.padding(toLength: 28, withPad: " ", startingAt: 0)
            print("  \(padded) \(category.wrong) / \(category.replies)")
        }
        print("misses (\(evaluation.misses.count)):")
        for miss in evaluation.misses {
            print("  line \(miss.reply.line) [\(miss.reply.category)] \(miss.reply.text)")
            print("      why it discloses: \(miss.reply.reason)")
        }
        print("false alarms (\(evaluation.falseAlarms.count)):")
        for alarm in evaluation.falseAlarms {
            print("  line \(alarm.reply.line) [\(alarm.reply.category)] \(alarm.reply.text)")
            for finding in alarm.findings {
                print("      \(finding.rule) on \(finding.triggers.map { "\"\($0)\"" }.joined(separator: " + "))")
            }
        }
        print("findings per rule:")
        for (rule, count) in evaluation.findingsPerRule.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            print("  \(rule.padding(toLength: 32, withPad: " ", startingAt: 0)) \(count)")
        }
        return recallMet && rateMet
    }

    static func figure(_ value: Double) -> String { String(format: "%.3f", value) }
}

/// `crisis-bench phi-lines`: scans each line of standard input and prints the lines the scanner
/// flags with their findings, to check many texts at once (templates, the demo, test fixtures).
struct PHILinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phi-lines", abstract: "Print each line of standard input that the PHI scanner flags.")

    func run() throws {
        try PHIScanner.checkRules()
        var flagged = 0
        while let line = readLine() {
            let findings = PHIScanner.scan(line)
            guard !findings.isEmpty else { continue }
            flagged += 1
            print(line)
            for finding in findings { print("    \(finding.rule) on \(finding.triggers.joined(separator: " + "))") }
        }
        if flagged > 0 { throw ExitCode(1) }
    }
}
