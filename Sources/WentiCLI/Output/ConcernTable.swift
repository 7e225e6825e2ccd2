import Foundation
import WentiCore
import WentiExchange
import WentiSession
import WentiStore

/// The `list` table: one line per concern, columns aligned for Chinese text.
enum ConcernTable {
    static func render(_ rows: [ConcernSummary], workspace: Workspace, language: Language, width: Int?) -> String {
        let zh = language == .zh
        var table = Table(columns: [
            .init(title: zh ? "编号" : "ID", maxWidth: 14),
            .init(title: zh ? "库" : "Tier", maxWidth: 4),
            .init(title: zh ? "等级" : "Grade", maxWidth: 8),
            .init(title: zh ? "阶段" : "Stage", maxWidth: 17),
            .init(title: zh ? "标题" : "Title", maxWidth: 36),
            .init(title: zh ? "单位" : "Unit", maxWidth: 16),
            .init(title: zh ? "第一责任人" : "Owner", maxWidth: 11),
            .init(title: zh ? "期限" : "Due", maxWidth: 12),
        ])
        table.flexibleColumns = [4, 5, 3]  // the title, then the unit, then the stage
        for row in rows {
            let org = workspace.organisation
            // Late concerns show how late instead of the date (`show` has both).
            let due = row.daysOverdue > 0 ? (zh ? "逾期\(row.daysOverdue)天" : "\(row.daysOverdue) days late") : row.due?.description ?? ""
            // Chinese labels are short; the English ones are long, so English shows the stored names.
            let grade = row.grade.map { zh ? $0.label.zh : $0.rawValue } ?? "-"
            table.rows.append([
                row.code.description, row.tier.code, grade, zh ? row.stage.label.zh : row.stage.rawValue,
                row.title, org.unit(row.unitID)?.name ?? row.unitID.rawValue,
                row.firstResponsibleID.map { org.person($0)?.name ?? $0.rawValue } ?? "-", due,
            ])
        }
        return table.render(totalWidth: width)
    }
}

/// `list --format json|csv`: the page rows with their codes, and the cursor for the next page.
enum ConcernListJSON {
    static func render(_ page: ConcernPage, workspace: Workspace) throws -> String {
        let rows: [[String: Any]] = page.rows.map { row in
            var object: [String: Any] = [
                "id": row.code.description, "title": row.title, "tier": row.tier.code, "unit": row.unitID.rawValue,
                "unit_name": workspace.organisation.unit(row.unitID)?.name ?? "", "stage": row.stage.rawValue,
                "category": row.categoryID.rawValue, "channel": row.channel.rawValue,
                "reported_on": row.reportedOn.description, "days_overdue": row.daysOverdue, "version": row.version,
                "reporter": row.anonymous ? "anonymous" : (row.reporterName ?? ""),
            ]
            object["grade"] = row.grade?.rawValue ?? NSNull()
            object["first_responsible"] = row.firstResponsibleID?.rawValue ?? NSNull()
            object["due"] = row.due?.description ?? NSNull()
            return object
        }
        var document: [String: Any] = ["concerns": rows]
        document["next_after"] = page.next == nil ? NSNull() : (page.rows.last?.code.description ?? NSNull())
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func csv(_ rows: [ConcernSummary]) throws -> String {
        let header = ["id", "tier", "grade", "stage", "title", "unit", "first_responsible", "due", "days_overdue"]
        return try CSVText.write([header] + rows.map { row in
            [row.code.description, row.tier.code, row.grade?.rawValue ?? "", row.stage.rawValue, row.title,
             row.unitID.rawValue, row.firstResponsibleID?.rawValue ?? "", row.due?.description ?? "", String(row.daysOverdue)]
        })
    }
}
