import Foundation

/// The one place where the rules of the 1234 method are enforced.
///
/// `open` takes in a new concern; `apply` performs a command on an existing one and
/// returns the new value. Both are pure: the caller (the store) persists the result
/// and the audit entry in one transaction.
public enum Workflow {
    /// The longest title, in characters. A title names a concern in one line of a table or a
    /// notice; the story belongs in the description, which has no limit. Ten-thousand-
    /// character titles slowed every screen that measured them.
    public static let maximumTitleLength = 120

    static func checkTitle(_ title: String) throws(WorkflowError) {
        guard !title.isBlank else { throw .titleRequired }
        let length = title.trimmed.count
        guard length <= maximumTitleLength else { throw .titleTooLong(length: length, maximum: maximumTitleLength) }
    }

    /// Checks an intake and builds the concern in stage `found`.
    public static func open(_ new: NewConcern, code: ConcernCode, context: WorkflowContext) throws(WorkflowError) -> Concern {
        let org = context.organisation
        try checkTitle(new.title)
        guard let unit = org.unit(new.unitID) else { throw .unknownUnit(new.unitID) }
        guard context.categories.contains(new.categoryID) else { throw .unknownCategory(new.categoryID) }
        if let finder = new.finderID, org.person(finder) == nil { throw .unknownPerson(finder) }
        if case .named(_, let personID?) = new.reporter, org.person(personID) == nil { throw .unknownPerson(personID) }
        if let involved = new.involvedUnitID, org.unit(involved) == nil { throw .unknownUnit(involved) }
        switch (new.channel.sourceKind, new.source) {
        case (nil, nil): break
        case (let kind?, let source?) where source.kind == kind:
            guard context.sources.contains(source) else { throw .unknownSource(source.id) }
        case (_?, nil): throw .sourceRequired(new.channel)
        default: throw .sourceMismatch(new.channel)
        }
        if let refusal = Permissions.refusal(context.actor, .intake, on: .unit(unit.id), in: org) { throw .notPermitted(refusal) }
        return Concern(
            code: code, title: new.title.trimmed, description: new.description, categoryID: new.categoryID,
            channel: new.channel, source: new.source, finderID: new.finderID, reporter: new.reporter,
            involvedPeople: new.involvedPeople, involvedUnitID: new.involvedUnitID,
            reportedOn: new.reportedOn ?? context.today, unitID: unit.id, tier: unit.tier,
            createdAt: context.now, createdByID: context.actor.id)
    }

