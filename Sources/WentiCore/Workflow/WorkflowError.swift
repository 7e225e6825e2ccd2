/// Why a change to a concern was refused. Every case names the rule it enforces,
/// in Chinese and English, so that the CLI and the UI can show it as it is.
public enum WorkflowError: Error, Equatable, Sendable, Labelled {
    /// What `startSolving` lacks.
    public enum Requirement: String, Sendable, Equatable, CaseIterable {
        case grade, plan, firstResponsible

        var label: LocalizedText {
            switch self {
            case .grade: LocalizedText(zh: "定级", en: "a grade")
            case .plan: LocalizedText(zh: "解决方案", en: "a solution plan")
            case .firstResponsible: LocalizedText(zh: "第一责任人", en: "a first responsible person")
            }
        }
    }

    case illegalInStage(ConcernAction, Stage)
    case missingForSolving([Requirement])
    case buddingNeedsRegrade
    /// Grading an overdue concern budding would drop its deadline and with it its lateness.
    case regradeWouldHideLateness(daysOverdue: Int)
    case watchNeedsBudding
    case closeNeedsFeedbackOrReason
    case alreadyTopTier
    case reasonRequired(ConcernAction)
    case referralTargetNotDepartment(UnitID)
    case reopenNeedsUnsatisfiedFeedback
    case unknownPerson(PersonID)
    case unknownUnit(UnitID)
    case unknownCategory(CategoryID)
    case titleRequired
    case titleTooLong(length: Int, maximum: Int)
    case rootCauseRequired
    case sourceRequired(Channel)
    case sourceMismatch(Channel)
    case unknownSource(String)
    case taskNotFound(Int)
    case scoreOutOfRange(Int)
    case alreadyPaused
    case notPaused
    case pledgeByOtherThanResponsible(String)
    case notPermitted(Refusal)
    case batchGroupRequired

    public var label: LocalizedText {
        switch self {
        case .illegalInStage(let action, let stage):
            LocalizedText(zh: "问题处于“\(stage.label.zh)”阶段，不能\(action.label.zh)",
                          en: "cannot \(action.label.en) a concern that is \(stage.condition.en)")
        case .missingForSolving(let missing):
            LocalizedText(zh: "开始解决前须有" + missing.map(\.label.zh).joined(separator: "、"),
                          en: "cannot start solving without " + missing.map(\.label.en).joined(separator: ", "))
        case .regradeWouldHideLateness(let days):
            LocalizedText(zh: "已逾期 \(days) 天，不能改定为萌芽（萌芽没有期限，逾期会被抹去）；如确需调整，先记录期限调整及其理由",
                          en: "\(days) days overdue: it cannot become budding (which has no deadline, so the lateness would vanish); record a deadline change with its reason first")
        case .buddingNeedsRegrade:
            LocalizedText(zh: "萌芽问题只作观察，须先改定为急难、重大或一般才能解决",
                          en: "a budding concern is only watched; regrade it urgent, major or general before solving")
        case .watchNeedsBudding:
            LocalizedText(zh: "只有萌芽级问题可列入观察", en: "only budding concerns can be put on the watch list")
        case .closeNeedsFeedbackOrReason:
            LocalizedText(zh: "关闭前须有反馈记录，或写明无法反馈的原因",
                          en: "closing needs a feedback record or the reason why none was possible")
        case .alreadyTopTier:
            LocalizedText(zh: "问题已在3级库（公司），不能再上报", en: "the concern is already in the L3 (company) library")
        case .reasonRequired(let action):
            LocalizedText(zh: "\(action.label.zh)须写明原因", en: "\(action.label.en) needs a reason")
        case .referralTargetNotDepartment(let unit):
            LocalizedText(zh: "转办对象须是部门或二级单位，\(unit) 不是", en: "referral goes to a department; \(unit) is not one")
        case .reopenNeedsUnsatisfiedFeedback:
            LocalizedText(zh: "只有最近一次反馈为不满意或未见效时才能重新打开",
                          en: "reopen only follows a feedback that was dissatisfied or saw no effect")
        case .unknownPerson(let id):
            LocalizedText(zh: "没有编号为 \(id) 的人员", en: "no person with id \(id)")
        case .unknownUnit(let id):
            LocalizedText(zh: "没有编号为 \(id) 的单位", en: "no unit with id \(id)")
        case .unknownCategory(let id):
            LocalizedText(zh: "没有编号为 \(id) 的问题类别", en: "no category with id \(id)")
        case .titleRequired:
            LocalizedText(zh: "问题标题不能为空", en: "the title must not be empty")
        case .titleTooLong(let length, let maximum):
            LocalizedText(zh: "标题有 \(length) 个字，最多 \(maximum) 个；详细情况请写在描述里",
                          en: "the title has \(length) characters, at most \(maximum) are allowed; put the details in the description")
        case .rootCauseRequired:
            LocalizedText(zh: "须写明问题根源", en: "the root cause must be written down")
        case .sourceRequired(let channel):
            LocalizedText(zh: "渠道“\(channel.label.zh)”须注明来源活动或走访", en: "channel \(channel.label.en) needs the campaign or visit it came from")
        case .sourceMismatch(let channel):
            LocalizedText(zh: "来源与渠道“\(channel.label.zh)”不符", en: "the source does not fit channel \(channel.label.en)")
        case .unknownSource(let id):
            LocalizedText(zh: "没有编号为 \(id) 的征集活动或领导走访", en: "no campaign or leader's visit with id \(id)")
        case .taskNotFound(let index):
            LocalizedText(zh: "任务书中没有第 \(index) 项", en: "the task book has no item \(index)")
        case .scoreOutOfRange(let score):
            LocalizedText(zh: "满意度评分须在 1 到 5 之间，现为 \(score)", en: "the satisfaction score must be 1 to 5, got \(score)")
        case .alreadyPaused:
            LocalizedText(zh: "计时已暂停", en: "the clock is already paused")
        case .notPaused:
            LocalizedText(zh: "计时未暂停", en: "the clock is not paused")
        case .pledgeByOtherThanResponsible(let name):
            LocalizedText(zh: "责任状须由第一责任人签订，\(name) 不是", en: "the pledge is signed by the first responsible person; \(name) is not")
        case .notPermitted(let refusal):
            refusal.label
        case .batchGroupRequired:
            LocalizedText(zh: "批处理须指定批次", en: "batch processing needs a group name")
        }
    }
}
