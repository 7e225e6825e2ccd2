import Foundation
import Testing
@testable import WentiCore

/// The formulas of docs/METRICS.md on a hand-made month, every figure counted by hand.
@Suite("Figures and the bulletin")
struct FiguresTests {
    static func fact(_ sequence: Int, unit: UnitID = "t1", tier: Tier = .l1, grade: Grade? = .general, stage: Stage,
                     reported: String, due: String? = nil, solved: String? = nil, closed: String? = nil, withFeedback: Bool = false,
                     referred: String? = nil, escalated: String? = nil, feedback: (String, FeedbackRecord.Effect, FeedbackRecord.Satisfaction, Int)? = nil) -> ConcernFact {
        ConcernFact(
            code: ConcernCode(year: 2026, sequence: sequence), title: "问题\(sequence)", unitID: unit, tier: tier,
            originUnitID: escalated == nil ? unit : "t1", originTier: escalated == nil ? tier : .l1, categoryID: "team-burden",
            channel: .goDownVisit, grade: grade, stage: stage, reportedOn: Day(reported)!, due: due.flatMap(Day.init),
            solvedOn: solved.flatMap(Day.init), closedOn: closed.flatMap(Day.init), closedWithFeedback: withFeedback,
            referredOn: referred.flatMap(Day.init), escalatedOn: escalated.flatMap(Day.init),
            latestFeedback: feedback.map { .init(on: Day($0.0)!, effect: $0.1, satisfaction: $0.2, score: $0.3) })
    }

    /// November 2026, judged on 2026-11-30.
    static let facts: [ConcernFact] = [
        // 1: found in Nov, solved on time, closed with satisfied feedback.
        fact(1, stage: .closed, reported: "2026-11-02", due: "2026-11-20", solved: "2026-11-12", closed: "2026-11-15", withFeedback: true,
             feedback: ("2026-11-14", .confirmed, .satisfied, 5)),
        // 2: found in Nov, still found (not answered).
        fact(2, grade: nil, stage: .found, reported: "2026-11-03"),
        // 3: found in Nov, referred in Nov (answered, not accepted).
        fact(3, grade: nil, stage: .referred, reported: "2026-11-04", referred: "2026-11-06"),
        // 4: found in Oct, solving, due 2026-11-10: overdue at month end.
        fact(4, grade: .urgent, stage: .solving, reported: "2026-10-20", due: "2026-11-10"),
        // 5: found in Oct, solved late in Nov (due 11-05, solved 11-09), awaiting feedback.
        fact(5, grade: .major, stage: .awaitingFeedback, reported: "2026-10-01", due: "2026-11-05", solved: "2026-11-09"),
        // 6: found in Nov in a team library, escalated to the department, solving, not yet due.
        fact(6, unit: "d1", tier: .l2, grade: .major, stage: .solving, reported: "2026-11-08", due: "2026-12-08", escalated: "2026-11-09"),
        // 7: found in Sep, closed in Nov without feedback; its feedback earlier (dissatisfied, no effect) in Oct.
        fact(7, unit: "t3", stage: .closed, reported: "2026-09-01", due: "2026-10-31", solved: "2026-10-10", closed: "2026-11-20",
             feedback: ("2026-10-15", .no, .dissatisfied, 2)),
        // 8: found in Nov, closed in Nov with basically-satisfied, partly effective feedback; solved, no deadline (budding re-graded).
        fact(8, unit: "t3", grade: .general, stage: .closed, reported: "2026-11-01", solved: "2026-11-21", closed: "2026-11-25",
             withFeedback: true, feedback: ("2026-11-24", .partly, .basicallySatisfied, 4)),
        // 9: found in Dec: outside the period altogether.
        fact(9, stage: .found, reported: "2026-12-01"),
    ]

    static let november = Period(month: YearMonth("2026-11")!)
    static let today = Day("2026-12-10")!

