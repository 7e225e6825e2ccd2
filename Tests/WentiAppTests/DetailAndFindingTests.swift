import Testing
import WentiTestSupport
@testable import WentiApp
@testable import WentiCore
@testable import WentiSession
@testable import WentiStore

/// The libraries' detail says everything about a concern and scrolls to all of it; the next
/// step is offered with its key only to who may take it; the finding pane keeps the leaders'
/// visits (with the quota) and the rewarded campaigns (with the reward ledger). A real SQLite
/// file, the session layer and the real key loop, headless.
@MainActor
@Suite("The detail and the finding sources", .serialized)
struct DetailAndFindingTests {
    /// Q-2026-0002: from 林海涛's visit, escalated, graded urgent, pledged, a notice, two meetings.
    let visitConcern = "/ 夜 间 倒 闸 Enter "
    /// Q-2026-0006: referred to 人力资源部, the clock paused.
    let referred = "/ 合 同 到 期 Enter "

    /// Every line of the selected concern's detail, as the pane would scroll through them.
    func detail(_ app: TerminalApp, _ fixture: AppFixture, width: Int = 78) -> String {
        guard let concern = app.state.detail else { return "" }
        return ConcernDetailLines.lines(app.state, concern, fixture.environment.session.workspace, keys: fixture.environment.registry, width: width)
            .map(\.text).joined(separator: "\n")
    }

    @Test func theDetailSaysEverythingInWords() async throws {
        let fixture = try await AppFixture()
        let (app, _) = await fixture.run(visitConcern, width: 120, height: 40, language: .zh)
        let text = detail(app, fixture, width: 200)
        for expected in [
            "渠道 领导走访：林海涛 2026-10-15 走访变电运维班", "涉及人员 变电运维班值班人员", "难易 较难  涉及面 班组",
            "第一责任人 郑伟 · 运维检修部", "责任状 郑伟 2026-10-28", "督办 DB-2026-002 · 已签收 · 发往 郑伟 · 运维检修部",
            "会议 2026-10 江城供电公司三方会议（2026-10-28 召开，已界定）",
            "↑ 2026-10-18 L1 变电运维班 → L2 运维检修部：缺员需要部门统筹调配人员",
            // The timeline with what each step changed.
            "孙文博 定级  等级 急难；期限 2026-11-04", "孙文博 指定第一责任人  郑伟；责任部门 运维检修部",
            "孙文博 签订责任状  郑伟 于 2026-10-28 签订",
        ] {
            #expect(text.contains(expected), Comment(rawValue: expected + "\n" + text))
        }
        let (english, _) = await fixture.run(visitConcern, width: 120, height: 40, language: .en)
        let englishText = detail(english, fixture, width: 200)
        for expected in ["Channel leader's visit: 林海涛 at 变电运维班 on 2026-10-15", "Difficulty high  breadth team",
                         "grade  urgent-difficult; deadline 2026-11-04", "Meeting 江城供电公司 meeting of 2026-10 (held 2026-10-28, defined)"] {
            #expect(englishText.contains(expected), Comment(rawValue: expected + "\n" + englishText))
        }
    }

    @Test func aReferralSaysToWhomAndWhyAndThePausedClockSaysSo() async throws {
        let fixture = try await AppFixture()
        let (app, _) = await fixture.run(referred, language: .zh)
        let text = detail(app, fixture, width: 200)
        #expect(text.contains("转办 ") && text.contains("→ 人力资源部："), Comment(rawValue: text))
        #expect(text.contains("⏸ 计时已暂停（自 "), Comment(rawValue: text))
        #expect(text.contains("下一步：收回转办 r"), Comment(rawValue: text))
    }

