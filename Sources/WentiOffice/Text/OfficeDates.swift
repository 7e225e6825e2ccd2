import WentiCore

/// Dates as official documents write them.
public enum OfficeDates {
    private static let digits: [Character] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// 成文日期 in Chinese numerals: the year digit by digit with 〇 for zero, the month and
    /// the day as numbers (十一, 二十一): 2026-12-01 → 二〇二六年十二月一日.
    public static func chineseNumerals(_ day: Day) -> String {
        let civil = day.civil
        let year = String(String(civil.year).map { digits[Int(String($0))!] })
        return "\(year)年\(number(civil.month))月\(number(civil.day))日"
    }

    /// 1...99 in Chinese numerals: 十, 十二, 二十, 三十一.
    static func number(_ value: Int) -> String {
        precondition((1...99).contains(value), "only 1...99 is spelt here")
        let tens = value / 10, units = value % 10
        let unitText = units == 0 ? "" : String(digits[units])
        switch tens {
        case 0: return unitText
        case 1: return "十" + unitText
        default: return String(digits[tens]) + "十" + unitText
        }
    }

    /// Arabic numerals without padding, as GB/T 9704-2012 writes dates (2026年12月1日).
    public static func arabic(_ day: Day) -> String {
        let civil = day.civil
        return "\(civil.year)年\(civil.month)月\(civil.day)日"
    }

    public static func month(_ month: YearMonth, _ language: Language) -> String {
        language == .zh ? "\(month.year)年\(month.month)月" : "\(englishMonths[month.month - 1]) \(month.year)"
    }

    /// A period of whole months (2026年9月至11月) or of days.
    public static func period(_ period: Period, _ language: Language) -> String {
        let first = period.from.month, last = period.to.month
        guard period.from == first.firstDay, period.to == last.lastDay else {
            return language == .zh ? "\(arabic(period.from))至\(arabic(period.to))" : "\(english(period.from)) to \(english(period.to))"
        }
        if first == last { return month(first, language) }
        if language == .en { return "\(month(first, .en)) to \(month(last, .en))" }
        return first.year == last.year ? "\(first.year)年\(first.month)月至\(last.month)月" : "\(month(first, .zh))至\(month(last, .zh))"
    }

    /// "1 December 2026".
    public static func english(_ day: Day) -> String {
        let civil = day.civil
        return "\(civil.day) \(englishMonths[civil.month - 1]) \(civil.year)"
    }

    /// A date in the body: Arabic numerals in Chinese, "1 December 2026" in English.
    public static func body(_ day: Day, _ language: Language) -> String {
        language == .zh ? arabic(day) : english(day)
    }

    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                        "September", "October", "November", "December"]
}
