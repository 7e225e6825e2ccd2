import WentiCore

extension OfficeDocuments {
    /// The agenda of a planned tri-party meeting (三方会议议程), or the minutes (会议纪要) of a
    /// held one, chosen by the meeting's state.
    public mutating func meeting(_ meeting: Meeting, concerns: [ConcernCode: Concern], policy: GradePolicy, today: Day) -> OfficialDocument {
        meeting.state == .held ? minutes(meeting, concerns: concerns, policy: policy, today: today)
                               : agenda(meeting, concerns: concerns, today: today)
    }

    // MARK: Agenda

    mutating func agenda(_ meeting: Meeting, concerns: [ConcernCode: Concern], today: Day) -> OfficialDocument {
        let unit = unitName(meeting.unitID)
        let month = OfficeDates.month(meeting.month, language)
        var body: [Block] = [.paragraph(t(
            "定于\(month)召开\(unit)三方会议（会议编号\(meeting.id)），由问题发现人、涉及人员和解决部门三方参加，逐项界定问题、确定解决方案、明确第一责任人，并通报上月以来办结问题的反馈情况。现将议程通知如下：",
            "The tri-party meeting of \(unit) for \(month) (meeting \(meeting.id)) brings together the finders, the people involved and "
                + "the solving departments to define each concern, decide its plan and name its first responsible person, and to hear the "
                + "feedback on concerns closed since the last meeting. The agenda follows."))]
        body.append(.heading(level: 1, text: ordinal(1) + t("会议时间和地点", "Time and place")))
        body.append(.field(label: t("时间", "Month") + colon, value: month))
        // A planned meeting has not sat: its place and chair are the office's usual ones.
        body.append(.field(label: t("地点", "Place") + colon, value: planned(settings.meetingPlace)))
        body.append(.field(label: t("主持人", "Chair") + colon, value: planned(settings.meetingChair)))
        body.append(.heading(level: 1, text: ordinal(2) + t("参会人员", "Who attends")))
        body.append(contentsOf: attendance(meeting))
        body.append(.heading(level: 1, text: ordinal(3) + t("议题", "Items")))
        var section = 0
        for purpose in AgendaPurpose.allCases {
            let items = meeting.items.filter { $0.purpose == purpose }
            guard !items.isEmpty else { continue }
            section += 1
            body.append(.heading(level: 2, text: subOrdinal(section) + t(purpose.label) + t("（\(items.count)项）", " (\(items.count))")))
            body.append(.table(DocumentTable(
                header: [t("序号", "No."), t("问题编号", "Concern"), t("问题", "Title"), t("发现人", "Finder"), t("涉及人员", "Involved"),
                         t("解决部门", "Solving unit"), t("等级", "Grade"), t("时限", "Due")],
                rows: items.enumerated().map { index, item in
                    let concern = concerns[item.concern]
                    let due = concern.flatMap { DeadlineClock.effectiveDeadline(of: $0, today: today) }
                    return ["\(index + 1)", item.concern.description, concern?.title ?? "", personName(item.parties.finderID),
                            item.parties.involved.isBlank ? "—" : item.parties.involved, unitName(item.parties.solvingUnitID),
                            concern?.grade.map { t($0.label) } ?? "—", day(due)]
                },
                widths: [2, 5, 8, 3, 4, 4, 2, 5])))
        }
        if meeting.items.isEmpty { body.append(.paragraph(t("本月暂无议题。", "Nothing is on the agenda this month."))) }
        return frame(.agenda, year: meeting.month.year, subject: meeting.id,
                     title: t("\(unit)\(month)三方会议议程", "Agenda of the tri-party meeting of \(unit), \(month)"),
                     addressee: settings.addressee, body: body, dated: min(today, meeting.month.lastDay))
    }

    // MARK: Minutes

