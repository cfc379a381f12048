import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Mail Postfix delivered to the local mailbox (/var/mail/root), found by a token in the address.
enum LocalMailbox {
    static let file = URL(fileURLWithPath: "/var/mail/root")

    /// Whether a local MTA is here to take page mail (Postfix, installed and started by
    /// scripts/test): root (the mailbox is root's), sendmail present, and Postfix's master running.
    static var isAvailable: Bool {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/sendmail"), getuid() == 0,
            let text = try? String(contentsOfFile: "/var/spool/postfix/pid/master.pid", encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return false }
        return kill(pid, 0) == 0
    }

    /// A fresh address delivered to root's mailbox, unique to one test.
    static func address() -> (address: String, token: String) {
        let token = "t" + UUID().uuidString.prefix(8).lowercased()
        return ("root+\(token)@localhost.localdomain", token)
    }

    /// The mails delivered to `address`'s token so far (each as its whole text).
    static func mails(for token: String) -> [String] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.components(separatedBy: "\nFrom ").filter { $0.contains("root+\(token)@localhost.localdomain") }
    }
}
