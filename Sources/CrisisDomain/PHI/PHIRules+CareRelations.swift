/// The rules over care relations: a reply that ties the reader, a relative or a third person to
/// care ("your procedure", "your mother waited…", "the gentleman who posted this was treated
/// here") confirms that someone is or was a patient, which is itself a disclosure (OCR's Elite
/// Dental, New Vision and Manasa settlements).
extension PHIRule {
    private typealias P = PHIPattern

    /// Nouns of care: a visit, a procedure, a condition, a test, a treatment, a record, a bill, a pregnancy.
    private static let careNoun = P.of(
        .visit, .procedure, .condition, .test, .treatment, .record, .billing, .pregnancy)
    private static let clinicalNoun = P.of(.procedure, .condition, .test, .treatment, .pregnancy)
    /// Words after "patient" that make it a service of the organisation, not a person.
    static let patientServices: Set<String> = [
        "advocate", "advocates", "advocacy", "relations", "experience", "navigator", "navigators", "portal",
        "services", "service", "representative", "representatives", "liaison", "liaisons", "safety", "privacy",
        "rights", "financial", "access", "education", "care", "family", "families", "line", "office", "team",
        "support", "information", "satisfaction", "feedback",
    ]
    private static let confirms = "it confirms that someone is or was a patient, which is itself a disclosure"