    /// Applies `command` to `concern` or says which rule forbids it.
    public static func apply(_ command: ConcernCommand, to concern: Concern, context: WorkflowContext) throws(WorkflowError) -> Concern {
        try checkPermission(command.action, on: concern, context: context)
        var next = concern
        let today = context.today
        let stage = concern.stage

        func require(_ stages: Set<Stage>) throws(WorkflowError) {
            guard stages.contains(stage) else { throw .illegalInStage(command.action, stage) }
        }
        func requireText(_ text: String) throws(WorkflowError) {
            guard !text.isBlank else { throw .reasonRequired(command.action) }
        }
        let beforeSolving: Set<Stage> = [.found, .analysing, .defined, .watch]
        let open: Set<Stage> = Set(Stage.allCases).subtracting([.closed])

        switch command {
        case .analyse(let analysis):
            try require(beforeSolving.union([.solving]))
            guard !analysis.rootCause.isBlank else { throw .rootCauseRequired }
            next.analysis = analysis
            if stage == .found { next.stage = .analysing }

        case .grade(let grade):
            try require(beforeSolving.union([.solving]))
            if grade == .budding && stage == .solving { throw .illegalInStage(.grade, stage) }
            next.grade = grade
            (next.deadline, next.nextReview) = try regradedSchedule(of: concern, to: grade, policy: context.policy, today: today)

        case .plan(let text):
            try require(open.subtracting([.awaitingFeedback]))
            try requireText(text)
            next.plan = text

        case .assign(let personID, let unitID):
            try require(open.subtracting([.awaitingFeedback]))
            guard context.organisation.person(personID) != nil else { throw .unknownPerson(personID) }
            guard context.organisation.unit(unitID) != nil else { throw .unknownUnit(unitID) }
            next.firstResponsibleID = personID
            next.responsibleUnitID = unitID

        case .pledge(let personID):
            try require([.defined, .solving, .watch])
            guard personID == concern.firstResponsibleID else {
                throw .pledgeByOtherThanResponsible(context.organisation.person(personID)?.name ?? personID.rawValue)
            }
            next.pledge = Pledge(personID: personID, signedOn: today)

        case .setDeadline(let day, let reason):
            try require([.analysing, .defined, .solving])
            try requireText(reason)
            guard let grade = concern.grade, grade != .budding else { throw .missingForSolving([.grade]) }
            next.deadline = day

        case .define:
            try require([.analysing])
            guard !concern.analysis.rootCause.isBlank else { throw .rootCauseRequired }
            guard let grade = concern.grade else { throw .missingForSolving([.grade]) }
            next.stage = grade == .budding ? .watch : .defined

        case .watch:
            try require([.analysing, .defined])
            guard concern.grade == .budding else { throw .watchNeedsBudding }
            next.stage = .watch

        case .startSolving:
            try require([.defined, .watch])
            var missing: [WorkflowError.Requirement] = []
            if concern.grade == nil { missing.append(.grade) }
            if concern.plan.isBlank { missing.append(.plan) }
            if concern.firstResponsibleID == nil { missing.append(.firstResponsible) }
            guard missing.isEmpty else { throw .missingForSolving(missing) }
            guard concern.grade != .budding else { throw .buddingNeedsRegrade }
            next.stage = .solving

        case .addTask(let title, let due):
            try require(open.subtracting([.awaitingFeedback]))
            guard !title.isBlank else { throw .titleRequired }
            next.tasks.append(TaskItem(title: title, due: due))

        case .setTaskState(let index, let state):
            try require(open)
            guard concern.tasks.indices.contains(index - 1) else { throw .taskNotFound(index) }
            next.tasks[index - 1].state = state

        case .progress(let text):
            try require(open)
            try requireText(text)
            next.notes.append(ProgressNote(on: today, authorID: context.actor.id, text: text))

        case .pause(let reason):
            try require([.solving])
            try requireText(reason)
            guard concern.pausedSince == nil else { throw .alreadyPaused }
            next.pausedSince = today
            next.notes.append(ProgressNote(on: today, authorID: context.actor.id, text: reason))

        case .unpause:
            try require([.solving])
            guard concern.pausedSince != nil else { throw .notPaused }
            endPause(&next, today: today)

        case .solve(let summary):
            try require([.solving])
            try requireText(summary)
            endPause(&next, today: today)
            next.notes.append(ProgressNote(on: today, authorID: context.actor.id, text: summary))
            next.solvedOn = today
            next.stage = .awaitingFeedback

        case .recordFeedback(let record):
            try require([.awaitingFeedback, .referred])
            guard (1...5).contains(record.score) else { throw .scoreOutOfRange(record.score) }
            next.feedback.append(record)

        case .close(let reason):
            try require([.awaitingFeedback, .referred])
            if concern.feedback.isEmpty {
                guard let reason, !reason.isBlank else { throw .closeNeedsFeedbackOrReason }
                next.closure = .withoutFeedback(reason: reason)
            } else {
                next.closure = .withFeedback
            }
            endPause(&next, today: today)
            next.closedOn = today
            next.stage = .closed

        case .reopen(let reason):
            try require([.awaitingFeedback, .closed])
            try requireText(reason)
            guard concern.latestFeedback?.callsForReopening == true else { throw .reopenNeedsUnsatisfiedFeedback }
            next.stage = .solving
            next.solvedOn = nil
            next.closedOn = nil
            next.closure = nil
            next.notes.append(ProgressNote(on: today, authorID: context.actor.id, text: reason))

        case .escalate(let reason):
            try require(beforeSolving.union([.solving]))
            try requireText(reason)
            guard concern.tier.above != nil, let parent = context.organisation.parent(of: concern.unitID) else {
                throw .alreadyTopTier
            }
            let escalation = Escalation(
                fromUnitID: concern.unitID, toUnitID: parent.id, fromTier: concern.tier, toTier: parent.tier,
                reason: reason, on: today, byID: context.actor.id)
            next.escalations.append(escalation)
            next.unitID = parent.id
            next.tier = parent.tier
            // The receiving tier defines the concern again at its own tri-party meeting and
            // names its own first responsible person; the hand-over is recorded, not silent.
            EscalationHandOver(escalating: concern, as: escalation)
                .apply(to: &next, today: today, author: context.actor.id, organisation: context.organisation)
            endPause(&next, today: today)

        case .refer(let unitID, let explanation):
            try require(beforeSolving.union([.solving]))
            guard let unit = context.organisation.unit(unitID) else { throw .unknownUnit(unitID) }
            guard unit.kind == .department else { throw .referralTargetNotDepartment(unitID) }
            try requireText(explanation)
            next.referral = Referral(toUnitID: unitID, explanation: explanation, on: today)
            if concern.pausedSince == nil { next.pausedSince = today }
            next.stage = .referred

        case .resume(let reason):
            try require([.referred])
            try requireText(reason)
            endPause(&next, today: today)
            next.notes.append(ProgressNote(on: today, authorID: context.actor.id, text: reason))
            next.stage = .analysing

        case .setProcessing(let mode):
            try require(open)
            if case .batch(let group) = mode, group.isBlank { throw .batchGroupRequired }
            next.processing = mode

        case .link(let link):
            guard !link.target.isBlank else { throw .reasonRequired(.link) }
            if !next.links.contains(link) { next.links.append(link) }

        case .edit(let title, let description, let categoryID):
            try require(beforeSolving)
            if let title {
                try checkTitle(title)
                next.title = title.trimmed
            }
            if let description { next.description = description }
            if let categoryID {
                guard context.categories.contains(categoryID) else { throw .unknownCategory(categoryID) }
                next.categoryID = categoryID
            }

        case .takeBack(let restoration):
            try require(open.subtracting([.awaitingFeedback]))
            // The one stage an undo moves back is a first analysis; everything else stays.
            guard restoration.stage == stage || (restoration.stage == .found && stage == .analysing) else {
                throw .illegalInStage(.undo, stage)
            }
            // A concern past analysis keeps what defining it required.
            if ![.found, .analysing].contains(restoration.stage) {
                var missing: [WorkflowError.Requirement] = []
                if restoration.grade == nil { missing.append(.grade) }
                if restoration.plan.isBlank && restoration.stage != .watch { missing.append(.plan) }
                if restoration.firstResponsibleID == nil && restoration.stage != .watch { missing.append(.firstResponsible) }
                if !missing.isEmpty { throw .missingForSolving(missing) }
            }
            if restoration.stage == .analysing && restoration.analysis.rootCause.isBlank { throw .rootCauseRequired }
            next = restoration.restored(on: next)
        }

        next.updatedAt = context.now
        next.updatedByID = context.actor.id
        return next
    }

