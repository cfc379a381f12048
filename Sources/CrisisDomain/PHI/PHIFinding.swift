/// A span of text the PHI scanner thinks may be patient detail, and why.
public struct PHIFinding: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The kind of detail the span looks like.
    public enum Category: String, Sendable, Equatable, Codable, CaseIterable {
        case nameWithClinicalDetail = "name-with-clinical-detail"
        case ageWithClinicalDetail = "age-with-clinical-detail"
        case dateOfBirth = "date-of-birth"
        case fullDate = "full-date"
        case medicalRecordNumber = "medical-record-number"
        case phoneNumber = "phone-number"
        case socialSecurityNumber = "social-security-number"
        case address
        case roomOrBed = "room-or-bed"
        case confirmsPatient = "confirms-patient"
    }

    public var category: Category
    /// The matched text.
    public var matched: String
    /// Offset of the match in characters from the start of the text.
    public var offset: Int
    public var reason: String

    public var description: String { "\"\(matched)\" at character \(offset): \(reason)" }
}
