import Foundation
import Testing
import WentiTestSupport
@testable import WentiApp
@testable import WentiCore
@testable import WentiStore

/// Issue 18: every class of terminal control, in titles, descriptions, root causes and plans,
/// reaches no screen raw: each pane, the detail, the help and the export form, in both
/// languages, at 80×24 and 120×40.
@MainActor
@Suite(.serialized) struct HostileScreenTests {
    @Test func noPaneDrawsARawControl() async throws {
        let fixture = try await AppFixture()
        for (_, text) in HostileText.classes {
            let concern = try await fixture.store.open(NewConcern(
                title: "问题" + text + "结尾", description: "描述" + HostileText.all + "\n第二行" + text, categoryID: "team-burden",
                channel: .hotline, finderID: "zg-zhao", reporter: .named(name: "报告" + text, personID: nil), involvedPeople: "涉及" + text,
                unitID: "t-kf"), actor: "zg-zhao")
            try await fixture.store.perform(.analyse(Analysis(rootCause: "根源" + text, difficulty: .medium, breadth: .team)), on: concern.code, actor: "zg-zhao")
            try await fixture.store.perform(.plan("方案" + text), on: concern.code, actor: "zg-zhao")
        }
        let scripts = ["1", "1 j", "1 j j j", "1 / 问题 Enter", "2", "2 j Enter", "3", "4", "5", "6", "1 ?", "2 x"]
        for language in [Language.zh, .en] {
            for (width, height) in [(80, 24), (120, 40)] {
                for script in scripts {
                    let (_, terminal) = await fixture.run(script, width: width, height: height, language: language)
                    let raw = HostileText.rawControls(in: terminal.lastFrame.text)
                    #expect(raw.isEmpty, "\(script) at \(width)x\(height) \(language): \(raw.map { String($0.value, radix: 16) })")
                }
                // The newest concern (the last class) is selected first: its detail is on screen.
                let (_, detail) = await fixture.run("1", width: width, height: height, language: language)
                #expect(detail.lastFrame.text.contains("问题"), "the hostile concerns are listed")
            }
        }
    }
}
