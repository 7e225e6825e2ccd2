import CNCurses
import Foundation
import WentiText

/// Why the terminal UI cannot start; each reads as one line, and the command exits 2.
public enum TerminalStartError: Error, Equatable, Sendable {
    case notATerminal
    case unknownTerminal(String)

    public var message: String {
        switch self {
        case .notATerminal:
            "wenti's terminal UI needs a terminal (standard input and output are not one); use the subcommands, or --headless"
        case .unknownTerminal(let term):
            "cannot initialise the terminal (TERM=\(term.isEmpty ? "unset" : term)); set TERM to a known type such as xterm-256color"
        }
    }
}

/// The real screen, through ncursesw. Every call stays on the main actor: ncurses is not
/// thread-safe.
@MainActor
public final class NCursesTerminal: TerminalBackend {
    private let screen: OpaquePointer
    private var previous: Grid?
    private let colours: Bool
    public private(set) var mouseEnabled = false

    /// Starts curses mode. Refuses without a terminal (ncurses would write escapes into a
    /// pipe and read nothing forever) and with an unknown TERM (where `initscr` would exit).
    public init(colour: Bool) throws(TerminalStartError) {
        TerminalGuard.prepareProcess()
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
              let screen = newterm(nil, output, input) else {
            throw .unknownTerminal(ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        self.screen = screen
        set_term(screen)
        raw()
        noecho()
        nonl()
        keypad(wenti_stdscr(), true)
        set_escdelay(25)
        // Wake twice a second without a key, so the UI notices others' changes within a
        // second (one read of the change token: microseconds locally, a fraction of a
        // millisecond over a server's socket); nothing else runs between keys.
        wtimeout(wenti_stdscr(), 500)
        curs_set(0)
        colours = colour && has_colors()
        if colours {
            start_color()
            use_default_colors()
            for c in Style.Colour.allCases { init_pair(Int16(c.rawValue), Int16(c.rawValue), -1) }
        }
        TerminalGuard.installRestoreOnCrash()
    }

    public var size: (width: Int, height: Int) { (Int(wenti_cols()), Int(wenti_lines())) }

    /// Sends the cells that differ from the last frame, then one `doupdate`.
    public func present(_ grid: Grid) {
        for (x, y) in FrameDiff.changedCells(from: previous, to: grid) {
            draw(grid[x, y], x: x, y: y)
        }
        if let cursor = grid.cursor, cursor.x < grid.width, cursor.y < grid.height {
            curs_set(1)
            wmove(wenti_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(wenti_stdscr())
        doupdate()
        previous = grid
    }

    private func draw(_ cell: Cell, x: Int, y: Int) {
        NCursesBlitter.draw(cell, x: x, y: y, colours: colours)
    }


    public func nextKey() -> Key? {
        while true {
            var value: wint_t = 0
            let status = get_wch(&value)
            if status == ERR { return .tick }
            if status == KEY_CODE_YES {
                if let key = functionKey(Int32(value)) { return key }
                continue
            }
            return characterKey(UInt32(value))
        }
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE:
            previous = nil   // the next frame is drawn whole
            return .resize
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            if event.bstate & WENTI_WHEEL_UP != 0 { return .wheelUp }
            if event.bstate & WENTI_WHEEL_DOWN != 0 { return .wheelDown }
            if event.bstate & WENTI_BUTTON1 != 0 { return .click(x: Int(event.x), y: Int(event.y)) }
            return nil
        default:
            for n in 1...24 where code == wenti_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    private func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Mouse reporting is off by default so that the terminal's own selection works.
    public func setMouse(_ enabled: Bool) {
        mouseEnabled = enabled
        var old: mmask_t = 0
        mousemask(enabled ? WENTI_MOUSE_BUTTONS : 0, &old)
        mouseinterval(0)
    }

    /// Ctrl-Z: give the terminal back, stop, and redraw everything on return.
    public func suspend() {
        endwin()
        kill(getpid(), SIGTSTP)
        // Execution continues here after SIGCONT.
        refresh()
        previous = nil
    }

    public func restore() {
        endwin()
        delscreen(screen)
        TerminalGuard.disarm()
    }
}

/// Cells into ncurses' current screen: one `setcchar` + `mvadd_wch` per cell. Apart from the
/// terminal so that the tests can drive it on a `newterm` over /dev/null.
@MainActor
enum NCursesBlitter {
    static func draw(_ cell: Cell, x: Int, y: Int, colours: Bool) {
        var attributes = WENTI_A_NORMAL
        if cell.style.bold { attributes |= WENTI_A_BOLD }
        if cell.style.dim { attributes |= WENTI_A_DIM }
        if cell.style.reverse { attributes |= WENTI_A_REVERSE }
        if cell.style.underline { attributes |= WENTI_A_UNDERLINE }
        let pair: Int16 = colours ? Int16(cell.style.colour?.rawValue ?? 0) : 0
        var wide = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        var character = cchar_t()
        setcchar(&character, wide, attributes, pair, nil)
        // The bottom-right cell reports ERR although it is drawn; nothing to do about it.
        mvadd_wch(Int32(y), Int32(x), &character)
    }

    /// A whole grid, for tests (the terminal sends only what changed).
    static func draw(_ grid: Grid) {
        for y in 0..<grid.height {
            for x in 0..<grid.width where !grid[x, y].isContinuation {
                draw(grid[x, y], x: x, y: y, colours: false)
            }
        }
    }
}