    /// Adds a finished pause span to `pausedDays`.
    private static func endPause(_ concern: inout Concern, today: Day) {
        guard let since = concern.pausedSince else { return }
        concern.pausedDays += max(0, today.days(since: since))
        concern.pausedSince = nil
    }

    /// The permission table decides; a concern outside the actor's sight is refused the same
    /// way, so a refusal never tells more than the actor may know.
    private static func checkPermission(_ action: ConcernAction, on concern: Concern, context: WorkflowContext) throws(WorkflowError) {
        let org = context.organisation
        let actor = context.actor
        if let refusal = Permissions.refusal(actor, action.methodAction, on: .concern(concern), in: org) {
            throw .notPermitted(refusal)
        }
    }
}

extension Workflow {
    /// The deadline and next review after grading `concern` as `grade`.
    ///
    /// Before the clock runs (found, analysing) the grade policy sets both. Once it runs
    /// (defined, solving), a regrade keeps the deadline: recomputing it from the day of the
    /// regrade made an overdue concern on time again, a way to hide lateness. Moving the
    /// deadline takes a deadline change with a reason (`setDeadline`), which the audit log
    /// records; a concern already late cannot become budding (which has no deadline).
    public static func regradedSchedule(of concern: Concern, to grade: Grade, policy: GradePolicy,
                                        today: Day) throws(WorkflowError) -> (deadline: Day?, nextReview: Day?) {
        guard concern.stage.hasRunningDeadline, let running = concern.deadline else {
            return policy.schedule(for: grade, gradedOn: today)
        }
        if grade == .budding {
            let late = DeadlineClock.daysOverdue(concern, today: today)
            guard late == 0 else { throw .regradeWouldHideLateness(daysOverdue: late) }
            return policy.schedule(for: grade, gradedOn: today)
        }
        return (running, concern.nextReview)
    }
}
