import WentiCore

extension OfficeDocuments {
    /// A supervision bulletin (督办简报): its issue of the year, the period, a summary, the
    /// figures as tables, the trends as charts, the cases to watch and the next steps.
    public mutating func bulletin(_ bulletin: Bulletin, trends: TrendSeries, categories: [Category], scope: String? = nil) -> OfficialDocument {
        let period = OfficeDates.period(bulletin.period, language)
        let overall = bulletin.overall
        let notices = bulletin.notices
        var body: [Block] = []
        body.append(.heading(level: 1, text: ordinal(1) + t("总体情况", "Summary")))
        body.append(.paragraph(t(
            "\(period)，\(scope ?? "全公司")共发现问题\(overall.found)个，受理\(overall.accepted)个，解决\(overall.solved)个，逾期\(overall.overdue)个，转办\(overall.referred)个；按时办结率\(Figures.percent(overall.onTimeRate))，回访\(overall.feedback)人次，满意率\(Figures.percent(overall.satisfactionRate))，件件反馈率\(Figures.percent(overall.everyItemAnsweredRate))。",
            "In \(period) \(scope ?? "the company") found \(overall.found) concerns, accepted \(overall.accepted), solved \(overall.solved); "
                + "\(overall.overdue) are overdue and \(overall.referred) referred. On time: \(Figures.percent(overall.onTimeRate)); "
                + "return contacts: \(overall.feedback); satisfied: \(Figures.percent(overall.satisfactionRate)); "
                + "every item answered: \(Figures.percent(overall.everyItemAnsweredRate)).")))
        body.append(.paragraph(t(
            "本期下发督办通知单\(notices.issued)份，已办结\(notices.completed)份，逾期\(notices.overdue)份；催办\(notices.chasers)次，已回复\(notices.chasersAnswered)次。",
            "Supervision notices issued: \(notices.issued); completed: \(notices.completed); overdue: \(notices.overdue). "
                + "Chasers sent: \(notices.chasers), answered: \(notices.chasersAnswered).")))
        if !bulletin.byStage.isEmpty {
            body.append(.paragraph(t("本期发现的问题目前所处环节：", "Where the concerns found stand now: ")
                + bulletin.byStage.map { "\(t($0.stage.label)) \($0.count)" }.joined(separator: t("，", ", ")) + t("。", ".")))
        }

        body.append(.heading(level: 1, text: ordinal(2) + t("分项数据", "Figures")))
        for (index, (heading, rows)) in [(t("按等级", "By grade"), bulletin.byGrade), (t("按层级", "By tier"), bulletin.byTier),
                                           (t("按单位", "By unit"), bulletin.byUnit)].enumerated() {
            body.append(.heading(level: 2, text: subOrdinal(index + 1) + heading))
            body.append(.table(figuresTable(rows.map { (t($0.label), $0.figures) })))
        }

        body.append(.heading(level: 1, text: ordinal(3) + t("趋势", "Trends")))
        let total = t("合计", "Total")
        body.append(.chart(trends.categoryChart(categories, title: t("各类别问题逐月发现数", "Concerns found per month, by category"),
                                                total: total, language: language)))
        body.append(.chart(trends.unitChart(title: t("各单位问题逐月发现数", "Concerns found per month, by unit"), total: total)))

        var section = 3
        if !bulletin.notable.isEmpty {
            section += 1
            body.append(.heading(level: 1, text: ordinal(section) + t("重点关注", "Cases to watch")))
            body.append(.table(DocumentTable(
                header: [t("问题编号", "Concern"), t("问题", "Title"), t("单位", "Unit"), t("等级", "Grade"), t("原因", "Why")],
                rows: bulletin.notable.map { [$0.code.description, $0.title, $0.unitName, $0.grade.map { t($0.label) } ?? "—", t($0.why)] },
                widths: [3, 6, 3, 2, 4])))
        }
        section += 1
        body.append(.heading(level: 1, text: ordinal(section) + t("下一步工作", "Next steps")))
        body.append(contentsOf: nextSteps(bulletin).enumerated().map { index, step in .paragraph("\(index + 1).\(language == .zh ? "" : " ")\(step)") })

        let first = bulletin.period.from.month
        let subject = bulletin.period.description + (scope.map { " " + $0 } ?? "")
        let given = numbers.number(.bulletin, year: first.year, subject: subject).number
        return OfficialDocument(
            kind: .bulletin, language: language, mark: settings.bulletinMark, number: nil,
            issue: DocumentNumberFormat.issue(year: first.year, number: given, language: language),
            compiledBy: (settings.printingUnit + t("编", ""), signatureDate(bulletin.asOf)),
            title: text(t("\(period)督办情况", "Supervision bulletin \(bulletin.period.description)")),
            addressee: text(settings.addressee) + colon.trimmingCharacters(in: .whitespaces), body: body.map(punctuated),
            signature: settings.issuingBody, date: signatureDate(bulletin.asOf), note: nil,
            ccHeading: t("报送", "To") + colon, cc: settings.cc,
            printedBy: settings.printingUnit, printedOn: printedDate(bulletin.asOf), fonts: settings.fonts, dated: bulletin.asOf)
    }

