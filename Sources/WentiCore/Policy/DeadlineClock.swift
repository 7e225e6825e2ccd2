/// Deadline arithmetic with paused time excluded.
///
/// While a concern is referred or paused the clock stands still: every day spent so
/// moves the effective deadline one day later. A concern is overdue when its clock runs
/// (defined or solving) and today is past the effective deadline.
public enum DeadlineClock {
    /// The deadline pushed back by the days the clock stood still, up to `today`.
    public static func effectiveDeadline(of concern: Concern, today: Day) -> Day? {
        guard let deadline = concern.deadline else { return nil }
        let running = concern.pausedSince.map { max(0, today.days(since: $0)) } ?? 0
        return deadline.adding(days: concern.pausedDays + running)
    }

    /// Days past the effective deadline (0 when not overdue).
    public static func daysOverdue(_ concern: Concern, today: Day) -> Int {
        daysOverdue(stage: concern.stage, pausedSince: concern.pausedSince, due: effectiveDeadline(of: concern, today: today), today: today)
    }

    /// The rule itself, on the columns a list row carries: the clock runs (defined or
    /// solving, not paused) and `today` is past the effective deadline `due`. Every Swift
    /// judgement of lateness comes here; the SQL backends write the same condition once each
    /// (`Schema.clockRuns` in SQLite), and the store conformance suite checks they agree.
    public static func daysOverdue(stage: Stage, pausedSince: Day?, due: Day?, today: Day) -> Int {
        guard stage.hasRunningDeadline, pausedSince == nil, let due else { return 0 }
        return max(0, today.days(since: due))
    }

    public static func isOverdue(_ concern: Concern, today: Day) -> Bool {
        daysOverdue(concern, today: today) > 0
    }

    /// Solved on or before the effective deadline (nil when not solved or no deadline).
    public static func solvedOnTime(_ concern: Concern) -> Bool? {
        guard let solved = concern.solvedOn, let deadline = concern.deadline else { return nil }
        return solved <= deadline.adding(days: concern.pausedDays)
    }

    /// A budding concern under watch whose monthly review is due.
    public static func isReviewDue(_ concern: Concern, today: Day) -> Bool {
        guard concern.stage == .watch, let review = concern.nextReview else { return false }
        return review <= today
    }
}