    @Test func countsAndRatesMatchTheHandCount() {
        let f = Figures(Self.facts, in: Self.november, today: Self.today)
        #expect(f.found == 5)             // 1, 2, 3, 6, 8
        #expect(f.accepted == 3)          // 1, 6, 8
        #expect(f.answered == 4)          // + 3 referred
        #expect(f.escalated == 1)         // 6
        #expect(f.solved == 3)            // 1, 5, 8
        #expect(f.solvedWithDeadline == 2 && f.solvedOnTime == 1)   // 1 on time, 5 late, 8 no deadline
        #expect(f.overdue == 1)           // 4 (judged on 11-30)
        #expect(f.referred == 1)
        #expect(f.closed == 3 && f.closedWithFeedback == 2)          // 1, 7, 8; 7 without
        #expect(f.closedFromL1 == 3 && f.closedOnOwnGround == 3)
        #expect(f.feedback == 2 && f.satisfied == 2 && f.effectConfirmed == 1 && f.scoreTotal == 9)
        #expect(f.responseRate == 0.8)
        #expect(f.onTimeRate == 0.5)
        #expect(f.satisfactionRate == 1.0)
        #expect(f.resolutionRate == 0.5)
        #expect(f.everyItemAnsweredRate == 2.0 / 3.0)
        #expect(f.escalationRate == 0.2)
        #expect(f.meanScore == 4.5)
        // Days to solve: 1 took 10 days (general), 8 took 20 (general), 5 took 39 (major).
        #expect(f.medianDaysToSolve(.general) == 15)
        #expect(f.medianDaysToSolve(.major) == 39)
        #expect(f.medianDaysToSolve(.urgent) == nil)
        #expect(Figures.percent(f.everyItemAnsweredRate) == "66.7%" && Figures.percent(0.5) == "50%" && Figures.percent(nil) == "—")
    }

    @Test func overdueIsJudgedOnTheLastDayOrToday() {
        let midMonth = Figures(Self.facts, in: Self.november, today: Day("2026-11-08")!)
        #expect(midMonth.overdue == 1, "5 was due 11-05 and not solved until 11-09; 4 not yet due on 11-08")
        let october = Figures(Self.facts, in: Period(month: YearMonth("2026-10")!), today: Self.today)
        #expect(october.found == 2 && october.solved == 1 && october.overdue == 0)
        #expect(october.feedback == 1 && october.satisfactionRate == 0)
    }

    @Test func bulletinBreaksDownAndNamesNotableCases() throws {
        let notice = try SupervisionNotice(id: "DB-1", concern: ConcernCode(year: 2026, sequence: 4), issuedOn: Day("2026-11-11")!,
                                           issuedByID: "pw", toUnitID: "d1", toPersonID: "dh1", nodes: [.init(title: "完成", due: Day("2026-11-18")!)])
            .chased(on: Day("2026-11-20")!, by: "pw", text: "催办")
        let bulletin = Bulletin(facts: Self.facts, notices: [notice], period: Self.november, today: Self.today, organisation: Fixtures.organisation)
        #expect(bulletin.asOf == Day("2026-11-30"))
        #expect(bulletin.byGrade.map(\.figures.found) == [0, 1, 2, 0, 2])   // urgent, major, general (1, 8), budding, ungraded (2, 3)
        // 6 was found in a team's library (L1) and escalated: found counts at the tier it was found in.
        #expect(bulletin.byTier.map(\.figures.found) == [5, 0, 0])
        #expect(bulletin.byTier.map(\.figures.escalated) == [1, 0, 0])
        // Rolled up to departments: t1 and d1 → 运检部, t3 → 营销部.
        #expect(bulletin.byUnit.map(\.label.zh) == ["运检部", "营销部"])
        #expect(bulletin.byUnit.map(\.figures.closed) == [1, 2])
        #expect(bulletin.byStage.map(\.stage) == [.found, .solving, .closed, .referred])
        #expect(bulletin.notices == Bulletin.NoticeCounts(issued: 1, completed: 0, overdue: 1, chasers: 1, chasersAnswered: 0))
        // The most overdue first; the urgent one was found in October, so it is named for being overdue.
        #expect(bulletin.notable.map(\.code.sequence) == [4])
        #expect(bulletin.notable.first?.why.zh == "逾期 20 天")
    }

    @Test func periodsReadAsMonthsOrDays() {
        #expect(Self.november.description == "2026-11")
        #expect(Period(months: YearMonth("2026-12")!, YearMonth("2026-10")!).description == "2026-10..2026-12")
        #expect(Period(months: YearMonth("2026-10")!, YearMonth("2026-12")!).months.count == 3)
        #expect(Period(from: Day("2026-11-03")!, to: Day("2026-11-01")!).description == "2026-11-01..2026-11-03")
    }
}

/// Issue 14, "Figures and assessment": each part of a concern counts where it happened, the
/// solving department has its own view, units without activity are not scored, rates with
/// nothing under them are "—", quarters are calendar quarters, and a figure names exactly
/// the concerns behind it.
@Suite("Where figures count (issue 14)")
struct FigurePlacesTests {
    static let november = Period(month: YearMonth("2026-11")!)
    static let today = Day("2026-12-10")!

