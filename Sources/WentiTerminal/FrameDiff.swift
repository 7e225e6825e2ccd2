/// Which cells a frame must send: only those that differ from the frame before (all of them
/// after a resize or when there is none). A wide character is one entry at its left half;
/// continuation cells are never sent on their own.
public enum FrameDiff {
    public static func changedCells(from previous: Grid?, to grid: Grid) -> [(x: Int, y: Int)] {
        let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        var changed: [(x: Int, y: Int)] = []
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.isContinuation { continue }
                if !full, let previous, previous[x, y] == cell,
                   !(cell.width == 2 && previous[x + 1, y] != grid[x + 1, y]) { continue }
                changed.append((x, y))
            }
        }
        return changed
    }
}
