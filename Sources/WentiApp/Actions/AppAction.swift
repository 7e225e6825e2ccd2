import WentiCore
import WentiTerminal

/// One thing the user can do, described once: its id (the `:` command), its default keys,
/// what it does in both languages, its group in the help, whether it is available now (and
/// if not, why), and whether it is dangerous. Key dispatch, `?` help, the `:` command line
/// and the status-bar hints all read the registry built from these.
public struct AppAction: Sendable {
    public enum Group: String, Sendable, CaseIterable {
        case navigation, view, selection, triage, meetings, supervision, learning, app

        var label: LocalizedText {
            switch self {
            case .navigation: LocalizedText(zh: "移动", en: "Navigation")
            case .view: LocalizedText(zh: "视图", en: "View")
            case .selection: LocalizedText(zh: "标记", en: "Selection")
            case .triage: LocalizedText(zh: "分诊", en: "Triage")
            case .meetings: LocalizedText(zh: "三方会议", en: "Meetings")
            case .supervision: LocalizedText(zh: "督办与反馈", en: "Supervision and feedback")
            case .learning: LocalizedText(zh: "实践与统计", en: "Practices and figures")
            case .app: LocalizedText(zh: "程序", en: "Application")
            }
        }
    }

    public let id: String
    public let keys: [Key]
    /// The tabs where its keys work (one key may do different things on different tabs).
    public let tabs: Set<AppTab>
    public let title: LocalizedText
    /// One or two words for the status bar's hints.
    public let shortTitle: LocalizedText
    public let group: Group
    public let dangerous: Bool
    /// nil when available; otherwise why not, in both languages.
    public let unavailable: @MainActor @Sendable (AppState, AppEnvironment) -> LocalizedText?
    public let perform: @MainActor @Sendable (inout AppState, AppEnvironment) async -> Void
    /// What `:id TEXT` does with the text after the name (`:goto 68`); nil: the command takes none.
    public let argument: (@MainActor @Sendable (inout AppState, AppEnvironment, String) async -> Void)?

    public init(_ id: String, keys: [Key], _ title: LocalizedText, short: LocalizedText? = nil, group: Group, tabs: Set<AppTab> = AppTab.everywhere,
                dangerous: Bool = false,
                unavailable: @escaping @MainActor @Sendable (AppState, AppEnvironment) -> LocalizedText? = { _, _ in nil },
                argument: (@MainActor @Sendable (inout AppState, AppEnvironment, String) async -> Void)? = nil,
                perform: @escaping @MainActor @Sendable (inout AppState, AppEnvironment) async -> Void) {
        self.id = id
        self.keys = keys
        self.tabs = tabs
        self.title = title
        shortTitle = short ?? title
        self.group = group
        self.dangerous = dangerous
        self.unavailable = unavailable
        self.argument = argument
        self.perform = perform
    }
}

extension AppAction {
    /// Why the action cannot run now: on another pane (saying which, with its key), or the
    /// action's own reason; nil when it can.
    @MainActor
    func whyNot(_ state: AppState, _ env: AppEnvironment) -> LocalizedText? {
        guard tabs.contains(state.tab) else {
            let home = AppTab.allCases.first { tabs.contains($0) }!
            // The key that goes there, as bound (a keys.toml may have moved it).
            let key = env.registry.keys(of: "tab-\(home)").first?.description ?? ":tab-\(home)"
            return LocalizedText(zh: "在“\(home.title.zh)”页使用（按 \(key)）", en: "works on the \(home.title.en) pane (key \(key))")
        }
        return unavailable(state, env)
    }
}

/// The registry: actions by id, and the key map (defaults with the user's overrides).
public struct ActionRegistry: Sendable {
    public let actions: [AppAction]
    /// Each key's actions; at most one of them works on any one tab.
    public private(set) var keymap: [Key: [String]] = [:]
    private let byID: [String: AppAction]

    /// Builds the key map; two actions on one key on a tab they share is an error naming both.
    public init(actions: [AppAction], overrides: [String: [Key]] = [:]) throws(KeymapError) {
        self.actions = actions
        byID = Dictionary(actions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in overrides.keys where byID[id] == nil { throw .unknownAction(id) }
        for action in actions {
            for key in overrides[action.id] ?? action.keys {
                let bound = keymap[key, default: []]
                if let other = bound.first(where: { $0 != action.id && !(byID[$0]!.tabs.isDisjoint(with: action.tabs)) }) {
                    throw .conflict(key: key.description, first: other, second: action.id)
                }
                if !bound.contains(action.id) { keymap[key] = bound + [action.id] }
            }
        }
    }

    public func action(_ id: String) -> AppAction? { byID[id] }

    /// "f 反馈  c 关闭" from action ids and their words, with the keys actually bound (a user's
    /// keys.toml included); an action with no key bound is left out.
    func hints(_ pairs: [(id: String, words: LocalizedText)], _ language: Language) -> String {
        pairs.compactMap { pair in keys(of: pair.id).first.map { "\($0) " + pair.words.text(language) } }.joined(separator: "  ")
    }

    /// The action a key runs on `tab`.
    public func action(for key: Key, on tab: AppTab) -> AppAction? {
        keymap[key]?.lazy.compactMap { byID[$0] }.first { $0.tabs.contains(tab) }
    }

    /// An action the key runs on some other pane: pressed here, it says where it works
    /// (`AppAction.whyNot`) rather than nothing at all.
    public func actionElsewhere(for key: Key) -> AppAction? {
        keymap[key]?.lazy.compactMap { byID[$0] }.first
    }

    /// The keys bound to an action: single characters first, then names, each in order.
    public func keys(of id: String) -> [Key] {
        keymap.filter { $0.value.contains(id) }.map(\.key).sorted {
            ($0.description.count == 1 ? 0 : 1, $0.description) < ($1.description.count == 1 ? 0 : 1, $1.description)
        }
    }
}

public enum KeymapError: Error, Equatable, Sendable {
    case unknownAction(String)
    case unknownKey(String, action: String)
    case conflict(key: String, first: String, second: String)
    case unreadable(path: String, reason: String)

    public var message: String {
        switch self {
        case .unknownAction(let id): "key map: no action named \(id)"
        case .unknownKey(let key, let action): "key map: \(action): \"\(key)\" is not a key name (like j, Enter, C-d, F5)"
        case .conflict(let key, let first, let second): "key map: \(key) is bound to both \(first) and \(second)"
        case .unreadable(let path, let reason): "key map \(path): \(reason)"
        }
    }
}
