import WentiCore

/// The saved views of the libraries: each is a filter (in `FilterText`'s language) with a
/// function key and a name.
enum FilterViews {
    static let all: [(id: String, key: String, filter: String, title: LocalizedText)] = [
        ("view-mine", "F2", "mine", LocalizedText(zh: "视图：我负责的", en: "View: mine")),
        ("view-overdue", "F3", "overdue", LocalizedText(zh: "视图：逾期", en: "View: overdue")),
        ("view-to-define", "F4", "stage:analysing", LocalizedText(zh: "视图：待三方会议界定", en: "View: to define at the next meeting")),
        ("view-awaiting", "F5", "stage:awaiting-feedback", LocalizedText(zh: "视图：待反馈", en: "View: awaiting feedback")),
        ("view-watch", "F6", "stage:watch", LocalizedText(zh: "视图：观察中", en: "View: watch list")),
    ]
}