    /// At 80x24 the detail has 9 rows: the rest is reached with } and {, and the last row
    /// says how much is above and below.
    @Test func theDetailScrollsSoNothingIsOutOfReach() async throws {
        let fixture = try await AppFixture()
        let (app, first) = await fixture.run(visitConcern, width: 80, height: 24, language: .zh)
        let lines = ConcernDetailLines.lines(app.state, app.state.detail!, fixture.environment.session.workspace,
                                             keys: fixture.environment.registry, width: Layout((80, 24)).tableWidth - 2)
        #expect(lines.count > 20)
        #expect(first.lastFrame.text.contains("↓ 下面还有"), "\(first.lastFrame.text)")
        let last = try #require(lines.last?.text)
        #expect(!first.lastFrame.text.contains(last))
        let (end, scrolled) = await fixture.run(visitConcern + String(repeating: "} ", count: 12), width: 80, height: 24, language: .zh)
        #expect(scrolled.lastFrame.text.contains(last), "the last line is reached")
        #expect(scrolled.lastFrame.text.contains("↑ 上面还有") && !scrolled.lastFrame.text.contains("↓ 下面还有"))
        #expect(end.state.toast == "已到详情末尾")
        let (_, back) = await fixture.run(visitConcern + String(repeating: "} ", count: 12) + String(repeating: "{ ", count: 12), width: 80, height: 24, language: .zh)
        #expect(back.lastFrame.text.contains("Q-2026-0002  夜间倒闸"))
        // Another concern starts at its top; the keys are in ? and answer to their Chinese names.
        let (moved, _) = await fixture.run("} } j", width: 80, height: 24)
        #expect(moved.state.detailScroll == 0)
        let (_, help) = await fixture.run("? 详 情", width: 80, height: 24, language: .zh)
        #expect(help.lastFrame.text.contains("详情向下翻") && help.lastFrame.text.contains("}"))
        let (_, named) = await fixture.run(visitConcern + ": 详 情 下 翻 Enter", width: 80, height: 24, language: .zh)
        #expect(named.lastFrame.text.contains("↑ 上面还有"))
    }

    /// An employee is not told "next: grade" as if it were theirs: the detail says who will.
    @Test func theNextStepIsOfferedOnlyToWhoMayTakeIt() async throws {
        let fixture = try await AppFixture(viewer: "yg-song")
        let (app, screen) = await fixture.run("/ 注 册 电 气 Enter", width: 120, height: 40, language: .zh)
        #expect(app.state.detail?.code.description == "Q-2026-0003")
        let text = screen.lastFrame.text
        #expect(text.contains("下一步：定级（由李强（班组长）、郑伟（部门负责人）或政工人员办理）"), "\(text)")
        #expect(!text.contains("下一步：定级 ="))
        let (english, _) = await fixture.run("/ 注 册 电 气 Enter", width: 120, height: 40, language: .en)
        #expect(detail(english, fixture, width: 200).contains("Next: grade (by 李强 (team leader), 郑伟 (department head) or political-work staff)"))
        // Political-work staff are told the key.
        let staff = try await AppFixture()
        let (_, own) = await staff.run("/ 注 册 电 气 Enter", width: 120, height: 40, language: .zh)
        #expect(own.lastFrame.text.contains("下一步：定级 ="))
    }

    @Test func theFindingPaneListsVisitsByLeaderUnitAndDayWithWhatTheyBroughtIn() async throws {
        let fixture = try await AppFixture()
        let (app, screen) = await fixture.run("7 j", width: 120, height: 40, language: .zh)
        let text = screen.lastFrame.text
        #expect(app.state.finding.visit?.leaderID == "bz-zheng")
        #expect(text.contains("2026-11-10 郑伟   输电运检班 融入课题"), "\(text)")
        #expect(text.contains("郑伟 2026-11-10 走访输电运检班 · 融入课题"))
        #expect(text.contains("带来的问题（1 个）") && text.contains("Q-2026-0008"))
        #expect(!text.contains("zf-1102"))
        // Enter opens exactly those concerns in the libraries.
        let (opened, _) = await fixture.run("7 j Enter", width: 120, height: 40, language: .zh)
        #expect(opened.state.tab == .libraries && opened.state.table.rows.map(\.code.description) == ["Q-2026-0008"])
        #expect(opened.state.toast == "郑伟 2026-11-10 走访输电运检班")
        // i takes a concern in from the visit: its channel, the visit and its unit are set.
        let (intake, form) = await fixture.run("7 j i", width: 120, height: 40, language: .zh)
        guard case .intake(let filled)? = intake.state.overlays.last else {
            Issue.record("no intake form")
            return
        }
        #expect(filled.form.value("unit") == "t-sdyj", "the visit's unit, 输电运检班")
        #expect(form.lastFrame.text.contains("领导走访") && form.lastFrame.text.contains("郑伟 2026-11-10 走访输电运检班"))
    }

