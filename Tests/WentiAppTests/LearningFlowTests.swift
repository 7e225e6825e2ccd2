import Foundation
import WentiTestSupport
import Testing
@testable import WentiApp
@testable import WentiCore
@testable import WentiStore
@testable import WentiTerminal

/// Issue "Panes III" done-when, from the keyboard: see which category rises in which
/// department this quarter, open the concerns behind it, read a similar solved case, and
/// write one up so the next similar concern finds it.
@MainActor
@Suite("Practices and the dashboard from the keyboard", .serialized)
struct LearningFlowTests {
    @Test func aSolvedCaseIsWrittenUpAndTheNextSimilarConcernFindsIt() async throws {
        let fixture = try await AppFixture()
        // Q-2026-0024 (青山所 motorbike allowance) is solved, awaiting feedback: x writes it up,
        // prefilled; Right picks the typical-experience library; Enter files it.
        let (written, _) = await fixture.run("/ 摩 托 车 Enter x Right Enter", width: 120, height: 36)
        #expect(written.state.toast == "SJ-2026-004 added to typical experience")
        let entry = try await #require(try fixture.store.practices().first { $0.id == "SJ-2026-004" })
        #expect(entry.library == .typicalExperience && entry.sources == [ConcernCode("Q-2026-0024")!])
        #expect(entry.title == "青山所抄表员摩托车补贴不够油钱" && !entry.actions.isBlank)

        // A new concern of the same category from another station, titled alike.
        let new = try await fixture.store.open(NewConcern(
            title: "石岭所抄表员摩托车补贴太低", description: "油价上涨，补贴不够", categoryID: "income-welfare", channel: .goDownVisit,
            finderID: "zg-zhao", reporter: .named(name: "周明", personID: nil), unitID: "t-sl"), actor: "zg-zhao")
        let (_, detail) = await fixture.run("/ 石 岭 所 抄 表 Enter", width: 120, height: 40, language: .zh)
        #expect(detail.lastFrame.text.contains("相似已解决：Q-2026-0024 青山所抄表员摩托车补贴不够油钱"))
        #expect(detail.lastFrame.text.contains("相关实践：SJ-2026-004 青山所抄表员摩托车补贴不够油钱"))

        // In the practice libraries, / finds the entry by a Chinese substring.
        let (found, list) = await fixture.run("5 / 油 钱", width: 120, height: 36)
        #expect(found.state.practices.shown.map(\.id) == ["SJ-2026-004"])
        #expect(list.lastFrame.text.contains("SJ-2026-004"))

        // b applies the entry to a batch: every concern of the group records its own plan.
        let other = try await fixture.store.open(NewConcern(
            title: "城东所抄表员摩托车补贴", description: "同上", categoryID: "income-welfare", channel: .goDownVisit,
            finderID: "zg-zhao", reporter: .named(name: "李华", personID: nil), unitID: "t-cd"), actor: "zg-zhao")
        for code in [new.code, other.code] {
            _ = try await fixture.store.perform([.setProcessing(.batch(group: "摩托车补贴"))], on: code, expectedVersion: nil, actor: "zg-zhao")
        }
        let (applied, _) = await fixture.run("5 / 油 钱 Enter b 摩 托 车 补 贴 Enter", width: 120, height: 36)
        #expect(applied.state.toast == "SJ-2026-004 applied to 2 concerns of batch \"摩托车补贴\"")
        for code in [new.code, other.code] {
            let concern = try await fixture.store.concern(code, viewer: nil)
            #expect(concern.plan.hasPrefix("参照 SJ-2026-004："))
            #expect(concern.links.contains(ConcernLink(kind: .practice, target: "SJ-2026-004")))
            await #expect(try fixture.store.auditLog(subject: code.description).map(\.action).suffix(2) == ["plan", "link"])
        }
        // An unknown group is refused on its field, and nothing changes.
        let (refused, _) = await fixture.run("5 / 油 钱 Enter b 无 此 批 次 Enter", width: 120, height: 36)
        guard case .recordForm(let form, .applyPractice)? = refused.state.overlays.last else {
            Issue.record("the form closed")
            return
        }
        #expect(form.fields.first { $0.id == "group" }?.message?.en == "no concern of this batch can take a plan")
    }

    @Test func anUnsolvedConcernCannotBeWrittenUp() async throws {
        let fixture = try await AppFixture()
        let (app, _) = await fixture.run("/ 活 动 室 Enter x")
        #expect(app.state.overlays.isEmpty)
        #expect(app.state.toast == PracticeError.sourceNotSolved(ConcernCode("Q-2026-0004")!, .found).label.en)
    }

