/// The dashboard's figures kept as counts per library and month, so that its first visit
/// reads a few thousand kept rows instead of one fact row per concern (2.2 s at a million).
///
/// Every concern contributes a handful of rows (`contributions(of:)`), each a count under a
/// key: what it counts (`Part`), where (the library; for handling parts also the solving
/// department), when (a month, or a day for overdue) and how (`detail`, the flags the
/// figures tell apart). A store keeps the sum of every concern's contributions and changes
/// it by `delta(from:to:)` in the transaction that changes the concern. Reading them back
/// (`UnitFigures.Builder.add(_:count:)`, `Trends.Builder.add(_:count:)`) gives exactly the
/// figures the facts give, for any period of whole months and any day overdue is judged on;
/// `FigureRollupTests` holds the two side by side.
///
/// Overdue is not a monthly count: a concern is overdue on day D when its clock runs, its
/// deadline is before D, it was taken in by D and it was not solved by D. That is a span of
/// days [start, end), so the rollup keeps +1 on the day it starts and −1 on the day it ends,
/// and the overdue count on D is the sum of everything up to D.
public enum FigureRollup {
    public enum Part: String, Sendable, CaseIterable {
        /// Taken in (where it was found); detail: accepted 1, answered 2.
        case found
        /// One escalation (where it was submitted from), in the month it was made.
        case escalated
        /// Solved (where it is held); detail: `SolvedDetail`.
        case solved
        /// Solved, by grade and days to solve; detail: grade × `daysPerGrade` + days.
        case days
        /// Overdue from `bucket` (a day) on: +1 where the span starts, −1 where it ends.
        case overdue
        /// The same starts and ends summed per month (`bucket` a month): a judging day reads
        /// the months before its own from these, and only its own month's days from `overdue`.
        case overdueMonth
        case referred
        /// Closed; detail: with feedback 1, first taken in at L1 2, closed on its own ground 4.
        case closed
        /// The latest feedback, in the month it came; detail: satisfied 1, effect confirmed 2,
        /// score × 4.
        case feedback
    }

    public struct Key: Sendable, Hashable {
        public var part: Part
        /// Where it counts: the library it was found in (found), the library that submitted
        /// it (escalated), the library that holds it (every handling part).
        public var unitID: UnitID
        /// The department named to solve it (handling parts only).
        public var solvingUnitID: UnitID?
        /// Found only: the trends count by category.
        public var categoryID: CategoryID?
        /// The month (`monthNumber`) or, for overdue, the day's ordinal.
        public var bucket: Int
        public var detail: Int

        public init(part: Part, unitID: UnitID, solvingUnitID: UnitID? = nil, categoryID: CategoryID? = nil, bucket: Int, detail: Int = 0) {
            self.part = part
            self.unitID = unitID
            self.solvingUnitID = solvingUnitID
            self.categoryID = categoryID
            self.bucket = bucket
            self.detail = detail
        }

        /// The handling parts count once for the library and once more for the solving
        /// department (`UnitFigures.Builder.bySolvingUnit`).
        public var isHandling: Bool { ![.found, .escalated].contains(part) }
    }

    /// A month as one number, so that a range of months is a range of numbers.
    public static func monthNumber(_ month: YearMonth) -> Int { month.year * 12 + month.month - 1 }

    public static func month(ofNumber number: Int) -> YearMonth {
        YearMonth(year: number / 12, month: number % 12 + 1)!
    }

    /// Days to solve above this are kept as this many: no grade's deadline comes near it.
    public static let daysPerGrade = 1_000_000

    enum SolvedDetail {
        static let hadDeadline = 1, onTime = 2, hasFeedback = 4, effectConfirmed = 8
    }

