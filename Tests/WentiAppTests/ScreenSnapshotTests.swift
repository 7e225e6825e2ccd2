import SnapshotTesting
import Testing
@testable import WentiApp
@testable import WentiCore
@testable import WentiTerminal

@MainActor
@Suite("Screens as text", .serialized)
struct ScreenSnapshotTests {
    @Test(arguments: [(40, 12), (80, 24), (120, 40)], [Language.zh, .en])
    func libraries(size: (Int, Int), language: Language) throws {
        let fixture = try AppFixture()
        // Select the fixture concern (the newest), then the demo's first escalated one.
        let (_, first) = fixture.run("", width: size.0, height: size.1, language: language)
        assertSnapshot(of: first.lastFrame, as: .screen, named: "\(size.0)x\(size.1)-\(language.rawValue)")
    }

    @Test(arguments: [Language.zh, .en])
    func help(language: Language) throws {
        let fixture = try AppFixture()
        let (_, backend) = fixture.run("?", width: 80, height: 24, language: language)
        assertSnapshot(of: backend.lastFrame, as: .screen, named: language.rawValue)
    }

    @Test func filteredAndMarked() throws {
        let fixture = try AppFixture()
        let (_, backend) = fixture.run("/ 补贴 Enter Space j Space", width: 100, height: 30, language: .zh)
        assertSnapshot(of: backend.lastFrame, as: .screen)
    }
}