    @Test func theRisingCategoryOpensItsConcerns() async throws {
        let fixture = try await AppFixture()
        // 6: the dashboard; m: this quarter (2026-10..12 against 07..09); v v: trends.
        let (trends, screen) = await fixture.run("6 m v v", width: 120, height: 36, language: .zh)
        let top = try #require(trends.state.dashboard.trends?.rising.first)
        #expect(top.latest > top.before)
        #expect(screen.lastFrame.text.contains("环比上升（部门 × 类别，上季 → 本季）"))
        // Enter: exactly what that department found of that category this quarter.
        let (opened, _) = await fixture.run("6 m v v Enter", width: 120, height: 36)
        #expect(opened.state.tab == .libraries)
        #expect(opened.state.table.query.figure?.categoryID == top.categoryID && opened.state.table.query.figure?.measure == .found)
        #expect(opened.state.table.total == top.latest)
        #expect(opened.state.table.rows.allSatisfy { $0.categoryID == top.categoryID })
        // The ranking: departments scored with the standard weights, best first.
        let (ranking, _) = await fixture.run("6 m v v v", width: 120, height: 36)
        let scores = ranking.state.dashboard.ranking.compactMap(\.score)
        #expect(scores.count == 6 && scores == scores.sorted(by: >))
    }

    /// Issue 14: "similar" suggestions were loose (a party-room concern suggested for a
    /// leaking roof). Precision on the seeds against the hand-labelled pairs, the title-only
    /// likeness of before beside the suggestions the detail shows now.
    @Test func similarSuggestionsAreMostlyRightOnTheSeeds() async throws {
        let fixture = try await AppFixture()
        let data = fixture.environment.session
        var before = SimilarPairs.Tally()
        var after = SimilarPairs.Tally()
        for sequence in 1...69 {
            let concern = try await data.concern(ConcernCode(year: 2026, sequence: sequence))
            // Before: the newest 60 solved of the category, two shared title pairs or more.
            var query = ConcernQuery()
            query.categoryIDs = [concern.categoryID]
            query.stages = [.awaitingFeedback, .closed]
            let baseline = try await data.page(query, after: nil, limit: 60).rows
                .filter { $0.code != concern.code }
                .map { ($0, PracticeSearch.likeness($0.title, concern.title)) }
                .filter { $0.1 >= 2 }
                .sorted { ($0.1, $0.0.code) > ($1.1, $1.0.code) }
                .prefix(3).map(\.0.code)
            before.count(concern.code, Array(baseline))
            await after.count(concern.code, try data.similarSolved(to: concern).map(\.code))
        }
        print("similar suggestions on the seeds: before \(before); after \(after)")
        #expect(after.precision >= 0.7, "\(after)")
        #expect(after.precision > before.precision && after.right >= before.right, "before \(before), after \(after)")
        // The party room (Q-2026-0004) and the leaking dormitory (Q-2026-0025) are like nothing
        // solved (the first got the handwritten records, the second was offered to two 青山所
        // concerns for the place's name); the motorbike allowance is like the high-altitude one.
        await #expect(try data.similarSolved(to: data.concern(ConcernCode("Q-2026-0004")!)).isEmpty)
        await #expect(try data.similarSolved(to: data.concern(ConcernCode("Q-2026-0025")!)).isEmpty)
        await #expect(try data.similarSolved(to: data.concern(ConcernCode("Q-2026-0024")!)).map(\.code) == [ConcernCode("Q-2026-0009")!])
    }

    /// Issue 14: the quarter shown was 09–11; quarters are calendar quarters.
    @Test func theQuarterIsTheCalendarQuarter() async throws {
        let fixture = try await AppFixture()   // today 2026-11-25
        let (app, screen) = await fixture.run("6 m", width: 120, height: 36, language: .zh)
        #expect(app.state.dashboard.period == Period(months: YearMonth("2026-10")!, YearMonth("2026-12")!))
        #expect(screen.lastFrame.text.contains("统计期 2026-10..2026-12"))
        // [ goes back a whole quarter.
        let (back, _) = await fixture.run("6 m [", width: 120, height: 36)
        #expect(back.state.dashboard.period == Period(months: YearMonth("2026-07")!, YearMonth("2026-09")!))
    }

