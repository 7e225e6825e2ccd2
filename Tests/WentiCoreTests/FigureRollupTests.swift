import Testing
@testable import WentiCore

/// The kept rollup gives exactly the figures the facts give: per library, per solving
/// department and the trends, for months and quarters, overdue judged on any day, and after
/// concerns change (the rollup moved by `delta` only).
@Suite("Figure rollup")
struct FigureRollupTests {
    /// A deterministic generator, so that a failure names a fact that can be made again.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func maybe(_ percent: Int) -> Bool { next(100) < percent }
    }

    static let start = Day("2026-01-01")!
    static let libraries: [UnitID] = ["t1", "t2", "t3", "d1", "d2", "co"]

    /// Facts of every shape the figures tell apart: every stage, grade, paused or not,
    /// escalated once or twice, referred, solved before or after the deadline, closed with
    /// and without feedback, feedback of every kind, dates across a year.
    static func fact(_ sequence: Int, _ g: inout Generator) -> ConcernFact {
        let reported = start.adding(days: g.next(330))
        let stage = Stage.allCases[g.next(Stage.allCases.count)]
        let grade: Grade? = g.maybe(20) ? nil : Grade.allCases[g.next(4)]
        let due: Day? = g.maybe(25) ? nil : reported.adding(days: g.next(60) - 5)
        let solved: Day? = [.awaitingFeedback, .closed].contains(stage) || g.maybe(10) ? reported.adding(days: g.next(90)) : nil
        let closed: Day? = stage == .closed ? (solved ?? reported).adding(days: g.next(20)) : nil
        let unit = libraries[g.next(libraries.count)]
        var steps: [ConcernFact.EscalationStep] = []
        if g.maybe(30) { steps.append(.init(fromUnitID: libraries[g.next(3)], fromTier: .l1, on: reported.adding(days: g.next(10)))) }
        if !steps.isEmpty && g.maybe(40) { steps.append(.init(fromUnitID: libraries[3 + g.next(2)], fromTier: .l2, on: steps[0].on.adding(days: g.next(10)))) }
        let feedback: ConcernFact.FeedbackFact? = g.maybe(40) ? .init(
            on: (solved ?? reported).adding(days: g.next(30)), effect: FeedbackRecord.Effect.allCases[g.next(3)],
            satisfaction: FeedbackRecord.Satisfaction.allCases[g.next(3)], score: 1 + g.next(5)) : nil
        let origin = steps.first?.fromUnitID ?? unit
        return ConcernFact(
            code: ConcernCode(year: 2026, sequence: sequence), title: "", unitID: unit, tier: steps.isEmpty ? .l1 : .l2,
            originUnitID: origin, originTier: steps.first?.fromTier ?? .l1, categoryID: CategoryID(["a", "b", "c"][g.next(3)]),
            channel: .goDownVisit, grade: grade, stage: stage, reportedOn: reported, due: due,
            pausedSince: g.maybe(10) ? reported.adding(days: 3) : nil, pausedDays: g.next(5), solvedOn: solved, closedOn: closed,
            closedWithFeedback: closed != nil && g.maybe(50), referredOn: stage == .referred || g.maybe(5) ? reported.adding(days: g.next(5)) : nil,
            escalatedOn: steps.first?.on, responsibleUnitID: g.maybe(60) ? ["d1", "d2"][g.next(2)] : nil,
            escalations: steps, latestFeedback: feedback)
    }

    /// Figures with their days to solve in one order, so that two builders compare equal
    /// however the days were added.
    static func normalised(_ table: [UnitID: Figures]) -> [UnitID: Figures] {
        table.mapValues { figures in
            var figures = figures
            figures.daysToSolve = figures.daysToSolve.mapValues { $0.sorted() }
            return figures
        }.filter { $0.value != Figures() }
    }

    static func expectSame(facts: [ConcernFact], rollup: [FigureRollup.Key: Int], period: Period, today: Day,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let organisation = Fixtures.organisation
        let months = Trends.months(endingWith: period.to.month, count: 6)
        var byFacts = UnitFigures.Builder(period: period, today: today)
        var trendsByFacts = Trends.Builder(months: months, organisation: organisation, window: 1)
        for fact in facts {
            byFacts.add(fact)
            trendsByFacts.add(fact)
        }
        var byRollup = UnitFigures.Builder(period: period, today: today)
        var trendsByRollup = Trends.Builder(months: months, organisation: organisation, window: 1)
        let rows = FigureRollup.selected(rollup, period: FigureRollup.months(of: period), trends: FigureRollup.months(of: months, or: period),
                                         overdueOn: min(period.to, today))
        for (key, n) in rows {
            byRollup.add(key, count: n)
            trendsByRollup.add(key, count: n)
        }
        #expect(normalised(byRollup.rolledUp(organisation)) == normalised(byFacts.rolledUp(organisation)), "\(period)", sourceLocation: sourceLocation)
        #expect(normalised(byRollup.bySolvingUnit) == normalised(byFacts.bySolvingUnit), "\(period) by solving unit", sourceLocation: sourceLocation)
        #expect(trendsByRollup.trends.byCategory == trendsByFacts.trends.byCategory, "\(period) trends", sourceLocation: sourceLocation)
        #expect(trendsByRollup.trends.byUnitAndCategory == trendsByFacts.trends.byUnitAndCategory, "\(period) trends by unit", sourceLocation: sourceLocation)
    }

    static func periods() -> [(Period, Day)] {
        var result: [(Period, Day)] = []
        var month = YearMonth("2026-01")!
        while month <= YearMonth("2027-01")! {
            // Judged at the month's end, and on a day inside it (a period not over yet).
            result.append((Period(month: month), Day("2027-06-01")!))
            result.append((Period(month: month), month.firstDay.adding(days: 12)))
            result.append((Period(quarterOf: month), month.firstDay.adding(days: 20)))
            month = month.next
        }
        return result
    }

    @Test func theRollupGivesTheFiguresOfTheFacts() {
        var g = Generator(state: 17)
        let facts = (1...600).map { Self.fact($0, &g) }
        var rollup: [FigureRollup.Key: Int] = [:]
        for fact in facts { FigureRollup.add(FigureRollup.contributions(of: fact), into: &rollup) }
        #expect(facts.contains { $0.escalations.count == 2 } && facts.contains { $0.pausedSince != nil }, "the facts cover the shapes")
        for (period, today) in Self.periods() {
            Self.expectSame(facts: facts, rollup: rollup, period: period, today: today)
        }
    }

    /// Changing concerns moves the rollup by their delta only, and it stays the facts' figures.
    @Test func deltasKeepTheRollupRight() {
        var g = Generator(state: 99)
        var facts = (1...300).map { Self.fact($0, &g) }
        var rollup: [FigureRollup.Key: Int] = [:]
        for fact in facts { FigureRollup.add(FigureRollup.delta(from: nil, to: fact), into: &rollup) }
        for round in 0..<200 {
            let index = g.next(facts.count)
            var changed = Self.fact(facts[index].code.sequence, &g)
            changed.code = facts[index].code
            FigureRollup.add(FigureRollup.delta(from: facts[index], to: changed), into: &rollup)
            facts[index] = changed
            if round % 50 == 49 {
                for (period, today) in Self.periods().prefix(12) { Self.expectSame(facts: facts, rollup: rollup, period: period, today: today) }
            }
        }
        var fresh: [FigureRollup.Key: Int] = [:]
        for fact in facts { FigureRollup.add(FigureRollup.contributions(of: fact), into: &fresh) }
        #expect(rollup == fresh, "the rollup after 200 changes is the rollup made afresh")
    }

    @Test func onlyWholeMonthsAreAnswered() {
        #expect(FigureRollup.answers(Period(month: YearMonth("2026-02")!)))
        #expect(FigureRollup.answers(Period(quarterOf: YearMonth("2026-11")!)))
        #expect(!FigureRollup.answers(Period(from: Day("2026-02-03")!, to: Day("2026-02-28")!)))
    }
}
