/// Which events page whom: a workflow's `pages:` section (docs/workflow-format.md).
public struct PagingPolicy: Sendable, Equatable {
    /// How long a page waits for an acknowledgement before it moves to the next level.
    public var acknowledgeWithin: WorkflowDuration
    public var rules: [PageRule]

    public init(acknowledgeWithin: WorkflowDuration = Self.defaultAcknowledgeWithin, rules: [PageRule] = []) {
        self.acknowledgeWithin = acknowledgeWithin
        self.rules = rules
    }

    public static let defaultAcknowledgeWithin = WorkflowDuration(amount: 15, unit: .minutes)

    /// A workflow without a `pages:` section pages nobody.
    public static let none = PagingPolicy()

    public func rules(for trigger: PageTrigger) -> [PageRule] { rules.filter { $0.trigger == trigger } }

    public func rule(named name: String) -> PageRule? { rules.first { $0.name == name } }
}

/// One paging rule: when it fires and whom it asks.
public struct PageRule: Sendable, Equatable {
    public var name: String
    public var trigger: PageTrigger
    /// The roles paged (on call at level 1) for `incident-opened` and `removal-failed`; the other
    /// triggers take their role from the incident (the approvals a message still needs, the
    /// deadline's `escalate-to`).
    public var roles: [String]
    /// `approval-needed`: when the message still waits after this long, the level-2 person is paged.
    public var remindAfter: WorkflowDuration?
    /// `deadline-due-soon`: how long before the deadline's end the page goes out.
    public var warnBefore: WorkflowDuration?

    public init(
        name: String, trigger: PageTrigger, roles: [String] = [], remindAfter: WorkflowDuration? = nil,
        warnBefore: WorkflowDuration? = nil
    ) {
        self.name = name
        self.trigger = trigger
        self.roles = roles
        self.remindAfter = remindAfter
        self.warnBefore = warnBefore
    }
}

/// What in an incident makes a rule page.
public enum PageTrigger: String, Sendable, Equatable, CaseIterable {
    /// The incident opened: page `roles` on call.
    case incidentOpened = "incident-opened"
    /// A message was submitted: page each role whose approval it still needs (the person assigned
    /// to that role on the incident, else the one on call).
    case approvalNeeded = "approval-needed"
    /// A deadline is within `warn-before` of its end: page its escalation role on call.
    case deadlineDueSoon = "deadline-due-soon"
    /// A deadline was missed: page its escalation role (outside business hours, the
    /// `escalate-outside-business-hours-to` role) on call.
    case deadlineMissed = "deadline-missed"
    /// A removal failed: page `roles` on call.
    case removalFailed = "removal-failed"

    /// Whether the rule names the roles it pages (the others take them from the incident).
    public var namesRoles: Bool {
        switch self {
        case .incidentOpened, .removalFailed: true
        case .approvalNeeded, .deadlineDueSoon, .deadlineMissed: false
        }
    }
}
