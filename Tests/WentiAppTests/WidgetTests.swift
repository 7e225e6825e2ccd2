import Testing
@testable import WentiApp
@testable import WentiCore
@testable import WentiTerminal
@testable import WentiText

@Suite("Widgets")
struct WidgetTests {
    @Test func aTextAreaWrapsChineseAndKeepsTheColumnGoingUpAndDown() {
        var area = TextArea()
        area.insert("班组报表太多新来的大学生")   // 12 wide characters: 3 rows of 8 columns
        #expect(area.rows(width: 8).count == 3)
        #expect(area.caretPosition(width: 8) == (2, 8))
        _ = area.handle(.up, width: 8)
        #expect(area.caretPosition(width: 8).row == 1 && area.caret == 7, "the last place on the row above")
        _ = area.handle(.home, width: 8)
        #expect(area.caret == 4)
        _ = area.handle(.enter, width: 8)
        #expect(area.text == "班组报表\n太多新来的大学生")
        _ = area.handle(.backspace, width: 8)
        _ = area.handle(.backspace, width: 8)
        #expect(area.text == "班组报太多新来的大学生", "Backspace removes one whole character")
        var grid = Grid(width: 10, height: 2)
        area.draw(into: &grid, x: 0, y: 0, width: 8, height: 2)
        #expect(grid.cursor != nil && grid.cursor!.y < 2, "the caret row is scrolled into view")
        #expect(grid.lines.allSatisfy { DisplayWidth.of($0) == 10 })
    }

    @Test func aFormNamesEveryWrongFieldAndGivesValuesOnlyWhenRight() {
        var form = Form(fields: [
            .init(id: "title", label: LocalizedText(zh: "标题", en: "Title"), input: .line(TextField()), required: true),
            .init(id: "description", label: LocalizedText(zh: "描述", en: "Description"), input: .lines(TextArea(), height: 3)),
            .init(id: "grade", label: LocalizedText(zh: "等级", en: "Grade"),
                  input: .choice(Grade.allCases.map(\.label), selected: 2)),
        ])
        #expect(form.submit() == nil)
        #expect(form.fields[0].message == LocalizedText(zh: "必填", en: "required") && form.focus == 0)
        var grid = Grid(width: 60, height: 6)
        form.draw(into: &grid, x: 0, y: 0, width: 60, language: .zh)
        #expect(grid.lines[0].contains("✗ 必填"))
        for key in KeyScript.parse("食 堂 Tab 晚 上 不 开 Enter 值 班 Tab Right") { _ = form.handle(key, width: 40) }
        #expect(form.fields[0].message == nil, "typing clears the message")
        let tooShort: (Form.Field) -> LocalizedText? = { $0.id == "title" && $0.value.count < 3 ? LocalizedText(zh: "至少 3 个字", en: "at least 3 characters") : nil }
        #expect(form.submit(tooShort) == nil)
        #expect(form.fields[0].message?.en == "at least 3 characters")
        form.focus = 0
        for key in KeyScript.parse("没 饭") { _ = form.handle(key, width: 40) }
        let values = form.submit(tooShort)
        #expect(values == ["title": "食堂没饭", "description": "晚上不开\n值班", "grade": "3"])
        form.draw(into: &grid, x: 0, y: 0, width: 60, language: .en)
        #expect(grid.lines[4].contains("◀ budding ▶  4/4"))
    }
}
