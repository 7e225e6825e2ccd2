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

    /// The next step as one person is told it: the step, and when they may not take it
    /// themselves, who will (an employee is never told "next: grade" as if it were theirs).
    public struct Advice: Sendable, Equatable {
        public var step: ConcernAction
        /// Empty when `viewer` may take the step; else the people who may, nearest first.
        public var takenBy: [Person]

        public var isTheViewers: Bool { takenBy.isEmpty }

        /// "郑国强（部门负责人）、李强（班组长）或政工人员": who will take the step.
        public var whoWill: LocalizedText {
            let named = takenBy.filter { $0.role != .politicalWork }.prefix(3)
            let staff = takenBy.contains { $0.role == .politicalWork }
            let zhNames = named.map(\.nameWithRole.zh)
            let enNames = named.map(\.nameWithRole.en)
            let zh = (zhNames + (staff ? ["政工人员"] : [])).enumerated().map { index, name in
                index == 0 ? name : (index == zhNames.count + (staff ? 1 : 0) - 1 ? "或" : "、") + name
            }.joined()
            let enParts = enNames + (staff ? ["political-work staff"] : [])
            let en = enParts.count <= 1 ? enParts.joined() : enParts.dropLast().joined(separator: ", ") + " or " + enParts.last!
            return LocalizedText(zh: zh, en: en)
        }
    }

    /// The step the method asks for next and whether `viewer` may take it (the permission
    /// table decides, as it will when they try); nil for a closed concern.
    public static func advice(for concern: Concern, viewer: Person, organisation: Organisation) -> Advice? {
        guard let step = next(for: concern) else { return nil }
        let action = step.methodAction
        if Permissions.refusal(viewer, action, on: .concern(concern), in: organisation) == nil {
            return Advice(step: step, takenBy: [])
        }
        return Advice(step: step, takenBy: Permissions.people(whoMay: action, on: .concern(concern), in: organisation))
    }
}
