/// The counts of a period over a set of concerns, and the rates made from them. Every
/// formula is written down in docs/METRICS.md; a rate with nothing to divide by is nil
/// (shown as "—"), never 0% or 100%.
public struct Figures: Sendable, Hashable {
    /// Taken in during the period (发现数).
    public var found = 0
    /// Of those found: taken into handling (defined or beyond, not referred away).
    public var accepted = 0
    /// Of those found: accepted or referred with an explanation (answered).
    public var answered = 0
    /// Escalations to a higher tier made during the period (each submission once, at the
    /// library that submitted it).
    public var escalated = 0
    /// Solved during the period (办结).
    public var solved = 0
    /// Of those solved: the ones that had a deadline, and the ones solved by it.
    public var solvedWithDeadline = 0
    public var solvedOnTime = 0
    /// Of those solved: the ones whose people have been contacted since (their latest
    /// feedback, whenever it came), and of those, the ones that confirmed the effect.
    public var solvedWithFeedback = 0
    public var solvedEffectConfirmed = 0
    /// Past the deadline and not solved at the end of the period (or today, if earlier).
    public var overdue = 0
    /// Referred to a department during the period (转办).
    public var referred = 0
    /// Closed during the period, and of those, closed with feedback.
    public var closed = 0
    public var closedWithFeedback = 0
    /// Of the closed ones first taken into a team's library (L1): closed there without
    /// escalation or referral (就地解决).
    public var closedFromL1 = 0
    public var closedOnOwnGround = 0
    /// Feedback recorded during the period (the latest per concern), and what it said.
    public var feedback = 0
    public var satisfied = 0
    public var effectConfirmed = 0
    public var scoreTotal = 0
    /// Days from intake to solved (pauses left out) of the concerns solved in the period.
    public var daysToSolve: [Grade: [Int]] = [:]

    public init() {}

    /// The figures of `facts` for `period`, judging "overdue" on the period's last day or on
    /// `today` when the period has not ended yet.
    public init(_ facts: some Sequence<ConcernFact>, in period: Period, today: Day) {
        let asOf = min(period.to, today)
        for fact in facts { add(fact, in: period, asOf: asOf) }
    }

    /// Counts one more fact, every part of it here (for figures over one bucket such as a
    /// grade or a category, where it does not matter which library did what).
    /// `asOf`: the day "overdue" is judged on, `min(period.to, today)`.
    public mutating func add(_ fact: ConcernFact, in period: Period, asOf: Day) {
        addFinding(fact, in: period)
        for step in fact.escalations where period.contains(step.on) { escalated += 1 }
        addHandling(fact, in: period, asOf: asOf)
    }

    /// Adds `fact` to the figures of each place it counts in, so that no concern changes
    /// place when it moves: its finding where it was found (the library it was taken into),
    /// each escalation where it was submitted from, and its handling (solved, overdue,
    /// referred, closed, feedback) where it is handled (the library that holds it; a
    /// concern is never moved once solved, so that is also where it was solved).
    /// A nil key leaves that part out.
    public static func distribute<Key: Hashable>(_ fact: ConcernFact, in period: Period, asOf: Day, into table: inout [Key: Figures],
                                                 foundIn: Key?, escalatedFrom: (ConcernFact.EscalationStep) -> Key?, handledBy: Key?) {
        if let foundIn, period.contains(fact.reportedOn) { table[foundIn, default: Figures()].addFinding(fact, in: period) }
        for step in fact.escalations where period.contains(step.on) {
            if let key = escalatedFrom(step) { table[key, default: Figures()].escalated += 1 }
        }
        if let handledBy { table[handledBy, default: Figures()].addHandling(fact, in: period, asOf: asOf) }
    }

    /// The finding part: found, accepted and answered, when it was taken in during the period.
    mutating func addFinding(_ fact: ConcernFact, in period: Period) {
        guard period.contains(fact.reportedOn) else { return }
        found += 1
        if fact.isAccepted { accepted += 1 }
        if fact.isAnswered { answered += 1 }
    }