    static let careRelations: [PHIRule] = [
        PHIRule(
            "care.your-care", .confirmsPatient,
            .patterns([
                P(P.of(.secondPersonPossessive), P.within(3, careNoun))
                    .notAfter(.instruction, .hypothetical)
                    .notSkipping(.connector)
                    .notInSentenceOpenedBy(.instruction)
            ]),
            reason: "\"your\" with a visit, treatment, test, condition, record or bill: \(confirms)",
            alternative: PHIAlternative.doNotConfirm),
        PHIRule(
            "care.your-provider", .confirmsPatient,
            .patterns([
                P(P.of(.secondPersonPossessive), P.within(2, P.of(.provider)))
                    .notAfter(.instruction, .hypothetical, .modal, lookingBack: 3)
                    .notSkipping(.connector)
                    .notInSentenceOpenedBy(.instruction)
            ]),
            reason: "naming the reader's dentist, doctor or care team (\"as your dentist noted\"): \(confirms)",
            alternative: PHIAlternative.doNotConfirm),
        PHIRule(
            "care.you-were-cared-for", .confirmsPatient,
            .patterns([
                P(
                    P.of(.secondPerson),
                    P.within(1, P.words("were", "was", "been", "got", "are", "being", "get")),
                    P.within(1, P.of(.careVerb))
                )
                .notAfter(.hypothetical, .gratitude, lookingBack: 3)
                .notSkipping(.modal),
                P(P.of(.secondPerson), P.within(1, P.words("were given", "was given", "been given", "got given")))
                    .notAfter(.hypothetical, .gratitude, lookingBack: 3),
            ]),
            reason: "saying the reader was seen, treated, admitted or discharged: \(confirms)",
            alternative: PHIAlternative.doNotConfirm),
        PHIRule(
            "care.you-had-care", .confirmsPatient,
            .patterns([
                P(
                    P.of(.secondPerson),
                    P.within(
                        1, P.words("had", "have", "has", "underwent", "received", "got", "went through", "undergoing")),
                    P.within(3, P.of(.procedure, .condition, .test, .treatment, .visit))
                )
                .notAfter(.hypothetical, .gratitude, lookingBack: 4)
                .notSkipping(.modal, .connector, .hypothetical)
                .notInSentenceOpenedBy(.instruction, .hypothetical),
                P(P.of(.secondPerson), P.within(1, P.words("received")), P.within(3, P.words("care")))
                    .notAfter(.hypothetical, .gratitude),
            ]),
            reason: "saying the reader had a procedure, a condition or a test: \(confirms)",
            alternative: PHIAlternative.doNotConfirm),
        PHIRule(
            "care.we-cared-for-you", .confirmsPatient,
            .patterns([
                P(P.of(.careVerb), P.within(1, P.words("you", "him", "her", "them")))
                    .notAfter(.hypothetical, .modal, lookingBack: 2),
                P(P.words("saw", "treated", "examined"), P.next(P.words("you", "him", "her")))
                    .notAfter(.hypothetical, .modal, lookingBack: 2),
            ]),
            reason: "saying staff treated, saw or cared for the person: \(confirms)",
            alternative: PHIAlternative.doNotConfirm),
        PHIRule(
            "care.your-visit-event", .confirmsPatient,
            .patterns([
                P(
                    P.of(.secondPerson),
                    P.within(
                        1,
                        P.words(
                            "came in", "were here", "was here", "were with us", "visited us", "walked in", "checked in",
                            "showed up", "left the hospital", "had to wait", "came to see us", "came to us",
                            "were in", "came into"))
                )
                .notAfter(.hypothetical, .gratitude, lookingBack: 3)
                .notSkipping(.modal),
                P(
                    P.of(.secondPerson),
                    P.within(2, P.of(.arrivalVerb)),
                    P.within(6, P.of(.department))
                )
                .notAfter(.hypothetical, .gratitude, lookingBack: 3)
                .notSkipping(.modal, .hypothetical),
            ]),
            reason: "describing when the reader came in, waited or stayed: \(confirms)",
            alternative: PHIAlternative.doNotConfirm),
        PHIRule(
            "care.patient-status", .confirmsPatient,
            .patterns([
                P(
                    P.of(.secondPerson, .thirdPersonSubject),
                    P.within(4, P.words("patient", "patients", "client", "clients"))
                )
                .notAfter(.hypothetical, .gratitude, lookingBack: 6)
                .notSkipping(.modal, .hypothetical),
                P(P.words("as"), P.within(3, P.words("patient", "client")), P.next(P.words("of")))
                    .notAfter(.hypothetical, lookingBack: 6),
                P(P.words("as"), P.within(3, P.words("patient", "client")), P.next(P.words("here", "ours")))
                    .notAfter(.hypothetical, lookingBack: 6),
            ]),
            reason: "calling the reader or someone else a patient of ours: \(confirms)",
            alternative: PHIAlternative.doNotConfirm,
            accepts: { text, match in
                // "our patient advocates", "the patient portal": a service, not a person.
                let next = match.tokens.upperBound
                return next >= text.tokens.count || !patientServices.contains(text.tokens[next].base)
            }),
        PHIRule(
            "care.records-consulted", .confirmsPatient,
            .patterns([
                P(
                    P.words("per", "according to", "in"), P.within(1, P.words("your", "his", "her", "their")),
                    P.next(P.of(.record))),
                P(P.words("our", "your", "the"), P.within(1, P.of(.record)), P.next(P.of(.recordsSay))),
            ]),
            reason: "reading from a record in public (\"per your records\", \"our records show\"): \(confirms)",
            alternative: PHIAlternative.doNotConfirm),
        PHIRule(
            "care.clinical-finding", .confirmsPatient,
            .patterns([
                P(P.of(.test), P.within(2, P.of(.resultVerb)))
                    .notAfter(
                        .hypothetical,
                        words: [
                            "survey", "poll", "study", "studies", "research", "inspection", "audit", "satisfaction",
                        ],
                        lookingBack: 2
                    )
                    .notSkipping(.connector)
            ]),
            reason:
                "reporting what a test or biopsy showed is a diagnosis, which only the patient's care team may share",
            alternative: PHIAlternative.doNotConfirm),
        PHIRule(
            "care.clinical-near-you", .confirmsPatient,
            .patterns([
                P(clinicalNoun, P.within(2, P.words("you", "you're", "you've")))
                    .notAfter(.hypothetical, .instruction, lookingBack: 3)
                    .notSkipping(.connector, .modal, .hypothetical)
                    .notInSentenceOpenedBy(.instruction, .hypothetical)
            ]),
            reason: "a treatment or condition tied to \"you\" (\"the anesthesia left you…\"): \(confirms)",
            alternative: PHIAlternative.doNotConfirm),
        PHIRule(
            "care.recovery-wish", .confirmsPatient,
            .patterns([P(P.of(.recoveryWish))]),
            reason: "wishing someone recovery confirms they are ill or a patient",
            alternative:
                "Do not wish a person recovery in public; thank them for reaching out and invite them to contact us privately."
        ),
        PHIRule(
            "care.relative-care", .relativeCare,
            .patterns([
                P(
                    P.of(.secondPersonPossessive, .thirdPersonPossessive),
                    P.within(1, P.of(.relative)),
                    P.within(
                        10,
                        P.of(
                            .careVerb, .careStatus, .visit, .procedure, .condition, .test, .treatment, .record,
                            .billing, .pregnancy, .department, .provider, .birthEvent))
                )
                .notAfter(.instruction, .hypothetical)
                .notInSentenceOpenedBy(.instruction),
                P(
                    P.of(.careVerb, .procedure, .condition, .visit), P.within(3, P.words("your", "his", "her")),
                    P.next(P.of(.relative))
                )
                .notAfter(.instruction, .hypothetical)
                .notSkipping(.modal)
                .notInSentenceOpenedBy(.instruction),
            ]),
            reason:
                "a relative's visit, condition or care (\"your mother waited…\") confirms that they are or were a patient",
            alternative: PHIAlternative.doNotConfirm),
        PHIRule(
            "care.third-person-care", .thirdPersonCare,
            .patterns([
                P(
                    P.of(.thirdPersonSubject),
                    P.within(1, P.words("was", "is", "were", "has been", "had been", "got", "'s")),
                    P.within(4, P.of(.careVerb, .careStatus))
                )
                .notAfter(.hypothetical, lookingBack: 2)
                .notSkipping(.modal),
                P(P.words("he's", "she's"), P.within(3, P.of(.careVerb, .careStatus)))
                    .notAfter(.hypothetical, lookingBack: 2)
                    .notSkipping(.modal),
                P(
                    P.of(.determiner),
                    P.within(1, P.of(.personNoun)),
                    P.within(8, P.words("was", "is", "were", "has been", "had been", "got")),
                    P.within(4, P.of(.careVerb, .careStatus))
                )
                .notAfter(.hypothetical, lookingBack: 2)
                .notSkipping(.modal),
                P(P.words("the", "this", "that"), P.next(P.words("patient")), P.within(3, P.of(.image)))
                    .notAfter(.hypothetical, lookingBack: 2),
                P(
                    P.words("the", "this", "that"), P.next(P.words("patient")),
                    P.within(1, P.words("who posted", "who wrote", "who commented", "who left"))
                )
                .notAfter(.hypothetical, lookingBack: 2),
            ]),
            reason:
                "saying a third person (\"the gentleman who posted this\") was treated here or is a patient is a disclosure about them",
            alternative: PHIAlternative.doNotConfirm),
        PHIRule(
            "care.pregnancy-birth", .pregnancyOrBirth,
            .patterns([
                P(
                    P.of(.secondPerson, .thirdPersonSubject, .relative),
                    P.within(3, P.of(.birthEvent))
                )
                .notAfter(.hypothetical, lookingBack: 3)
                .notSkipping(.modal, .hypothetical),
                P(
                    P.words("congratulations", "congrats", "congratulation"),
                    P.within(1, P.words("on", "for")),
                    P.within(3, P.of(.pregnancy))
                ),
            ]),
            reason: "a pregnancy, a birth or a loss is health information about the person and confirms their care",
            alternative: PHIAlternative.doNotConfirm),
        PHIRule(
            "care.insurer-acted", .insuranceOrCost,
            .patterns([
                P(P.of(.insurer), P.within(5, P.of(.insurerVerb))).notSkipping(.hypothetical),
                P(P.of(.insurerVerb), P.within(3, P.of(.insurer))).notSkipping(.hypothetical),
            ]),
            reason:
                "what an insurer paid, denied or was billed (Elite Dental disclosed insurance) describes someone's care",
            alternative: PHIAlternative.doNotConfirm),
        PHIRule(
            "care.billed-to-person", .insuranceOrCost,
            .patterns([
                P(P.of(.secondPerson, .thirdPersonSubject), P.within(2, P.of(.billingVerb)))
                    .notAfter(.hypothetical, lookingBack: 3)
                    .notSkipping(.modal, .hypothetical),
                P(P.of(.billingVerb), P.within(1, P.words("you", "him", "her", "them")))
                    .notAfter(.hypothetical, .modal, lookingBack: 2),
            ]),
            reason: "what a person owes, paid or was charged (Elite Dental disclosed costs) confirms their care",
            alternative: PHIAlternative.doNotConfirm),
        PHIRule(
            "care.alias-unmasking", .aliasUnmasking,
            .patterns([
                P(P.of(.aliasWord)),
                P(P.words("despite", "although", "though", "even if", "even though"), P.within(4, P.of(.aliasHandle))),
            ]),
            reason:
                "linking a username or alias to a real person unmasks them (New Vision Dental was fined for it)",
            alternative:
                "Never say who is behind an account; reply to the post as written and invite them to contact us privately."
        ),
    ]
}