    mutating func minutes(_ meeting: Meeting, concerns: [ConcernCode: Concern], policy: GradePolicy, today: Day) -> OfficialDocument {
        let unit = unitName(meeting.unitID)
        let heldOn = meeting.heldOn ?? today
        let month = OfficeDates.month(meeting.month, language)
        var body: [Block] = [
            .field(label: t("会议编号", "Meeting") + colon, value: meeting.id),
            .field(label: t("会议时间", "Held on") + colon, value: language == .zh ? OfficeDates.arabic(heldOn) : heldOn.description),
            // What the minutes recorded when the meeting was confirmed, never the settings' usual
            // place and people: a held meeting sat where and with whom it sat. A meeting held
            // before minutes recorded them (migration v5) shows a blank to fill in.
            .field(label: t("会议地点", "Place") + colon, value: recorded(meeting.attendance?.place)),
            .field(label: t("主持人", "Chair") + colon, value: recorded(meeting.attendance?.chairID.map(personName))),
            .field(label: t("记录人", "Recorder") + colon, value: recorded(meeting.attendance?.recorderID.map(personName))),
        ]
        if let attendees = meeting.attendance?.attendees, !attendees.isEmpty {
            body.append(.field(label: t("参会人员", "Present") + colon, value: attendees.joined(separator: listSeparator)))
        }
        body.append(contentsOf: attendance(meeting))
        let decided = meeting.items.filter { $0.decision != nil }
        body.append(.paragraph(t(
            "\(OfficeDates.arabic(heldOn))，\(unit)召开\(month)三方会议，界定问题\(decided.count)项，暂缓\(meeting.deferred.count)项，听取办结问题反馈\(meeting.items.filter { $0.purpose == .reportFeedback }.count)项。现将会议议定事项纪要如下：",
            "On \(heldOn) \(unit) held its tri-party meeting for \(month): \(decided.count) concerns defined, \(meeting.deferred.count) deferred, "
                + "\(meeting.items.filter { $0.purpose == .reportFeedback }.count) closed concerns reported back. The meeting agreed as follows.")))
        var section = 0
        if !decided.isEmpty {
            section += 1
            body.append(.heading(level: 1, text: ordinal(section) + t("界定问题和解决方案", "Concerns defined and their plans")))
            for (index, item) in decided.enumerated() {
                guard let decision = item.decision else { continue }
                body.append(.heading(level: 2, text: subOrdinal(index + 1) + "\(item.concern.description) \(concerns[item.concern]?.title ?? "")"))
                let scheduled = policy.schedule(for: decision.grade, gradedOn: heldOn)
                let deadline = decision.deadlineOverride ?? scheduled.deadline ?? scheduled.nextReview
                body.append(.field(label: t("根本原因", "Root cause") + colon, value: decision.analysis.rootCause))
                body.append(.field(label: t("难度和范围", "Difficulty and breadth") + colon,
                                   value: [decision.analysis.difficulty.map { t($0.label) }, decision.analysis.breadth.map { t($0.label) }]
                                       .compactMap { $0 }.joined(separator: listSeparator).nonEmpty ?? "—"))
                body.append(.field(label: t("等级", "Grade") + colon, value: t(decision.grade.label) + t("，", ", ") + t(decision.grade.stance)))
                body.append(.field(label: t("解决方案", "Plan") + colon, value: decision.plan))
                body.append(.field(label: t("第一责任人", "First responsible") + colon,
                                   value: personName(decision.firstResponsibleID) + t("（\(unitName(decision.responsibleUnitID))）", " (\(unitName(decision.responsibleUnitID)))")))
                body.append(.field(label: t("完成时限", "Deadline") + colon, value: day(deadline)
                    + (decision.deadlineReason.map { t("（\($0)）", " (\($0))") } ?? "")))
            }
        }
        if !meeting.deferred.isEmpty {
            section += 1
            body.append(.heading(level: 1, text: ordinal(section) + t("暂缓界定", "Deferred")))
            body.append(.paragraph(t(
                "以下问题本次未作决定，列入下月会议继续界定：\(meeting.deferred.map { "\($0) \(concerns[$0]?.title ?? "")" }.joined(separator: "；"))。",
                "Not decided this time, carried to next month's meeting: \(meeting.deferred.map { "\($0) \(concerns[$0]?.title ?? "")" }.joined(separator: "; "))."))
            )
        }
        let others = meeting.items.filter { $0.decision == nil && $0.purpose != .define }
        if !others.isEmpty {
            section += 1
            body.append(.heading(level: 1, text: ordinal(section) + t("督查和反馈通报", "Reviews and feedback reported")))
            body.append(.table(DocumentTable(
                header: [t("议题", "Item"), t("问题编号", "Concern"), t("问题", "Title"), t("情况", "Where it stands")],
                rows: others.map { item in
                    let concern = concerns[item.concern]
                    return [t(item.purpose.label), item.concern.description, concern?.title ?? "", feedbackLine(concern) ?? standing(item, concern)]
                },
                widths: [2, 3, 6, 5])))
        }
        if !meeting.notes.isBlank {
            section += 1
            body.append(.heading(level: 1, text: ordinal(section) + t("其他事项", "Other business")))
            body.append(.paragraph(meeting.notes))
        }
        var minutes = frame(.minutes, year: meeting.month.year, subject: meeting.id,
                            title: t("\(unit)\(month)三方会议纪要", "Minutes of the tri-party meeting of \(unit), \(month)"),
                            addressee: nil, body: body, dated: heldOn, ccHeading: LocalizedText(zh: "分送", en: "Distribution"))
        minutes.mark = settings.issuingBody + t("会议纪要", " minutes")
        // Minutes carry the issuing body in their mark and are not signed (GB/T 9704-2012, 10.2).
        minutes.signature = ""
        return minutes
    }

