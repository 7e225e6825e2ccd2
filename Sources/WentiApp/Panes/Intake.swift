import WentiCore
import WentiSession
import WentiStore
import WentiTerminal
import WentiText

/// Intake (录入): a form fast enough to fill in while talking to someone. While the title is
/// typed, similar open concerns of the same unit or category are listed; the report can be
/// attached to one of them instead of filing a duplicate, so one problem carries many reports.
public struct IntakeForm: Sendable, Equatable {
    public var form: Form
    public var similar: [ConcernSummary] = []
    public var similarSelected = 0
    /// The concern a first C-a named: a second C-a attaches the report to it (any other key
    /// forgets it). One key alone wrote onto a concern that was only alike in a word.
    public var attachAsked: ConcernCode?

    @MainActor
    static func make(_ env: AppEnvironment, unit: OrgUnit?) -> IntakeForm {
        let workspace = env.session.workspace
        // A visit by its leader, unit and day, never by its id.
        let sources = [LocalizedText(zh: "—", en: "—")] + workspace.campaigns.map { LocalizedText(zh: $0.name, en: $0.name) }
            + workspace.visits.map { $0.summary(workspace.organisation) }
        return IntakeForm(form: Form(fields: [
            .init(id: "title", label: LocalizedText(zh: "标题", en: "Title"), input: .line(TextField()), required: true),
            .init(id: "description", label: LocalizedText(zh: "描述", en: "Description"), input: .lines(TextArea(), height: 2)),
            .init(id: "category", label: LocalizedText(zh: "类别", en: "Category"), input: .choice(workspace.categories.map(\.name), selected: 0)),
            .init(id: "channel", label: LocalizedText(zh: "渠道", en: "Channel"), input: .choice(Channel.allCases.map(\.label), selected: 0)),
            .init(id: "source", label: LocalizedText(zh: "来源活动/走访", en: "Campaign / visit"),
                  input: .choice(sources, selected: 0)),
            // Empty: a prefilled name had the typing appended to it. The library selected in the
            // tree is offered first, then every unit in tree order.
            RecordFields.pick("unit", LocalizedText(zh: "单位", en: "Unit"), unitOptions(workspace.organisation, first: unit), required: true),
            .init(id: "involved", label: LocalizedText(zh: "涉及人员", en: "People involved"), input: .line(TextField())),
            // Someone of the organisation by name, or anyone else as typed.
            RecordFields.pick("reporter", LocalizedText(zh: "反映人", en: "Reporter"), PickOptions.people(workspace.organisation, near: unit?.id)),
            .init(id: "anonymous", label: LocalizedText(zh: "匿名", en: "Anonymous"),
                  input: .choice([LocalizedText(zh: "否", en: "no"), LocalizedText(zh: "是", en: "yes")], selected: 0)),
            // Sealed on the way into the store; kept out of the draft file, which is not.
            .init(id: "sealed", label: LocalizedText(zh: "匿名者身份（仅政工可见）", en: "Identity (political work only)"),
                  input: .line(TextField()), sensitive: true),
        ]))
    }

    /// Every unit in tree order, `first` (the library selected in the tree) ahead of them.
    @MainActor
    static func unitOptions(_ org: Organisation, first: OrgUnit?) -> [Picker.Option] {
        let all = PickOptions.units(org)
        guard let first, let index = all.firstIndex(where: { $0.value == first.id.rawValue }) else { return all }
        return [all[index]] + all.enumerated().filter { $0.offset != index }.map(\.element)
    }