    @Test func theIntakesVisitPickerNamesLeaderUnitAndDay() async throws {
        let fixture = try await AppFixture()
        let intake = IntakeForm.make(fixture.environment, unit: nil)
        guard case .choice(let options, _)? = intake.form.fields.first(where: { $0.id == "source" })?.input else {
            Issue.record("no source field")
            return
        }
        let texts = options.map(\.zh)
        #expect(texts.contains("周建国 2026-10-09 走访河口供电所"), "\(texts)")
        for visit in fixture.environment.session.workspace.visits { #expect(!texts.joined().contains(visit.id)) }
    }

    @Test func aVisitIsLoggedFromTheKeyboardAndCountsTowardsTheQuota() async throws {
        let fixture = try await AppFixture()
        // 冯志强 (农网管理部) made no visit in November: behind.
        let (before, quota) = await fixture.run("7 Tab j Tab", width: 120, height: 40, language: .zh)
        #expect(before.state.finding.section == .quota)
        let standing = try #require(before.state.finding.standings.first { $0.leaderID == "bz-feng" })
        #expect(standing.made == 0 && standing.isBehind)
        #expect(quota.lastFrame.text.contains("冯志强 部门负责人 农网管理部") && quota.lastFrame.text.contains("未完成"))
        // The form: leader (offered: the selected visit's, 林海涛; Right to 冯志强), unit by its
        // short name, today, what was found.
        let leaders = VisitForms.leaders(fixture.environment.session.organisation)
        let index = try #require(leaders.firstIndex { $0.id == "bz-feng" })
        let offered = try #require(leaders.firstIndex { $0.id == "ld-lin" })
        let rights = String(repeating: "Right ", count: (index - offered + leaders.count) % leaders.count)
        let script = "7 n " + rights + "Tab 城 东 所 Tab Tab Tab 抢 修 车 辆 不 够 C-s"
        let (after, screen) = await fixture.run(script, width: 120, height: 40, language: .zh)
        #expect(after.state.overlays.isEmpty, "\(screen.lastFrame.text)")
        #expect(after.state.toast == "已记录：冯志强 2026-11-25 走访城东供电所")
        let visits = try await fixture.store.visits()
        #expect(visits.count == 7 && visits.last?.findings == "抢修车辆不够" && visits.last?.unitID == "t-cd")
        let log = try await fixture.store.auditLog(subject: visits.last!.id)
        #expect(log.map(\.action) == ["visit-log"] && log.first?.actorID == "zg-zhao")
        let (counted, _) = await fixture.run("7 Tab j Tab", width: 120, height: 40, language: .zh)
        #expect(counted.state.finding.standings.first { $0.leaderID == "bz-feng" }?.isBehind == false)
        // A day that has not come is refused on its field, and the form keeps what was typed.
        let (future, refused) = await fixture.run("7 n Tab 城 东 所 Tab C-u 2 0 2 6 - 1 2 - 2 5 Tab Tab 还 没 去 C-s", width: 120, height: 40, language: .en)
        #expect(!future.state.overlays.isEmpty)
        #expect(refused.lastFrame.text.contains("has not come"), "\(refused.lastFrame.text)")
        // An employee may not: the key says who may.
        let employee = try await AppFixture(viewer: "yg-song")
        let (denied, _) = await employee.run("7 n", language: .zh)
        #expect(denied.state.overlays.isEmpty)
        #expect(denied.state.toast?.contains("无权记录领导走访") == true, "\(denied.state.toast ?? "")")
    }

    @Test func theCampaignShowsItsPeriodItsConcernsAndTheRewardLedger() async throws {
        let fixture = try await AppFixture()
        let (app, screen) = await fixture.run("7 Tab j j Tab", width: 120, height: 40, language: .zh)
        #expect(app.state.finding.section == .campaigns)
        let ledger = try #require(app.state.finding.ledger)
        #expect(ledger.entries.count == 11 && ledger.earned.count == 9)
        let text = screen.lastFrame.text
        #expect(text.contains("2026-10-01–2026-12-31") && text.contains("奖励：采纳一条奖励200元"))
        #expect(text.contains("带来问题 11 个，已受理 9 个"))
        #expect(text.contains("· 待受理后获奖 Q-2026-0003 宋佳 分析中"))
        #expect(text.contains("✓ 获奖 Q-2026-0009 杨帆 待反馈"))
        // The ledger scrolls to its last entry.
        let (_, end) = await fixture.run("7 Tab j j Tab } } } }", width: 80, height: 24, language: .zh)
        #expect(end.lastFrame.text.contains("Q-2026-0063"), "\(end.lastFrame.text)")
    }
}
