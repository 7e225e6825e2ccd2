import Foundation
import WentiCore
import WentiStore
import WentiTerminal

/// What a triage form asks for, and how its values become commands.
public enum TriageForm: Sendable, Equatable {
    case analyse, escalate, progress

    func makeForm() -> Form {
        switch self {
        case .analyse:
            Form(fields: [
                .init(id: "root-cause", label: LocalizedText(zh: "根源", en: "Root cause"), input: .line(TextField()), required: true),
                .init(id: "difficulty", label: LocalizedText(zh: "难易", en: "Difficulty"),
                      input: .choice(Difficulty.allCases.map(\.label), selected: 1)),
                .init(id: "breadth", label: LocalizedText(zh: "涉及面", en: "Breadth"),
                      input: .choice(Breadth.allCases.map(\.label), selected: 1)),
            ])
        case .escalate:
            Form(fields: [.init(id: "reason", label: LocalizedText(zh: "上报原因", en: "Reason"), input: .line(TextField()), required: true)])
        case .progress:
            Form(fields: [.init(id: "note", label: LocalizedText(zh: "进展", en: "Progress"), input: .lines(TextArea(), height: 3), required: true)])
        }
    }

    var title: LocalizedText {
        switch self {
        case .analyse: LocalizedText(zh: "分析：根源、难易、涉及面", en: "Analyse: root cause, difficulty, breadth")
        case .escalate: LocalizedText(zh: "上报到上一级问题库", en: "Escalate to the library one tier up")
        case .progress: LocalizedText(zh: "记录进展", en: "Add progress")
        }
    }

    func commands(_ values: [String: String]) -> [ConcernCommand] {
        switch self {
        case .analyse:
            let difficulty = Int(values["difficulty"] ?? "").flatMap { Difficulty.allCases.indices.contains($0) ? Difficulty.allCases[$0] : nil }
            let breadth = Int(values["breadth"] ?? "").flatMap { Breadth.allCases.indices.contains($0) ? Breadth.allCases[$0] : nil }
            return [.analyse(Analysis(rootCause: values["root-cause"] ?? "", difficulty: difficulty, breadth: breadth))]
        case .escalate:
            return [.escalate(reason: values["reason"] ?? "")]
        case .progress:
            return [.progress(values["note"] ?? "")]
        }
    }
}

/// The triage actions of the libraries pane. Each works on the marked concerns, or on the
/// selected one when nothing is marked, and is unavailable with the workflow's own reason
/// when the rules forbid it for the selected concern.
@MainActor
enum TriageActions {
    static var all: [AppAction] {
        [
            AppAction("analyse", keys: [.character("a")], LocalizedText(zh: "分析（根源、难易、涉及面）", en: "Analyse (root cause, difficulty, breadth)"),
                      group: .triage, unavailable: refused(.analyse(Analysis(rootCause: "?")))) { state, _ in
                open(.analyse, &state)
            },
            AppAction("grade", keys: [.character("=")], LocalizedText(zh: "定级（显示处理态度和期限）", en: "Grade (shows the stance and the deadline)"),
                      group: .triage, unavailable: refused(.grade(.general))) { state, _ in
                state.overlays.append(.gradePicker(selected: 2, targets: targets(state)))
            },
            AppAction("escalate", keys: [.character("e")], LocalizedText(zh: "上报到上一级问题库", en: "Escalate one tier up"),
                      group: .triage, unavailable: refused(.escalate(reason: "?"))) { state, _ in
                open(.escalate, &state)
            },
            AppAction("progress", keys: [.character("p")], LocalizedText(zh: "记录进展", en: "Add progress"),
                      group: .triage, unavailable: refused(.progress("?"))) { state, _ in
                open(.progress, &state)
            },
        ]
    }

    /// Unavailable when nothing is selected, or when the workflow would refuse the command.
    static func refused(_ sample: ConcernCommand) -> @MainActor @Sendable (AppState, AppEnvironment) -> LocalizedText? {
        { state, env in
            guard let concern = state.detail else { return LocalizedText(zh: "没有选中的问题", en: "no concern is selected") }
            return env.data.refusal(of: sample, on: concern)
        }
    }

    static func targets(_ state: AppState) -> [ConcernCode] {
        state.table.marks.isEmpty ? state.table.selectedRow.map { [$0.code] } ?? [] : state.table.marks.sorted()
    }

    static func open(_ kind: TriageForm, _ state: inout AppState) {
        state.overlays.append(.form(kind.makeForm(), kind, targets: targets(state)))
    }

    /// Runs `commands` on every target, each as one action at the version last read; stops at
    /// the first refusal and says which concern and why. Returns whether all went through.
    @discardableResult
    static func apply(_ commands: [ConcernCommand], to targets: [ConcernCode], _ state: inout AppState, _ env: AppEnvironment) -> Bool {
        var done = 0
        for code in targets {
            do {
                let current = try env.data.concern(code)
                _ = try env.data.perform(commands, on: code, expectedVersion: current.version)
                done += 1
            } catch {
                state.toast = "\(code)：" + error.label.text(state.language)
                refresh(&state, env)
                return false
            }
        }
        refresh(&state, env)
        state.toast = state.language == .zh ? "已更新 \(done) 个问题" : "\(done) updated"
        state.table.marks = []
        return true
    }

    /// After a change: the tree's counts, the table page and the detail read again.
    static func refresh(_ state: inout AppState, _ env: AppEnvironment) {
        StandardActions.attempt(&state) { state in state.tree = try env.data.tree() }
        let selected = state.table.selected
        StandardActions.reload(&state, env)
        state.table.selected = min(selected, max(0, state.table.rows.count - 1))
        state.detail = nil
        StandardActions.loadDetail(&state, env)
    }
}
