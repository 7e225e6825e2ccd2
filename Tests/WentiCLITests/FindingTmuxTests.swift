import Foundation
import Testing
import WentiCore
import WentiStore
import WentiTestSupport
import WentiText

/// The detail and the finding sources through the keyboard, with the real binary under tmux,
/// in Chinese and in English at 80x24 and 120x40: a concern's detail scrolled to its last
/// line, a leader's visit recorded and counted against the quota, the campaign's reward
/// ledger, and its concerns opened in the libraries. Every screen on the way fits the
/// terminal and holds no internal value.
@Suite("The detail and the finding sources in tmux", .serialized, .enabled(if: TmuxHarness.available))
struct FindingTmuxTests {
    let cli = CommandLineTests()

    @Test(arguments: [(80, 24), (120, 40)], [Language.zh, .en])
    func theDetailAndTheFindingSourcesFromTheKeyboard(size: (Int, Int), language: Language) async throws {
        let (width, height) = size
        let zh = language == .zh
        func say(_ chinese: String, _ english: String) -> String { zh ? chinese : english }
        let demo = try await DemoInTmux(cli, width: width, height: height, language: language)
        let (tmux, db, scanner) = (demo.tmux, demo.db, demo.scanner)
        var screens: [String] = []
        func keys(_ keys: String...) throws {
            for key in keys { try tmux.run(["send-keys", "-t", "w", key]) }
        }
        func type(_ text: String) throws { try tmux.run(["send-keys", "-t", "w", "-l", text]) }
        @discardableResult
        func wait(_ what: String, _ predicate: @escaping (String) -> Bool) async throws -> String {
            let lines = try await tmux.waitFor { predicate($0.joined(separator: "\n")) }
            let screen = lines.joined(separator: "\n")
            #expect(predicate(screen), Comment(rawValue: "\(what) at \(width)x\(height) \(language.rawValue):\n" + screen))
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(what): every line fits")
            screens.append(screen)
            return screen
        }
        try await wait("the first screen") { $0.contains("Q-2026-0069") }

        // The detail of a concern from a leader's visit: the visit by leader, day and unit, the
        // next step with its key, and } until nothing is below.
        try type("/夜间倒闸")
        try keys("Enter")
        let detail = try await wait("the detail") { $0.contains("Q-2026-0002  夜间倒闸") && $0.contains(say("下一步：办结待反馈 d", "Next: mark solved d")) }
        #expect(detail.contains(say("↓ 下面还有", "more below")) || height >= 40)
        var scrolled = detail
        for _ in 0..<12 where scrolled.contains("↓") {
            try keys("}")
            let before = scrolled
            scrolled = try await wait("scrolled") { $0 != before || !$0.contains("↓") }
        }
        #expect(!scrolled.contains("↓"), "the end of the detail is reached")
        #expect(scrolled.contains(say("更新任务", "update a task")), "the timeline's last step is on screen")
        try keys("Escape", "Escape")

        // The finding pane: visits by leader, unit and day; n records one, counted in the quota.
        try keys("7")
        try await wait("the visits") { $0.contains(say("领导走访", "Visits")) && $0.contains("林海涛") && $0.contains("青山供电所") }
        try keys("n")
        try await wait("the visit form") { $0.contains(say("记录领导走访", "Record a leader's visit")) }
        try keys("Tab")
        try type("城东所")
        try keys("Tab", "Tab", "Tab")
        try type(say("抢修车辆不够", "short of repair vans"))
        try keys("C-s")
        try await wait("the visit recorded") { $0.contains(say("已记录：林海涛", "recorded: 林海涛 at 城东供电所")) && $0.contains("城东供电所") }
        let visits = try await SQLiteStore(path: db, create: false).visits()
        #expect(visits.count == 7 && visits.last?.unitID == "t-cd" && visits.last?.leaderID == "ld-lin")
        try keys("Tab", "j", "Tab")
        let quota = try await wait("the quota") { $0.contains(say("走访定额", "Quota")) && $0.contains("冯志强") }
        let lin = quota.split(separator: "\n").first { $0.contains("林海涛") }.map(String.init) ?? ""
        let feng = quota.split(separator: "\n").first { $0.contains("冯志强") }.map(String.init) ?? ""
        #expect(lin.contains(say("已完成", "done")) && feng.contains(say("未完成", "behind")), "\(lin)\n\(feng)")

        // The campaign: its period, and who earned the reward for which accepted concern.
        try keys("Tab", "j", "Tab")
        try await wait("the campaign") { $0.contains("2026-10-01–2026-12-31") && $0.contains(say("✓ 获奖", "✓ earned")) }
        try keys("Enter")
        try await wait("its concerns in the libraries") { $0.contains(say("共 11 个", "11 in all")) && $0.contains("Q-2026-0063") }

        for screen in screens {
            let found = scanner.findings(in: screen, language: language)
            #expect(found.isEmpty, "\(found)\n\(screen)")
        }
        try keys("q")
    }
}
