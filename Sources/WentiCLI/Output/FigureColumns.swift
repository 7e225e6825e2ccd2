import Foundation
import WentiCore
import WentiExchange

/// The columns of `wenti stats` and `wenti assess`: one definition per figure, used for
/// the table, the JSON keys and the CSV header alike. Formulas: docs/METRICS.md.
struct FigureColumn: Sendable {
    enum Value: Sendable {
        case count(Int)
        case rate(Double?)
        case days(Double?)
    }

    var key: String
    var title: LocalizedText
    var value: @Sendable (Figures) -> Value

    static let all: [FigureColumn] = [
        .init(key: "found", title: LocalizedText(zh: "发现", en: "found")) { .count($0.found) },
        .init(key: "accepted", title: LocalizedText(zh: "受理", en: "accepted")) { .count($0.accepted) },
        .init(key: "escalated", title: LocalizedText(zh: "上报", en: "escalated")) { .count($0.escalated) },
        .init(key: "solved", title: LocalizedText(zh: "解决", en: "solved")) { .count($0.solved) },
        .init(key: "overdue", title: LocalizedText(zh: "逾期", en: "overdue")) { .count($0.overdue) },
        .init(key: "referred", title: LocalizedText(zh: "转办", en: "referred")) { .count($0.referred) },
        // The base of the satisfaction rate, shown so that no rate stands without what is under it.
        .init(key: "feedback", title: LocalizedText(zh: "反馈", en: "feedback")) { .count($0.feedback) },
        .init(key: "response_rate", title: LocalizedText(zh: "响应率", en: "response")) { .rate($0.responseRate) },
        .init(key: "on_time_rate", title: LocalizedText(zh: "按期率", en: "on-time")) { .rate($0.onTimeRate) },
        .init(key: "resolution_rate", title: LocalizedText(zh: "解决率", en: "resolution")) { .rate($0.resolutionRate) },
        .init(key: "satisfaction_rate", title: LocalizedText(zh: "满意率", en: "satisfied")) { .rate($0.satisfactionRate) },
        .init(key: "every_item_answered_rate", title: LocalizedText(zh: "回音率", en: "answered")) { .rate($0.everyItemAnsweredRate) },
        .init(key: "own_ground_rate", title: LocalizedText(zh: "就地率", en: "own-ground")) { .rate($0.ownGroundRate) },
        .init(key: "escalation_rate", title: LocalizedText(zh: "上报率", en: "escalated")) { .rate($0.escalationRate) },
        .init(key: "median_days_urgent", title: LocalizedText(zh: "急难天数", en: "days urg.")) { .days($0.medianDaysToSolve(.urgent)) },
        .init(key: "median_days_major", title: LocalizedText(zh: "重大天数", en: "days maj.")) { .days($0.medianDaysToSolve(.major)) },
        .init(key: "median_days_general", title: LocalizedText(zh: "一般天数", en: "days gen.")) { .days($0.medianDaysToSolve(.general)) },
    ]

    /// For the table: counts, "93.5%" or "—", days with one decimal.
    func text(_ figures: Figures) -> String {
        switch value(figures) {
        case .count(let n): String(n)
        case .rate(let rate): Figures.percent(rate)
        case .days(let days): days.map { String(format: "%.1f", $0) } ?? "—"
        }
    }

    /// For JSON and CSV: numbers, rates as fractions rounded to 4 places, null / empty when none.
    func json(_ figures: Figures) -> Any {
        switch value(figures) {
        case .count(let n): n
        case .rate(let rate): rate.map { ($0 * 10_000).rounded() / 10_000 } ?? NSNull()
        case .days(let days): days ?? NSNull()
        }
    }

    func csv(_ figures: Figures) -> String {
        switch json(figures) {
        case is NSNull: ""
        case let value: "\(value)"
        }
    }
}

/// Writes labelled rows of figures (plus any leading columns) as a table, JSON or CSV.
enum FigureOutput {
    enum Format: String, CaseIterable {
        case table, json, csv
    }

    struct Row {
        /// Leading columns by key: the unit, its rank and score...
        var lead: [(key: String, title: LocalizedText, text: String, json: Any)]
        var figures: Figures
    }

    static func render(_ rows: [Row], columns: [FigureColumn] = FigureColumn.all, format: Format, language: Language,
                       width: Int?) throws -> String {
        switch format {
        case .table:
            let leadTitles = rows.first?.lead.map { $0.title.text(language) } ?? []
            var table = Table(columns: leadTitles.map { Table.Column(title: $0, maxWidth: 16) }
                                  + columns.map { Table.Column(title: $0.title.text(language), maxWidth: 10) },
                              flexibleColumns: leadTitles.isEmpty ? [] : [0])
            table.rows = rows.map { row in row.lead.map(\.text) + columns.map { $0.text(row.figures) } }
            return table.render(totalWidth: width)
        case .json:
            let objects = rows.map { row -> [String: Any] in
                var object: [String: Any] = [:]
                for lead in row.lead { object[lead.key] = lead.json }
                for column in columns { object[column.key] = column.json(row.figures) }
                return object
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self)
        case .csv:
            let header = (rows.first?.lead.map(\.key) ?? []) + columns.map(\.key)
            // With a BOM, so that spreadsheet programs read the Chinese names as UTF-8.
            return "\u{FEFF}" + (try CSVText.write([header] + rows.map { row in row.lead.map(\.text) + columns.map { $0.csv(row.figures) } }))
        }
    }
}
