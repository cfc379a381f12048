/// Who may issue each command when a workflow's `permissions:` does not say otherwise.
/// Approvals follow the workflow's message policy and `act`/`close` follow each action's roles.
public enum CommandPermissions {
    public static let defaults: [CommandName: [String]] = [
        .assign: ["commander"],
        .linkIncident: ["commander"],
        .draftMessage: ["communications", "social-media", "commander", "patient-relations"],
        .editMessage: ["communications", "social-media", "commander", "patient-relations"],
        .submitMessage: ["communications", "social-media", "commander", "patient-relations"],
        .publishMessage: ["communications", "social-media"],
        .overridePHIFinding: ["privacy-officer"],
        .requestRemoval: ["social-media", "commander", "communications", "legal"],
        .resolveRemoval: ["social-media", "commander", "communications", "legal"],
        .captureEvidence: ["social-media", "commander", "privacy-officer", "legal"],
        .amendDiscovery: ["privacy-officer", "legal", "commander"],
        .recordExclusionCheck: ["privacy-officer", "legal"],
        .recordAssessmentFactor: ["privacy-officer", "legal"],
        .concludeAssessment: ["privacy-officer"],
        .recordAffectedPopulation: ["privacy-officer", "legal"],
        .recordNotification: ["privacy-officer", "legal"],
        .recordLawEnforcementDelay: ["legal", "privacy-officer"],
        .recordSanction: ["hr"],
        .startPostMortem: ["commander"],
        .addPostMortem: [
            "commander", "legal", "privacy-officer", "communications", "social-media", "patient-relations", "hr",
            "on-call",
        ],
        // The action's owner may also mark it done (see Decision+PostMortem).
        .completePostMortemAction: ["commander"],
        .publishPostMortem: ["commander"],
    ]
}
