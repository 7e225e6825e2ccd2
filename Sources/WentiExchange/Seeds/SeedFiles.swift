import WentiCore

// The shapes of the YAML files in `seeds/` (see seeds/README.md). Keys are kebab-case in the
// files; Yams decodes them through these Codable structs, so a misspelt key or a wrong type
// is reported with its path in the file.

struct OrganisationFile: Decodable {
    struct UnitEntry: Decodable {
        var id: String
        var name: String
        /// Short names people use for the unit (运检部).
        var aliases: [String]?
        var teams: [TeamEntry]?
    }
    struct TeamEntry: Decodable {
        var id: String
        var name: String
        var aliases: [String]?
    }
    struct PersonEntry: Decodable {
        var id: String
        var name: String
        var role: Role
        var unit: String
    }
    var company: TeamEntry
    var departments: [UnitEntry]
    var people: [PersonEntry]
    /// The person who creates the workspace: the account that runs `wenti demo` or `wenti init` becomes them.
    var creator: String?
}

struct CategoriesFile: Decodable {
    struct Entry: Decodable {
        var id: String
        var zh: String
        var en: String
    }
    var categories: [Entry]
}

struct PolicyFile: Decodable {
    var deadlineDays: [String: Int]
    var buddingReviewDays: Int
    /// Visits each company leader and department head owes per month (one when not given).
    var leaderVisitsPerMonth: Int?

    enum CodingKeys: String, CodingKey {
        case deadlineDays = "deadline-days"
        case buddingReviewDays = "budding-review-days"
        case leaderVisitsPerMonth = "leader-visits-per-month"
    }
}

struct SourcesFile: Decodable {
    struct CampaignEntry: Decodable {
        var id: String
        var name: String
        var unit: String
        var starts: Day
        var ends: Day
        var reward: String
    }
    struct VisitEntry: Decodable {
        var id: String
        var leader: String
        var unit: String
        var on: Day
        var integration: Integration
        var findings: String
    }
    var campaigns: [CampaignEntry]
    var visits: [VisitEntry]
}

/// One seed concern: its intake, and how far its story went. The loader replays the story
/// through `Workflow`, on the dates given, so every seed obeys the same rules as a user.
struct SeedConcern: Decodable {
    struct Dated: Decodable {
        var on: Day
        var text: String
    }
    struct EscalationEntry: Decodable {
        var on: Day
        var reason: String
    }
    struct TaskEntry: Decodable {
        var title: String
        var due: Day
        var done: Bool?
    }
    struct FeedbackEntry: Decodable {
        var on: Day
        var contact: String
        var method: FeedbackRecord.Method
        var effect: FeedbackRecord.Effect
        var satisfaction: FeedbackRecord.Satisfaction
        var score: Int
        var note: String?
    }
    struct ClosedEntry: Decodable {
        var on: Day
        var reason: String?
    }
    struct ReferredEntry: Decodable {
        var on: Day
        var to: String
        var explanation: String
    }

    var title: String
    var description: String
    var category: String
    var channel: Channel
    var source: String?
    var finder: String
    var reporter: String?
    var reporterPerson: String?
    var anonymous: Bool?
    var sealed: String?
    var involved: String?
    var unit: String
    var reported: Day
    var stage: Stage
    var escalate: [EscalationEntry]?
    var rootCause: String?
    var difficulty: Difficulty?
    var breadth: Breadth?
    var grade: Grade?
    var plan: String?
    var responsible: String?
    var responsibleUnit: String?
    var defined: Day?
    var pledge: Bool?
    var processing: String?
    var tasks: [TaskEntry]?
    var progress: [Dated]?
    var solved: Dated?
    var feedback: FeedbackEntry?
    var reopen: Dated?
    var closed: ClosedEntry?
    var referred: ReferredEntry?

    enum CodingKeys: String, CodingKey {
        case title, description, category, channel, source, finder, reporter, anonymous, sealed, involved, unit
        case reported, stage, escalate, difficulty, breadth, grade, plan, responsible, defined, pledge, processing
        case tasks, progress, solved, feedback, reopen, closed, referred
        case reporterPerson = "reporter-person"
        case rootCause = "root-cause"
        case responsibleUnit = "responsible-unit"
    }
}

struct ConcernsFile: Decodable {
    var concerns: [SeedConcern]
}

struct RecordsFile: Decodable {
    struct MeetingEntry: Decodable {
        struct Item: Decodable {
            var concern: ConcernCode
            var purpose: AgendaPurpose
            var finder: String?
            var involved: String
            var solvingUnit: String?
            enum CodingKeys: String, CodingKey {
                case concern, purpose, finder, involved
                case solvingUnit = "solving-unit"
            }
        }
        var id: String
        var unit: String
        var month: YearMonth
        var held: Day?
        var notes: String?
        /// Who chaired, who kept the minutes, where, and who sat (held meetings).
        var chair: String?
        var recorder: String?
        var place: String?
        var attendees: [String]?
        var items: [Item]
    }
    struct NoticeEntry: Decodable {
        struct Node: Decodable {
            var title: String
            var due: Day
        }
        struct Chaser: Decodable {
            var on: Day
            var by: String
            var text: String
            var answered: Day?
        }
        var id: String
        var concern: ConcernCode
        var issued: Day
        var by: String
        var toUnit: String
        var toPerson: String
        var nodes: [Node]
        var state: SupervisionNotice.State
        var chasers: [Chaser]?
        enum CodingKeys: String, CodingKey {
            case id, concern, issued, by, nodes, state, chasers
            case toUnit = "to-unit"
            case toPerson = "to-person"
        }
    }
    struct PracticeEntryFile: Decodable {
        var id: String
        var library: PracticeLibrary
        var title: String
        var situation: String
        var rootCause: String
        var actions: String
        var watch: String
        var categories: [String]
        var tags: [String]
        var sources: [ConcernCode]
        var created: Day
        var author: String
        enum CodingKeys: String, CodingKey {
            case id, library, title, situation, actions, watch, categories, tags, sources, created, author
            case rootCause = "root-cause"
        }
    }
    var meetings: [MeetingEntry]
    var notices: [NoticeEntry]
    var practices: [PracticeEntryFile]
}
