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
        #expect(bulletin.byTier.map(\.figures.found) == [4, 1, 0])
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