    /// The intake as the workflow's `NewConcern`, or why it cannot be (and which field).
    @MainActor
    func newConcern(_ env: AppEnvironment) -> Result<NewConcern, IntakeProblem> {
        let workspace = env.session.workspace
        let unitText = form.value("unit").trimmingCharacters(in: .whitespaces)
        guard !unitText.isEmpty else {
            return .failure(IntakeProblem(field: "unit", message: LocalizedText(zh: "请填写单位：问题记入哪个单位的问题库（输入名称或简称，从列表中选）",
                                                                               en: "give the unit whose library takes it in (type its name or short name, pick from the list)")))
        }
        let matches = workspace.organisation.units(matching: unitText)
        guard matches.count == 1, let unit = matches.first else {
            return .failure(IntakeProblem(field: "unit", message: matches.isEmpty
                ? LocalizedText(zh: "没有单位“\(unitText)”", en: "no unit \"\(unitText)\"")
                : LocalizedText(zh: "“\(unitText)”对应多个单位，请从列表中选一个", en: "\"\(unitText)\" names several units; pick one from the list")))
        }
        let channel = Channel.allCases[Int(form.value("channel")) ?? 0]
        let sourceIndex = (Int(form.value("source")) ?? 0) - 1
        var source: ConcernSource?
        if sourceIndex >= 0 {
            source = sourceIndex < workspace.campaigns.count
                ? ConcernSource(kind: .campaign, id: workspace.campaigns[sourceIndex].id)
                : ConcernSource(kind: .leaderVisit, id: workspace.visits[sourceIndex - workspace.campaigns.count].id)
        }
        let anonymous = form.value("anonymous") == "1"
        let sealed = form.value("sealed").trimmingCharacters(in: .whitespaces)
        let reporter = form.value("reporter").trimmingCharacters(in: .whitespaces)
        let person = workspace.organisation.people.values.first { $0.name == reporter || $0.id.rawValue == reporter }
        return .success(NewConcern(
            title: form.value("title"), description: form.value("description"),
            categoryID: workspace.categories[Int(form.value("category")) ?? 0].id, channel: channel, source: source,
            finderID: env.session.principal.id,
            reporter: anonymous ? .anonymous(sealedIdentity: sealed.isEmpty ? nil : .toSeal(sealed)) : .named(name: person?.name ?? reporter, personID: person?.id),
            involvedPeople: form.value("involved"), unitID: unit.id))
    }

    /// Open concerns that share a three-character run with the title (the trigram index
    /// answers each run at once), in the same unit's department or the same category,
    /// the most shared runs first.
    @MainActor
    mutating func findSimilar(_ env: AppEnvironment) async {
        let title = Array(TextSanitizer.clean(form.value("title")).filter { !$0.isWhitespace })
        guard title.count >= 3 else {
            similar = []
            return
        }
        let runs = Set((0...(title.count - 3)).map { String(title[$0..<$0 + 3]) }).sorted().prefix(6)
        let workspace = env.session.workspace
        let unitText = form.value("unit")
        let unitMatches = unitText.isEmpty ? [] : workspace.organisation.units(matching: unitText)
        let unit = unitMatches.count == 1 ? unitMatches.first : nil
        let department = unit.map { workspace.organisation.department(of: $0.id) }
        let nearby = department.map { workspace.organisation.subtree(of: $0) } ?? []
        let category = workspace.categories[Int(form.value("category")) ?? 0].id
        var hits: [ConcernCode: (row: ConcernSummary, count: Int)] = [:]
        for run in runs {
            var query = ConcernQuery()
            query.text = run
            query.stages = Set(Stage.allCases).subtracting([.closed])
            for row in (try? await env.session.page(query, after: nil, limit: 8).rows) ?? []
            where nearby.contains(row.unitID) || row.categoryID == category {
                hits[row.code, default: (row, 0)].count += 1
            }
        }
        similar = hits.values.sorted { ($0.count, $0.row.code) > ($1.count, $1.row.code) }.prefix(5).map(\.row)
        similarSelected = min(similarSelected, max(0, similar.count - 1))
    }
}

/// Why an intake cannot be filed yet (besides the workflow's own rules).
struct IntakeProblem: Error, Equatable {
    /// The form's field it is about.
    var field: String
    var message: LocalizedText
}