    /// The three parties of the meeting: finders, people involved, solving departments.
    /// A value the minutes recorded, else a blank to fill in.
    func recorded(_ value: String?) -> String {
        if let value, !value.isBlank { return value }
        return blank
    }

    /// What a planned meeting expects from the office settings, else a blank to fill in.
    func planned(_ setting: String) -> String { setting.isBlank ? blank : setting }

    /// Where an item stood when the meeting sat (its snapshot), not where it stands now.
    func standing(_ item: MeetingItem, _ concern: Concern?) -> String {
        guard let snapshot = item.snapshot else { return concern.map { t($0.stage.label) } ?? "—" }
        return t(snapshot.stage.label) + (snapshot.grade.map { listSeparator + t($0.label) } ?? "")
    }

    func attendance(_ meeting: Meeting) -> [Block] {
        func distinct(_ values: [String]) -> String {
            var seen = Set<String>()
            let kept = values.filter { !$0.isBlank && seen.insert($0).inserted }
            return kept.isEmpty ? "—" : kept.joined(separator: listSeparator)
        }
        return [
            .field(label: t("问题发现方", "Finders") + colon, value: distinct(meeting.items.compactMap { $0.parties.finderID.map(personName) })),
            .field(label: t("涉及方", "People involved") + colon, value: distinct(meeting.items.map(\.parties.involved))),
            .field(label: t("解决方", "Solving departments") + colon, value: distinct(meeting.items.compactMap { $0.parties.solvingUnitID.map(unitName) })),
        ]
    }

    func feedbackLine(_ concern: Concern?) -> String? {
        guard let concern else { return nil }
        if let feedback = concern.latestFeedback {
            let comma = t("，", ", ")
            return "\(day(feedback.on)) \(t(feedback.method.label))\(comma)\(t(feedback.effect.label))\(comma)\(t(feedback.satisfaction.label))"
                + t("（\(feedback.score)/5）", " (\(feedback.score)/5)")
        }
        if case .withoutFeedback(let reason)? = concern.closure { return t("无反馈：", "no feedback: ") + reason }
        return nil
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
