import Testing
@testable import WentiApp
@testable import WentiTerminal
@testable import WentiText

@Suite("Charts")
struct ChartTests {
    @Test func sparklinesScaleToTheLargestValue() {
        #expect(Charts.sparkline([0, 1, 2, 4, 8], width: 10) == "▁▁▂▄█")
        #expect(Charts.sparkline([3, 3], width: 10) == "██")
        #expect(Charts.sparkline([0, 0], width: 10) == "▁▁")
        #expect(Charts.sparkline(Array(1...20), width: 5).count == 5)
    }

    @Test func barsAlignLabelsAndValuesInChinese() {
        var grid = Grid(width: 30, height: 3)
        Charts.bars([("收入福利", 12), ("班组负担", 6), ("竞赛调考", 1)], into: &grid, x: 0, y: 0, width: 30)
        #expect(grid.lines[0].hasPrefix("收入福利 12 ██"))
        #expect(grid.lines[1].hasPrefix("班组负担  6 ██"))
        let lengths = grid.lines.map { $0.filter { "█▏▎▍▌▋▊▉".contains($0) }.count }
        #expect(lengths[0] > lengths[1] && lengths[1] > lengths[2] && lengths[2] >= 1)
        #expect(grid.lines.allSatisfy { DisplayWidth.of($0) == 30 })
    }
}
