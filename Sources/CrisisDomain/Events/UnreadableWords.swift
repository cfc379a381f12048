/// What a PHI field reads as when its words cannot be opened (issue 13): its incident's key was
/// shredded, or the reader has no key file. The rules must not judge such a field by its words:
/// every shredded text hashes alike, every unreadable URL compares equal.
public enum UnreadableWords {
    public static let shredded = "[shredded]"
    public static let encrypted = "[encrypted]"

    public static func contains(_ text: String) -> Bool { text == shredded || text == encrypted }
}