    /// Found at t1 on 11-02, escalated t1 → d1 on 11-05 and d1 → co on 11-12, solved at the
    /// company on 11-20; and one found at t3 and solved there.
    static let escalatedTwice = ConcernFact(
        code: ConcernCode(year: 2026, sequence: 1), title: "跨部门", unitID: "co", tier: .l3, originUnitID: "t1", originTier: .l1,
        categoryID: "team-burden", channel: .goDownVisit, grade: .major, stage: .awaitingFeedback, reportedOn: Day("2026-11-02")!,
        due: Day("2026-12-01")!, solvedOn: Day("2026-11-20")!, escalatedOn: Day("2026-11-05")!,
        escalations: [.init(fromUnitID: "t1", fromTier: .l1, on: Day("2026-11-05")!), .init(fromUnitID: "d1", fromTier: .l2, on: Day("2026-11-12")!)])
    static let solvedAtHome = ConcernFact(
        code: ConcernCode(year: 2026, sequence: 2), title: "本地", unitID: "t3", tier: .l1, originUnitID: "t3", originTier: .l1,
        categoryID: "career", channel: .goDownVisit, grade: .general, stage: .awaitingFeedback, reportedOn: Day("2026-11-03")!,
        due: Day("2026-12-30")!, solvedOn: Day("2026-11-10")!)

    @Test func foundCountsWhereItWasFoundSolvedWhereItWasSolvedEscalationsApart() {
        let figures = UnitFigures.rolledUp([Self.escalatedTwice, Self.solvedAtHome], organisation: Fixtures.organisation,
                                           period: Self.november, today: Self.today)
        // Found at the team, so at its department and the company too; never at the library it ended in alone.
        #expect(figures["t1"]?.found == 1 && figures["d1"]?.found == 1 && figures["co"]?.found == 2)
        // Solved where it was solved (the company's own library): not at t1 or d1.
        #expect(figures["t1"]?.solved ?? 0 == 0 && figures["d1"]?.solved ?? 0 == 0 && figures["co"]?.solved == 2)
        // Each escalation at the library that submitted it: t1 once, d1's subtree twice.
        #expect(figures["t1"]?.escalated == 1 && figures["d1"]?.escalated == 2 && figures["co"]?.escalated == 2)
        #expect(figures["t3"]?.found == 1 && figures["t3"]?.solved == 1 && figures["d2"]?.escalated ?? 0 == 0)
        // Outside the period the escalations are not counted.
        let october = UnitFigures.rolledUp([Self.escalatedTwice], organisation: Fixtures.organisation,
                                           period: Period(month: YearMonth("2026-10")!), today: Self.today)
        #expect(october["t1"]?.escalated ?? 0 == 0)
        // The bulletin breaks down the same way: 运检部 found it, the company solved it.
        let bulletin = Bulletin(facts: [Self.escalatedTwice, Self.solvedAtHome], notices: [], period: Self.november, today: Self.today,
                                organisation: Fixtures.organisation)
        let byUnit = Dictionary(uniqueKeysWithValues: bulletin.byUnit.map { ($0.label.zh, $0.figures) })
        #expect(byUnit["运检部"]?.found == 1 && byUnit["运检部"]?.solved == 0 && byUnit["运检部"]?.escalated == 2)
        #expect(bulletin.byTier.map(\.figures.found) == [2, 0, 0] && bulletin.byTier.map(\.figures.solved) == [1, 0, 1])
    }

    @Test func theSolvingDepartmentHasItsOwnView() {
        // Three concerns held by teams of 运检部 (d1), each overdue on 11-30, with 营销部 (d2) named to solve them.
        let overdue = (1...3).map { n in
            ConcernFact(code: ConcernCode(year: 2026, sequence: 10 + n), title: "招聘\(n)", unitID: "t1", tier: .l1, originUnitID: "t1",
                        originTier: .l1, categoryID: "career", channel: .goDownVisit, grade: .general, stage: .solving,
                        reportedOn: Day("2026-10-01")!, due: Day("2026-11-15")!, firstResponsibleID: "dh1", responsibleUnitID: "d2")
        }
        var builder = UnitFigures.Builder(period: Self.november, today: Self.today)
        overdue.forEach { builder.add($0) }
        #expect(builder.rolledUp(Fixtures.organisation)["d2"]?.overdue ?? 0 == 0, "the library view counts where the concerns are held")
        #expect(builder.bySolvingUnit["d2"]?.overdue == 3)
        #expect(builder.bySolvingUnit["d1"] == nil)
    }

