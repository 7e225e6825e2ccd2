import Foundation
import Testing
import WentiCore
import WentiStore
import WentiTestSupport

/// The finding sources on the command line (`wenti visit`, `wenti campaign`), and no internal
/// value in what `wenti show`, `wenti log` and they print, in Chinese or English: every line
/// is scanned as the UI's screens are (`InternalValueScanner`). The real binary, on a real
/// demo file.
@Suite("Finding sources and words on the command line", .serialized)
struct FindingAndWordsCommandTests {
    let cli = CommandLineTests()

    func demo() async throws -> String {
        let db = try cli.temporaryDatabase()
        let made = try await cli.run(["demo", "--no-tui", "--db", db])
        #expect(made.status == 0, "\(made.err)")
        return db
    }

    func scanner(_ db: String) async throws -> InternalValueScanner {
        InternalValueScanner(try await SQLiteStore(path: db, create: false).workspace())
    }

    /// Concerns of every kind: through a leader's visit and a campaign, escalated, referred,
    /// graded and pledged, awaiting feedback, closed, under watch, anonymous.
    static let concerns = ["Q-2026-0001", "Q-2026-0002", "Q-2026-0003", "Q-2026-0009", "Q-2026-0027", "Q-2026-0041",
                           "Q-2026-0053", "Q-2026-0055", "Q-2026-0061", "Q-2026-0062", "Q-2026-0063", "Q-2026-0065"]

    @Test func showAndLogSayEverythingInWords() async throws {
        let db = try await demo()
        let scanner = try await scanner(db)
        for language in ["zh", "en"] {
            for code in Self.concerns {
                for command in ["show", "log"] {
                    let result = try await cli.run([command, code, "--db", db, "--lang", language])
                    #expect(result.status == 0, "\(command) \(code): \(result.err)")
                    let found = scanner.findings(in: result.out, language: language == "zh" ? .zh : .en)
                    #expect(found.isEmpty, "\(command) \(code) --lang \(language): \(found)")
                }
            }
        }
        // What the old output printed: raw fields, ids and the version.
        let shown = try await cli.run(["show", "Q-2026-0008", "--db", db, "--lang", "zh"]).out
        #expect(shown.contains("领导走访：郑伟 2026-11-10 走访输电运检班"), "\(shown)")
        #expect(!shown.contains("zf-1102") && !shown.contains("版本"))
        let log = try await cli.run(["log", "Q-2026-0002", "--db", db, "--lang", "zh"]).out
        #expect(log.contains("责任状 郑伟 于 2026-10-28 签订") && log.contains("等级 急难"), "\(log)")
        #expect(!log.contains("bz-zheng") && !log.contains("urgent") && !log.contains("∅"))
        let english = try await cli.run(["log", "Q-2026-0002", "--db", db, "--lang", "en"]).out
        #expect(english.contains("grade urgent-difficult") && english.contains("first responsible 郑伟"), "\(english)")
    }

