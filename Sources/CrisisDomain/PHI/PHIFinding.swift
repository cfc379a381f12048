/// A span of text the PHI scanner thinks may be patient detail: which rule fired on which words,
/// why that is a disclosure, and what to write instead.
public struct PHIFinding: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The kind of detail the span looks like.
    public enum Category: String, Sendable, Equatable, Codable, CaseIterable {
        case nameWithClinicalDetail = "name-with-clinical-detail"
        case ageWithClinicalDetail = "age-with-clinical-detail"
        case dateOfBirth = "date-of-birth"
        case fullDate = "full-date"
        case medicalRecordNumber = "medical-record-number"
        case healthPlanNumber = "health-plan-number"
        case phoneNumber = "phone-number"
        case socialSecurityNumber = "social-security-number"
        case emailAddress = "email-address"
        case webAddress = "web-address"
        case ipAddress = "ip-address"
        case licenceOrVehicle = "licence-or-vehicle"
        case deviceSerial = "device-serial"
        case biometric
        case photograph
        case distinguishingMark = "distinguishing-mark"
        case address
        case zipCode = "zip-code"
        case roomOrBed = "room-or-bed"
        case confirmsPatient = "confirms-patient"
        case relativeCare = "relative-care"
        case thirdPersonCare = "third-person-care"
        case pregnancyOrBirth = "pregnancy-or-birth"
        case insuranceOrCost = "insurance-or-cost"
        case aliasUnmasking = "alias-unmasking"
        /// The scanner's own rules could not be loaded: every text is held until they are fixed.
        case scannerUnavailable = "scanner-unavailable"
    }

    /// The id of the rule that fired ("care.your-care"), as `policy review` counts overrides.
    public var rule: String
    public var category: PHIFinding.Category
    /// The matched text.
    public var matched: String
    /// The words that fired the rule ("your", "stay").
    public var triggers: [String]
    /// Offset of the match in characters from the start of the text.
    public var offset: Int
    /// Why this is a disclosure, in words a social-media manager understands.
    public var reason: String
    /// What to write instead.
    public var alternative: String

    public init(
        rule: String, category: PHIFinding.Category, matched: String, triggers: [String], offset: Int,
        reason: String, alternative: String
    ) {
        self.rule = rule
        self.category = category
        self.matched = matched
        self.triggers = triggers
        self.offset = offset
        self.reason = reason
        self.alternative = alternative
    }

    public var description: String {
        let words = triggers.map { "\"\($0)\"" }.joined(separator: " + ")
        return "\"\(matched)\" at character \(offset) (rule \(rule), on \(words)): \(reason)"
    }
}
