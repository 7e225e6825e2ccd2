import WentiCore
import WentiSession
import WentiStore
import WentiTerminal

/// The meetings pane's actions: prepare next month's agenda from the data, record each
/// item's parties and decision, confirm the minutes, export, and issue a notice.
@MainActor
enum MeetingActions {
    static let tab: Set<AppTab> = [.meetings]

    static var all: [AppAction] {
        [
            AppAction("meeting-prepare", keys: [.character("n")], LocalizedText(zh: "生成下月三方会议议程（按数据）", en: "Prepare next month's agenda (from the data)"),
                      short: LocalizedText(zh: "生成议程", en: "agenda"), group: .meetings, tabs: tab, unavailable: { state, env in
                          env.session.refusal(.meetingPrepare, on: .unit(agendaUnit(state, env)))
                      }) { state, env in
                await prepare(&state, env)
            },
            AppAction("meeting-decide", keys: [.enter, .character("e")], LocalizedText(zh: "记录三方与会议决定", en: "Record the parties and the decision"),
                      short: LocalizedText(zh: "决定", en: "decide"), group: .meetings, tabs: tab, unavailable: { state, env in
                          guard let meeting = state.meetings.meeting, meeting.state == .planned else { return heldAlready }
                          if let refusal = env.session.refusal(.meetingDecide, on: .unit(meeting.unitID)) { return refusal }
                          return state.meetings.selectedItem == nil ? noItem : nil
                      }) { state, env in
                guard let meeting = state.meetings.meeting, let item = state.meetings.selectedItem else { return }
                let form = MeetingForms.decisionForm(item, concern: state.meetings.concerns[item.concern], org: env.session.organisation)
                state.overlays.append(.recordForm(form, .decision(meetingID: meeting.id, item: state.meetings.item)))
            },
            AppAction("meeting-confirm", keys: [.character("C")], LocalizedText(zh: "确认纪要：一次执行全部决定", en: "Confirm the minutes: apply every decision at once"),
                      group: .meetings, tabs: tab, unavailable: { state, env in
                          guard let meeting = state.meetings.meeting else { return noMeeting }
                          if let refusal = env.session.refusal(.meetingConfirm, on: .unit(meeting.unitID)) { return refusal }
                          guard meeting.state == .planned else { return heldAlready }
                          // Offered from the meeting's month on: before, no day could be accepted.
                          return meeting.month.firstDay <= env.session.today() ? nil : MeetingError.monthNotCome(meeting.id, meeting.month).label
                      }) { state, env in
                guard let meeting = state.meetings.meeting else { return }
                let form = MeetingForms.minutesForm(meeting, today: env.session.today(), viewer: env.session.principal, org: env.session.organisation)
                state.overlays.append(.recordForm(form, .minutes(meetingID: meeting.id)))
            },
            AppAction("meeting-export", keys: [.character("x")], LocalizedText(zh: "导出议程/纪要（md、html、txt、docx）", en: "Export the agenda or minutes (md, html, txt, docx)"),
                      group: .meetings, tabs: tab, unavailable: { state, _ in state.meetings.meeting == nil ? noMeeting : nil }) { state, env in
                guard let meeting = state.meetings.meeting else { return }
                state.overlays.append(.recordForm(ExportForms.form(.meeting(meeting.id), today: env.session.today()), .export(.meeting(meeting.id))))
            },
            AppAction("notice-issue", keys: [.character("N")], LocalizedText(zh: "下发督办通知单", en: "Issue a supervision notice"),
                      group: .supervision, tabs: [.libraries, .meetings], unavailable: { state, env in
                          guard let concern = selectedConcern(state) else { return TriageActions.noSelection }
                          if let refusal = env.session.refusal(.noticeIssue, on: .notice(toUnit: concern.responsibleUnitID ?? concern.unitID,
                                                                                         toPerson: concern.firstResponsibleID ?? env.session.principal.id,
                                                                                         concern: concern.code)) {
                              return refusal
                          }
                          return concern.firstResponsibleID != nil && [.defined, .solving].contains(concern.stage)
                              ? nil : SessionError.noticeNeedsResponsible(concern.code, concern.stage).label
                      }) { state, env in
                guard let concern = selectedConcern(state) else { return }
                // A concern with an open notice gets a new one only as its replacement: the form asks.
                let open: SupervisionNotice?
                do {
                    open = try await env.session.openNotice(on: concern.code)
                } catch {
                    state.toast = StandardActions.describe(error, state.language)
                    return
                }
                let form = NoticeForms.issueForm(concern, org: env.session.organisation, today: env.session.today(), replacing: open)
                state.overlays.append(.recordForm(form, .issueNotice(concern.code, replacing: open?.id)))
            },
        ]
    }

    static let noMeeting = LocalizedText(zh: "没有选中的会议（n 生成下月议程）", en: "no meeting is selected (n prepares next month's)")
    static let noItem = LocalizedText(zh: "没有选中的议题", en: "no agenda item is selected")
    static let heldAlready = LocalizedText(zh: "会议已召开，纪要已存档", en: "the meeting is held; its minutes are a record")

    /// The concern a notice would be about: the libraries' selection, or the agenda item's.
    static func selectedConcern(_ state: AppState) -> Concern? {
        switch state.tab {
        case .meetings: state.meetings.selectedItem.flatMap { state.meetings.concerns[$0.concern] }
        default: state.detail
        }
    }

    /// The library whose meeting `n` prepares: the one chosen in the tree, else the company's.
    static func agendaUnit(_ state: AppState, _ env: AppEnvironment) -> UnitID {
        state.selectedUnit?.id ?? env.session.organisation.company.id
    }

    /// Builds next month's agenda for the library chosen in the tree (the company's when the
    /// company or nothing is chosen), stores it and shows it.
    static func prepare(_ state: inout AppState, _ env: AppEnvironment) async {
        let unit = agendaUnit(state, env)
        let month = env.session.today().month.next
        do {
            let meeting = try await env.session.prepareAgenda(unit: unit, month: month)
            await MeetingsPane.refresh(&state, env, select: meeting.id)
            state.meetings.focus = .items
            state.meetings.item = 0
            let zh = state.language == .zh
            let name = Meeting.name(of: meeting.id, in: env.session.organisation).text(state.language)
            state.toast = meeting.state == .held
                ? (zh ? "\(name)已召开" : "the \(name) is already held")
                : (zh ? "\(name)议程已生成：\(meeting.items.count) 项" : "agenda of the \(name) prepared: \(English.count(meeting.items.count, "item"))")
        } catch {
            state.toast = StandardActions.describe(error, state.language)
        }
    }
}
