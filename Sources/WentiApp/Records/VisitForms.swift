import WentiCore
import WentiSession
import WentiStore

/// Recording a leader's visit, and the visits each leader owes per month.
@MainActor
enum VisitForms {
    /// The leaders whose visits count, in the organisation's order (company leaders first).
    static func leaders(_ org: Organisation) -> [Person] {
        let order: [Role] = [.companyLeader, .departmentHead]
        return org.people.values.filter { LeaderVisit.leaderRoles.contains($0.role) }
            .sorted { (order.firstIndex(of: $0.role)!, $0.id) < (order.firstIndex(of: $1.role)!, $1.id) }
    }

    /// Leader, unit, day (today unless typed), which integration it served, what it found.
    static func visitForm(_ org: Organisation, today: Day, leader: PersonID? = nil) -> Form {
        let leaders = leaders(org)
        return Form(fields: [
            Form.Field(id: "leader", label: LocalizedText(zh: "领导", en: "Leader"),
                       input: .choice(leaders.map(\.nameWithRole), selected: leader.flatMap { id in leaders.firstIndex { $0.id == id } } ?? 0)),
            // A unit by type-ahead (its name or short name), as in every other form.
            RecordFields.pick("unit", LocalizedText(zh: "走访单位", en: "Unit visited"), PickOptions.units(org), required: true),
            RecordFields.line("on", LocalizedText(zh: "走访日期", en: "Day"), today.description, required: true),
            RecordFields.choice("integration", LocalizedText(zh: "融入", en: "Serving"), Optional<Integration>.none),
            Form.Field(id: "findings", label: LocalizedText(zh: "发现了什么", en: "What it found"), input: .lines(TextArea(), height: 3), required: true),
        ])
    }

    static func quotaForm(_ quota: VisitQuota) -> Form {
        Form(fields: [RecordFields.line("per-month", LocalizedText(zh: "每人每月走访次数", en: "Visits per leader per month"), String(quota.visitsPerMonth), required: true)])
    }

    /// A visit's day as typed: `2026-11-20`, `11-20` (this year's, or last year's when that
    /// day has not come yet: a visit is recorded after it happened), or `-3` days ago.
    static func day(_ text: String, today: Day) -> Day? {
        let typed = text.trimmed.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
        if let day = Day(typed) { return day }
        if typed.hasPrefix("-"), let days = Int(typed.dropFirst()), (0...3650).contains(days) { return today.adding(days: -days) }
        let parts = typed.split(separator: "-")
        if parts.count == 2, let month = Int(parts[0]), let dayOfMonth = Int(parts[1]),
           let thisYear = Day(year: today.civil.year, month: month, day: dayOfMonth) {
            return thisYear > today ? Day(year: today.civil.year - 1, month: month, day: dayOfMonth) : thisYear
        }
        return nil
    }

    /// Records the visit the form describes; a value that names nothing is pinned to its field.
    static func submitVisit(_ values: [String: String], _ state: inout AppState, _ env: AppEnvironment) async throws -> String {
        let session = env.session
        let org = session.organisation
        let zh = state.language == .zh
        let leaders = leaders(org)
        let leader = leaders[min(max(0, Int(values["leader"] ?? "") ?? 0), max(0, leaders.count - 1))]
        let unitText = (values["unit"] ?? "").trimmed
        let matches = org.units(matching: unitText)
        guard matches.count == 1, let unit = matches.first else {
            throw RecordOverlays.FieldProblem(field: "unit", message: matches.isEmpty
                ? LocalizedText(zh: "没有单位“\(unitText)”", en: "no unit \"\(unitText)\"")
                : LocalizedText(zh: "“\(unitText)”对应多个单位：\(matches.prefix(4).map(\.name).joined(separator: "、"))",
                                en: "\"\(unitText)\" names several units: \(matches.prefix(4).map(\.name).joined(separator: ", "))"))
        }
        guard let day = day(values["on"] ?? "", today: session.today()) else {
            throw RecordOverlays.FieldProblem(field: "on", message: LocalizedText(zh: "日期如 2026-11-20、11-20 或 -3（三天前）", en: "a day: 2026-11-20, 11-20 or -3 (three days ago)"))
        }
        let integration = RecordFields.pick(values, "integration", Integration.self)
        let visit: LeaderVisit
        do {
            visit = try await session.logVisit(leader: leader.id, unit: unit.id, on: day, integration: integration, findings: values["findings"] ?? "")
        } catch StoreError.finding(let error) {
            let field = switch error {
            case .visitInFuture: "on"
            case .findingsRequired: "findings"
            case .unknownUnit: "unit"
            default: "leader"
            }
            throw RecordOverlays.FieldProblem(field: field, message: error.label)
        }
        try await env.refreshSession()
        // The pane reads its visits again after the form and keeps the selected one: this one,
        // so that `i` takes in from the visit just recorded.
        state.finding.section = .visits
        state.finding.visits.insert(visit, at: 0)
        state.finding.selectedVisit = 0
        return (zh ? "已记录：" : "recorded: ") + visit.summary(org).text(state.language)
    }

    static func submitQuota(_ values: [String: String], _ state: inout AppState, _ env: AppEnvironment) async throws -> String {
        guard let n = Int((values["per-month"] ?? "").trimmed), n >= 1, n <= 31 else {
            throw RecordOverlays.FieldProblem(field: "per-month", message: LocalizedText(zh: "1 到 31 之间的整数", en: "a whole number from 1 to 31"))
        }
        try await env.session.setVisitQuota(n)
        try await env.refreshSession()
        return state.language == .zh ? "每位领导每月应走访 \(n) 次" : "each leader now owes \(UIText.plural(n, "visit")) a month"
    }
}