    @Test func visitsAreLoggedListedAndCountedAgainstTheQuota() async throws {
        let db = try await demo()
        let scanner = try await scanner(db)
        // Today as the binary counts it (the system clock): the visit is today's, in this month.
        let today = SystemClock().today()
        // 冯志强 (农网管理部) has made no visit at all: behind this month.
        let before = try await cli.run(["visit", "quota", "--db", db, "--lang", "zh"])
        #expect(before.status == 0 && before.out.contains("冯志强"), "\(before.err)")
        let line = before.out.split(separator: "\n").first { $0.contains("冯志强") }.map(String.init) ?? ""
        #expect(line.contains("0/1") && line.contains("未完成"), "\(line)")
        let logged = try await cli.run(["visit", "log", "--leader", "冯志强", "--unit", "城东所", "--serving", "融入基层",
                                  "--findings", "城东所夜间抢修车辆不够", "--db", db, "--lang", "zh"])
        #expect(logged.status == 0, "\(logged.err)")
        #expect(logged.out.contains("冯志强 \(today) 走访城东供电所"), "\(logged.out)")
        let after = try await cli.run(["visit", "quota", "--db", db, "--lang", "zh"]).out
        let standing = after.split(separator: "\n").first { $0.contains("冯志强") }.map(String.init) ?? ""
        #expect(standing.contains("1/1") && standing.contains("已完成"), "\(standing)")
        // A concern taken in from the visit names it by leader and day; the visit lists it.
        let added = try await cli.run(["add", "--title", "城东所抢修车辆不足", "--category", "班组负担", "--channel", "leader-visit",
                                 "--source", "冯志强 \(today)", "--unit", "城东供电所", "--db", db])
        #expect(added.status == 0, "\(added.err)")
        let code = added.out.trimmed
        let list = try await cli.run(["visit", "list", "--month", today.month.description, "--db", db, "--lang", "zh"]).out
        let row = list.split(separator: "\n").first { $0.contains("冯志强") }.map(String.init) ?? ""
        #expect(!code.isEmpty && row.contains(code), "\(list)")
        #expect(try await cli.run(["show", code, "--db", db, "--lang", "zh"]).out.contains("领导走访：冯志强 \(today) 走访城东供电所"))
        // A visit in the future, or by someone who is no leader, is refused in words.
        let future = try await cli.run(["visit", "log", "--leader", "冯志强", "--unit", "城东所", "--on", "2099-01-01", "--findings", "x", "--db", db, "--lang", "en"])
        #expect(future.status != 0 && future.err.contains("has not come"), "\(future.err)")
        let notALeader = try await cli.run(["visit", "log", "--leader", "宋佳", "--unit", "城东所", "--findings", "x", "--db", db, "--lang", "en"])
        #expect(notALeader.status != 0 && notALeader.err.contains("is not a company leader or department head"), "\(notALeader.err)")
        // Two a month from now on: 冯志强's one visit is behind again.
        #expect(try await cli.run(["visit", "quota", "--set", "2", "--db", db]).status == 0)
        let two = try await cli.run(["visit", "quota", "--db", db, "--lang", "en"]).out
        #expect(two.contains("each leader owes 2 visits"), "\(two)")
        #expect(two.split(separator: "\n").first { $0.contains("冯志强") }.map { $0.contains("1/2") && $0.contains("behind") } == true, "\(two)")
        for language in ["zh", "en"] {
            for arguments in [["visit", "list"], ["visit", "quota", "--month", "2026-11"], ["campaign", "list"], ["campaign", "ledger"], ["show", code], ["log", code]] {
                let result = try await cli.run(arguments + ["--db", db, "--lang", language])
                #expect(result.status == 0, "\(arguments): \(result.err)")
                let found = scanner.findings(in: result.out, language: language == "zh" ? .zh : .en)
                #expect(found.isEmpty, "\(arguments) --lang \(language): \(found)")
            }
        }
    }

    @Test func theRewardLedgerNamesWhoEarnedWhatForWhichAcceptedConcern() async throws {
        let db = try await demo()
        let ledger = try await cli.run(["campaign", "ledger", "金点子", "--db", db, "--lang", "zh"])
        #expect(ledger.status == 0, "\(ledger.err)")
        let lines = ledger.out.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("带来 11 个问题，9 个已受理") == true, "\(ledger.out)")
        // Accepted: earned the reward; still being analysed: not yet.
        #expect(lines.contains { $0.contains("Q-2026-0009") && $0.contains("杨帆") && $0.contains("采纳一条奖励200元") })
        #expect(lines.contains { $0.contains("Q-2026-0003") && $0.contains("宋佳") && $0.contains("尚未受理") })
        let list = try await cli.run(["campaign", "list", "--db", db, "--lang", "en"]).out
        #expect(list.contains("11") && list.contains("9"), "\(list)")
    }
}
