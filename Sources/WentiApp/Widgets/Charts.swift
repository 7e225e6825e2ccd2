import WentiTerminal
import WentiText

/// Small charts drawn with text, for the dashboard: a sparkline (one column per value, eight
/// heights) and horizontal bars with labels. Readable without colour.
public enum Charts {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One character per value, scaled to the largest; the last `width` values when there
    /// are more.
    public static func sparkline(_ values: [Int], width: Int) -> String {
        let shown = values.suffix(max(0, width))
        guard let top = shown.max(), top > 0 else { return String(repeating: levels[0], count: shown.count) }
        return String(shown.map { levels[min(levels.count - 1, max(0, $0) * (levels.count - 1) / top)] })
    }

    /// Draws `label value ████` lines into `width` columns from (x, y): labels cut to a common
    /// width, bars scaled to the largest value, eighths of a cell at the end of each bar.
    public static func bars(_ items: [(label: String, value: Int)], into grid: inout Grid, x: Int, y: Int, width: Int, style: Style = .plain) {
        guard !items.isEmpty, width > 0 else { return }
        let labelWidth = min(width / 3, items.map { DisplayWidth.of(TextSanitizer.clean($0.label)) }.max() ?? 0)
        let valueWidth = items.map { String($0.value).count }.max() ?? 1
        let barWidth = max(0, width - labelWidth - valueWidth - 2)
        let top = max(1, items.map(\.value).max() ?? 1)
        for (offset, item) in items.enumerated() {
            let eighths = max(0, item.value) * barWidth * 8 / top
            var bar = String(repeating: "█", count: eighths / 8)
            let partial: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
            if eighths % 8 > 0 { bar.append(partial[eighths % 8]) }
            let line = TerminalText.fit(TextSanitizer.clean(item.label), to: labelWidth) + " "
                + TerminalText.fitRight(String(item.value), to: valueWidth) + " " + bar
            grid.write(line, x: x, y: y + offset, style: style, limit: width)
        }
    }
}
