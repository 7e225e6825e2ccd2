/// What the application needs of a terminal: its size, showing a frame, and the next key.
/// The ncurses terminal and the headless one both implement it, so the application loop
/// and everything above it run the same in tests as on a real screen.
@MainActor
public protocol TerminalBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Shows `grid`, sending only the cells that changed since the last frame.
    func present(_ grid: Grid)
    /// Waits for the next key; nil when there will be no more (end of script, input closed).
    func nextKey() -> Key?
    /// Leaves the screen as it was found.
    func restore()
}

/// An off-screen terminal: keys come from a script, frames are kept for inspection.
@MainActor
public final class HeadlessTerminal: TerminalBackend {
    public private(set) var size: (width: Int, height: Int)
    public private(set) var lastFrame: Grid
    private var keys: [Key]
    private var position = 0

    public init(width: Int, height: Int, keys: [Key]) {
        size = (width, height)
        lastFrame = Grid(width: width, height: height)
        self.keys = keys
    }

    public func present(_ grid: Grid) {
        lastFrame = grid
    }

    public func nextKey() -> Key? {
        guard position < keys.count else { return nil }
        defer { position += 1 }
        return keys[position]
    }

    /// Changes the size as a terminal resize would; the next key read is `.resize`.
    public func resize(width: Int, height: Int) {
        size = (width, height)
        keys.insert(.resize, at: position)
    }

    public func restore() {}
}
