import Yams

/// The `breach:` section: settings of the HIPAA breach track (issue 18). `prompt-notice` is how
/// long after discovery a notice may come before it must say why it was not sooner ("without
/// unreasonable delay", 164.404(b)); it must be shorter than the 60 days the rule allows at most.
extension WorkflowFileReader {
    mutating func readBreachSection(_ top: Node.Mapping) -> WorkflowDuration? {
        guard let node = top["breach"], let breach = fields.mapping(node, "breach") else { return nil }
        fields.rejectUnknownKeys(breach, allowed: ["prompt-notice"], in: "breach")
        guard let text = fields.string(breach, "prompt-notice", in: "breach", required: false) else { return nil }
        guard let duration = WorkflowDuration.parse(text.value) else {
            fields.report(
                text.at, "bad-duration",
                "breach: prompt-notice: \"\(text.value)\" is not a duration; write e.g. \"30 days\" or \"30d\".")
            return nil
        }
        guard duration.roughSeconds < 60 * 86_400 else {
            fields.report(
                text.at, "prompt-notice-too-long",
                "breach: prompt-notice is \(duration), but every notice is due within 60 days of discovery at the latest (164.404(b)); give a shorter threshold, e.g. 30 days."
            )
            return nil
        }
        return duration
    }
}
