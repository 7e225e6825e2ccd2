import WentiCore

extension OfficeDocuments {
    /// A supervision notice (督办通知单) to the responsible department and its first
    /// responsible person: what is supervised, the deadline nodes, what is asked, the
    /// chasers so far. Numbered per year in the order notices are first printed.
    public mutating func notice(_ notice: SupervisionNotice, concern: Concern?, today: Day) -> OfficialDocument {
        let concernTitle = concern?.title ?? notice.concern.description
        let toUnit = unitName(notice.toUnitID), toPerson = personName(notice.toPersonID)
        var body: [Block] = []
        let grade = concern?.grade.map { t("（\($0.label.zh)，\($0.stance.zh)）", " (\($0.label.en), \($0.stance.en))") } ?? ""
        body.append(.paragraph(t(
            "经研究，\(notice.concern.description)“\(concernTitle)”\(grade)列入督办，由\(toUnit)承办，\(toPerson)同志为第一责任人。现将督办事项通知如下：",
            "\(notice.concern.description) \"\(concernTitle)\"\(grade) is placed under supervision. \(toUnit) handles it, "
                + "with \(toPerson) as the first responsible person. The supervision stands as follows.")))
        body.append(.heading(level: 1, text: ordinal(1) + t("督办事项", "What is supervised")))
        body.append(.field(label: t("督办编号", "Notice") + colon, value: notice.id))
        body.append(.field(label: t("问题", "Concern") + colon, value: "\(notice.concern.description) \(concernTitle)"))
        if let plan = concern?.plan, !plan.isBlank {
            body.append(.field(label: t("解决方案", "Plan") + colon, value: plan))
        }
        body.append(.field(label: t("承办部门", "Department") + colon, value: toUnit))
        body.append(.field(label: t("第一责任人", "First responsible") + colon, value: toPerson))
        body.append(.field(label: t("当前状态", "State") + colon, value: t(notice.state.label)
            + (notice.isOverdue(today: today) ? t("，已逾期\(notice.daysOverdue(today: today))天", ", \(notice.daysOverdue(today: today)) days overdue") : "")))

        body.append(.heading(level: 1, text: ordinal(2) + t("时间节点", "Deadline nodes")))
        body.append(.table(DocumentTable(
            header: [t("序号", "No."), t("节点", "Node"), t("完成时限", "Due"), t("情况", "Status")],
            rows: notice.nodes.enumerated().map { index, node in
                let status = notice.state == .replaced ? t("已被替代", "replaced") : notice.state == .completed ? t("已完成", "done") : node.due < today ? t("已过期", "passed") : t("未到期", "ahead")
                return ["\(index + 1)", node.title, shortDay(node.due, year: notice.issuedOn.civil.year), status]
            },
            widths: [2, 10, 4, 3])))

        body.append(.heading(level: 1, text: ordinal(3) + t("工作要求", "What is asked")))
        body.append(.paragraph(t(
            "请\(toPerson)同志按时间节点推进，每个节点到期前报告进展；遇有困难及时反映，不得拖延。",
            "\(toPerson) is asked to keep to the nodes and to report progress before each is due, raising any obstacle at once.")))
        body.append(.paragraph(t(
            "办结后，由政工部门回访问题当事人，确认解决效果和满意度，并在下月三方会议上通报；确实无法解决的，应书面说明原因，转有关部门办理，做到件件有回音。",
            "When it is done, the political-work department contacts the people concerned, confirms the effect and their satisfaction, "
                + "and reports it at next month's tri-party meeting; what cannot be solved is referred with the reasons in writing.")))
        if !notice.chasers.isEmpty {
            body.append(.heading(level: 1, text: ordinal(4) + t("催办情况", "Chasers")))
            body.append(.table(DocumentTable(
                header: [t("日期", "Date"), t("催办人", "By"), t("内容", "Text"), t("回复", "Answered")],
                rows: notice.chasers.map { chaser in
                    let year = notice.issuedOn.civil.year
                    return [shortDay(chaser.on, year: year), personName(chaser.byID), chaser.text,
                            chaser.answeredOn.map { shortDay($0, year: year) } ?? t("未回复", "not yet")]
                },
                widths: [4, 3, 10, 4])))
        }
        return frame(.notice, year: notice.issuedOn.civil.year, subject: notice.id,
                     title: t("关于“\(concernTitle)”问题的督办通知单", "Supervision notice on \"\(concernTitle)\""),
                     addressee: t("\(toUnit)、\(toPerson)同志", "\(toUnit), \(toPerson)"), body: body, dated: notice.issuedOn,
                     note: t("（联系人：\(personName(notice.issuedByID))）", "(Contact: \(personName(notice.issuedByID)))"))
    }
}
