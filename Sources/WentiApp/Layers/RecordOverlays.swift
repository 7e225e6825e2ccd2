import Foundation
import WentiCore
import WentiReports
import WentiSession
import WentiStore
import WentiTerminal
import WentiText

/// The record forms as a layer: keys edit the form; Enter (or C-s in a multi-line field)
/// checks and writes; a refusal keeps the form and what was typed, and says why.
@MainActor
enum RecordOverlays {
    static func handle(_ key: Key, _ form: Form, _ kind: RecordForm, _ state: inout AppState, _ env: AppEnvironment) async {
        var form = form
        switch key {
        case .escape:
            state.overlays.removeLast()
            return
        case .enter where form.acceptFocusedPick():
            break   // Enter under a picker's list takes the name; the next Enter writes the form
        case .ctrl("s"), .enter where !form.enterIsNewLine:
            let org = env.session.organisation
            guard let values = form.submit({ MeetingForms.validate($0, org: org) }) else { break }
            state.overlays.removeLast()
            do {
                state.toast = try await submit(kind, values, &form, &state, env)
                // A record written since the last triage action (a practice applied, say) may
                // have changed its concerns: that action is no longer the latest to take back.
                if kind.changesConcerns {
                    state.undo = nil
                    state.whyNoUndo = nil
                }
                await PaneRefresh.refresh(&state, env)
                return
            } catch let problem as FieldProblem {
                if let index = form.fields.firstIndex(where: { $0.id == problem.field }) {
                    form.fields[index].message = problem.message
                    form.focus = index
                }
            } catch {
                state.toast = describe(error, state.language)
            }
            state.overlays.append(.recordForm(form, kind))
            return
        default:
            _ = form.handle(key, width: TriageOverlays.formWidth(state) - 16)
        }
        state.overlays[state.overlays.count - 1] = .recordForm(form, kind)
    }

    /// A value the form accepted but the record refuses, pinned to its field.
    struct FieldProblem: Error {
        var field: String
        var message: LocalizedText
    }

    /// Writes the record through the session; returns what the status bar says.
    static func submit(_ kind: RecordForm, _ values: [String: String], _ form: inout Form, _ state: inout AppState, _ env: AppEnvironment) async throws -> String? {
        let session = env.session
        let org = session.organisation
        let zh = state.language == .zh
        switch kind {
        case .decision(let meetingID, let index):
            var meeting = try await session.meeting(meetingID)
            guard meeting.items.indices.contains(index) else { throw StoreError.recordNotFound(.meeting, id: meetingID) }
            meeting.items[index] = try MeetingForms.item(meeting.items[index], with: values, org: org)
            try await session.saveDecisions(meeting)
            let code = meeting.items[index].concern
            return zh ? "已记录 \(code) 的三方与决定" : "parties and decision of \(code) recorded"
        case .minutes(let meetingID):
            // Checked first, applied only after y: the question says what will happen.
            let heldOn = Day((values["held-on"] ?? "").trimmed) ?? session.today()
            let attendance = MeetingForms.attendance(from: values, org: org)
            let meeting: Meeting
            do {
                meeting = try await session.checkMinutes(meetingID, heldOn: heldOn, attendance: attendance)
            } catch StoreError.meeting(let error) {
                guard let field = MeetingForms.minutesField(of: error) else { throw StoreError.meeting(error) }
                throw FieldProblem(field: field, message: error.label)
            }
            state.overlays.append(.confirmMinutes(question: MeetingForms.confirmQuestion(meeting, state.language, org: org), meetingID: meetingID,
                                                  heldOn: heldOn, attendance: attendance, back: .recordForm(form, kind)))
            return nil
        case .issueNotice(let code, let open):
            // One open notice per concern: the new one goes out only as its replacement.
            if let open, values["replace"] != "1" { throw FieldProblem(field: "replace", message: NoticeForms.mustReplace(open, code)) }
            guard let person = org.resolvePerson(values["responsible"]?.trimmed ?? ""),
                  let unit = org.resolveUnit(values["department"]?.trimmed ?? "") else { return "" }
            let nodes: [SupervisionNotice.Node]
            switch NoticeForms.nodes(values["nodes"] ?? "") {
            case .success(let parsed): nodes = parsed
            case .failure(let error): throw FieldProblem(field: "nodes", message: error.label)
            }
            let notice: SupervisionNotice
            do {
                notice = try await session.issueNotice(on: code, toUnit: unit.id, toPerson: person.id, nodes: nodes, replacing: open)
            } catch StoreError.notice(let error) {
                throw FieldProblem(field: Self.noticeField(of: error), message: error.label)
            }
            if let open {
                return zh ? "已下发 \(notice.id)（\(code) → \(person.name)），\(open) 已被替代" : "\(notice.id) issued (\(code) → \(person.name)), \(open) replaced"
            }
            return zh ? "已下发 \(notice.id)（\(code) → \(person.name)）" : "\(notice.id) issued (\(code) → \(person.name))"
        case .chase(let noticeID):
            _ = try await session.changeNotice(noticeID, .chase(text: values["text"] ?? ""))
            return zh ? "已催办 \(noticeID)" : "\(noticeID) chased"
        case .export(let subject):
            do {
                let path = try await ExportForms.write(subject, values: values, env, language: state.language, replacing: values["replace"] == "1")
                return zh ? "已写入 \(path)" : "written to \(path)"
            } catch ExportForms.ExportError.exists(let path) {
                // Ask before replacing: the form gains the question, answered "no" until changed.
                if !form.fields.contains(where: { $0.id == "replace" }) { form.fields.append(ExportForms.replaceField) }
                throw FieldProblem(field: "replace", message: ExportForms.ExportError.exists(path).label)
            }
        case .practice(let code):
            let concern = try await session.concern(code)
            let draft = PracticeForms.entry(from: values, concern: concern, id: "", on: session.today(), author: session.principal.id)
            let entry = try await session.writePractice(draft)
            return zh ? "已写入实践库：\(entry.id) \(entry.library.label.zh)" : "\(entry.id) added to \(entry.library.label.en)"
        case .applyPractice(let id):
            let group = (values["group"] ?? "").trimmed
            guard !(try await session.batch(group)).isEmpty else {
                throw FieldProblem(field: "group", message: LocalizedText(zh: "这个批次没有可定方案的问题", en: "no concern of this batch can take a plan"))
            }
            let plan = values["plan"] ?? ""
            let checked = try await session.planApplying(id, plan: plan, to: group)
            // What will be left out is said before anything is applied, and applies only on "yes".
            if !checked.skipped.isEmpty && values["skip"] != "1" {
                if !form.fields.contains(where: { $0.id == "skip" }) { form.fields.append(PracticeForms.skipField) }
                throw FieldProblem(field: "skip", message: PracticeForms.skipping(checked))
            }
            let application: Session.PracticeApplication
            do {
                application = try await session.applyPracticeUndoably(id, plan: plan, to: group, skipping: true)
            } catch let error as SessionError {
                throw FieldProblem(field: "group", message: error.label)
            }
            // U takes the whole application back: each concern's plan as it was, without the link.
            state.undo = application.undo
            state.whyNoUndo = application.whyNoUndo
            let applied = application.applied
            let skipped = checked.skipped.count
            if skipped > 0 {
                return zh ? "\(id) 已应用到批次“\(group)”的 \(applied.count) 个问题，跳过 \(skipped) 个"
                          : "\(id) applied to \(English.count(applied.count, "concern")) of batch \"\(group)\", \(skipped) skipped"
            }
            return zh ? "\(id) 已应用到批次“\(group)”的 \(applied.count) 个问题" : "\(id) applied to \(English.count(applied.count, "concern")) of batch \"\(group)\""
        case .openIdentity(let code):
            return try await IdentityActions.open(code, values, &state, env)
        case .visit:
            return try await VisitForms.submitVisit(values, &state, env)
        case .visitQuota:
            return try await VisitForms.submitQuota(values, &state, env)
        }
    }

