import Foundation
import Testing
import WentiText
@testable import WentiCLI

@Suite("Command-line tables")
struct TableTests {
    let table: Table = {
        var table = Table(columns: [
            .init(title: "编号", maxWidth: 14), .init(title: "标题", maxWidth: 36), .init(title: "单位", maxWidth: 16),
        ])
        table.rows = [
            ["Q-2026-0001", "班组月报表太多，新来的大学生一周有两天在填表", "江城电力实业公司"],
            ["Q-2026-0002", "Emoji 👨‍👩‍👧 and \u{1B}[31mred", "客服班"],
        ]
        table.flexibleColumns = [1, 2]
        return table
    }()

    @Test(arguments: [nil, 120, 80, 40, 30] as [Int?])
    func columnsLineUpAndFitTheTerminal(width: Int?) {
        let lines = table.render(totalWidth: width).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        if let width { #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(lines)") }
        // The third column starts at the same column on every line.
        let starts = lines.map { line -> Int in
            let lastCell = line.components(separatedBy: "  ").last!.trimmingCharacters(in: .whitespaces)
            return DisplayWidth.of(line) - DisplayWidth.of(lastCell)
        }
        #expect(Set(starts).count == 1, "\(starts) \(lines)")
        #expect(!lines.joined().unicodeScalars.contains { $0.value == 0x1B })
    }
}