    /// Issue 14: Enter on a figure opened the unit's whole history; it must open exactly the
    /// concerns counted in that cell.
    @Test func enterOnAFigureOpensExactlyTheConcernsCountedInIt() async throws {
        let fixture = try await AppFixture()
        let (dashboard, _) = await fixture.run("6", width: 120, height: 36)
        let org = fixture.environment.session.organisation
        let row = try #require(dashboard.state.dashboard.units.firstIndex { $0.unit.id == "d-nw" })
        let down = Array(repeating: "Down", count: row).joined(separator: " ")
        for (column, measure) in DashboardState.unitMeasures.enumerated() {
            let right = Array(repeating: "Right", count: column).joined(separator: " ")
            let (opened, _) = await fixture.run("6 \(down) \(right) Enter", width: 120, height: 36)
            let expected = measure.value(in: dashboard.state.dashboard.units[row].figures)
            #expect(opened.state.tab == .libraries)
            #expect(opened.state.table.query.figure?.measure == measure)
            #expect(opened.state.table.total == expected, "农网管理部 \(measure): \(opened.state.table.total) listed, \(expected) counted")
        }
        // Found in November at 农网管理部's libraries, wherever they are now (some at the company).
        let (found, _) = await fixture.run("6 \(down) Enter", width: 120, height: 36)
        let subtree = org.subtree(of: "d-nw")
        for summary in found.state.table.rows {
            let concern = try await fixture.environment.session.concern(summary.code)
            #expect(subtree.contains(concern.escalations.first?.fromUnitID ?? concern.unitID))
            #expect(Period(month: YearMonth("2026-11")!).contains(concern.reportedOn))
        }
        // The status line says the list is the figure's for as long as it is, and Esc ends it.
        let (_, limited) = await fixture.run("6 \(down) Enter", width: 120, height: 36, language: .zh)
        #expect(limited.lastFrame.text.contains("仅此统计（Esc 全部）"))
        let (everything, _) = await fixture.run("", width: 120, height: 36)
        let (cleared, screen) = await fixture.run("6 \(down) Enter Escape", width: 120, height: 36)
        #expect(cleared.state.table.query.figure == nil && cleared.state.table.total == everything.state.table.total,
                "\(cleared.state.table.total) of \(everything.state.table.total)")
        #expect(!screen.lastFrame.text.contains("figure only"))
    }

    /// Issue 14: 人力资源部 is the solving department of three overdue concerns but showed 0.
    @Test func theSolvingDepartmentsViewCountsWhatTheyWereNamedToSolve() async throws {
        let fixture = try await AppFixture()
        let (units, _) = await fixture.run("6", width: 120, height: 36)
        #expect(units.state.dashboard.units.first { $0.unit.id == "d-rz" }?.figures.overdue == 0, "no library of 人力资源部 holds them")
        let (solving, screen) = await fixture.run("6 v", width: 120, height: 36, language: .zh)
        let row = try #require(solving.state.dashboard.solving.firstIndex { $0.unit.id == "d-rz" })
        let overdue = solving.state.dashboard.solving[row].figures.overdue
        #expect(overdue > 0)   // on the fixture's day (11-25); three by the month's end
        #expect(screen.lastFrame.text.contains("解决部门"))
        // Enter on its overdue figure lists those concerns, each naming 人力资源部 to solve it.
        let down = Array(repeating: "Down", count: row).joined(separator: " ")
        let (opened, _) = await fixture.run("6 v \(down) Right Enter", width: 120, height: 36)
        #expect(opened.state.table.total == overdue)
        for summary in opened.state.table.rows {
            await #expect(try fixture.environment.session.concern(summary.code).responsibleUnitID == "d-rz")
            #expect(summary.daysOverdue > 0)
        }
    }
}

/// The dashboard's first visit on the first day of a month.
@MainActor
@Suite("The dashboard's opening month", .serialized)
struct DashboardOpeningMonthTests {
    @Test func aMonthWithNothingYetOpensOnTheMonthBeforeAndSaysSo() async throws {
        let fixture = try await AppFixture()
        // On 2026-11-25 November has concerns of its own: the pane opens on it, saying nothing more.
        let (november, _) = await fixture.run("6", width: 120, height: 40)
        #expect(november.state.dashboard.period == Period(month: YearMonth("2026-11")!))
        #expect(november.state.dashboard.passedOver == nil)

        // On 2026-12-01 nothing has been found or solved in December yet.
        fixture.clock.set(day: Day("2026-12-01")!)
        let (first, screen) = await fixture.run("6", width: 120, height: 40, language: .zh)
        #expect(first.state.dashboard.period == Period(month: YearMonth("2026-11")!))
        #expect(first.state.dashboard.passedOver == YearMonth("2026-12")!)
        #expect(screen.lastFrame.text.contains("统计期 2026-11（2026-12 尚无新发现或办结，先显示上月）"), "\(screen.lastFrame.text)")
        let found = first.state.dashboard.units.first?.figures.found ?? 0
        #expect(found > 0, "November's figures are on screen, not zeros")

        // One step on is December itself, and the remark goes.
        let (december, _) = await fixture.run("6 ]", width: 120, height: 40, language: .en)
        #expect(december.state.dashboard.period == Period(month: YearMonth("2026-12")!))
        #expect(december.state.dashboard.passedOver == nil)

        // A concern taken in on the 1st makes December the month to show.
        _ = try await fixture.store.open(NewConcern(
            title: "班组休息室空调坏了", description: "夏天很热", categoryID: "team-burden", channel: .hotline,
            finderID: "zg-zhao", reporter: .named(name: "周明", personID: nil), unitID: "t-kf"), actor: "zg-zhao")
        let (busy, _) = await fixture.run("6", width: 120, height: 40)
        #expect(busy.state.dashboard.period == Period(month: YearMonth("2026-12")!))
        #expect(busy.state.dashboard.passedOver == nil)
    }
}