    /// Everything one concern adds to the rollup.
    public static func contributions(of fact: ConcernFact) -> [Key: Int] {
        var rows: [Key: Int] = [:]
        let month = { (day: Day) in monthNumber(day.month) }
        var found = 0
        if fact.isAccepted { found |= 1 }
        if fact.isAnswered { found |= 2 }
        rows[Key(part: .found, unitID: fact.originUnitID, categoryID: fact.categoryID, bucket: month(fact.reportedOn), detail: found), default: 0] += 1
        for step in fact.escalations {
            rows[Key(part: .escalated, unitID: step.fromUnitID, bucket: month(step.on)), default: 0] += 1
        }
        func handling(_ part: Part, _ day: Day, _ detail: Int = 0) -> Key {
            Key(part: part, unitID: fact.unitID, solvingUnitID: fact.responsibleUnitID, bucket: month(day), detail: detail)
        }
        if let solved = fact.solvedOn {
            var detail = 0
            if let onTime = fact.solvedOnTime {
                detail |= SolvedDetail.hadDeadline
                if onTime { detail |= SolvedDetail.onTime }
            }
            if let latest = fact.latestFeedback {
                detail |= SolvedDetail.hasFeedback
                if latest.effect == .confirmed { detail |= SolvedDetail.effectConfirmed }
            }
            rows[handling(.solved, solved, detail), default: 0] += 1
            if let days = fact.daysToSolve, let grade = fact.grade, let rank = Grade.allCases.firstIndex(of: grade) {
                rows[handling(.days, solved, rank * daysPerGrade + min(days, daysPerGrade - 1)), default: 0] += 1
            }
        }
        if let span = overdueSpan(fact) {
            for (day, n) in [(span.start, 1)] + (span.end.map { [($0, -1)] } ?? []) {
                rows[Key(part: .overdue, unitID: fact.unitID, solvingUnitID: fact.responsibleUnitID, bucket: day.ordinal), default: 0] += n
                rows[Key(part: .overdueMonth, unitID: fact.unitID, solvingUnitID: fact.responsibleUnitID, bucket: month(day)), default: 0] += n
            }
        }
        if let referred = fact.referredOn { rows[handling(.referred, referred), default: 0] += 1 }
        if let closed = fact.closedOn {
            var detail = fact.closedWithFeedback ? 1 : 0
            if fact.originTier == .l1 {
                detail |= 2
                if fact.escalatedOn == nil && fact.referredOn == nil { detail |= 4 }
            }
            rows[handling(.closed, closed, detail), default: 0] += 1
        }
        if let latest = fact.latestFeedback {
            var detail = latest.score * 4
            if latest.satisfaction.countsAsSatisfied { detail |= 1 }
            if latest.effect == .confirmed { detail |= 2 }
            rows[handling(.feedback, latest.on, detail), default: 0] += 1
        }
        return rows.filter { $0.value != 0 }
    }

    /// The days on which `ConcernFact.isOverdue(on:)` holds: from `start` up to, not
    /// including, `end` (nil: for as long as the record stays as it is). Nil when never.
    static func overdueSpan(_ fact: ConcernFact) -> (start: Day, end: Day?)? {
        guard let due = fact.due, fact.pausedSince == nil, ![.referred, .watch, .found, .analysing].contains(fact.stage) else { return nil }
        let start = max(due.adding(days: 1), fact.reportedOn)
        if let solved = fact.solvedOn, solved <= start { return nil }
        return (start, fact.solvedOn)
    }

    /// What changes in the rollup when a concern changes from `old` to `new` (nil: it did
    /// not exist, or no longer does). Only the keys whose count moves.
    public static func delta(from old: ConcernFact?, to new: ConcernFact?) -> [Key: Int] {
        var rows: [Key: Int] = new.map { contributions(of: $0) } ?? [:]
        let before: [Key: Int] = old.map { contributions(of: $0) } ?? [:]
        for (key, n) in before { rows[key, default: 0] -= n }
        return rows.filter { $0.value != 0 }
    }

    /// Adds `more` into `rows`, dropping what comes to zero.
    public static func add(_ more: [Key: Int], into rows: inout [Key: Int]) {
        for (key, n) in more {
            let sum = rows[key, default: 0] + n
            rows[key] = sum == 0 ? nil : sum
        }
    }

    /// What a store answers (`WorkspaceStore.figureRollup`) from the whole rollup `rows`:
    /// the found rows of `trends` and of `period`, every other part's rows of `period`, and
    /// per library and solving department the overdue count on `day` as one row dated `day`.
    public static func selected(_ rows: [Key: Int], period: ClosedRange<YearMonth>, trends: ClosedRange<YearMonth>,
                                overdueOn day: Day) -> [(Key, Int)] {
        let periodRange = monthNumber(period.lowerBound)...monthNumber(period.upperBound)
        let trendRange = monthNumber(trends.lowerBound)...monthNumber(trends.upperBound)
        var overdue: [Key: Int] = [:]
        var result: [(Key, Int)] = []
        for (key, n) in rows {
            switch key.part {
            case .overdue:
                guard key.bucket <= day.ordinal else { continue }
                var summed = key
                summed.bucket = day.ordinal
                overdue[summed, default: 0] += n
            case .overdueMonth:
                continue
            case .found where trendRange.contains(key.bucket) || periodRange.contains(key.bucket):
                result.append((key, n))
            default:
                if key.part != .found && periodRange.contains(key.bucket) { result.append((key, n)) }
            }
        }
        return result + overdue.filter { $0.value != 0 }.map { ($0.key, $0.value) }
    }

