/// The rules over the identifiers of 45 CFR 164.514(b)(2): dates tied to a person, numbers
/// (phone, fax, social security, record, health plan, account, licence, vehicle, device),
/// e-mail and web addresses, IP addresses, biometrics, photographs, street addresses, ZIP codes,
/// room and bed numbers, and ages tied to care.
extension PHIRule {
    private typealias P = PHIPattern

    /// A person or care nearby: what turns a date, an age or a room number into patient detail.
    private static let personOrCare = PHIWordClasses([
        .secondPerson, .secondPersonPossessive, .thirdPersonSubject, .thirdPersonPossessive, .thirdPersonObject,
        .relative, .personNoun, .visit, .procedure, .condition, .test, .treatment, .record, .careVerb, .careStatus,
        .pregnancy, .birthEvent,
    ])
    private static let person = PHIWordClasses([
        .secondPerson, .secondPersonPossessive, .thirdPersonSubject, .thirdPersonPossessive, .thirdPersonObject,
        .relative, .personNoun,
    ])

    /// Whether the sentence of the match holds a word of `classes`.
    private static func sentence(of match: PHIMatch, in text: PHIText, holds classes: PHIWordClasses) -> Bool {
        text.contains(classes, in: text.sentenceBounds(of: match.tokens.lowerBound))
    }

