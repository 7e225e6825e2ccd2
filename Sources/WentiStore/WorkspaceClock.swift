import Foundation
import Synchronization
import WentiCore

/// Where the store takes "now" and "today" from. The system clock in use; a settable
/// clock for tests, and for replaying seed histories on their own dates.
public protocol WorkspaceClock: Sendable {
    func now() -> Date
    var timeZone: TimeZone { get }
}

extension WorkspaceClock {
    public func today() -> Day { Day(now(), in: timeZone) }
}

public struct SystemClock: WorkspaceClock {
    public init() {}
    public func now() -> Date { Date() }
    public var timeZone: TimeZone { .current }
}

/// A clock that shows whatever it was last set to.
public final class ManualClock: WorkspaceClock {
    private let current: Mutex<Date>
    public let timeZone: TimeZone

    public init(_ date: Date, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) {
        current = Mutex(date)
        self.timeZone = timeZone
    }

    /// A clock at 09:00 on `day` in its time zone.
    public convenience init(day: Day, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) {
        self.init(ManualClock.morning(of: day, in: timeZone), timeZone: timeZone)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func set(_ date: Date) { current.withLock { $0 = date } }

    public func set(day: Day, hour: Int = 9) { set(ManualClock.morning(of: day, in: timeZone, hour: hour)) }

    public static func morning(of day: Day, in timeZone: TimeZone, hour: Int = 9) -> Date {
        let localSeconds = Double(day.ordinal * 86_400 + hour * 3600)
        let guess = Date(timeIntervalSince1970: localSeconds)
        return Date(timeIntervalSince1970: localSeconds - Double(timeZone.secondsFromGMT(for: guess)))
    }
}
