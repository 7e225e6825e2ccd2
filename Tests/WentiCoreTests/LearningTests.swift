import Foundation
import Testing
@testable import WentiCore

@Suite("Trends, assessment and practice search")
struct LearningTests {
    static func fact(_ sequence: Int, unit: UnitID, category: CategoryID, reported: String) -> ConcernFact {
        ConcernFact(code: ConcernCode(year: 2026, sequence: sequence), title: "问题\(sequence)", unitID: unit, tier: .l1, originUnitID: unit,
                    originTier: .l1, categoryID: category, channel: .hotline, grade: nil, stage: .found, reportedOn: Day(reported)!, due: nil)
    }

    @Test func risingIsCountedPerDepartmentAndCategory() {
        // 运检部 (t1, t2) workload: 1 in Sep, 1 in Oct, 3 in Nov; 营销部 (t3) workload: 2 in Oct, 1 in Nov; career only in Oct.
        let facts = [
            Self.fact(1, unit: "t1", category: "team-burden", reported: "2026-09-10"),
            Self.fact(2, unit: "t2", category: "team-burden", reported: "2026-10-03"),
            Self.fact(3, unit: "t1", category: "team-burden", reported: "2026-11-01"),
            Self.fact(4, unit: "t2", category: "team-burden", reported: "2026-11-12"),
            Self.fact(5, unit: "d1", category: "team-burden", reported: "2026-11-30"),
            Self.fact(6, unit: "t3", category: "team-burden", reported: "2026-10-08"),
            Self.fact(7, unit: "t3", category: "team-burden", reported: "2026-10-09"),
            Self.fact(8, unit: "t3", category: "team-burden", reported: "2026-11-20"),
            Self.fact(9, unit: "t3", category: "career", reported: "2026-10-20"),
            Self.fact(10, unit: "t3", category: "career", reported: "2026-05-20"),   // outside the window
        ]
        let months = Trends.months(endingWith: YearMonth("2026-11")!, count: 3)
        #expect(months.map(\.description) == ["2026-09", "2026-10", "2026-11"])
        let trends = Trends(facts, months: months, organisation: Fixtures.organisation)
        #expect(trends.byCategory.map(\.categoryID) == ["team-burden", "career"])
        #expect(trends.byCategory[0].counts == [1, 3, 4] && trends.byCategory[0].isRising)
        #expect(trends.byCategory[1].counts == [0, 1, 0] && !trends.byCategory[1].isRising)
        #expect(trends.rising.map(\.unitID) == ["d1"], "only 运检部 rose: 1 → 3; 营销部 fell 2 → 1")
        #expect(trends.rising.first?.before == 1 && trends.rising.first?.latest == 3)
        // Quarter on quarter: six months, the last three against the three before.
        let quarters = Trends(facts, months: Trends.months(endingWith: YearMonth("2026-11")!, count: 6), organisation: Fixtures.organisation, window: 3)
        #expect(Set(quarters.rising.map(\.unitID)) == ["d1", "d2"])
        #expect(quarters.rising.first { $0.unitID == "d2" && $0.categoryID == "career" }.map { ($0.before, $0.latest) } ?? (9, 9) == (0, 1), "May is outside the six months")
    }

    @Test func unitFiguresRollUpTheSubtree() {
        let facts = [Self.fact(1, unit: "t1", category: "career", reported: "2026-11-02"), Self.fact(2, unit: "t2", category: "career", reported: "2026-11-03"),
                     Self.fact(3, unit: "t3", category: "career", reported: "2026-11-04")]
        let figures = UnitFigures.rolledUp(facts, organisation: Fixtures.organisation, period: Period(month: YearMonth("2026-11")!), today: Day("2026-12-01")!)
        #expect(figures["t1"]?.found == 1 && figures["d1"]?.found == 2 && figures["d2"]?.found == 1 && figures["co"]?.found == 3)
    }

    @Test func scoresAreWeightedMeansOfTheRatesTheUnitHas() throws {
        var good = Figures()
        good.found = 10; good.answered = 9           // response 0.9
        good.solvedWithDeadline = 4; good.solvedOnTime = 4   // on time 1.0
        good.feedback = 4; good.satisfied = 4          // satisfaction 1.0
        good.solvedWithFeedback = 4; good.solvedEffectConfirmed = 3   // resolution 0.75
        good.closed = 4; good.closedWithFeedback = 4  // every item 1.0
        // (25·0.9 + 20·1 + 20·0.75 + 20·1 + 15·1) / 100 · 100 = 92.5
        #expect(Assessment.score(good, weights: .standard) == 92.5)
        var late = good
        late.overdue = 3
        #expect(Assessment.score(late, weights: .standard) == 86.5, "2 points off per overdue concern")
        var onlyFound = Figures()
        onlyFound.found = 2; onlyFound.answered = 1
        #expect(Assessment.score(onlyFound, weights: .standard) == 50, "rates without a denominator are left out, not zero")
        #expect(Assessment.score(Figures(), weights: .standard) == nil)
        let ranking = Assessment.rank(["d1", "d2", "t3", "t1"], figures: ["d1": good, "d2": late, "t3": good, "t1": Figures()], weights: .standard)
        #expect(ranking.map(\.unitID) == ["d1", "t3", "d2", "t1"])
        #expect(ranking.map(\.rank) == [1, 1, 3, nil])
        // Six scored: two on each list, the middle two on neither; an unscored unit on none.
        let six = (1...6).map { UnitScore(unitID: UnitID("u\($0)"), figures: Figures(), score: Double(100 - $0), rank: $0) }
            + [UnitScore(unitID: "u7", figures: Figures(), score: nil, rank: nil)]
        #expect(Assessment.standings(six, mark: 3) == [.top, .top, nil, nil, .bottom, .bottom, nil])
        #expect(Assessment.standings(Array(six.prefix(2)), mark: 3) == [nil, nil], "two units make no lists")
        #expect(throws: AssessmentError.negativeWeight("on-time", -1)) { try AssessmentWeights(onTime: -1) }
        #expect(throws: AssessmentError.allWeightsZero) {
            try AssessmentWeights(response: 0, onTime: 0, resolution: 0, satisfaction: 0, everyItemAnswered: 0, ownGround: 0)
        }
    }

    @Test func practicesAreFoundByWordsAndByLikeness() throws {
        let entry = PracticeEntry(id: "SJ-2026-001", library: .caseAnalysis, title: "班组报表精简", situation: "新进大学生一周两天填表",
                                  rootCause: "各部门各自布置报表", actions: "合并为一张月报", watchPoints: "防止反弹", categoryIDs: ["team-burden"],
                                  tags: ["减负"], sources: [ConcernCode(year: 2026, sequence: 1)], createdOn: Day("2026-11-01")!, authorID: "pw")
        #expect(PracticeSearch.matches(entry, text: "报表 减负"))
        #expect(PracticeSearch.matches(entry, text: "月报"))
        #expect(!PracticeSearch.matches(entry, text: "报表 食堂"))
        var concern = try Fixtures.found()
        concern.code = ConcernCode(year: 2026, sequence: 9)
        concern.title = "检修班报表也太多"
        #expect(PracticeSearch.related(to: concern, in: [entry]).map(\.id) == ["SJ-2026-001"])
        concern.categoryID = "career"
        #expect(PracticeSearch.related(to: concern, in: [entry]).isEmpty, "another category")
        #expect(PracticeSearch.likeness("班组报表太多", "检修班报表也太多") == 2)
    }
}