    static let identifiers: [PHIRule] = [
        PHIRule(
            "id.date-of-birth", .dateOfBirth,
            .patterns([
                P(P.of(.birthKeyword)),
                P(P.words("born"), P.within(1, .number(1...4))),
                P(P.words("born"), P.within(1, P.of(.month))),
            ]),
            reason: "a date of birth identifies a patient", alternative: PHIAlternative.removeIdentifier),
        PHIRule(
            "id.date-with-care", .fullDate,
            .patterns([
                P(
                    .number(1...2), P.joined(by: ["/", "-", "."], .number(1...2)),
                    P.joined(by: ["/", "-", "."], .number(2...4)))
            ]),
            reason:
                "a full date next to a person or their care is a date of service or of birth, which identifies a patient",
            alternative: PHIAlternative.removeIdentifier,
            accepts: { text, match in sentence(of: match, in: text, holds: personOrCare) }),
        PHIRule(
            "id.phone-or-fax", .phoneNumber, .scan(PHIIdentifierScans.phoneNumbers),
            reason:
                "a person's phone or fax number identifies them (the organisation's own and toll-free lines are allowed)",
            alternative: PHIAlternative.organisationLine,
            accepts: { text, match in PHIIdentifierScans.isPersonalPhone(match, in: text) }),
        PHIRule(
            "id.social-security-number", .socialSecurityNumber,
            .patterns([
                P(.number(3...3), P.joined(by: ["-", " "], .number(2...2)), P.joined(by: ["-", " "], .number(4...4))),
                P(P.of(.ssnKeyword), P.within(3, .code)),
            ]),
            reason: "a social security number identifies a person", alternative: PHIAlternative.removeIdentifier),
        PHIRule(
            "id.record-number", .medicalRecordNumber,
            .patterns([P(P.of(.recordNumberKeyword), P.within(2, .code))]),
            reason: "a medical record, account or claim number identifies a patient",
            alternative: PHIAlternative.removeIdentifier),
        PHIRule(
            "id.health-plan-number", .healthPlanNumber,
            .patterns([P(P.of(.healthPlanKeyword), P.within(2, .code))]),
            reason: "a health plan member or policy number identifies a patient",
            alternative: PHIAlternative.removeIdentifier),
        PHIRule(
            "id.licence-number", .licenceOrVehicle,
            .patterns([
                P(
                    P.words(
                        "driver's license", "drivers license", "driver license", "driver's licence", "license",
                        "licence", "license number", "licence number", "certificate number", "certificate",
                        "passport", "passport number", "id card"),
                    P.within(2, .code))
            ]),
            reason: "a licence, certificate or passport number identifies a person",
            alternative: PHIAlternative.removeIdentifier),
        PHIRule(
            "id.vehicle", .licenceOrVehicle,
            .patterns([
                P(
                    P.words("license plate", "licence plate", "plate", "plate number", "vin", "tag number"),
                    P.within(2, .code))
            ]),
            reason: "a licence plate or vehicle number identifies a person",
            alternative: PHIAlternative.removeIdentifier),
        PHIRule(
            "id.device-serial", .deviceSerial,
            .patterns([
                P(P.words("serial number", "serial no", "serial", "device id", "device number"), P.within(3, .code))
            ]),
            reason: "a device's serial number (a pacemaker, a pump) identifies its patient",
            alternative: PHIAlternative.removeIdentifier),
        PHIRule(
            "id.email-address", .emailAddress, .scan(PHIIdentifierScans.emailAddresses),
            reason: "a personal e-mail address identifies a person (the organisation's role addresses are allowed)",
            alternative: PHIAlternative.removeIdentifier,
            accepts: { _, match in PHIIdentifierScans.isPersonalEmail(match.triggers[0]) }),
        PHIRule(
            "id.web-address", .webAddress, .scan(PHIIdentifierScans.personalPages),
            reason: "a link to a person's own page (a fundraiser, a profile) identifies them",
            alternative: PHIAlternative.removeIdentifier),
        PHIRule(
            "id.ip-address", .ipAddress,
            .patterns([
                P(
                    .number(1...3), P.joined(by: ["."], .number(1...3)), P.joined(by: ["."], .number(1...3)),
                    P.joined(by: ["."], .number(1...3)))
            ]),
            reason: "an IP address identifies a person's device", alternative: PHIAlternative.removeIdentifier),
        PHIRule(
            "id.biometric", .biometric,
            .patterns([
                P(P.of(.secondPersonPossessive, .thirdPersonPossessive), P.within(2, P.of(.biometric)))
            ]),
            reason: "fingerprints, a retina or voice print or DNA identify a person",
            alternative: PHIAlternative.removeIdentifier),
        PHIRule(
            "id.photograph", .photograph,
            .patterns([
                P(
                    P.of(.image), P.next(P.words("of")),
                    P.within(2, P.of(.secondPerson, .thirdPersonObject, .relative, .personNoun)))
            ]),
            reason: "a photograph or video of a person identifies them, and here ties them to care",
            alternative: PHIAlternative.removeIdentifier),
        PHIRule(
            "id.distinguishing-mark", .distinguishingMark,
            .patterns([P(P.of(.distinguishingMark))]),
            reason: "a tattoo, scar or birthmark next to a person is a unique characteristic that identifies them",
            alternative: PHIAlternative.removeIdentifier,
            accepts: { text, match in sentence(of: match, in: text, holds: person) }),
        PHIRule(
            "id.street-address", .address,
            .patterns([P(.number(1...5), P.next(.capitalised), P.within(2, P.of(.streetSuffix)))]),
            reason:
                "a street address can identify a patient (the organisation's own may be overridden by the privacy officer)",
            alternative: PHIAlternative.removeIdentifier,
            accepts: { text, match in
                match.tokens.dropFirst().allSatisfy { text.tokens[$0].isCapitalised }
            }),
        PHIRule(
            "id.zip-code", .zipCode,
            .patterns([P(P.of(.zipKeyword), P.within(1, .number(5...5)))]),
            reason: "a ZIP code narrows a person down to a neighbourhood", alternative: PHIAlternative.removeIdentifier),
        PHIRule(
            "id.room-or-bed", .roomOrBed,
            .patterns([P(P.of(.roomKeyword), P.within(1, .code))]),
            reason: "a room or bed number places a patient",
            alternative: PHIAlternative.removeIdentifier,
            accepts: { text, match in
                let start = match.tokens.lowerBound
                let isBed = text.tokens[start].base != "room" && text.tokens[start].base != "rm"
                let named = start > 0 && text.match(PHIWordClasses([.nonClinicalRoom]), at: start - 1) != nil
                return isBed || (!named && !sentence(of: match, in: text, holds: PHIWordClasses([.gathering])))
            }),
        PHIRule(
            "id.age-with-care", .ageWithClinicalDetail,
            .patterns([
                P(.number(1...3), P.joined(by: ["-", " "], P.of(.ageUnit)), P.joined(by: ["-", " "], P.words("old"))),
                P(P.words("aged", "age"), P.next(.number(2...3))),
            ]),
            reason: "an age next to a person or their care can identify a patient (ages over 89 always can)",
            alternative: PHIAlternative.removeIdentifier,
            accepts: { text, match in sentence(of: match, in: text, holds: person.union(personOrCare)) }),
    ]
}
