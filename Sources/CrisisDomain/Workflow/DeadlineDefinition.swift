/// A clock: what starts it, how long it runs, what stops it, who is escalated to when it is
/// missed, and the rule it comes from.
public struct DeadlineDefinition: Sendable, Equatable {
    public var name: String
    public var title: String
    public var citation: String
    public var anchor: DeadlineAnchor
    public var within: WorkflowDuration
    public var metBy: DeadlineStop
    public var appliesWhen: [DeadlineCondition]
    /// When set, one clock runs per state whose affected residents exceed this count (164.406).
    public var perStateResidentsOver: Int?
    /// When set (overlays), the clock applies only when residents of this state are affected.
    public var stateCode: String?
    public var escalateTo: String
    public var escalateOutsideBusinessHoursTo: String?
    public var pausedByLawEnforcement: Bool
    /// How long before it is due the clock is "due soon": shown by `crisis deadlines` and paged
    /// by a `deadline-due-soon` rule (which otherwise warns its own `warn-before` ahead).
    public var warnBefore: WorkflowDuration?
    /// Where the clock comes from: the workflow file or an overlay's name.
    public var source: String

    public init(
        name: String, title: String, citation: String, anchor: DeadlineAnchor, within: WorkflowDuration,
        metBy: DeadlineStop, appliesWhen: [DeadlineCondition] = [], perStateResidentsOver: Int? = nil,
        stateCode: String? = nil, escalateTo: String, escalateOutsideBusinessHoursTo: String? = nil,
        pausedByLawEnforcement: Bool = false, warnBefore: WorkflowDuration? = nil, source: String = "workflow"
    ) {
        self.name = name
        self.title = title
        self.citation = citation
        self.anchor = anchor
        self.within = within
        self.metBy = metBy
        self.appliesWhen = appliesWhen
        self.perStateResidentsOver = perStateResidentsOver
        self.stateCode = stateCode
        self.escalateTo = escalateTo
        self.escalateOutsideBusinessHoursTo = escalateOutsideBusinessHoursTo
        self.pausedByLawEnforcement = pausedByLawEnforcement
        self.warnBefore = warnBefore
        self.source = source
    }
}

/// The moment a clock starts from.
public enum DeadlineAnchor: Sendable, Equatable {
    case opened
    case detection
    /// 164.404(a)(2): first day known to a workforce member other than the one who committed it.
    case discovery
    /// The risk assessment's conclusion that it is a breach.
    case determination
    /// The end of the calendar year in which the breach was discovered (164.408(c)).
    case endOfDiscoveryYear
    case stateEntered(String)

    public var keyword: String {
        switch self {
        case .opened: "opened"
        case .detection: "detection"
        case .discovery: "discovery"
        case .determination: "determination"
        case .endOfDiscoveryYear: "end-of-discovery-year"
        case .stateEntered(let state): "state-entered:\(state)"
        }
    }
}

/// What meets a clock.
public enum DeadlineStop: Sendable, Equatable {
    /// The named guard holds.
    case guardHolds(String)
    /// A notification to this recipient is recorded (for the clock's state, when it has one).
    case notification(NotificationRecipient)
}

/// A condition that must hold for a clock to run at all.
public enum DeadlineCondition: Sendable, Equatable {
    /// A breach is presumed (164.402(2)): no exclusion applies and the assessment has not concluded
    /// a low probability of compromise.
    case breachPresumed
    case affectedAtLeast(Int)
    case affectedBelow(Int)
    case unreachableAtLeast(Int)
    case actionTaken(String)
    /// Applies unless the affected population is recorded with fewer residents of the state.
    case stateResidentsAtLeast(String, Int)
}

/// Opening hours of the team, used for business-day clocks and for escalating to on-call
/// outside them.
public struct BusinessHours: Sendable, Equatable {
    /// Minutes after local midnight.
    public var opensAt: Int
    public var closesAt: Int
    /// A TimeZone identifier, e.g. `America/New_York`.
    public var timeZone: String

    public init(opensAt: Int = 8 * 60, closesAt: Int = 18 * 60, timeZone: String = "UTC") {
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.timeZone = timeZone
    }
}