    /// The figures of each row, as the bulletin and the ranking show them.
    func figuresTable(_ rows: [(String, Figures)]) -> DocumentTable {
        DocumentTable(
            header: ["", t("发现", "Found"), t("受理", "Accepted"), t("解决", "Solved"), t("逾期", "Overdue"), t("转办", "Referred"),
                     t("按时办结率", "On time"), t("满意率", "Satisfied")],
            rows: rows.map { label, figures in
                [label, "\(figures.found)", "\(figures.accepted)", "\(figures.solved)", "\(figures.overdue)", "\(figures.referred)",
                 Figures.percent(figures.onTimeRate), Figures.percent(figures.satisfactionRate)]
            },
            widths: [4, 2, 2, 2, 2, 2, 3, 3])
    }

    /// What follows from the figures: chase what is late, revisit the dissatisfied, clear the
    /// backlog, and report back at the next meeting.
    func nextSteps(_ bulletin: Bulletin) -> [String] {
        var steps: [String] = []
        let overall = bulletin.overall, notices = bulletin.notices
        if overall.overdue > 0 || notices.overdue > 0 {
            steps.append(t("对逾期的\(overall.overdue)个问题和\(notices.overdue)份逾期督办通知单逐一催办，第一责任人说明原因、重定节点，政工部门跟踪到办结。",
                           "Chase each of the \(overall.overdue) overdue concerns and \(notices.overdue) overdue notices: the first responsible explains and resets the nodes; political-work staff follow up to the end."))
        }
        let urgent = bulletin.notable.filter { $0.grade == .urgent }.count
        if urgent > 0 {
            steps.append(t("\(urgent)个急难问题按快速办理要求，逐日跟进进展。", "Follow the \(urgent) urgent-difficult concerns day by day, as fast-track requires."))
        }
        let dissatisfied = overall.feedback - overall.satisfied
        if dissatisfied > 0 {
            steps.append(t("对回访不满意的\(dissatisfied)人次重新研究解决方案，再次回访确认。",
                           "Revisit the \(dissatisfied) dissatisfied return contacts with a new plan, and contact the people again."))
        }
        let open = overall.found - overall.accepted - overall.referred
        if open > 0 {
            steps.append(t("尚未受理的\(open)个问题提交下月三方会议界定。", "Put the \(open) concerns not yet accepted before next month's tri-party meeting."))
        }
        steps.append(t("本期办结问题的回访结果在下月三方会议上通报，典型案例提炼后录入最佳实践库。",
                       "Report this period's return contacts at next month's tri-party meeting, and distil typical cases into the practice libraries."))
        return steps
    }
}
