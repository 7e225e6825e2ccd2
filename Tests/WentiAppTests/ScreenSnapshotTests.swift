import SnapshotTesting
import Testing
@testable import WentiApp
@testable import WentiCore
@testable import WentiTerminal

@MainActor
@Suite("Screens as text", .serialized)
struct ScreenSnapshotTests {
    @Test(arguments: [(40, 12), (80, 24), (120, 40)], [Language.zh, .en])
    func libraries(size: (Int, Int), language: Language) async throws {
        let fixture = try await AppFixture()
        // Select the fixture concern (the newest), then the demo's first escalated one.
        let (_, first) = await fixture.run("", width: size.0, height: size.1, language: language)
        assertSnapshot(of: first.lastFrame, as: .screen, named: "\(size.0)x\(size.1)-\(language.rawValue)")
    }

    @Test(arguments: [Language.zh, .en])
    func help(language: Language) async throws {
        let fixture = try await AppFixture()
        let (_, backend) = await fixture.run("?", width: 80, height: 24, language: language)
        assertSnapshot(of: backend.lastFrame, as: .screen, named: language.rawValue)
    }

    @Test func filteredAndMarked() async throws {
        let fixture = try await AppFixture()
        let (_, backend) = await fixture.run("/ 补贴 Enter Space j Space", width: 100, height: 30, language: .zh)
        assertSnapshot(of: backend.lastFrame, as: .screen)
    }

    /// The intake, the grade picker and the escalation form, at both sizes and in both languages.
    @Test(arguments: [(80, 24), (120, 40)], [Language.zh, .en])
    func triagePanes(size: (Int, Int), language: Language) async throws {
        let fixture = try await AppFixture()
        let scripts = [
            ("intake", "i 河 口 所 缺 员 Tab 又 走 了 一 人 Tab Tab Tab Tab 河"),
            ("grade", "/ 活 动 室 Enter ="),
            ("escalate", "/ 活 动 室 Enter e 需 部 门 协 调"),
        ]
        for (name, script) in scripts {
            let (_, backend) = await fixture.run(script, width: size.0, height: size.1, language: language)
            assertSnapshot(of: backend.lastFrame, as: .screen, named: "\(name)-\(size.0)x\(size.1)-\(language.rawValue)")
        }
    }

    /// The meetings pane with next month's agenda and a decision form, the supervision
    /// pane, and the feedback queue, at both sizes and in both languages.
    @Test(arguments: [(80, 24), (120, 40)], [Language.zh, .en])
    func meetingsSupervisionFeedback(size: (Int, Int), language: Language) async throws {
        let fixture = try await AppFixture()
        let scripts = [
            ("meetings", "2 n j j"),
            ("decision", "2 n Enter"),
            ("supervision", "3 j"),
            ("feedback", "4 j"),
        ]
        for (name, script) in scripts {
            let (_, backend) = await fixture.run(script, width: size.0, height: size.1, language: language)
            assertSnapshot(of: backend.lastFrame, as: .screen, named: "\(name)-\(size.0)x\(size.1)-\(language.rawValue)")
        }
    }

    /// The practice libraries and the dashboard's four views (charts included), at both
    /// sizes and in both languages.
    @Test(arguments: [(80, 24), (120, 40)], [Language.zh, .en])
    func practicesAndDashboard(size: (Int, Int), language: Language) async throws {
        let fixture = try await AppFixture()
        let scripts = [
            ("practices", "5 j"),
            ("units", "6 j Right"),
            ("solving", "6 v j"),
            ("trends", "6 m v v"),
            ("ranking", "6 m v v v"),
        ]
        for (name, script) in scripts {
            let (_, backend) = await fixture.run(script, width: size.0, height: size.1, language: language)
            assertSnapshot(of: backend.lastFrame, as: .screen, named: "\(name)-\(size.0)x\(size.1)-\(language.rawValue)")
        }
    }

    /// The finding sources (visits, the quota, the campaign with its ledger, the visit form)
    /// and a concern's detail at its top and scrolled, at both sizes and in both languages.
    @Test(arguments: [(80, 24), (120, 40)], [Language.zh, .en])
    func findingAndDetail(size: (Int, Int), language: Language) async throws {
        let fixture = try await AppFixture()
        let scripts = [
            ("visits", "7 j"),
            ("quota", "7 Tab j Tab"),
            ("campaigns", "7 Tab j j Tab"),
            ("visit-form", "7 n"),
            ("detail", "/ 夜 间 倒 闸 Enter"),
            ("detail-scrolled", "/ 夜 间 倒 闸 Enter } }"),
            ("referred", "/ 合 同 到 期 Enter"),
        ]
        for (name, script) in scripts {
            let (_, backend) = await fixture.run(script, width: size.0, height: size.1, language: language)
            assertSnapshot(of: backend.lastFrame, as: .screen, named: "\(name)-\(size.0)x\(size.1)-\(language.rawValue)")
        }
    }
}
