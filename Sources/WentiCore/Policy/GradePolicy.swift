/// The timetable of each grade (时间表), as data an organisation can change.
///
/// The source documents give no day counts; the defaults (7 / 30 / 60 days, and a
/// review every 30 days for budding concerns) are policy, stored with the workspace.
public struct GradePolicy: Sendable, Hashable, Codable {
    /// Days from grading to the deadline, for the grades that have one.
    public var deadlineDays: [Grade: Int]
    /// Days between reviews of a budding concern under watch.
    public var buddingReviewDays: Int

    public init(deadlineDays: [Grade: Int], buddingReviewDays: Int) throws(PolicyError) {
        for grade in [Grade.urgent, .major, .general] {
            guard let days = deadlineDays[grade] else { throw .missingDeadline(grade) }
            guard days > 0 else { throw .nonPositive(grade, days) }
        }
        guard deadlineDays[.budding] == nil else { throw .buddingHasNoDeadline }
        guard buddingReviewDays > 0 else { throw .nonPositive(.budding, buddingReviewDays) }
        self.deadlineDays = deadlineDays
        self.buddingReviewDays = buddingReviewDays
    }

    public static let standard = try! GradePolicy(
        deadlineDays: [.urgent: 7, .major: 30, .general: 60], buddingReviewDays: 30)

    /// What grading on `day` sets: a deadline, or for a budding concern the next review.
    public func schedule(for grade: Grade, gradedOn day: Day) -> (deadline: Day?, nextReview: Day?) {
        if let days = deadlineDays[grade] {
            return (day.adding(days: days), nil)
        }
        return (nil, day.adding(days: buddingReviewDays))
    }
}

public enum PolicyError: Error, Equatable, Sendable, Labelled {
    case missingDeadline(Grade)
    case nonPositive(Grade, Int)
    case buddingHasNoDeadline

    public var label: LocalizedText {
        switch self {
        case .missingDeadline(let g):
            LocalizedText(zh: "分级政策缺少“\(g.label.zh)”的办理期限", en: "the grade policy has no deadline for \(g.label.en)")
        case .nonPositive(let g, let days):
            LocalizedText(zh: "“\(g.label.zh)”的天数必须大于 0，现为 \(days)", en: "the days for \(g.label.en) must be above 0, got \(days)")
        case .buddingHasNoDeadline:
            LocalizedText(zh: "萌芽问题没有办理期限，只有每月复查", en: "budding concerns have a review interval, not a deadline")
        }
    }
}
