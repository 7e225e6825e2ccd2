import WentiCore
import WentiSession
import WentiStore

/// The concern table's window onto the store: at most `windowLimit` rows around the
/// selection, keyset cursors to load more above and below, the (capped) count, the marks.
/// Moving past either end of the window loads a page there and drops rows from the other
/// end, so a library of a million concerns costs a few pages of memory, and End loads the
/// last page directly instead of everything before it.
public struct ConcernTableModel: Sendable {
    public static let pageSize = 100
    public static let windowLimit = 1_000
    /// Counting stops here: the status bar then says "10000+". Every word has an index
    /// (trigrams from three characters, single characters below), so every filter counts
    /// this far.
    public static let countCap = 10_000

    public var query = ConcernQuery()
    public private(set) var rows: [ConcernSummary] = []
    /// Where loading continues below the window, and above it (nil: nothing more there).
    private var below: PageCursor?
    private var above: PageCursor?
    public private(set) var total = 0
    /// The cap the last count stopped at.
    public private(set) var countedUpTo = countCap
    public var totalIsCapped: Bool { total >= countedUpTo }
    /// Index into `rows`.
    public var selected = 0
    /// The first row shown, an index into `rows`.
    public var top = 0
    public var marks: Set<ConcernCode> = []
    /// Where a `v` range started (an index into `rows`).
    public var rangeAnchor: Int?

    public init() {}

    public var selectedRow: ConcernSummary? { rows.indices.contains(selected) ? rows[selected] : nil }

    /// From the first page again (new filter, sort or unit).
    @MainActor
    public mutating func reload(_ data: Session) async throws {
        let page = try await data.page(query, after: nil, limit: Self.pageSize)
        rows = page.rows
        below = page.next
        above = nil
        countedUpTo = Self.countCap
        total = try await data.count(query, upTo: countedUpTo)
        selected = min(selected, max(0, rows.count - 1))
        top = min(top, selected)
        rangeAnchor = nil
    }

    /// Moves the selection by `delta` rows, loading pages at either end of the window as
    /// needed, and keeps it on screen.
    @MainActor
    public mutating func move(by delta: Int, visibleRows: Int, _ data: Session) async throws {
        var target = selected + delta
        while target >= rows.count - 1, let cursor = below {
            let page = try await data.page(query, after: cursor, limit: Self.pageSize)
            rows += page.rows
            below = page.next
            target -= trimAbove()
        }
        while target < 0, let cursor = above {
            let page = try await data.page(query, before: cursor, limit: Self.pageSize)
            rows = page.rows + rows
            above = page.next
            shift(by: page.rows.count)
            target += page.rows.count
            trimBelow()
        }
        selected = min(max(0, target), max(0, rows.count - 1))
        scroll(visibleRows: visibleRows)
        markRange()
    }

    /// To the last row: the last page, straight from the store.
    @MainActor
    public mutating func moveToEnd(visibleRows: Int, _ data: Session) async throws {
        let page = try await data.page(query, before: nil, limit: Self.pageSize)
        rows = page.rows
        above = page.next
        below = nil
        rangeAnchor = nil
        selected = max(0, rows.count - 1)
        scroll(visibleRows: visibleRows)
    }

    /// To the first row: the first page again.
    @MainActor
    public mutating func moveToStart(_ data: Session) async throws {
        if above == nil {
            selected = 0
            top = 0
            return
        }
        let page = try await data.page(query, after: nil, limit: Self.pageSize)
        rows = page.rows
        below = page.next
        above = nil
        rangeAnchor = nil
        selected = 0
        top = 0
    }

    /// Loads the window around `code` and selects it, if the query lists it: a page before
    /// its place in the sort and a page from it (keyset reads, whatever the library's size).
    /// False, leaving the window as it was, when the query does not list it.
    @MainActor
    public mutating func reveal(_ code: ConcernCode, visibleRows: Int, _ data: Session) async throws -> Bool {
        if let index = rows.firstIndex(where: { $0.code == code }) {
            selected = index
            scroll(visibleRows: visibleRows)
            return true
        }
        let place = try await data.cursor(of: code, sort: query.sort)
        let before = try await data.page(query, before: place, limit: Self.pageSize / 2)
        let from = try await data.page(query, after: before.rows.last?.cursor, limit: Self.pageSize)
        // Listed, it is the first row after those before its place; else the query leaves it out.
        guard from.rows.first?.code == code else { return false }
        rows = before.rows + from.rows
        above = before.next
        below = from.next
        rangeAnchor = nil
        selected = before.rows.count
        top = max(0, selected - visibleRows / 2)
        scroll(visibleRows: visibleRows)
        return true
    }

    public mutating func scroll(visibleRows: Int) {
        let rowsShown = max(1, visibleRows)
        if selected < top { top = selected }
        if selected >= top + rowsShown { top = selected - rowsShown + 1 }
    }

    public mutating func toggleMark() {
        guard let code = selectedRow?.code else { return }
        if !marks.insert(code).inserted { marks.remove(code) }
    }

    public mutating func toggleRange() {
        if rangeAnchor == nil {
            rangeAnchor = selected
            if let code = selectedRow?.code { marks.insert(code) }
        } else {
            rangeAnchor = nil
        }
    }

    // MARK: Window bookkeeping

    private mutating func markRange() {
        guard let anchor = rangeAnchor, !rows.isEmpty else { return }
        for index in min(anchor, selected)...max(anchor, selected) where rows.indices.contains(index) {
            marks.insert(rows[index].code)
        }
    }

    /// Drops rows above when the window is too long; returns how many.
    private mutating func trimAbove() -> Int {
        let excess = rows.count - Self.windowLimit
        guard excess > 0 else { return 0 }
        rows.removeFirst(excess)
        above = rows.first?.cursor
        shift(by: -excess)
        return excess
    }

    private mutating func trimBelow() {
        let excess = rows.count - Self.windowLimit
        guard excess > 0 else { return }
        rows.removeLast(excess)
        below = rows.last?.cursor
    }

    /// Keeps indices pointing at the same rows after rows were added or removed above.
    private mutating func shift(by count: Int) {
        selected += count
        top = max(0, top + count)
        rangeAnchor = rangeAnchor.map { $0 + count }
    }
}
