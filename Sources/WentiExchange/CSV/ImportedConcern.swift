import Foundation
import WentiCore
import WentiStore

/// Builds one concern from one CSV record: the intake is checked by `Workflow.open`, the
/// later fields by the same requirements the workflow enforces, so an import cannot
/// create a concern a user could not have reached.
struct ImportedConcern {
    let workspace: Workspace
    let actor: Person
    let file: String
    /// The store's day and time: the default day of a report, and the time of intake.
    let today: Day
    let now: Date

    func concern(from row: RowCells) throws -> Concern {
        let org = workspace.organisation
        func day(_ column: ConcernCSVColumn) throws -> Day? {
            let text = row[column]
            if text.isEmpty { return nil }
            guard let day = Day(text) else { throw row.failure(column, zh: "“\(text)”不是日期（YYYY-MM-DD）", en: "\"\(text)\" is not a date (YYYY-MM-DD)") }
            return day
        }
        func value<T: RawRepresentable & CaseIterable>(_ column: ConcernCSVColumn) throws -> T? where T.RawValue == String {
            let text = row[column]
            if text.isEmpty { return nil }
            guard let value = T(rawValue: text) else {
                throw row.failure(column, zh: "“\(text)”无效（可选：\(T.allCases.map(\.rawValue).joined(separator: ","))）",
                                  en: "\"\(text)\" is not valid (one of: \(T.allCases.map(\.rawValue).joined(separator: ",")))")
            }
            return value
        }
        func person(_ column: ConcernCSVColumn) throws -> PersonID? {
            let text = row[column]
            if text.isEmpty { return nil }
            guard org.person(PersonID(text)) != nil else { throw row.failure(column, zh: "没有人员 \(text)", en: "no person \(text)") }
            return PersonID(text)
        }
        func unit(_ column: ConcernCSVColumn) throws -> UnitID? {
            let text = row[column]
            if text.isEmpty { return nil }
            guard let unit = org.resolveUnit(text) else { throw row.failure(column, zh: "没有单位 \(text)", en: "no unit \(text)") }
            return unit.id
        }

        var code = ConcernCode(year: (try day(.reportedOn) ?? today).civil.year, sequence: 0)
        if !row[.code].isEmpty {
            guard let given = ConcernCode(row[.code]) else {
                throw row.failure(.code, zh: "“\(row[.code])”不是问题编号", en: "\"\(row[.code])\" is not a concern id")
            }
            code = given
        }
        guard let category = workspace.resolveCategory(row[.category]) else {
            throw row.failure(.category, zh: "没有类别“\(row[.category])”", en: "no category \"\(row[.category])\"")
        }
        guard let channel = Channel(name: row[.channel]) else {
            throw row.failure(.channel, zh: "没有渠道“\(row[.channel])”", en: "no channel \"\(row[.channel])\"")
        }
        guard let unitID = try unit(.unit) else { throw row.failure(.unit, zh: "单位不能为空", en: "the unit must not be empty") }
        let anonymous = ["yes", "true", "1", "是"].contains(row[.anonymous].lowercased())
        let reporterText = row[.reporter]
        let reporter: Reporter = anonymous
            ? .anonymous(sealedIdentity: row[.sealedIdentity].isEmpty ? nil : .toSeal(row[.sealedIdentity]))
            : .named(name: org.person(PersonID(reporterText))?.name ?? reporterText,
                     personID: org.person(PersonID(reporterText)) != nil ? PersonID(reporterText) : nil)
        let source = row[.source].isEmpty ? nil : channel.sourceKind.map { ConcernSource(kind: $0, id: row[.source]) }
        let reported = try day(.reportedOn) ?? today
        let new = NewConcern(
            title: row[.title], description: row[.description], categoryID: category.id, channel: channel, source: source,
            finderID: try person(.finder), reporter: reporter, involvedPeople: row[.involved], unitID: unitID, reportedOn: reported)
        let context = WorkflowContext(actor: actor, organisation: org, categories: workspace.categoryIDs,
                                      sources: workspace.sources, policy: workspace.policy, now: now, today: today)
        var c: Concern
        do {
            c = try Workflow.open(new, code: code, context: context)
        } catch {
            let column: ConcernCSVColumn? = switch error {
            case .titleRequired, .titleTooLong: .title
            case .sourceRequired, .sourceMismatch, .unknownSource: .source
            case .unknownPerson: .finder
            default: nil
            }
            throw row.failure(column, zh: error.label.zh, en: error.label.en)
        }

        c.stage = try value(.stage) ?? .found
        c.grade = try value(.grade)
        c.analysis = Analysis(rootCause: row[.rootCause], difficulty: try value(.difficulty), breadth: try value(.breadth))
        c.plan = row[.plan]
        c.firstResponsibleID = try person(.firstResponsible)
        c.responsibleUnitID = try unit(.responsibleUnit)
        c.deadline = try day(.deadline)
        c.nextReview = try day(.nextReview)
        c.solvedOn = try day(.solvedOn)
        c.closedOn = try day(.closedOn)
        if let target = try unit(.referralUnit) {
            c.referral = Referral(toUnitID: target, explanation: row[.referralExplanation], on: reported)
        }
        if let on = try day(.feedbackOn) {
            guard let effect: FeedbackRecord.Effect = try value(.feedbackEffect) else {
                throw row.failure(.feedbackEffect, zh: "有反馈日期就须有反馈效果", en: "a feedback date needs a feedback effect")
            }
            guard let satisfaction: FeedbackRecord.Satisfaction = try value(.feedbackSatisfaction) else {
                throw row.failure(.feedbackSatisfaction, zh: "有反馈日期就须有满意度", en: "a feedback date needs a satisfaction")
            }
            guard let score = Int(row[.feedbackScore]), (1...5).contains(score) else {
                throw row.failure(.feedbackScore, zh: "满意度评分须为 1 到 5", en: "the score must be 1 to 5")
            }
            c.feedback = [FeedbackRecord(on: on, byID: actor.id, contact: row[.feedbackContact], method: .visit,
                                         effect: effect, satisfaction: satisfaction, score: score)]
        }
        try checkStage(&c, row: row)
        return c
    }

