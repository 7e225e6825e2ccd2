import Testing
@testable import WentiTerminal

@Suite("Grid and keys")
struct GridTests {
    @Test func wideCharactersNeverSplit() {
        var grid = Grid(width: 5, height: 2)
        #expect(grid.write("ab中文", x: 0, y: 0) == 5)
        #expect(grid.lines[0] == "ab中 ")            // 文 would cross the edge: a blank instead
        #expect(grid[2, 0].width == 2 && grid[3, 0].isContinuation)
        grid.write("x", x: 3, y: 0)                   // overwrite the right half of 中
        #expect(grid.lines[0] == "ab x ")
        grid.write("文", x: 1, y: 1)
        grid.write("y", x: 1, y: 1)                   // overwrite the left half of 文
        #expect(grid.lines[1] == " y   ")
        grid.write("中文", x: 0, y: 1, limit: 3)      // a clip acts like an edge
        #expect(grid.lines[1] == "中   ")
    }

    @Test func writingSanitises() {
        var grid = Grid(width: 12, height: 1)
        grid.write("\u{1B}[2J清屏", x: 0, y: 0)
        #expect(grid.lines[0] == "␛[2J清屏    ")
        #expect(!grid.cells.contains { $0.text.unicodeScalars.contains { $0.value == 0x1B } })
    }

    @Test func keyScriptsUseTmuxNames() {
        #expect(KeyScript.parse("j Enter C-d BTab F5 PageDown Space 报表 Esc") == [
            .character("j"), .enter, .ctrl("d"), .backTab, .function(5), .pageDown, .character(" "),
            .character("报"), .character("表"), .escape,
        ])
        #expect(Key(name: "Q") == .character("Q"))
        #expect(Key(name: "Nope") == nil)
        #expect(Key.ctrl("d").description == "C-d" && Key.character(" ").description == "Space")
    }

    @MainActor
    @Test func headlessTerminalKeepsFramesAndResizes() {
        let terminal = HeadlessTerminal(width: 10, height: 3, keys: [.character("a")])
        terminal.resize(width: 20, height: 5)
        #expect(terminal.nextKey() == .resize)
        #expect(terminal.size.width == 20)
        #expect(terminal.nextKey() == .character("a"))
        #expect(terminal.nextKey() == nil)
    }

    @Test func aFrameSendsOnlyWhatChanged() {
        var before = Grid(width: 10, height: 3)
        before.write("班组报表", x: 0, y: 0)
        #expect(FrameDiff.changedCells(from: nil, to: before).count == 10 * 3 - 4, "everything, wide characters once")
        var after = before
        #expect(FrameDiff.changedCells(from: before, to: after).isEmpty, "an unchanged frame sends nothing")
        after.write("表", x: 6, y: 0)   // the same character again: nothing to send
        after.write("x", x: 9, y: 2)
        after.write("问", x: 2, y: 0)
        let changed = FrameDiff.changedCells(from: before, to: after)
        #expect(changed.map { "\($0.x),\($0.y)" } == ["2,0", "9,2"])
        #expect(FrameDiff.changedCells(from: before, to: Grid(width: 11, height: 3)).count == 33, "a resize sends the whole frame")
    }
}