    /// The months of `period`, and of the trends over `trendMonths`.
    public static func months(of period: Period) -> ClosedRange<YearMonth> { period.from.month...period.to.month }

    public static func months(of trendMonths: [YearMonth], or period: Period) -> ClosedRange<YearMonth> {
        (trendMonths.first ?? period.from.month)...(trendMonths.last ?? period.to.month)
    }

    /// Whether the rollup can answer for `period`: it counts by whole months.
    public static func answers(_ period: Period) -> Bool {
        period.from == period.from.month.firstDay && period.to == period.to.month.lastDay
    }
}

extension UnitFigures.Builder {
    /// Adds `count` concerns' worth of one rollup row, as `add(_ fact:)` would have counted
    /// them; rows outside the period (and overdue spans starting after the judging day)
    /// count nothing. The period must be whole months (`FigureRollup.answers`).
    public mutating func add(_ key: FigureRollup.Key, count n: Int) {
        if key.part == .overdueMonth { return }
        if key.part == .overdue {
            guard key.bucket <= asOf.ordinal else { return }
        } else {
            guard period.contains(FigureRollup.month(ofNumber: key.bucket).firstDay) else { return }
        }
        switch key.part {
        case .found:
            perLibrary[key.unitID, default: Figures()].addFound(detail: key.detail, count: n)
        case .escalated:
            perLibrary[key.unitID, default: Figures()].escalated += n
        default:
            perLibrary[key.unitID, default: Figures()].addHandling(key, count: n)
            if let solving = key.solvingUnitID { perSolvingUnit[solving, default: Figures()].addHandling(key, count: n) }
        }
    }
}

extension Trends.Builder {
    /// Counts the found rows of the rollup (the trends count nothing else).
    public mutating func add(_ key: FigureRollup.Key, count n: Int) {
        guard key.part == .found, let category = key.categoryID, let slot = index[FigureRollup.month(ofNumber: key.bucket)] else { return }
        categories[category, default: Array(repeating: 0, count: months.count)][slot] += n
        guard let unit = organisation.rollUpUnit(of: key.unitID) else { return }
        pairs[Trends.UnitAndCategory(unit: unit.id, category: category), default: Array(repeating: 0, count: months.count)][slot] += n
    }
}

extension Figures {
    mutating func addFound(detail: Int, count n: Int) {
        found += n
        if detail & 1 != 0 { accepted += n }
        if detail & 2 != 0 { answered += n }
    }

    /// The handling part of `addHandling(_:in:asOf:)` from one rollup row already known to
    /// fall in the period (or, for overdue, to have started by the judging day).
    mutating func addHandling(_ key: FigureRollup.Key, count n: Int) {
        typealias Solved = FigureRollup.SolvedDetail
        let detail = key.detail
        switch key.part {
        case .found, .escalated:
            break
        case .solved:
            solved += n
            if detail & Solved.hadDeadline != 0 {
                solvedWithDeadline += n
                if detail & Solved.onTime != 0 { solvedOnTime += n }
            }
            if detail & Solved.hasFeedback != 0 {
                solvedWithFeedback += n
                if detail & Solved.effectConfirmed != 0 { solvedEffectConfirmed += n }
            }
        case .days:
            let grade = Grade.allCases[detail / FigureRollup.daysPerGrade]
            daysToSolve[grade, default: []] += Array(repeating: detail % FigureRollup.daysPerGrade, count: max(0, n))
        case .overdue:
            overdue += n
        case .overdueMonth:
            break
        case .referred:
            referred += n
        case .closed:
            closed += n
            if detail & 1 != 0 { closedWithFeedback += n }
            if detail & 2 != 0 {
                closedFromL1 += n
                if detail & 4 != 0 { closedOnOwnGround += n }
            }
        case .feedback:
            feedback += n
            if detail & 1 != 0 { satisfied += n }
            if detail & 2 != 0 { effectConfirmed += n }
            scoreTotal += (detail / 4) * n
        }
    }
}
