/// How a concern was found (两个结合: go down / invite in; positive incentive / hard constraint).
public enum Channel: String, Sendable, CaseIterable, Codable, Labelled {
    /// 走下去: staff visit the front line (e.g. 五访三问 rounds).
    case goDownVisit = "go-down-visit"
    /// 请进来: staff representative hearing (职工代表听证会).
    case hearing
    /// 请进来: ordinary staff evaluation meeting (普通员工评议会).
    case evaluationMeeting = "evaluation-meeting"
    /// 请进来: retiree briefing (离退休职工通气会).
    case retireeBriefing = "retiree-briefing"
    /// 正激励: a rewarded collection campaign (问题有奖征集); names its campaign.
    case rewardedCampaign = "rewarded-campaign"
    /// 硬约束: a leader's scheduled visit (六融入); names the visit.
    case leaderVisit = "leader-visit"
    /// Hotline or online platform.
    case hotline
    case other

    /// The kind of source record this channel names, if any.
    public var sourceKind: ConcernSource.Kind? {
        switch self {
        case .rewardedCampaign: .campaign
        case .leaderVisit: .leaderVisit
        default: nil
        }
    }

    public init?(name: String) {
        guard let channel = Channel.allCases.first(where: { $0.rawValue == name.lowercased() || $0.label.zh == name }) else {
            return nil
        }
        self = channel
    }

    public var label: LocalizedText {
        switch self {
        case .goDownVisit: LocalizedText(zh: "走访", en: "go-down visit")
        case .hearing: LocalizedText(zh: "职代听证会", en: "representative hearing")
        case .evaluationMeeting: LocalizedText(zh: "员工评议会", en: "evaluation meeting")
        case .retireeBriefing: LocalizedText(zh: "离退休通气会", en: "retiree briefing")
        case .rewardedCampaign: LocalizedText(zh: "有奖征集", en: "rewarded campaign")
        case .leaderVisit: LocalizedText(zh: "领导走访", en: "leader's visit")
        case .hotline: LocalizedText(zh: "热线/网络", en: "hotline/online")
        case .other: LocalizedText(zh: "其他", en: "other")
        }
    }
}

/// The campaign or leader's visit a concern came from.
public struct ConcernSource: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case campaign
        case leaderVisit = "leader-visit"
    }

    public var kind: Kind
    public var id: String

    public init(kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }
}