    /// The handling part: what was solved, left overdue, referred, closed and answered.
    mutating func addHandling(_ fact: ConcernFact, in period: Period, asOf: Day) {
        if period.contains(fact.solvedOn) {
            solved += 1
            if let onTime = fact.solvedOnTime {
                solvedWithDeadline += 1
                if onTime { solvedOnTime += 1 }
            }
            if let days = fact.daysToSolve, let grade = fact.grade { daysToSolve[grade, default: []].append(days) }
            if let latest = fact.latestFeedback {
                solvedWithFeedback += 1
                if latest.effect == .confirmed { solvedEffectConfirmed += 1 }
            }
        }
        if fact.isOverdue(on: asOf) { overdue += 1 }
        if period.contains(fact.referredOn) { referred += 1 }
        if period.contains(fact.closedOn) {
            closed += 1
            if fact.closedWithFeedback { closedWithFeedback += 1 }
            if fact.originTier == .l1 {
                closedFromL1 += 1
                if fact.escalatedOn == nil && fact.referredOn == nil { closedOnOwnGround += 1 }
            }
        }
        if let latest = fact.latestFeedback, period.contains(latest.on) {
            feedback += 1
            if latest.satisfaction.countsAsSatisfied { satisfied += 1 }
            if latest.effect == .confirmed { effectConfirmed += 1 }
            scoreTotal += latest.score
        }
    }

    /// What a unit had to answer for in the period: concerns found, solved, or left overdue
    /// there. Below the assessment's minimum a unit has no score ("无数据").
    public var activity: Int { found + solved + overdue }

    /// Adds another set of figures to these (a department's are the sum of its libraries').
    public mutating func merge(_ other: Figures) {
        found += other.found
        accepted += other.accepted
        answered += other.answered
        escalated += other.escalated
        solved += other.solved
        solvedWithDeadline += other.solvedWithDeadline
        solvedOnTime += other.solvedOnTime
        solvedWithFeedback += other.solvedWithFeedback
        solvedEffectConfirmed += other.solvedEffectConfirmed
        overdue += other.overdue
        referred += other.referred
        closed += other.closed
        closedWithFeedback += other.closedWithFeedback
        closedFromL1 += other.closedFromL1
        closedOnOwnGround += other.closedOnOwnGround
        feedback += other.feedback
        satisfied += other.satisfied
        effectConfirmed += other.effectConfirmed
        scoreTotal += other.scoreTotal
        daysToSolve.merge(other.daysToSolve) { $0 + $1 }
    }

    // MARK: Rates (0...1, nil when nothing to divide by)

    /// 响应率: answered / found.
    public var responseRate: Double? { Self.rate(answered, found) }
    /// 按期办结率: solved by the deadline / solved with a deadline.
    public var onTimeRate: Double? { Self.rate(solvedOnTime, solvedWithDeadline) }
    /// 解决率: of the concerns solved in the period whose people have been contacted, the
    /// share that confirmed the effect. Over what was solved, so that a period that solved
    /// nothing has no resolution rate ("—"), however much feedback came in during it.
    public var resolutionRate: Double? { Self.rate(solvedEffectConfirmed, solvedWithFeedback) }
    /// 满意率: satisfied or basically satisfied / feedback.
    public var satisfactionRate: Double? { Self.rate(satisfied, feedback) }
    /// 件件有回音: closed with feedback / closed.
    public var everyItemAnsweredRate: Double? { Self.rate(closedWithFeedback, closed) }
    /// 就地解决率: closed on own ground / closed from L1.
    public var ownGroundRate: Double? { Self.rate(closedOnOwnGround, closedFromL1) }
    /// 上报率: escalated / found.
    public var escalationRate: Double? { Self.rate(escalated, found) }
    /// The mean feedback score (1-5).
    public var meanScore: Double? { feedback == 0 ? nil : Double(scoreTotal) / Double(feedback) }

    /// The median days to solve for a grade (the mean of the two middle values when even).
    public func medianDaysToSolve(_ grade: Grade) -> Double? {
        guard let days = daysToSolve[grade], !days.isEmpty else { return nil }
        let sorted = days.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? Double(sorted[middle - 1] + sorted[middle]) / 2 : Double(sorted[middle])
    }

    static func rate(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }

    /// "93.5%", or "—" when there is nothing to divide by.
    public static func percent(_ rate: Double?) -> String {
        guard let rate else { return "—" }
        let tenths = (rate * 1000).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10))%" : "\(tenths / 10)%"
    }
}

extension Organisation {
    /// The unit a figure is rolled up to for a company-wide breakdown: the department (or
    /// secondary unit) above a team, the unit itself at the department level, the company.
    public func rollUpUnit(of id: UnitID) -> OrgUnit? {
        let path = pathToRoot(from: id)
        return path.count >= 2 ? path[path.count - 2] : path.last
    }
}
