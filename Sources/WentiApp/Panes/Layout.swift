/// Where each part of the screen goes at a given size. The one place that knows the
/// geometry, so that drawing and paging (how many rows a page is) agree.
public struct Layout: Sendable {
    public static let minimumWidth = 60
    public static let minimumHeight = 12

    public let width: Int
    public let height: Int

    public init(_ size: (width: Int, height: Int)) {
        width = size.width
        height = size.height
    }

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// Row 0: tabs. Last row: status bar. Between: the tree on the left, the table on the
    /// right, the detail under the table when shown.
    public var treeWidth: Int { min(30, max(18, width / 5)) }
    public var contentTop: Int { 1 }
    public var contentHeight: Int { max(0, height - 2) }
    public var tableX: Int { treeWidth + 1 }
    public var tableWidth: Int { max(0, width - tableX) }

    public func tableHeight(showDetail: Bool) -> Int {
        showDetail ? max(4, contentHeight * 11 / 20) : contentHeight
    }

    /// Data rows the table shows (its height less the header), with the detail under it or not.
    public func tableRows(showDetail: Bool) -> Int { max(1, tableHeight(showDetail: showDetail) - 1) }

    public var statusY: Int { height - 1 }
}
