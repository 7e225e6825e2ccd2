/// What the figures need to know of one concern, and nothing more: the dates of its steps,
/// where it lives and where it started, and its latest feedback. Never the reporter.
///
/// The store reads these straight from columns (no full concern is decoded), so a month's
/// figures over a large workspace cost one pass.
public struct ConcernFact: Sendable, Hashable {
    public struct FeedbackFact: Sendable, Hashable {
        public var on: Day
        public var effect: FeedbackRecord.Effect
        public var satisfaction: FeedbackRecord.Satisfaction
        public var score: Int

        public init(on: Day, effect: FeedbackRecord.Effect, satisfaction: FeedbackRecord.Satisfaction, score: Int) {
            self.on = on
            self.effect = effect
            self.satisfaction = satisfaction
            self.score = score
        }
    }

    /// One submission up a tier (上报): which library gave it up, and when.
    public struct EscalationStep: Sendable, Hashable {
        public var fromUnitID: UnitID
        public var fromTier: Tier
        public var on: Day

        public init(fromUnitID: UnitID, fromTier: Tier, on: Day) {
            self.fromUnitID = fromUnitID
            self.fromTier = fromTier
            self.on = on
        }
    }

    public var code: ConcernCode
    public var title: String
    /// The library that holds it now.
    public var unitID: UnitID
    public var tier: Tier
    /// The library it was taken into, before any escalation.
    public var originUnitID: UnitID
    public var originTier: Tier
    public var categoryID: CategoryID
    public var channel: Channel
    public var grade: Grade?
    public var stage: Stage
    public var reportedOn: Day
    /// The deadline pushed back by the finished paused spans.
    public var due: Day?
    public var pausedSince: Day?
    public var pausedDays: Int
    public var solvedOn: Day?
    public var closedOn: Day?
    public var closedWithFeedback: Bool
    public var referredOn: Day?
    /// The first escalation, if any.
    public var escalatedOn: Day?
    public var firstResponsibleID: PersonID?
    /// The department that must solve it (解决部门), named when it is defined.
    public var responsibleUnitID: UnitID?
    /// Every escalation, oldest first (the first one's day is `escalatedOn`).
    public var escalations: [EscalationStep]
    public var latestFeedback: FeedbackFact?

    public init(code: ConcernCode, title: String, unitID: UnitID, tier: Tier, originUnitID: UnitID, originTier: Tier,
                categoryID: CategoryID, channel: Channel, grade: Grade?, stage: Stage, reportedOn: Day, due: Day?,
                pausedSince: Day? = nil, pausedDays: Int = 0, solvedOn: Day? = nil, closedOn: Day? = nil,
                closedWithFeedback: Bool = false, referredOn: Day? = nil, escalatedOn: Day? = nil,
                firstResponsibleID: PersonID? = nil, responsibleUnitID: UnitID? = nil, escalations: [EscalationStep]? = nil,
                latestFeedback: FeedbackFact? = nil) {
        self.code = code
        self.title = title
        self.unitID = unitID
        self.tier = tier
        self.originUnitID = originUnitID
        self.originTier = originTier
        self.categoryID = categoryID
        self.channel = channel
        self.grade = grade
        self.stage = stage
        self.reportedOn = reportedOn
        self.due = due
        self.pausedSince = pausedSince
        self.pausedDays = pausedDays
        self.solvedOn = solvedOn
        self.closedOn = closedOn
        self.closedWithFeedback = closedWithFeedback
        self.referredOn = referredOn
        self.escalatedOn = escalatedOn
        self.firstResponsibleID = firstResponsibleID
        self.responsibleUnitID = responsibleUnitID
        // A fact made with only the first escalation's day: one step, from where it started.
        self.escalations = escalations ?? escalatedOn.map { [EscalationStep(fromUnitID: originUnitID, fromTier: originTier, on: $0)] } ?? []
        self.latestFeedback = latestFeedback
    }

    /// The facts of a full concern (for tests and for callers that already hold one).
    public init(_ concern: Concern) {
        let origin = concern.escalations.first
        self.init(
            code: concern.code, title: concern.title, unitID: concern.unitID, tier: concern.tier,
            originUnitID: origin?.fromUnitID ?? concern.unitID, originTier: origin?.fromTier ?? concern.tier,
            categoryID: concern.categoryID, channel: concern.channel, grade: concern.grade, stage: concern.stage,
            reportedOn: concern.reportedOn, due: concern.deadline?.adding(days: concern.pausedDays),
            pausedSince: concern.pausedSince, pausedDays: concern.pausedDays, solvedOn: concern.solvedOn,
            closedOn: concern.closedOn, closedWithFeedback: concern.closure == .withFeedback,
            referredOn: concern.referral?.on, escalatedOn: origin?.on, firstResponsibleID: concern.firstResponsibleID,
            responsibleUnitID: concern.responsibleUnitID,
            escalations: concern.escalations.map { EscalationStep(fromUnitID: $0.fromUnitID, fromTier: $0.fromTier, on: $0.on) },
            latestFeedback: concern.latestFeedback.map {
                FeedbackFact(on: $0.on, effect: $0.effect, satisfaction: $0.satisfaction, score: $0.score)
            })
    }

    /// Taken into handling by a library: defined (or beyond), not referred away.
    public var isAccepted: Bool { stage.isAccepted }

    /// Answered: taken into handling, or referred with an explanation to the person.
    public var isAnswered: Bool { isAccepted || stage == .referred }

    /// Past its deadline and not solved on `day`, with the clock running. For a day in the
    /// past this reads today's record (a concern referred since then counts as referred).
    public func isOverdue(on day: Day) -> Bool {
        guard let due, due < day, reportedOn <= day, pausedSince == nil,
              ![.referred, .watch, .found, .analysing].contains(stage) else { return false }
        return solvedOn.map { $0 > day } ?? true
    }

    public func daysOverdue(on day: Day) -> Int {
        guard isOverdue(on: day), let due else { return 0 }
        return day.days(since: due)
    }

    /// Solved on or before its deadline (nil: no deadline or not solved).
    public var solvedOnTime: Bool? {
        guard let solvedOn, let due else { return nil }
        return solvedOn <= due
    }

    /// Days from intake to solved, the paused days left out.
    public var daysToSolve: Int? {
        solvedOn.map { max(0, $0.days(since: reportedOn) - pausedDays) }
    }
}
