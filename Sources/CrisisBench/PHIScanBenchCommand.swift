import ArgumentParser
import CrisisDomain
import Foundation

/// `crisis-bench phi-scan`: times the PHI scanner on a reply of `--characters` characters against
/// one plain regular-expression pass over the same text (NSRegularExpression, `\w+`: every word,
/// as the scanner's tokeniser reads them). Prints medians in microseconds and the ratio; needs no
/// database. The target (under a millisecond for 2,000 characters) is printed by scripts/bench,
/// never asserted.
struct PHIScanBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phi-scan", abstract: "Time the PHI scanner on one long reply against a plain regex pass.")

    @Option(help: "Length of the reply in characters.") var characters = 2_000
    @Option(help: "Timed runs of each (the median is reported).") var runs = 2_000

    /// Sentences a long public reply is made of: mostly safe, a few that the scanner flags.
    static let sentences = [
        "Thank you for reaching out and sharing your concerns about the wait in our emergency department.",
        "We take every concern seriously and our Patient Relations team would like to hear more.",
        "Please call our Patient Relations office at (415) 555-0100 or send us a direct message.",
        "Privacy laws keep us from discussing anyone's care in public, but we want to listen.",
        "Our urgent care centers on Main Street are open until 9 p.m. every day.",
        "We're sorry your procedure took longer than expected.",
        "Join us on Saturday for the community health fair in the main lobby.",
    ]

    static func reply(characters: Int) -> String {
        var text = ""
        var index = 0
        while text.count < characters {
            text += (text.isEmpty ? "" : " ") + sentences[index % sentences.count]
            index += 1
        }
        return String(text.prefix(characters))
    }

    func run() throws {
        try PHIScanner.checkRules()
        let text = Self.reply(characters: characters)
        let regex = try NSRegularExpression(pattern: #"\w+"#)
        let range = NSRange(text.startIndex..., in: text)
        var findings = 0
        var words = 0
        let scan = Self.median(runs) { findings = PHIScanner.scan(text).count }
        let plain = Self.median(runs) { words = regex.numberOfMatches(in: text, range: range) }
        var figures = Figures()
        figures.add("characters", text.count)
        figures.add("findings", findings)
        figures.add("words", words)
        figures.add("scan_us", scan * 1e6)
        figures.add("regex_us", plain * 1e6)
        figures.add("ratio", scan / plain)
        figures.print()
    }

    /// The median time of `body` in seconds over `runs` runs, after a few unmeasured ones.
    static func median(_ runs: Int, _ body: () -> Void) -> Double {
        for _ in 0..<10 { body() }
        let clock = ContinuousClock()
        var times: [Double] = []
        times.reserveCapacity(runs)
        for _ in 0..<max(1, runs) {
            let start = clock.now
            body()
            times.append((clock.now - start).seconds)
        }
        times.sort()
        return times[times.count / 2]
    }
}
