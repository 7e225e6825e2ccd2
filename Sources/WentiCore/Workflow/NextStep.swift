/// The find → analyse → solve chain (查找—分析—解决): where a concern stands on it, and the
/// step the method asks for next. The detail draws it, so nobody has to know the rules to
/// know what to do.
public enum NextStep {
    /// The three links of the basic flow.
    public enum Phase: Int, Sendable, CaseIterable, Labelled {
        case find, analyse, solve

        public var label: LocalizedText {
            switch self {
            case .find: LocalizedText(zh: "查找", en: "find")
            case .analyse: LocalizedText(zh: "分析", en: "analyse")
            case .solve: LocalizedText(zh: "解决", en: "solve")
            }
        }
    }

    /// The link a stage belongs to; nil once closed (the chain is complete).
    public static func phase(of stage: Stage) -> Phase? {
        switch stage {
        case .found: .find
        case .analysing, .defined, .watch, .referred: .analyse
        case .solving, .awaitingFeedback: .solve
        case .closed: nil
        }
    }

    /// The step the method asks for next: what is missing before solving first (root cause,
    /// grade, plan, first responsible person, the meeting's definition), then the work, the
    /// return contact; a referral is taken back. nil for a closed concern.
    public static func next(for concern: Concern) -> ConcernAction? {
        let missingBeforeSolving: ConcernAction? =
            concern.grade == nil ? .grade : concern.plan.isBlank ? .plan : concern.firstResponsibleID == nil ? .assign : nil
        switch concern.stage {
        case .found: return .analyse
        case .analysing: return concern.analysis.rootCause.isBlank ? .analyse : concern.grade == nil ? .grade : .define
        case .defined, .watch: return missingBeforeSolving ?? .startSolving
        case .solving: return .solve
        case .awaitingFeedback: return .recordFeedback
        case .referred: return .resume
        case .closed: return nil
        }
    }
}