    /// The same requirements as the workflow's transitions into each stage.
    private func checkStage(_ c: inout Concern, row: RowCells) throws {
        if [.defined, .solving, .awaitingFeedback, .closed, .watch].contains(c.stage), c.analysis.rootCause.isBlank {
            throw row.failure(.rootCause, zh: WorkflowError.rootCauseRequired.label.zh, en: WorkflowError.rootCauseRequired.label.en)
        }
        if [.solving, .awaitingFeedback].contains(c.stage) {
            var missing: [WorkflowError.Requirement] = []
            if c.grade == nil { missing.append(.grade) }
            if c.plan.isBlank { missing.append(.plan) }
            if c.firstResponsibleID == nil { missing.append(.firstResponsible) }
            if !missing.isEmpty {
                let error = WorkflowError.missingForSolving(missing)
                throw row.failure(.stage, zh: error.label.zh, en: error.label.en)
            }
        }
        if c.stage == .watch && c.grade != .budding {
            throw row.failure(.grade, zh: WorkflowError.watchNeedsBudding.label.zh, en: WorkflowError.watchNeedsBudding.label.en)
        }
        if c.stage == .referred {
            guard let referral = c.referral, !referral.explanation.isBlank,
                  workspace.organisation.unit(referral.toUnitID)?.kind == .department else {
                throw row.failure(.referralUnit, zh: "转办须有部门和说明", en: "a referred concern needs a department and an explanation")
            }
            c.pausedSince = referral.on
        }
        if c.stage == .closed {
            if c.feedback.isEmpty {
                guard !row[.closureReason].isEmpty else {
                    throw row.failure(.closureReason, zh: WorkflowError.closeNeedsFeedbackOrReason.label.zh,
                                      en: WorkflowError.closeNeedsFeedbackOrReason.label.en)
                }
                c.closure = .withoutFeedback(reason: row[.closureReason])
            } else {
                c.closure = .withFeedback
            }
        }
    }
}