    @Test func aUnitsFiguresDoNotDependOnWhoLooks() {
        let figures = UnitFigures.rolledUp([Self.escalatedTwice, Self.solvedAtHome], organisation: Fixtures.organisation,
                                           period: Self.november, today: Self.today)
        let teamLeader = Permissions.unitsShownInFigures(of: Fixtures.organisation.person("tl1")!, for: .figures, in: Fixtures.organisation)
        let shown = UnitFigures.shown(figures, to: teamLeader)
        #expect(Set(shown.keys) == ["t1"])
        #expect(shown["t1"] == figures["t1"], "narrowing only hides rows")
        let everyone = Permissions.unitsShownInFigures(of: Fixtures.organisation.person("pw")!, for: .figures, in: Fixtures.organisation)
        #expect(UnitFigures.shown(figures, to: everyone) == figures)
        // A ranking narrowed keeps the organisation's ranks.
        let ranking = Assessment.rank(["d1", "d2"], figures: figures, weights: .standard)
        #expect(Assessment.shown(ranking, to: ["d2"]).map(\.rank) == ranking.filter { $0.unitID == "d2" }.map(\.rank))
    }

    @Test func aRateWithNothingUnderItIsADash() {
        // Solved in November, its people contacted on 12-05: December solved nothing.
        var fact = Self.solvedAtHome
        fact.latestFeedback = .init(on: Day("2026-12-05")!, effect: .confirmed, satisfaction: .satisfied, score: 5)
        let december = Figures([fact], in: Period(month: YearMonth("2026-12")!), today: Day("2026-12-20")!)
        #expect(december.solved == 0)
        #expect(december.resolutionRate == nil && Figures.percent(december.resolutionRate) == "—")
        // The feedback belongs to November's solving.
        let november = Figures([fact], in: Self.november, today: Day("2026-12-20")!)
        #expect(november.solved == 1 && november.resolutionRate == 1)
    }

    @Test func aUnitWithoutActivityHasNoScoreAndNoRank() throws {
        // Nothing found, solved or overdue; one return contact, satisfied: it used to score 100.
        var quiet = Figures()
        quiet.feedback = 1; quiet.satisfied = 1; quiet.closed = 1; quiet.closedWithFeedback = 1
        var busy = Figures()
        busy.found = 4; busy.answered = 3; busy.solved = 2; busy.solvedWithDeadline = 2; busy.solvedOnTime = 1
        let ranking = Assessment.rank(["d1", "d2"], figures: ["d1": quiet, "d2": busy], weights: .standard)
        #expect(ranking.map(\.unitID) == ["d2", "d1"])
        #expect(ranking.map(\.rank) == [1, nil] && ranking[1].score == nil)
        #expect(ranking[1].scoreText(.zh) == "无数据" && ranking[1].scoreText(.en) == "no data")
        // The weights say the minimum: with 7, the busy one (activity 6) is not scored either.
        let strict = try AssessmentWeights(minimumActivity: 7)
        #expect(Assessment.rank(["d1", "d2"], figures: ["d1": quiet, "d2": busy], weights: strict).allSatisfy { $0.score == nil })
        #expect(throws: AssessmentError.minimumActivityBelowOne(0)) { try AssessmentWeights(minimumActivity: 0) }
    }

    @Test func quartersAreCalendarQuarters() {
        #expect(Period(quarterOf: YearMonth("2026-11")!) == Period(months: YearMonth("2026-10")!, YearMonth("2026-12")!))
        #expect(Period(quarterOf: YearMonth("2026-10")!) == Period(quarterOf: YearMonth("2026-12")!))
        #expect(Period(quarterOf: YearMonth("2026-03")!) == Period(months: YearMonth("2026-01")!, YearMonth("2026-03")!))
        #expect(Period(quarterOf: YearMonth("2026-09")!).description == "2026-07..2026-09")
    }

    @Test func aFigureCellHoldsExactlyTheConcernsItCounts() {
        let facts = [Self.escalatedTwice, Self.solvedAtHome]
        let org = Fixtures.organisation
        var builder = UnitFigures.Builder(period: Self.november, today: Self.today)
        facts.forEach { builder.add($0) }
        let figures = builder.rolledUp(org)
        for unit in org.unitsInTreeOrder {
            for measure in FigureMeasure.allCases where measure != .escalated {
                let cell = FigureCell.unit(unit.id, measure: measure, period: Self.november, today: Self.today, organisation: org)
                #expect(facts.filter(cell.includes).count == measure.value(in: figures[unit.id] ?? Figures()),
                        "\(unit.id) \(measure)")
            }
        }
        let found = FigureCell.unit("t1", measure: .found, period: Self.november, today: Self.today, organisation: org)
        #expect(facts.filter(found.includes).map(\.code.sequence) == [1])
        let escalated = FigureCell.unit("d1", measure: .escalated, period: Self.november, today: Self.today, organisation: org)
        #expect(facts.filter(escalated.includes).map(\.code.sequence) == [1], "two escalations, one concern behind them")
        let career = FigureCell.unit("co", measure: .solved, period: Self.november, today: Self.today, organisation: org, categoryID: "career")
        #expect(facts.filter(career.includes).map(\.code.sequence) == [2])
    }
}
