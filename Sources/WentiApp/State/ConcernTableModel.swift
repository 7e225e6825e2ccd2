import WentiCore
import WentiStore

/// The concern table's window onto the store: the rows loaded so far, the keyset cursor for
/// more, the total, the selection and the marks. Rows are fetched a page at a time as the
/// selection nears the end of what is loaded.
public struct ConcernTableModel: Sendable {
    public static let pageSize = 100

    public var query = ConcernQuery()
    public private(set) var rows: [ConcernSummary] = []
    private var next: PageCursor?
    public private(set) var total = 0
    public var selected = 0
    /// The first row shown (the viewport scrolls to keep the selection visible).
    public var top = 0
    public var marks: Set<ConcernCode> = []
    /// Where a `v` range started.
    public var rangeAnchor: Int?

    public init() {}

    public var selectedRow: ConcernSummary? { rows.indices.contains(selected) ? rows[selected] : nil }

    /// Reloads from the first page (new filter, sort or unit).
    @MainActor
    public mutating func reload(_ data: LibraryData) throws(StoreError) {
        let page = try data.page(query, after: nil, limit: Self.pageSize)
        rows = page.rows
        next = page.next
        total = try data.count(query)
        selected = min(selected, max(0, rows.count - 1))
        top = min(top, selected)
    }

    /// Moves the selection by `delta` rows, loading pages as needed; keeps it on screen.
    @MainActor
    public mutating func move(by delta: Int, visibleRows: Int, _ data: LibraryData) throws(StoreError) {
        let target = max(0, selected + delta)
        while target >= rows.count - 1, let cursor = next {
            let page = try data.page(query, after: cursor, limit: Self.pageSize)
            rows += page.rows
            next = page.next
        }
        selected = min(target, max(0, rows.count - 1))
        scroll(visibleRows: visibleRows)
        if let anchor = rangeAnchor {
            for index in min(anchor, selected)...max(anchor, selected) { marks.insert(rows[index].code) }
        }
    }

    /// To the last row: loads the remaining pages (the count says how many there are).
    @MainActor
    public mutating func moveToEnd(visibleRows: Int, _ data: LibraryData) throws(StoreError) {
        try move(by: total, visibleRows: visibleRows, data)
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
}