    /// The field a notice's refusal belongs to: the replacement question, else the nodes.
    static func noticeField(of error: NoticeError) -> String {
        switch error {
        case .openNoticeExists, .replacesOtherConcern, .replacesClosedNotice, .unknownNotice: "replace"
        default: "nodes"
        }
    }

    /// The answer to "confirm the minutes?": y applies every decision; n goes back to the
    /// form with what was typed; a refusal (someone changed a concern meanwhile) says why.
    static func confirmMinutes(_ key: Key, _ meetingID: String, heldOn: Day, attendance: MeetingAttendance, back: AppState.Overlay,
                               _ state: inout AppState, _ env: AppEnvironment) async {
        switch key {
        case .character("y"), .character("Y"), .enter:
            state.overlays.removeLast()
            do {
                let meeting = try await env.session.confirmMinutes(meetingID, heldOn: heldOn, attendance: attendance)
                let zh = state.language == .zh
                let name = Meeting.name(of: meetingID, in: env.session.organisation).text(state.language)
                state.toast = zh ? "\(name)纪要已确认：\(meeting.decided.count) 项决定已执行，\(meeting.deferred.count) 项暂缓"
                    : "minutes of the \(name) confirmed: \(English.count(meeting.decided.count, "decision")) applied, \(meeting.deferred.count) deferred"
                await PaneRefresh.refresh(&state, env)
            } catch {
                state.toast = describe(error, state.language)
                state.overlays.append(back)
            }
        case .character("n"), .character("N"), .escape:
            state.overlays.removeLast()
            state.overlays.append(back)
        default:
            break   // a confirmation waits for an answer
        }
    }

    static func describe(_ error: any Error, _ language: Language) -> String {
        switch error {
        case let error as TemplateError: error.message
        case let error as any Labelled: error.label.text(language)
        default: error.localizedDescription
        }
    }

    static func draw(_ form: Form, _ kind: RecordForm, _ state: AppState, into grid: inout Grid, layout: Layout) {
        TriageOverlays.drawForm(kind.title.text(state.language), form, state, into: &grid, layout: layout)
    }
}
