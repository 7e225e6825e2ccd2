/// The return contact with the people concerned once the work is done (反馈):
/// whom, when, how, whether the effect is confirmed, and how satisfied they are.
public struct FeedbackRecord: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, CaseIterable, Codable, Labelled {
        case visit, phone, meeting, online
        public var label: LocalizedText {
            switch self {
            case .visit: LocalizedText(zh: "面谈", en: "in person")
            case .phone: LocalizedText(zh: "电话", en: "phone")
            case .meeting: LocalizedText(zh: "会议", en: "meeting")
            case .online: LocalizedText(zh: "线上", en: "online")
            }
        }
    }

    public enum Effect: String, Sendable, CaseIterable, Codable, Labelled {
        case confirmed, partly, no
        public var label: LocalizedText {
            switch self {
            case .confirmed: LocalizedText(zh: "已见效", en: "confirmed")
            case .partly: LocalizedText(zh: "部分见效", en: "partly")
            case .no: LocalizedText(zh: "未见效", en: "no effect")
            }
        }
    }

    public enum Satisfaction: String, Sendable, CaseIterable, Codable, Labelled {
        case satisfied
        case basicallySatisfied = "basically-satisfied"
        case dissatisfied

        public var label: LocalizedText {
            switch self {
            case .satisfied: LocalizedText(zh: "满意", en: "satisfied")
            case .basicallySatisfied: LocalizedText(zh: "基本满意", en: "basically satisfied")
            case .dissatisfied: LocalizedText(zh: "不满意", en: "dissatisfied")
            }
        }

        /// Counts towards the satisfaction rate (satisfied + basically satisfied).
        public var countsAsSatisfied: Bool { self != .dissatisfied }
    }

    public var on: Day
    public var byID: PersonID
    /// Whom the staff contacted (free text: the reporter, the team, "张三及班组成员").
    public var contact: String
    public var method: Method
    public var effect: Effect
    public var satisfaction: Satisfaction
    /// 1...5.
    public var score: Int
    public var note: String

    public init(on: Day, byID: PersonID, contact: String, method: Method, effect: Effect,
                satisfaction: Satisfaction, score: Int, note: String = "") {
        self.on = on
        self.byID = byID
        self.contact = contact
        self.method = method
        self.effect = effect
        self.satisfaction = satisfaction
        self.score = score
        self.note = note
    }

    /// A dissatisfied answer or an effect not seen is a reason to reopen the concern.
    public var callsForReopening: Bool { satisfaction == .dissatisfied || effect == .no }
}
