import Foundation
import Testing
import WentiCore
@testable import WentiOffice

/// Dates, punctuation, settings and numbers: the small rules documents are made with.
@Suite struct OfficeTextAndSettingsTests {
    @Test func datesInChineseNumerals() {
        #expect(OfficeDates.chineseNumerals(Day(year: 2026, month: 12, day: 1)!) == "二〇二六年十二月一日")
        #expect(OfficeDates.chineseNumerals(Day(year: 2030, month: 10, day: 20)!) == "二〇三〇年十月二十日")
        #expect(OfficeDates.chineseNumerals(Day(year: 2027, month: 1, day: 31)!) == "二〇二七年一月三十一日")
        #expect(OfficeDates.chineseNumerals(Day(year: 2026, month: 11, day: 11)!) == "二〇二六年十一月十一日")
        #expect(OfficeDates.arabic(Day(year: 2026, month: 3, day: 5)!) == "2026年3月5日", "no leading zeros (GB/T 9704 7.3.5)")
        let autumn = Period(months: YearMonth(year: 2026, month: 9)!, YearMonth(year: 2026, month: 11)!)
        #expect(OfficeDates.period(autumn, .zh) == "2026年9月至11月")
        #expect(OfficeDates.period(autumn, .en) == "September 2026 to November 2026")
    }

    @Test func halfWidthMarksBesideChineseBecomeFullWidth() {
        #expect(OfficePunctuation.chinese("原因:人手不足(急),请核实;好吗?") == "原因：人手不足（急），请核实；好吗？")
        #expect(OfficePunctuation.chinese("见 DB-2026-001, 89.5% (A4)") == "见 DB-2026-001, 89.5% (A4)")
        #expect(OfficePunctuation.chinese("编号(DB-2026-001)") == "编号（DB-2026-001）", "the closing bracket follows its opening one")
        #expect(OfficePunctuation.chinese("时间: 2026-11-20") == "时间：2026-11-20")
    }

    @Test func theStarterFileReadsBackAsTheSettingsItWasMadeFrom() throws {
        let derived = OfficeSettings.derived(from: OfficeFixtures.organisation)
        #expect(derived.numberPrefix == "江城供电党建" && derived.printingUnit == "江城供电公司党建工作部")
        let text = OfficeSettingsFile.starterText(derived)
        var roundTrip = try OfficeSettingsFile.parse(text, file: "o.toml", defaults: derived)
        #expect(DocumentKind.allCases.allSatisfy { roundTrip.numberLetter($0) == derived.numberLetter($0) })
        // The file spells every letter out; the derived settings leave them to the defaults.
        roundTrip.numberLetters = derived.numberLetters
        #expect(roundTrip == derived)
        var edited = text.replacingOccurrences(of: "date-numerals = \"chinese\"", with: "date-numerals = \"arabic\"")
        edited = edited.replacingOccurrences(of: "notice = \"督\"", with: "notice = \"督办\"")
        let parsed = try OfficeSettingsFile.parse(edited, file: "o.toml", defaults: derived)
        #expect(!parsed.chineseNumeralDates && parsed.numberLetter(.notice) == "督办")
    }

    @Test func badSettingsNameTheFileAndTheKey() {
        let derived = OfficeSettings.derived(from: OfficeFixtures.organisation)
        func problem(_ text: String) -> String {
            do {
                _ = try OfficeSettingsFile.parse(text, file: "/w/d.office.toml", defaults: derived)
                return "accepted"
            } catch {
                return error.label.en
            }
        }
        #expect(problem("issuing-bodie = \"x\"").hasPrefix("settings file /w/d.office.toml: key issuing-bodie: is not a setting"))
        #expect(problem("mark = 3") == "settings file /w/d.office.toml: key mark: must be a string (in quotes)")
        #expect(problem("mark = \"  \"") == "settings file /w/d.office.toml: key mark: must not be empty")
        #expect(problem("cc = [\"a\", 2]") == "settings file /w/d.office.toml: key cc[1]: must be a non-empty string")
        #expect(problem("date-numerals = \"roman\"").contains("key date-numerals: must be \"chinese\" or \"arabic\""))
        #expect(problem("[meeting]\nroom = \"x\"").contains("key meeting.room: is not a setting"))
        #expect(problem("mark = \"x").hasPrefix("settings file /w/d.office.toml: line 1"))
        #expect(problem("cc = []") == "accepted", "no CC at all is a choice")
    }

    @Test func numbersAreKeptPerKindAndYearAndSurviveARestart() throws {
        let path = OfficeFixtures.temporaryPath("d.office-numbers.tsv")
        var numbers = try DocumentNumbers(path: path)
        #expect(numbers.number(.notice, year: 2026, subject: "DB-2026-001") == (1, true))
        #expect(numbers.number(.notice, year: 2026, subject: "DB-2026-002").number == 2)
        #expect(numbers.number(.notice, year: 2026, subject: "DB-2026-001") == (1, false))
        #expect(numbers.number(.minutes, year: 2026, subject: "HY-2026-11").number == 1, "each kind its own run")
        #expect(numbers.number(.notice, year: 2027, subject: "DB-2027-001").number == 1, "each year from 1")
        try numbers.save()
        var reread = try DocumentNumbers(path: path)
        #expect(reread.number(.notice, year: 2026, subject: "DB-2026-003").number == 3)
        try "notice\t2026\tDB-1\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: OfficeSettingsError.self) { try DocumentNumbers(path: path) }
        #expect(DocumentNumbers.path(settingsPath: "/w/d.office.toml") == "/w/d.office-numbers.tsv")
        #expect(OfficeSettingsFile.path(databasePath: "/w/wenti.sqlite", environment: [:]) == "/w/wenti.office.toml")
        #expect(OfficeSettingsFile.path(databasePath: "/w/wenti.sqlite", environment: ["WENTI_OFFICE": "/etc/o.toml"]) == "/etc/o.toml")
    }

    @Test func thePrintableHTMLHasTheSameLayoutAndTheCharts() {
        var desk = OfficeFixtures.desk()
        let html = PrintHTML.render(OfficeFixtures.bulletin(&desk))
        #expect(html.contains("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"))
        #expect(html.contains("\"仿宋_GB2312\", \"FangSong\""))
        #expect(html.contains(#"<p class="mark">督办简报</p>"#) && html.contains("2026年第1期"))
        // By category: two series; by unit: one.
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(html.components(separatedBy: "<polyline").count - 1 == 3)
        #expect(html.contains("班组负担 (6)") && html.contains("职业前景 (3)"))
        #expect(html.contains("二〇二六年十一月三十日") && html.contains("报送：公司领导。"))
    }
}
