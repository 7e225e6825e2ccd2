import WentiCore

/// A line chart of a `TrendChart` in SVG: one line per series over the months, a legend
/// with each series' total. Colours from a fixed palette that stays apart in greyscale print.
enum SVGChart {
    static let palette = ["#1f4e79", "#c00000", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#843c0c", "#3b3838",
                          "#bf8f00", "#00b0f0", "#ff66cc", "#00b050"]

    static let gridColour = "#cccccc"

    static func lines(_ chart: TrendChart) -> String {
        let width = 600.0, height = 260.0
        let left = 36.0, right = 170.0, top = 12.0, bottom = 28.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maximum = Double(max(chart.maximum, 1))
        // A round top for the axis: 1, 2, 5 × 10^n.
        let step = niceStep(maximum / 4)
        let axisTop = (maximum / step).rounded(.up) * step
        let months = chart.months
        func x(_ index: Int) -> Double { left + (months.count > 1 ? plotWidth * Double(index) / Double(months.count - 1) : plotWidth / 2) }
        func y(_ value: Int) -> Double { top + plotHeight * (1 - Double(value) / axisTop) }
        var svg = #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(Int(width)) \#(Int(height))" role="img" aria-label="\#(PrintHTML.escape(chart.title))" font-size="10" font-family="sans-serif">"#
        var tick = 0.0
        while tick <= axisTop {
            let ty = top + plotHeight * (1 - tick / axisTop)
            svg += #"<line x1="\#(left)" y1="\#(format(ty))" x2="\#(left + plotWidth)" y2="\#(format(ty))" stroke="\#(gridColour)" stroke-width="0.5"/>"#
            svg += #"<text x="\#(left - 4)" y="\#(format(ty + 3))" text-anchor="end">\#(Int(tick))</text>"#
            tick += step
        }
        for (index, month) in months.enumerated() {
            svg += #"<text x="\#(format(x(index)))" y="\#(format(height - 10))" text-anchor="middle">\#(month.description)</text>"#
        }
        for (index, row) in chart.rows.enumerated() {
            let colour = palette[index % palette.count]
            let points = row.values.enumerated().map { "\(format(x($0.offset))),\(format(y($0.element)))" }.joined(separator: " ")
            svg += #"<polyline fill="none" stroke="\#(colour)" stroke-width="1.6" points="\#(points)"/>"#
            for (offset, value) in row.values.enumerated() {
                svg += #"<circle cx="\#(format(x(offset)))" cy="\#(format(y(value)))" r="2" fill="\#(colour)"/>"#
            }
            let legendY = top + 6 + Double(index) * 16
            svg += #"<rect x="\#(width - right + 10)" y="\#(format(legendY - 7))" width="10" height="3" fill="\#(colour)"/>"#
            svg += #"<text x="\#(width - right + 24)" y="\#(format(legendY))">\#(PrintHTML.escape(row.label)) (\#(row.total))</text>"#
        }
        if chart.rows.isEmpty {
            svg += #"<text x="\#(left + plotWidth / 2)" y="\#(top + plotHeight / 2)" text-anchor="middle">—</text>"#
        }
        return svg + "</svg>"
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0 else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= raw { return max(1, factor * magnitude) }
        return max(1, 10 * magnitude)
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
