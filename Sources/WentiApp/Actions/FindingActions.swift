import WentiCore
import WentiSession
import WentiStore
import WentiTerminal

/// The finding sources' actions: record a leader's visit (`n`), set the visit quota (`=`),
/// take in a concern from the selected visit or campaign (`i`), open the concerns it brought
/// in (Enter), and the quota's month (`[` `]`). Each goes through the session, as
/// `wenti visit log | quota` and `wenti campaign ledger` do.
@MainActor
enum FindingActions {
    static let tab: Set<AppTab> = [.finding]

    static var all: [AppAction] {
        [
            AppAction("visit-log", keys: [.character("n")], LocalizedText(zh: "记录一次领导走访（领导、单位、日期、发现）", en: "Record a leader's visit (leader, unit, day, findings)"),
                      short: LocalizedText(zh: "记录走访", en: "log visit"), group: .learning, tabs: tab,
                      unavailable: { _, env in env.session.refusal(.visitLog, on: .company) }) { state, env in
                let leader = state.finding.section == .quota ? state.finding.standing?.leaderID : state.finding.visit?.leaderID
                state.overlays.append(.recordForm(VisitForms.visitForm(env.session.organisation, today: state.today, leader: leader), .visit))
            },
            AppAction("visit-quota", keys: [.character("=")], LocalizedText(zh: "设定每位领导每月走访次数", en: "Set how many visits each leader owes a month"),
                      group: .learning, tabs: tab,
                      unavailable: { _, env in env.session.refusal(.visitLog, on: .company) }) { state, _ in
                state.overlays.append(.recordForm(VisitForms.quotaForm(state.finding.quota), .visitQuota))
            },
            AppAction("finding-intake", keys: [.character("i")], LocalizedText(zh: "据所选走访或征集活动登记问题", en: "Take in a concern from the selected visit or campaign"),
                      group: .learning, tabs: tab, unavailable: { state, env in
                          guard state.finding.source != nil else { return noSource }
                          return env.registry.action("intake")?.unavailable(state, env)
                      }) { state, env in
                guard let source = state.finding.source else { return }
                openIntake(from: source, &state, env)
            },
            AppAction("finding-open", keys: [.enter], LocalizedText(zh: "在问题库中打开所选来源带来的问题", en: "Open the concerns the selected source brought in"),
                      short: LocalizedText(zh: "打开问题", en: "its concerns"), group: .learning, tabs: tab,
                      unavailable: { state, _ in state.finding.source == nil ? noSource : nil }) { state, env in
                guard let source = state.finding.source else { return }
                await openConcerns(of: source, &state, env)
            },
            AppAction("finding-previous", keys: [.character("[")], LocalizedText(zh: "走访定额：上个月", en: "Visit quota: previous month"), group: .learning, tabs: tab) { state, env in
                await step(&state, env, by: -1)
            },
            AppAction("finding-next", keys: [.character("]")], LocalizedText(zh: "走访定额：下个月", en: "Visit quota: next month"), group: .learning, tabs: tab) { state, env in
                await step(&state, env, by: 1)
            },
        ]
    }

    static let noSource = LocalizedText(zh: "先选一次走访或一个征集活动", en: "select a visit or a campaign first")

    static func step(_ state: inout AppState, _ env: AppEnvironment, by direction: Int) async {
        let month = state.finding.month ?? state.today.month
        state.finding.month = direction < 0 ? month.previous : month.next
        state.finding.section = .quota
        await FindingPane.refresh(&state, env)
    }

    /// The intake with the channel and source set, and the visit's unit (a campaign's unit is
    /// who runs it, not where the concern belongs: left empty).
    static func openIntake(from source: ConcernSource, _ state: inout AppState, _ env: AppEnvironment) {
        let workspace = env.session.workspace
        var intake = IntakeForm.make(env, unit: nil)
        var values: [String: String] = [:]
        switch source.kind {
        case .leaderVisit:
            values["channel"] = Channel.allCases.firstIndex(of: .leaderVisit).map(String.init)
            if let index = workspace.visits.firstIndex(where: { $0.id == source.id }) {
                values["source"] = String(1 + workspace.campaigns.count + index)
                values["unit"] = workspace.organisation.unit(workspace.visits[index].unitID)?.name
            }
        case .campaign:
            values["channel"] = Channel.allCases.firstIndex(of: .rewardedCampaign).map(String.init)
            if let index = workspace.campaigns.firstIndex(where: { $0.id == source.id }) { values["source"] = String(1 + index) }
        }
        intake.form.fill(values.compactMapValues { $0 })
        state.overlays.append(.intake(intake))
    }

    /// The libraries, showing exactly the concerns the source brought in (the whole
    /// organisation's tree row selected, the filter cleared); editing the filter drops it.
    static func openConcerns(of source: ConcernSource, _ state: inout AppState, _ env: AppEnvironment) async {
        await StandardActions.switchTab(to: .libraries, &state, env)
        if let row = state.tree.firstIndex(where: { $0.unit.kind == .company }) { state.treeSelected = row }
        state.focus = .table
        state.filterText = ""
        var query = ConcernQuery()
        query.sort = .oldest
        query.sources = [source]
        state.table.query = query
        state.table.selected = 0
        state.table.top = 0
        await StandardActions.reload(&state, env)
        state.toast = env.session.workspace.changeWords.source(source, state.language)
    }
}
