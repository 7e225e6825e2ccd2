/// The three libraries of shared practice (最佳实践共享).
public enum PracticeLibrary: String, Sendable, Codable, CaseIterable, Labelled {
    case caseAnalysis = "case-analysis"
    case typicalExperience = "typical-experience"
    case knowledgeAid = "knowledge-aid"

    public var label: LocalizedText {
        switch self {
        case .caseAnalysis: LocalizedText(zh: "案例分析库", en: "case analysis")
        case .typicalExperience: LocalizedText(zh: "典型经验库", en: "typical experience")
        case .knowledgeAid: LocalizedText(zh: "知识援助库", en: "knowledge aid")
        }
    }
}

/// A solved case distilled so that the next similar concern can reuse it.
public struct PracticeEntry: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var library: PracticeLibrary
    public var title: String
    public var situation: String
    public var rootCause: String
    public var actions: String
    public var watchPoints: String
    public var categoryIDs: [CategoryID]
    public var tags: [String]
    /// The solved concerns it was distilled from.
    public var sources: [ConcernCode]
    public var createdOn: Day
    public var authorID: PersonID

    public init(id: String, library: PracticeLibrary, title: String, situation: String, rootCause: String,
                actions: String, watchPoints: String, categoryIDs: [CategoryID], tags: [String],
                sources: [ConcernCode], createdOn: Day, authorID: PersonID) {
        self.id = id
        self.library = library
        self.title = title
        self.situation = situation
        self.rootCause = rootCause
        self.actions = actions
        self.watchPoints = watchPoints
        self.categoryIDs = categoryIDs
        self.tags = tags
        self.sources = sources
        self.createdOn = createdOn
        self.authorID = authorID
    }

    /// A practice needs a title and what was done, and comes only from solved concerns.
    public func validate(sourceConcerns: [Concern]) throws(PracticeError) {
        guard !title.isBlank else { throw .titleRequired }
        guard !actions.isBlank else { throw .actionsRequired }
        for code in sources {
            guard let concern = sourceConcerns.first(where: { $0.code == code }) else { throw .unknownSource(code) }
            guard concern.stage == .awaitingFeedback || concern.stage == .closed else {
                throw .sourceNotSolved(code, concern.stage)
            }
        }
    }

    /// Prefills an entry from a solved concern's record.
    public static func draft(from concern: Concern, id: String, library: PracticeLibrary, on day: Day, author: PersonID) -> PracticeEntry {
        PracticeEntry(
            id: id, library: library, title: concern.title, situation: concern.description,
            rootCause: concern.analysis.rootCause, actions: concern.plan, watchPoints: "",
            categoryIDs: [concern.categoryID], tags: [], sources: [concern.code], createdOn: day, authorID: author)
    }
}

public enum PracticeError: Error, Equatable, Sendable, Labelled {
    case titleRequired
    case actionsRequired
    case unknownSource(ConcernCode)
    case sourceNotSolved(ConcernCode, Stage)

    public var label: LocalizedText {
        switch self {
        case .titleRequired: LocalizedText(zh: "实践条目须有标题", en: "a practice entry needs a title")
        case .actionsRequired: LocalizedText(zh: "实践条目须写明做法", en: "a practice entry needs what was done")
        case .unknownSource(let code): LocalizedText(zh: "来源问题 \(code) 不存在", en: "source concern \(code) does not exist")
        case .sourceNotSolved(let code, let stage):
            LocalizedText(zh: "来源问题 \(code) 尚未解决（\(stage.label.zh)）", en: "source concern \(code) is not solved yet (\(stage.label.en))")
        }
    }
}
