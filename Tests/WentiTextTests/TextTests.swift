import Foundation
import Testing
@testable import WentiText
#if canImport(Glibc)
import Glibc
#endif

// glibc's wcwidth is not visible through `import Glibc`; declared here for the cross-check.
@_silgen_name("wcwidth") private func glibcWcwidth(_ character: Int32) -> Int32

@Suite("Display width, sanitising, cutting and wrapping")
struct TextTests {
    @Test func theTableAgreesWithGlibcOnEveryScalar() throws {
        try #require(setlocale(LC_CTYPE, "C.UTF-8") != nil)
        var mismatches: [UInt32] = []
        for value in UInt32(0x20)...0x10FFFF where !(0xD800...0xDFFF).contains(value) && value != 0x7F && !(0x80...0x9F).contains(value) {
            let expected = Int(glibcWcwidth(Int32(value)))
            let measured = DisplayWidth.of(Unicode.Scalar(value)!)
            if measured != (expected == -1 ? 1 : expected) { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5).map { String($0, radix: 16) })")
    }

    @Test(arguments: [
        ("abc", 3), ("中文", 4), ("，。、「」", 10), ("ａ", 2), ("한글", 4), ("カナ", 4), ("ｶ", 1),
        ("… — · ① “”", 10), ("😀", 2), ("cafe\u{301}", 4), ("Q-2026-0042 班组负担", 20), ("", 0),
    ])
    func widths(text: String, columns: Int) {
        #expect(DisplayWidth.of(TextSanitizer.clean(text)) == columns)
    }

    @Test(arguments: [
        ("\u{1B}[2J清屏", "␛[2J清屏"),                     // ESC cannot clear the screen
        ("\u{1B}]0;pwned\u{07}标题", "␛]0;pwned␇标题"),     // nor retitle the terminal
        ("a\u{9B}31mb", "a\u{FFFD}31mb"),                   // C1 CSI
        ("删\u{7F}除", "删␡除"),
        ("x\u{202E}evil\u{202C}y", "x\u{FFFD}evil\u{FFFD}y"), // bidi override
        ("a\u{2066}b\u{2069}", "a\u{FFFD}b\u{FFFD}"),        // bidi isolates
        ("第一行\n第二行", "第一行⏎第二行"),
        ("列\t表", "列 表"),
        ("\u{0}", "␀"),
        ("👨‍👩‍👧 家庭", "👨 家庭"),                          // ZWJ family reduced to its first person
        ("❤️", "❤"),                                        // VS16 dropped
        ("👍🏽", "👍"),                                       // skin tone dropped
        ("🇨🇳", "🇨"),                                       // a flag keeps its first letter, one cell
        ("e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}", "e\u{301}\u{302}\u{303}\u{304}"), // at most four marks
        ("plain ASCII", "plain ASCII"),
    ])
    func sanitising(input: String, expected: String) {
        #expect(TextSanitizer.clean(input) == expected)
        #expect(!TextSanitizer.clean(input).unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func multiLineKeepsLineBreaks() {
        #expect(TextSanitizer.clean("甲\n乙\t丙\r\n丁", mode: .multiLine) == "甲\n乙    丙\n丁")
    }

    @Test(arguments: [
        ("登录页面崩溃", 7, "登录页…"), ("登录页面崩溃", 6, "登录…"), ("ab中文", 4, "ab…"),
        ("ab中文", 6, "ab中文"), ("中文", 1, "…"), ("中文", 0, ""), ("abcdef", 3, "ab…"),
    ])
    func truncation(text: String, columns: Int, expected: String) {
        #expect(TerminalText.truncate(text, to: columns) == expected)
        #expect(DisplayWidth.of(TerminalText.truncate(text, to: columns)) <= columns)
    }

    @Test func fitGivesExactlyTheColumnsAskedFor() {
        for text in ["", "a", "中", "a中b文字", "班组报表太多，新来的大学生", "…—", "👍🏽ok"] {
            for columns in 0...16 {
                let cleaned = TextSanitizer.clean(text)
                #expect(DisplayWidth.of(TerminalText.fit(cleaned, to: columns)) == columns, "\(text) at \(columns)")
                #expect(DisplayWidth.of(TerminalText.fitRight(cleaned, to: columns)) == columns, "\(text) at \(columns)")
            }
        }
    }

    @Test(arguments: [
        ("班组报表太多新来的大学生", 8, ["班组报表", "太多新来", "的大学生"]),
        ("班组报表，太多", 8, ["班组报", "表，太多"]),                   // no line starts with ，
        ("已并入问题Q-2026-0004）。", 16, ["已并入问题", "Q-2026-0004）。"]),   // nor with ）after a Latin word
        ("hello wide world", 10, ["hello wide", "world"]),
        ("supercalifragilistic", 8, ["supercal", "ifragili", "stic"]),
        ("问题 management 方法", 12, ["问题", "management", "方法"]),
        ("一\n\n二", 4, ["一", "", "二"]),
        ("中文", 1, ["中", "文"]),                                     // a wide character alone on a line too narrow
    ])
    func wrapping(text: String, width: Int, expected: [String]) {
        let lines = TerminalText.wrap(text, width: width)
        #expect(lines == expected)
        for line in lines where DisplayWidth.of(line) > width {
            #expect(line.count == 1, "only a single wide character may exceed the width")
        }
    }
}

/// Issue 18: what a cell draws of a long text is what it would draw of the whole text, while
/// only the beginning is cleaned and measured.
@Suite struct LongTextCapTests {
    static let samples = [
        String(repeating: "值班人员反映夜间没有热饭", count: 900),
        String(repeating: "ab\u{1B}]0;x\u{07}", count: 3000),
        String(repeating: "e\u{301}中", count: 5000),
        "短",
    ]

    @Test func aCappedCleanFitsExactlyAsTheWholeText() {
        for text in Self.samples {
            for columns in [1, 2, 7, 40, 119] {
                let whole = TerminalText.fit(TextSanitizer.clean(text), to: columns)
                #expect(TerminalText.fit(TextSanitizer.clean(text, fillingAtMost: columns), to: columns) == whole, "\(columns)")
                #expect(DisplayWidth.of(whole) == columns)
            }
        }
    }

    @Test func truncateStopsAtTheFirstCharacterPastTheLimit() {
        let long = String(repeating: "长", count: 500_000)
        #expect(TerminalText.truncate(long, to: 9) == "长长长长…")
        #expect(TerminalText.truncate("长长长长长", to: 10) == "长长长长长", "exactly full needs no ellipsis")
        #expect(TerminalText.truncate("长长长长长a", to: 10) == "长长长长…")
    }
}
