import CNCurses
import Foundation
import Testing
@testable import WentiTerminal

/// ncurses on /dev/null: the real library, drawing into its own screen model, read back
/// cell by cell. Serialised: ncurses is one global state.
@Suite("ncurses backend", .serialized)
struct NCursesBackendTests {
    @MainActor
    @Test func gridCellsReachNcursesExactly() throws {
        TerminalGuard.prepareProcess()
        let output = try #require(fopen("/dev/null", "w"))
        let input = try #require(fopen("/dev/null", "r"))
        let screen = try #require(newterm("xterm-256color", output, input))
        set_term(screen)
        defer {
            endwin()
            delscreen(screen)
            fclose(output)
            fclose(input)
        }
        resizeterm(3, 8)
        var grid = Grid(width: 8, height: 3)
        grid.write("Q1 报表多", x: 0, y: 0, style: Style(reverse: true))
        grid.write("末尾中文", x: 0, y: 1)   // 4 wide characters fill the row exactly
        grid.write("ab中", x: 5, y: 2)      // 中 cannot fit at column 7: a blank
        NCursesBlitter.draw(grid)
        func row(_ y: Int32) -> String {
            var text = ""
            var x: Int32 = 0
            while x < 8 {
                var cell = cchar_t()
                mvin_wch(y, x, &cell)
                var wide = [wchar_t](repeating: 0, count: 8)
                var attributes: attr_t = 0
                var pair: Int16 = 0
                getcchar(&cell, &wide, &attributes, &pair, nil)
                let scalar = Unicode.Scalar(UInt32(bitPattern: wide[0])) ?? " "
                text.unicodeScalars.append(scalar)
                x += (scalar.value >= 0x2E80) ? 2 : 1
            }
            return text
        }
        #expect(row(0) == "Q1 报表 ")      // 多 would cross the right edge
        #expect(row(1) == "末尾中文")
        #expect(row(2) == "     ab ")
        var first = cchar_t()
        mvin_wch(0, 0, &first)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        var wide = [wchar_t](repeating: 0, count: 8)
        getcchar(&first, &wide, &attributes, &pair, nil)
        #expect(attributes & WENTI_A_REVERSE != 0)
    }
}
