import WentiCore
import WentiStore

/// The columns of wenti's CSV: what `export` writes and `import` reads. One list, so the
/// two can never drift apart.
enum ConcernCSVColumn: String, CaseIterable {
    case code, title, description, category, channel, source, unit, tier, stage, grade
    case reporter, anonymous
    case sealedIdentity = "sealed_identity"
    case finder, involved
    case reportedOn = "reported_on"
    case rootCause = "root_cause"
    case difficulty, breadth, plan
    case firstResponsible = "first_responsible"
    case responsibleUnit = "responsible_unit"
    case deadline
    case nextReview = "next_review"
    case referralUnit = "referral_unit"
    case referralExplanation = "referral_explanation"
    case solvedOn = "solved_on"
    case closedOn = "closed_on"
    case closureReason = "closure_reason"
    case feedbackOn = "feedback_on"
    case feedbackContact = "feedback_contact"
    case feedbackEffect = "feedback_effect"
    case feedbackSatisfaction = "feedback_satisfaction"
    case feedbackScore = "feedback_score"

    /// Columns an import cannot do without.
    static let required: [ConcernCSVColumn] = [.title, .category, .channel, .unit]

    /// The cell of this column for `concern` as `viewer` may see it.
    func value(of c: Concern, viewer: Person) -> String {
        let feedback = c.latestFeedback
        switch self {
        case .code: return c.code.description
        case .title: return c.title
        case .description: return c.description
        case .category: return c.categoryID.rawValue
        case .channel: return c.channel.rawValue
        case .source: return c.source?.id ?? ""
        case .unit: return c.unitID.rawValue
        case .tier: return c.tier.code
        case .stage: return c.stage.rawValue
        case .grade: return c.grade?.rawValue ?? ""
        case .reporter:
            if case .named(let name, let personID) = c.reporter { return personID?.rawValue ?? name }
            return ""
        case .anonymous: return c.reporter.isAnonymous ? "yes" : "no"
        case .sealedIdentity:
            // Never the identity: it is opened one at a time, with a reason (`wenti identity open`).
            // An import reads this column as an identity to seal.
            return ""
        case .finder: return c.finderID?.rawValue ?? ""
        case .involved: return c.involvedPeople
        case .reportedOn: return c.reportedOn.description
        case .rootCause: return c.analysis.rootCause
        case .difficulty: return c.analysis.difficulty?.rawValue ?? ""
        case .breadth: return c.analysis.breadth?.rawValue ?? ""
        case .plan: return c.plan
        case .firstResponsible: return c.firstResponsibleID?.rawValue ?? ""
        case .responsibleUnit: return c.responsibleUnitID?.rawValue ?? ""
        case .deadline: return c.deadline?.description ?? ""
        case .nextReview: return c.nextReview?.description ?? ""
        case .referralUnit: return c.referral?.toUnitID.rawValue ?? ""
        case .referralExplanation: return c.referral?.explanation ?? ""
        case .solvedOn: return c.solvedOn?.description ?? ""
        case .closedOn: return c.closedOn?.description ?? ""
        case .closureReason:
            if case .withoutFeedback(let reason) = c.closure { return reason }
            return ""
        case .feedbackOn: return feedback?.on.description ?? ""
        case .feedbackContact: return feedback?.contact ?? ""
        case .feedbackEffect: return feedback?.effect.rawValue ?? ""
        case .feedbackSatisfaction: return feedback?.satisfaction.rawValue ?? ""
        case .feedbackScore: return feedback.map { String($0.score) } ?? ""
        }
    }
}