/// Keys and drawing of the intake overlay.
@MainActor
enum IntakeOverlay {
    static func handle(_ key: Key, _ intake: IntakeForm, _ state: inout AppState, _ env: AppEnvironment) async {
        var intake = intake
        switch key {
        case .escape:
            state.overlays.removeLast()
            env.draft?.discard()
            return
        case .enter where intake.form.acceptFocusedPick():
            break   // Enter under the unit's list takes the unit; the next Enter files
        case .ctrl("s"), .enter where !intake.form.enterIsNewLine:
            intake.form.acceptUniquePicks()
            switch intake.newConcern(env) {
            case .failure(let problem):
                // Said beside the field, and on the status line in full.
                intake.form.pin(problem.message, to: problem.field)
                state.toast = problem.message.text(state.language)
            case .success(let new):
                do {
                    let concern = try await env.session.intake(new)
                    state.overlays.removeLast()
                    env.draft?.discard()
                    await LiveRefresh.refresh(&state, env)
                    // The new concern selected in the table (widened when the table hid it).
                    await FindActions.goTo(concern.code.description, &state, env)
                    state.toast = state.language == .zh ? "\(concern.code) 已登记" : "\(concern.code) filed"
                    return
                } catch let error as StoreError {
                    state.toast = StandardActions.describe(error, state.language)
                } catch {
                    state.toast = "\(error)"
                }
            }
        case .ctrl("a"):
            guard intake.similar.indices.contains(intake.similarSelected) else {
                state.toast = state.language == .zh ? "没有可并入的类似问题" : "no similar concern to attach to"
                break
            }
            let target = intake.similar[intake.similarSelected]
            guard intake.attachAsked == target.code else {
                intake.attachAsked = target.code
                let zh = state.language == .zh
                state.toast = zh ? "把这次反映并入 \(target.code)「\(TextSanitizer.clean(target.title))」？再按 C-a 并入，其他键取消"
                                 : "Attach this report to \(target.code) \"\(TextSanitizer.clean(target.title))\"? C-a again attaches, any other key does not"
                break
            }
            let reporter = intake.form.value("anonymous") == "1" ? (state.language == .zh ? "匿名" : "anonymous") : intake.form.value("reporter")
            // Who reported it again, when the form says (an empty name leaves no empty brackets).
            let zh = state.language == .zh
            let who = reporter.isBlank ? "" : UIText.bracketed(reporter, state.language)
            let note = (zh ? "又一次反映" : "Another report") + who + (zh ? "：" : ": ") + intake.form.value("title")
                + (intake.form.value("description").isEmpty ? "" : " — " + intake.form.value("description"))
            do {
                _ = try await env.session.perform([.progress(note)], on: target.code, expectedVersion: nil)
                state.overlays.removeLast()
                env.draft?.discard()
                await LiveRefresh.refresh(&state, env)
                state.toast = state.language == .zh ? "已并入 \(target.code)" : "attached to \(target.code)"
                return
            } catch {
                state.toast = StandardActions.describe(error, state.language)
            }
        case .ctrl("n"):
            intake.attachAsked = nil
            intake.similarSelected = min(intake.similarSelected + 1, max(0, intake.similar.count - 1))
        case .ctrl("p"):
            intake.attachAsked = nil
            intake.similarSelected = max(0, intake.similarSelected - 1)
        default:
            intake.attachAsked = nil
            let before = intake.form.values
            _ = intake.form.handle(key, width: formWidth(state) - 24)
            let after = intake.form.values
            if before != after {
                if before["title"] != after["title"] || before["unit"] != after["unit"] || before["category"] != after["category"] {
                    await intake.findSimilar(env)
                }
                env.draft?.save(after)
            }
        }
        state.overlays[state.overlays.count - 1] = .intake(intake)
    }

    static func formWidth(_ state: AppState) -> Int { min(state.size.width - 4, 96) }

    static func draw(_ intake: IntakeForm, _ state: AppState, _ env: AppEnvironment, into grid: inout Grid, layout: Layout) {
        var intake = intake
        let language = state.language
        let width = formWidth(state)
        let x = (layout.width - width) / 2
        let y = 1
        let height = layout.height - 2
        // The form takes the screen between the bars, as the help does: narrower than the
        // screen, it would leave the table's edges showing beside it as if they were fields.
        grid.fill(x: 0, y: y, width: layout.width, height: height)
        Overlays.frame(language == .zh ? "登记新问题" : "Take in a concern", x: x, y: y, width: width, height: height, into: &grid)
        intake.form.draw(into: &grid, x: x + 2, y: y + 1, width: width - 4, language: language)
        let cursor = grid.cursor
        var row = y + 13
        if !intake.similar.isEmpty, row < y + height - 2 {
            grid.write(language == .zh ? "类似的未结问题（C-a 并入所选）：" : "Similar open concerns (C-a attaches to the selected one):",
                       x: x + 2, y: row, style: Style(bold: true), limit: width - 4)
            for (index, similar) in intake.similar.enumerated() where row + 1 < y + height - 1 {
                row += 1
                let style = Style(reverse: index == intake.similarSelected)
                grid.fill(x: x + 1, y: row, width: width - 2, height: 1, style: style)
                grid.write("\(similar.code)  \(similar.stage.label.text(language))  \(similar.title)", x: x + 2, y: row, style: style, limit: width - 4)
            }
        }
        // Enter files, as in every form, except in the description, where it starts a new line.
        let enter = intake.form.enterIsNewLine ? (language == .zh ? "回车换行  C-s 登记" : "Enter new line  C-s file")
            : (language == .zh ? "回车/C-s 登记" : "Enter/C-s file")
        let hint = enter + (language == .zh ? "  C-a 并入  C-n/C-p 选类似  Tab 换栏  Esc 放弃" : "  C-a attach  C-n/C-p similar  Tab field  Esc drop")
        grid.write(" " + hint + " ", x: x + 2, y: y + height - 1, style: Style(dim: true), limit: width - 4)
        grid.cursor = cursor
    }
}
