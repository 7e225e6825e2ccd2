import Foundation
import Testing
import WentiTestSupport
@testable import WentiApp
@testable import WentiCore
@testable import WentiStore
@testable import WentiTerminal

/// No screen shows what only the program should know: ids of people and units, enum raw
/// values (`awaiting-feedback`, `team-burden`, `oldest`), "kind:id" links, ISO timestamps;
/// English lines use ASCII brackets and colons; a Chinese line never starts with closing
/// punctuation. Every recorded snapshot is scanned, and the screens below rendered and scanned.
@MainActor
@Suite("No internal value on any screen", .serialized)
struct InternalValueTests {
    @Test func noSnapshotShowsAnInternalValue() async throws {
        let fixture = try await AppFixture()
        let scanner = InternalValueScanner(fixture.environment.session.workspace)
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
        #expect(files.count > 50, "the snapshots are where they were")
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            // The frame's rows (the style rows under it are letters only).
            let screen = text.split(separator: "\n").filter { $0.hasPrefix("│") }.joined(separator: "\n")
            let language: Language = file.contains("-en") || file.contains(".en.") ? .en : .zh
            let found = scanner.findings(in: screen, language: language)
            #expect(found.isEmpty, "\(file): \(found)")
        }
    }

    /// The screens a month of work passes through, at both sizes and in both languages.
    @Test(arguments: [(80, 24), (120, 40)], [Language.zh, .en])
    func noScreenOfTheMethodShowsAnInternalValue(size: (Int, Int), language: Language) async throws {
        let fixture = try await AppFixture()
        let scanner = InternalValueScanner(fixture.environment.session.workspace)
        let scripts = [
            "", "Enter", "s", "s s", "F4", "F5", "u", "?", "u 运 检",
            "/ 山 区 线 路 Enter", "/ 合 同 到 期 Enter", "/ 夜 间 倒 闸 Enter", "/ 高 空 作 业 Enter",
            "/ 活 动 室 Enter a 挪 作 库 房 Enter = 1 Enter e 需 部 门 协 调 Enter y",
            "/ 山 区 线 路 Enter l Left Tab h y - 2 0 2 6 - 1 1 Enter l Tab 4 Enter T", "/ 山 区 线 路 Enter E", "/ 山 区 线 路 Enter K",
            "2", "2 n", "2 n Enter", "3", "3 j", "4", "5", "6", "6 v", "W",
            // The detail scrolled through, a referral, and the finding sources.
            "/ 夜 间 倒 闸 Enter } }", "/ 夜 间 倒 闸 Enter } } } } } }", "/ 合 同 到 期 Enter", "/ 合 同 到 期 Enter } } }",
            "7", "7 j", "7 Tab j Tab", "7 Tab j j Tab", "7 Tab j j Tab } }", "7 n", "7 =", "7 j i",
        ]
        for script in scripts {
            let (_, screen) = await fixture.run(script, width: size.0, height: size.1, language: language)
            let found = scanner.findings(in: screen.lastFrame.text, language: language)
            #expect(found.isEmpty, "\(script) at \(size.0)x\(size.1) in \(language.rawValue): \(found)")
        }
    }
}
