import ArgumentParser

/// `--as NAME` on a command that opens no database connection: accepted, so
/// a script may pass it to every command, and otherwise unused.
struct IdentityOption: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("Accepted on every command; this one opens no database connection.", valueName: "NAME"))
    var role: String?
}
