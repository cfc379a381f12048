import ArgumentParser

/// `--as NAME` on a command that does not act as a person (it opens no
/// connection, or, like `demo`, runs as the embedded cluster's owner):
/// accepted, so a script may pass it to every command, and otherwise unused.
struct IdentityOption: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("Accepted on every command; this one does not act as a person.", valueName: "NAME"))
    var role: String?
}
