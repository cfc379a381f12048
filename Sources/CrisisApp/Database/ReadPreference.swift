import CrisisStore

/// Where a read command reads: the primary (the default), or a standby when
/// one is listed, which keeps auditors' heavy reads off the primary the
/// incident team is writing to (`--read-from standby`, `CRISIS_READ_FROM`).
public enum ReadPreference: String, Sendable, CaseIterable {
    case primary, standby
}

extension DatabaseSettings {
    /// The `target_session_attrs` a command uses. With one server, the URL's own
    /// choice stands (libpq's behaviour). With several, every command reaches a
    /// read-write server (the primary, if the URL says `primary`), whatever else
    /// the URL says, because commands write; `--read-from standby` reaches a
    /// standby first and the primary when no standby answers (only a standby if
    /// the URL says `standby`).
    public func target(readingFrom preference: ReadPreference) -> TargetSessionAttributes {
        switch preference {
        case .standby:
            return targetSessionAttributes == .standby ? .standby : .preferStandby
        case .primary:
            if otherServers.isEmpty { return targetSessionAttributes }
            return targetSessionAttributes == .primary ? .primary : .readWrite
        }
    }
}
