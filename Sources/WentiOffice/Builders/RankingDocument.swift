import WentiCore

extension OfficeDocuments {
    /// The assessment ranking (考核排名) of a period: the units by score, the red and black
    /// lists, and how the score is made.
    public mutating func ranking(_ ranking: [UnitScore], standings: [Assessment.Standing?], weights: AssessmentWeights,
                                 period: Period, today: Day) -> OfficialDocument {
        let periodText = OfficeDates.period(period, language)
        let percent = { (rate: Double?) in Figures.percent(rate) }
        var body: [Block] = [.paragraph(t(
            "根据问题管理考核办法，对各单位\(periodText)问题发现、解决、按时办结、回访满意和件件反馈情况进行了考核。现将结果通报如下：",
            "Units were assessed for \(periodText) on the concerns they found and solved, on time, with satisfied and answered people. The results follow."))]
        body.append(.heading(level: 1, text: ordinal(1) + t("考核排名", "Ranking")))
        body.append(.table(DocumentTable(
            header: [t("名次", "Rank"), t("单位", "Unit"), t("得分", "Score"), t("发现", "Found"), t("解决", "Solved"), t("逾期", "Overdue"),
                     t("响应率", "Response"), t("按时办结率", "On time"), t("解决率", "Resolution"), t("满意率", "Satisfied"),
                     t("件件反馈率", "Answered"), t("榜", "List")],
            rows: ranking.enumerated().map { index, entry in
                [entry.rank.map(String.init) ?? "—", unitName(entry.unitID), entry.score.map { String(format: "%.1f", $0) } ?? "—",
                 "\(entry.figures.found)", "\(entry.figures.solved)", "\(entry.figures.overdue)", percent(entry.figures.responseRate),
                 percent(entry.figures.onTimeRate), percent(entry.figures.resolutionRate), percent(entry.figures.satisfactionRate),
                 percent(entry.figures.everyItemAnsweredRate), standings[index].map { t($0.label) } ?? ""]
            },
            widths: [2, 5, 2, 2, 2, 2, 3, 3, 3, 3, 3, 2])))
        let top = ranking.indices.filter { standings[$0] == .top }.map { unitName(ranking[$0].unitID) }
        let bottom = ranking.indices.filter { standings[$0] == .bottom }.map { unitName(ranking[$0].unitID) }
        body.append(.heading(level: 1, text: ordinal(2) + t("红榜和黑榜", "Top and bottom")))
        body.append(.paragraph(t("红榜：", "Top: ") + (top.isEmpty ? t("无", "none") : top.joined(separator: listSeparator)) + t("。", ".")))
        body.append(.paragraph(t("黑榜：", "Bottom: ") + (bottom.isEmpty ? t("无", "none") : bottom.joined(separator: listSeparator)) + t("。", ".")))
        if !bottom.isEmpty {
            body.append(.paragraph(t("列入黑榜的单位须在下月三方会议前报送整改措施。", "Units at the bottom report their remedies before next month's tri-party meeting.")))
        }
        body.append(.heading(level: 1, text: ordinal(3) + t("计分方法", "How the score is made")))
        let weightText = [(t("响应率", "response"), weights.response), (t("按时办结率", "on time"), weights.onTime),
                          (t("解决率", "resolution"), weights.resolution), (t("满意率", "satisfaction"), weights.satisfaction),
                          (t("件件反馈率", "every item answered"), weights.everyItemAnswered), (t("守土负责率", "own ground"), weights.ownGround)]
            .filter { $0.1 > 0 }.map { "\($0.0) \(format($0.1))" }.joined(separator: listSeparator)
        body.append(.paragraph(t(
            "得分为各项比率的加权平均（权重：\(weightText)）乘以100，每个逾期问题扣\(format(weights.overduePenalty))分；无可计算比率的单位不排名。",
            "The score is the weighted mean of the rates (weights: \(weightText)) times 100, less \(format(weights.overduePenalty)) per overdue concern; "
                + "units with no rate to compute are not ranked.")))
        let year = period.from.month.year
        return frame(.ranking, year: year, subject: period.description,
                     title: t("关于\(periodText)问题管理考核排名的通报", "Assessment ranking, \(periodText)"),
                     addressee: settings.addressee, body: body, dated: min(today, period.to))
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
