import Foundation
import Testing
import WentiCore
import WentiStore
import WentiTestSupport
import WentiText

/// A month of the method through the keyboard (issue 15), with the real binary under tmux, in
/// Chinese and in English, at 80x24 and at 120x40: three concerns taken in through three
/// channels (a leader's visit recorded this month, the rewarded campaign, a staff
/// representatives' hearing), triage, the task book and the pledge, an escalation to the
/// company's library, a referral taken back, the December tri-party meeting (next month's
/// agenda built, a decision, the sitting recorded and confirmed), a supervision notice with
/// two deadline nodes chased and answered, the feedback, a practice entry and the leaders'
/// visit quota.
///
/// Each step checks what the user sees and what was stored. Every screen captured on the way
/// fits the terminal and holds no internal value.
///
/// The month is the demo's December 2026 (its planned meeting HY-2026-12), so the test
/// expects the clock to stand in December 2026, as the demo's other tests do.
@Suite("A month of the method in tmux", .serialized, .enabled(if: TmuxHarness.available))
struct MonthTmuxTests {
    let cli = CommandLineTests()

    @Test(arguments: [Language.zh, .en], [(120, 40), (80, 24)])
    func aMonthOfTheMethodFromTheKeyboard(language: Language, size: (Int, Int)) async throws {
        let (width, height) = size
        let zh = language == .zh
        func say(_ chinese: String, _ english: String) -> String { zh ? chinese : english }
        let demo = try await DemoInTmux(cli, width: width, height: height, language: language)
        let (tmux, db, scanner) = (demo.tmux, demo.db, demo.scanner)
        let today = Day(Date())
        let year = today.civil.year

        // What was stored, read as the file holds it (never through the UI).
        func store() throws -> SQLiteStore { try SQLiteStore(path: db, create: false) }
        func concern(_ code: String) async throws -> Concern { try await store().concern(ConcernCode(code)!, scope: .all) }

        var screens: [String] = []
        func keys(_ keys: String...) throws {
            for key in keys { try tmux.run(["send-keys", "-t", "w", key]) }
        }
        func type(_ text: String) throws { try tmux.run(["send-keys", "-t", "w", "-l", text]) }
        func keep(_ lines: [String], _ what: String) {
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(what): every line fits")
            screens.append(lines.joined(separator: "\n"))
        }
        @discardableResult
        func wait(_ what: String, _ predicate: @escaping (String) -> Bool) async throws -> String {
            let lines = try await tmux.waitFor { predicate($0.joined(separator: "\n")) }
            let screen = lines.joined(separator: "\n")
            #expect(predicate(screen), Comment(rawValue: "\(what) at \(width)x\(height) \(language.rawValue):\n" + screen))
            keep(lines, what)
            return screen
        }
        /// The screen once it differs from `before` (by `differs`) and has stopped changing
        /// (a key's effect drawn whole), at most `seconds`.
        func settled(within seconds: TimeInterval = 5, _ differs: (String) -> Bool) async throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var last = ""
            var steady = 0
            while true {
                let lines = try tmux.screen()
                let screen = lines.joined(separator: "\n")
                steady = screen == last ? steady + 1 : 0
                last = screen
                if (differs(screen) && steady >= 3) || Date() > deadline {
                    keep(lines, "a step on the way")
                    return screen
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        func changed(from before: String) async throws -> String { try await settled { $0 != before } }
        let more = (below: say("↓ 下面还有", "more below"), above: say("↑ 上面还有", "more above"))
        /// Scrolls the selected concern's detail from its top down until `predicate` holds:
        /// at 80x24 the detail shows a few lines only.
        @discardableResult
        func seek(_ what: String, _ predicate: @escaping (String) -> Bool) async throws -> String {
            var screen = try await settled { _ in true }
            for _ in 0..<30 where screen.contains(more.above) {
                try keys("{")
                screen = try await changed(from: screen)
            }
            for _ in 0..<40 where !predicate(screen) && screen.contains(more.below) {
                try keys("}")
                screen = try await changed(from: screen)
            }
            let found = try await wait(what, predicate)
            // Back to the top, where the next step's lines are.
            screen = found
            for _ in 0..<40 where screen.contains(more.above) {
                try keys("{")
                screen = try await changed(from: screen)
            }
            return found
        }
        /// Moves down a list (from its top) until the selected row holds `target`.
        func select(_ target: String) async throws {
            func selected(_ screen: String) -> Bool {
                screen.split(separator: "\n").contains { $0.contains("▸") && $0.contains(target) }
            }
            /// The screen once its selected row is another than `before` (at most `seconds`).
            func moved(from before: String, within seconds: TimeInterval) async throws -> String {
                try await settled(within: seconds) { row($0, "▸") != before }
            }
            var screen = try tmux.screen().joined(separator: "\n")
            if !selected(screen) {
                // To the top (nothing moves when it is there already).
                try keys("g")
                screen = try await moved(from: row(screen, "▸"), within: 1)
            }
            for _ in 0..<40 where !selected(screen) {
                try keys("j")
                screen = try await moved(from: row(screen, "▸"), within: 5)
            }
            try await wait("\(target) selected", selected)
        }
        func row(_ screen: String, _ target: String) -> String {
            screen.split(separator: "\n").first { $0.contains(target) }.map(String.init) ?? ""
        }
        func goTo(_ code: String, _ title: String) async throws {
            try type("#" + code)
            try keys("Enter")
            try await wait("\(code) selected") { $0.contains("\(code)  \(title)") && row($0, "▸").contains(code) }
        }
        /// Quits the UI, makes the account running the test `person` (as a user would, on
        /// the command line) and opens the UI again as them.
        func reopen(as person: String, name: String, role: String) async throws {
            try keys("q")
            let deadline = Date().addingTimeInterval(10)
            while try tmux.value("#{pane_dead}") != "1", Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
            let linked = try await cli.run(["people", "login", person, CommandLineTests.account, "--db", db, "--lang", language.rawValue])
            #expect(linked.status == 0, "\(linked.err)")
            let whoami = try await cli.run(["whoami", "--db", db, "--lang", language.rawValue])
            #expect(whoami.out.hasPrefix(name), "\(whoami.out)")
            try tmux.run(["respawn-pane", "-k", "-t", "w", demo.command])
            try await wait("the UI as \(name)") { $0.split(separator: "\n").first?.contains("\(name) · \(role)") == true }
        }

        let titles = (visit: "青山所抢修车辆不够用", campaign: "运维班两票填写系统重复录入", hearing: "运检部青年员工倒班后无法参加培训")
        // The demo holds 69 concerns of 2026; the next ones are numbered on.
        func code(_ n: Int) -> String { String(format: "Q-%04d-%04d", year, (year == 2026 ? 69 : 0) + n) }
        let (a, b, c) = (code(1), code(2), code(3))

        try await wait("the first screen as 赵雅琴") {
            $0.contains("Q-2026-0069") && $0.split(separator: "\n").first?.contains(say("赵雅琴 · 政工人员", width >= 120 ? "赵雅琴 · political-work staff" : "赵雅琴 · PW staff")) == true
        }

        // MARK: 1. A leader's visit this month, recorded, and the concern it brought in.
        try keys("7")
        try await wait("the finding pane") { $0.contains(say("领导走访", "Visits")) && $0.contains("2026-11-12 林海涛") }
        try keys("n")
        try await wait("the visit form") { $0.contains(say("记录领导走访", "Record a leader's visit")) && $0.contains("◀ 林海涛") }
        try keys("Tab")
        try type("青山所")
        try keys("Tab", "Tab", "Tab")
        try type("抢修车辆不够")
        try keys("C-s")
        // The visit just recorded is selected, so that `i` takes in from it.
        try await wait("the visit recorded") {
            $0.contains(say("已记录：林海涛", "recorded: 林海涛 at 青山供电所 on \(today)"))
                && row($0, "▸").contains("\(today) 林海涛") && row($0, "▸").contains("青山供电所")
        }
        let visit = try #require(try await store().visits().first { $0.on == today })
        #expect(visit.leaderID.rawValue == "ld-lin" && visit.unitID.rawValue == "t-qs" && visit.findings == "抢修车辆不够")
        try keys("i")
        try await wait("the intake form from the visit") {
            $0.contains(say("登记新问题", "Take in a concern")) && $0.contains(say("林海涛 \(today) 走访青山供电所", "林海涛 at 青山供电所 on \(today)"))
        }
        try type(titles.visit)
        try keys("Enter")
        try await wait("the concern from the visit") {
            $0.contains(say("\(a) 已登记", "\(a) filed")) && $0.contains("\(a)  \(titles.visit)")
                && $0.contains(say("渠道 领导走访：林海涛", "Channel leader's visit: 林海涛"))
        }
        var concernA = try await concern(a)
        #expect(concernA.channel == .leaderVisit && concernA.source == ConcernSource(kind: .leaderVisit, id: visit.id))
        #expect(concernA.unitID.rawValue == "t-qs" && concernA.tier == .l1 && concernA.stage == .found && concernA.finderID?.rawValue == "zg-zhao")

        // MARK: 2. The rewarded campaign: a concern reported by 宋佳.
        try keys("7")
        try await wait("the finding pane again") { $0.contains(say("领导走访", "Visits")) }
        try keys("Tab", "G", "Tab")
        try await wait("the campaign") { $0.contains("2026-10-01–2026-12-31") && row($0, "▸").contains("2026") }
        try keys("i")
        try await wait("the intake form from the campaign") {
            $0.contains(say("登记新问题", "Take in a concern")) && $0.contains(say("◀ 有奖征集 ▶", "◀ rewarded campaign ▶")) && $0.contains("金点子")
        }
        try type(titles.campaign)
        try keys("Tab", "Tab", "Tab", "Tab", "Tab")
        try type("运维班")
        try await wait("the unit picked") { $0.contains("▸ 变电运维班") }
        try keys("Tab", "Tab")
        try type("宋佳")
        try keys("C-s")
        try await wait("the concern from the campaign") {
            $0.contains(say("\(b) 已登记", "\(b) filed")) && $0.contains("\(b)  \(titles.campaign)")
                && $0.contains(say("L1 变电运维班 · 已发现", "L1 变电运维班 · found")) && $0.contains(say("反映人 宋佳", "Reporter 宋佳"))
        }
        var concernB = try await concern(b)
        let campaign = try #require(try await store().workspace().campaigns.first)
        #expect(concernB.channel == .rewardedCampaign && concernB.source == ConcernSource(kind: .campaign, id: campaign.id))
        #expect(concernB.unitID.rawValue == "t-bdyw" && concernB.reporter.personID?.rawValue == "yg-song")
        // The campaign's reward ledger: 宋佳's report earns nothing until it is accepted.
        func ledgerRow() async throws -> String {
            let ledger = try await cli.run(["campaign", "ledger", campaign.name, "--db", db, "--lang", "en"])
            return ledger.out.split(separator: "\n").first { $0.hasPrefix(b) }.map(String.init) ?? ""
        }
        let unrewarded = try await ledgerRow()
        #expect(unrewarded.contains("宋佳") && unrewarded.contains("not accepted yet") && !unrewarded.contains(campaign.reward), "\(unrewarded)")

        // MARK: 3. A staff representatives' hearing (请进来), in the department's library.
        try keys("1", "i")
        try await wait("the intake form") { $0.contains(say("登记新问题", "Take in a concern")) }
        try type(titles.hearing)
        try keys("Tab", "Tab", "Tab", "Right")
        try await wait("the hearing channel") { $0.contains(say("◀ 职代听证会 ▶", "◀ representative hearing ▶")) }
        try keys("Tab", "Tab")
        try type("运检部")
        try await wait("the department picked") { $0.contains("▸ 运维检修部") }
        try keys("Tab")
        try type("运检部倒班青年员工")
        try keys("C-s")
        try await wait("the concern from the hearing") {
            $0.contains(say("\(c) 已登记", "\(c) filed")) && $0.contains(say("L2 运维检修部 · 已发现", "L2 运维检修部 · found"))
                && $0.contains(say("渠道 职代听证会", "Channel representative hearing"))
        }
        let concernC = try await concern(c)
        #expect(concernC.channel == .hearing && concernC.source == nil && concernC.unitID.rawValue == "d-yj" && concernC.tier == .l2)
        #expect(concernC.involvedPeople == "运检部倒班青年员工")

        // MARK: 4. Triage of the campaign's concern: analyse, grade, define, plan, first responsible.
        try await goTo(b, titles.campaign)
        try keys("a")
        try await wait("the analysis form") { $0.contains(say("分析：根源、难易、涉及面", "Analyse: root cause, difficulty, breadth")) }
        try type("两套系统未打通")
        try keys("Enter")
        try await wait("analysed") { $0.contains(say("下一步：定级 =", "Next: grade =")) }
        concernB = try await concern(b)
        #expect(concernB.stage == .analysing && concernB.analysis.rootCause == "两套系统未打通")
        try keys("=")
        let general = today.adding(days: 60)
        try await wait("the grade dialog") {
            $0.contains(say("3  一般  稳步解决  期限 \(general)", "3  general  steady resolution  due \(general)"))
        }
        try keys("3", "Enter")
        try await wait("graded") { $0.contains(say("一般（稳步解决）", "general (steady resolution)")) && $0.contains(say("下一步：界定 D", "Next: define D")) }
        concernB = try await concern(b)
        #expect(concernB.grade == .general && concernB.deadline == general)
        try keys("D")
        try await wait("defined") { $0.contains(say("L1 变电运维班 · 已界定", "L1 变电运维班 · defined")) }
        #expect(try await concern(b).stage == .defined)
        try keys("P")
        try await wait("the plan form") { $0.contains(say("制定解决方案", "Set the solution plan")) }
        try type("打通两票系统与生产系统接口")
        try keys("C-s")
        try await wait("planned") { $0.contains(say("下一步：指定第一责任人 o", "Next: name the first")) }
        #expect(try await concern(b).plan == "打通两票系统与生产系统接口")
        try keys("o")
        try await wait("the first responsible picker") { $0.contains(say("第一责任人 · \(b)", "First responsible · \(b)")) }
        try type("郑伟")
        try await wait("郑伟 in the list") { $0.contains(say("郑伟  部门负责人  运维检修部", "郑伟  department head  运维检修部")) }
        try keys("Enter")
        try await wait("the first responsible named") {
            $0.contains(say("第一责任人 郑伟 · 运维检修部", "First responsible 郑伟 · 运维检修部")) && $0.contains(say("下一步：开始解决 S", "Next: start solving S"))
        }
        concernB = try await concern(b)
        #expect(concernB.firstResponsibleID?.rawValue == "bz-zheng" && concernB.responsibleUnitID?.rawValue == "d-yj")
        let rewarded = try await ledgerRow()
        #expect(rewarded.contains("宋佳") && rewarded.contains(campaign.reward) && !rewarded.contains("not accepted yet"), "\(rewarded)")

        // MARK: 5. The task book: a line due in a week.
        let taskDue = today.adding(days: 7)
        try keys("t")
        try await wait("the task form") { $0.contains(say("任务书：添加一项", "Task book: add a line")) }
        try type("梳理两票字段")
        try keys("Tab")
        try type("+7")
        try keys("Enter")
        try await wait("the line added") { !$0.contains(say("任务书：添加一项", "Task book: add a line")) && $0.contains(say("已更新 1 个问题", "1 updated")) }
        try await seek("the task book line") { $0.contains("□ 1. \(taskDue)  梳理两票字段") }
        concernB = try await concern(b)
        #expect(concernB.tasks.map(\.title) == ["梳理两票字段"] && concernB.tasks.first?.due == taskDue && concernB.tasks.first?.state == .open)

        // MARK: 6. The visit's concern referred to a department, then taken back for analysis.
        try await goTo(a, titles.visit)
        try keys("R")
        try await wait("the referral form") { $0.contains(say("转办到部门", "Refer to a department")) }
        try type("实业")
        try await wait("the department picked") { $0.contains("▸ 江城电力实业公司") }
        try keys("Tab")
        try type("车辆由实业公司统一调配")
        try keys("Enter")
        try await wait("the referral asked") { $0.contains(say("把 \(a) 转办到 江城电力实业公司？", "Refer \(a) to 江城电力实业公司?")) }
        try keys("y")
        try await wait("referred") { $0.contains(say("L1 青山供电所 · 已转办", "L1 青山供电所 · referred")) && $0.contains(say("下一步：收回转办 r", "Next: take back r")) }
        concernA = try await concern(a)
        #expect(concernA.stage == .referred && concernA.referral?.toUnitID.rawValue == "d-sy" && concernA.referral?.explanation == "车辆由实业公司统一调配")
        try keys("r")
        try await wait("the take-back form") { $0.contains(say("收回转办，重新分析", "Take the referral back for analysis")) }
        try type("实业公司无车可调")
        try keys("Enter")
        try await wait("taken back") {
            $0.contains(say("L1 青山供电所 · 分析中", "L1 青山供电所 · analysing")) && $0.contains(say("下一步：分析 a", "Next: analyse a")) && $0.contains("实业公司无车可调")
        }
        concernA = try await concern(a)
        #expect(concernA.stage == .analysing && concernA.notes.last?.text == "实业公司无车可调" && concernA.referral?.toUnitID.rawValue == "d-sy")

        // MARK: 7. The tri-party meeting: the visit's concern put on December's agenda, January's
        // agenda built with `n`, December's decision, sitting and minutes.
        try keys("A")
        try await wait("on the agenda") { $0.contains(say("\(a) 已列入 HY-2026-12 议程", "\(a) is on the agenda of HY-2026-12")) }
        var december = try #require(try await store().meetings().first { $0.id == "HY-2026-12" })
        #expect(december.state == .planned && december.items.contains { $0.concern.description == a })
        try keys("2")
        try await wait("the meetings") { $0.contains(say("2026-12 待开", "2026-12 planned")) }
        let meetingsBefore = try await store().meetings().count
        try keys("n")
        try await wait("January's agenda") {
            $0.contains(say("2027-01 江城供电公司三方会议议程已生成", "agenda of the 江城供电公司 meeting of 2027-01 prepared")) && $0.contains(say("2027-01 待开", "2027-01 planned"))
        }
        let meetings = try await store().meetings()
        let january = try #require(meetings.first { $0.month == YearMonth("2027-01") })
        #expect(meetings.count == meetingsBefore + 1 && january.state == .planned)
        #expect(january.items.contains { $0.concern.description == c } && !january.items.contains { $0.concern.description == a },
                "a concern stands on one pending agenda only")
        try await wait("the agenda's size") { $0.contains(say("\(january.items.count) 项", "\(january.items.count) items")) }
        try keys("Tab", "j", "Tab")
        try await wait("December's meeting") { $0.contains(say("2026-12 江城供电公司三方会议  待召开", "江城供电公司 meeting of 2026-12  planned")) }
        try await select(a)
        try keys("Enter")
        try await wait("the decision form") { $0.contains(say("三方与会议决定", "Parties and decision")) }
        try keys("Tab", "Tab", "Tab")
        try type("所里只有一辆抢修车")
        try keys("Tab", "Tab", "Tab", "Tab")
        try type("从农网管理部调剂一辆抢修车")
        try keys("Tab")
        try type("胡志刚")
        try keys("Tab", "C-s")
        try await wait("the decision recorded") {
            row($0, a).contains("✓") && $0.contains(say("决定：一般（稳步解决）", "Decision: general (steady resolution)"))
        }
        december = try #require(try await store().meetings().first { $0.id == "HY-2026-12" })
        let decision = try #require(december.items.first { $0.concern.description == a }?.decision)
        #expect(decision.firstResponsibleID.rawValue == "bzz-hu" && decision.grade == .general && decision.plan == "从农网管理部调剂一辆抢修车")
        try keys("C")
        try await wait("the sitting form") {
            $0.contains(say("确认纪要 HY-2026-12：召开情况", "Confirm the minutes of HY-2026-12: the sitting")) && $0.contains(today.description)
        }
        try keys("Tab", "Tab")
        try type("钱晓燕")
        try keys("Tab")
        try type("三楼会议室")
        try keys("Tab")
        try type("冯志强、胡志刚")
        try keys("C-s")
        // The question says how many decisions it applies and how many concerns it defers; at
        // 80 columns the English one is cut before the numbers (a rough edge).
        let deferred = december.items.filter { $0.purpose == .define && $0.decision == nil }.count
        let question = say("确认 2026-12 江城供电公司三方会议纪要：执行 1 项决定，暂缓 \(deferred) 项？",
                           "Confirm the minutes of the 江城供电公司 meeting of 2026-12: apply 1 decision, defer \(deferred)?")
        try await wait("the minutes asked") { $0.contains(width >= 120 ? question : String(question.prefix(zh ? 24 : 56))) }
        try keys("y")
        try await wait("the minutes confirmed") {
            $0.contains(say("2026-12 已开", "2026-12 held")) && $0.contains(say("纪要已确认", "confirmed: 1 decision applied"))
        }
        december = try #require(try await store().meetings().first { $0.id == "HY-2026-12" })
        #expect(december.state == .held && december.heldOn == today)
        #expect(december.attendance?.recorderID?.rawValue == "zg-qian" && december.attendance?.place == "三楼会议室")
        concernA = try await concern(a)
        #expect(concernA.stage == .defined && concernA.firstResponsibleID?.rawValue == "bzz-hu" && concernA.grade == .general)

        // MARK: 8. A supervision notice with two deadline nodes, chased.
        try keys("1")
        try await wait("the libraries") { $0.contains(say("编号▼", "ID▼")) }
        try await goTo(b, titles.campaign)
        try keys("N")
        // The nodes come prefilled from the task book's open line, and end at the deadline.
        try await wait("the notice form") {
            $0.contains(say("下发督办通知单 · \(b)", "Issue a supervision notice · \(b)")) && $0.contains("郑伟")
                && $0.contains("\(taskDue) ") && $0.contains("\(general) 完成")
        }
        let firstNode = today.adding(days: 10)
        // Both lines replaced: the last, then (joined onto it) the first.
        try keys("Tab", "Tab", "C-u", "BSpace", "C-u")
        try type("\(firstNode) 梳理两票字段")
        try keys("Enter")
        try type("\(general) 接口上线")
        try keys("C-s")
        try await wait("the notice issued") { $0.contains(say("（\(b) → 郑伟）", "(\(b) → 郑伟)")) }
        let notice = try #require(try await store().notices().first { $0.concern.description == b })
        #expect(notice.nodes.map(\.due) == [firstNode, general] && notice.nodes.map(\.title) == ["梳理两票字段", "接口上线"])
        #expect(notice.toPersonID.rawValue == "bz-zheng" && notice.toUnitID.rawValue == "d-yj" && notice.state == .issued)
        try keys("3")
        try await wait("the supervision pane") { $0.contains(notice.id) && $0.contains(say("（未完成", " open) · ")) }
        try await select(notice.id)
        try await wait("the notice's row") { row($0, notice.id).contains("郑伟") && row($0, notice.id).contains(firstNode.description) && !row($0, notice.id).contains("≠") }
        try keys("h")
        try await wait("the chaser form") { $0.contains(say("催办 \(notice.id)", "Chase \(notice.id)")) }
        try keys("Enter")
        try await wait("chased") { $0.contains(say("已催办 \(notice.id)", "\(notice.id) chased")) && row($0, notice.id).trimmingCharacters(in: .whitespaces).hasSuffix("1/1") }
        var chased = try #require(try await store().notices().first { $0.id == notice.id })
        #expect(chased.chasers.count == 1 && chased.chasers.first?.answeredOn == nil && chased.chasers.first?.byID.rawValue == "zg-zhao")

        // MARK: 9. The leaders' visit quota: 林海涛 made this month's one visit; owing two, he is behind.
        try keys("7")
        try await wait("the finding pane") { $0.contains(say("领导走访", "Visits")) }
        try keys("Tab", "g", "j", "Tab")
        try await wait("the quota") { row($0, "林海涛").contains("1/1") && row($0, "林海涛").contains(say("已完成", "done")) }
        try keys("=")
        try await wait("the quota form") { $0.contains(say("领导走访定额", "The leaders' visit quota")) }
        try keys("BSpace")
        try type("2")
        try keys("Enter")
        try await wait("the quota changed") {
            $0.contains(say("每位领导每月应走访 2 次", "each leader now owes 2 visits a month"))
                && row($0, "林海涛").contains("1/2") && row($0, "林海涛").contains(say("未完成", "behind"))
        }
        #expect(try await store().workspace().visitQuota.visitsPerMonth == 2)

        // MARK: 10. 郑伟, head of 运维检修部, takes over: the account running the test is linked to him.
        // Only political-work staff may link a login, so from here the account cannot be given
        // back to 赵雅琴 from the keyboard or the command line: the month ends as 郑伟, and what
        // he does is his own part (his library, his pledge, the notice addressed to him).
        try await reopen(as: "bz-zheng", name: "郑伟", role: say("部门负责人", width >= 120 ? "department head" : "dept. head"))

        // The hearing's concern goes up to the company's library.
        try await goTo(c, titles.hearing)
        try keys("e")
        try await wait("the escalation form") { $0.contains(say("上报到上一级问题库", "Escalate to the library one tier up")) }
        try type("倒班制度涉及全公司")
        try keys("Enter")
        try await wait("the escalation asked") { $0.contains(say("把 \(c) 上报到 江城供电公司（L3）？", "Escalate \(c) to 江城供电公司 (L3)?")) }
        try keys("y")
        try await wait("escalated") { $0.contains(say("L3 江城供电公司 · 已发现", "L3 江城供电公司 · found")) }
        let escalated = try await concern(c)
        #expect(escalated.tier == .l3 && escalated.unitID.rawValue == "co")
        let step = try #require(escalated.escalations.last)
        #expect(step.fromTier == .l2 && step.toTier == .l3 && step.byID.rawValue == "bz-zheng" && step.reason == "倒班制度涉及全公司")

        // His pledge, the start, the task book's line done.
        try await goTo(b, titles.campaign)
        try keys("K")
        try await wait("the pledge asked") {
            $0.contains(say("记录 郑伟 于 \(today) 签订 \(b) 的责任状？", "Record that 郑伟 signed the pledge for \(b) on \(today)?"))
        }
        try keys("y")
        try await wait("the pledge recorded") { !$0.contains(say("签订 \(b) 的责任状？", "signed the pledge for")) && $0.contains(say("已更新 1 个问题", "1 updated")) }
        try await seek("the pledge") { $0.contains(say("责任状 郑伟 \(today)", "Pledge 郑伟 \(today)")) }
        concernB = try await concern(b)
        #expect(concernB.pledge?.personID.rawValue == "bz-zheng" && concernB.pledge?.signedOn == today)
        try keys("S")
        try await wait("solving") { $0.contains(say("L1 变电运维班 · 解决中", "L1 变电运维班 · solving")) && $0.contains(say("下一步：办结待反馈 d", "Next: mark solved d")) }
        #expect(try await concern(b).stage == .solving)
        try keys("T")
        try await wait("the task line form") { $0.contains(say("任务书：完成或取消一项", "Task book: a line done or dropped")) && $0.contains("梳理两票字段") }
        try keys("Enter")
        try await wait("the line marked") { !$0.contains(say("任务书：完成或取消一项", "Task book: a line done or dropped")) && $0.contains(say("已更新 1 个问题", "1 updated")) }
        try await seek("the line done") { $0.contains("✓ 1. \(taskDue)  梳理两票字段") }
        #expect(try await concern(b).tasks.first?.state == .done)

        // He answers the chaser, addressed to him.
        try keys("3")
        try await wait("his notices") { $0.contains(notice.id) && $0.contains(say("（未完成", " open) · ")) }
        try await select(notice.id)
        try keys("R")
        try await wait("the chaser answered") {
            row($0, notice.id).trimmingCharacters(in: .whitespaces).hasSuffix("1/0")
                && $0.contains(say("\(notice.id)：催办已答复", "\(notice.id): chaser answered"))
        }
        chased = try #require(try await store().notices().first { $0.id == notice.id })
        #expect(chased.chasers.first?.answeredOn == today)

        // Solved, then the feedback in pane 4, which closes it.
        try keys("1")
        try await wait("the libraries") { $0.contains(say("编号▼", "ID▼")) }
        try await goTo(b, titles.campaign)
        try keys("d")
        try await wait("the solved form") { $0.contains(say("办结，等待反馈", "Mark solved; feedback next")) }
        try type("两票系统与生产系统接口已上线")
        try keys("C-s")
        try await wait("solved") { $0.contains(say("L1 变电运维班 · 待反馈", "L1 变电运维班 · awaiting feedback")) }
        concernB = try await concern(b)
        #expect(concernB.stage == .awaitingFeedback && concernB.solvedOn == today)
        try keys("4")
        try await wait("the feedback pane") { $0.contains(b) && $0.contains(say("个，最久", "awaiting feedback, longest")) }
        try await select(b)
        try keys("f")
        try await wait("the feedback form") { $0.contains(say("记录反馈（效果与满意度） · \(b)", "Record feedback (effect and satisfaction) · \(b)")) }
        try type("宋佳")
        try keys("Tab", "Tab", "Tab", "Right")
        try await wait("basically satisfied") { $0.contains(say("◀ 基本满意 ▶", "◀ basically satisfied ▶")) }
        try keys("Enter")
        try await wait("closing asked") { $0.contains(say("反馈已记录：现在关闭 \(b)？", "Feedback recorded: close \(b) now?")) }
        try keys("y")
        try await wait("closed") { !$0.contains(b) && $0.contains(say("待反馈", "awaiting feedback")) }
        concernB = try await concern(b)
        #expect(concernB.stage == .closed && concernB.feedback.last?.contact == "宋佳" && concernB.feedback.last?.satisfaction == .basicallySatisfied)

        // MARK: 11. The case written up as a typical experience.
        try keys("1")
        try await wait("the libraries") { $0.contains(say("编号▼", "ID▼")) }
        try await goTo(b, titles.campaign)
        try keys("x")
        try await wait("the practice form") { $0.contains(say("写成实践条目 · \(b)", "Write up as a practice entry · \(b)")) && $0.contains("两套系统未打通") }
        try keys("Right", "Enter")
        try await wait("written up") { $0.contains(say("已写入实践库：", "added to typical experience")) }
        let entry = try #require(try await store().practices().first { $0.sources.map(\.description) == [b] })
        #expect(entry.library == .typicalExperience && entry.authorID.rawValue == "bz-zheng" && entry.rootCause == "两套系统未打通")
        try keys("5")
        try await wait("the practice libraries") { row($0, entry.id).contains(b) && $0.contains(say("典型经验库 · \(today) · 郑伟", "typical experience · \(today) · 郑伟")) }

        for screen in screens {
            let found = scanner.findings(in: screen, language: language)
            #expect(found.isEmpty, "\(found)\n\(screen)")
        }
        try keys("q")
    }
}
