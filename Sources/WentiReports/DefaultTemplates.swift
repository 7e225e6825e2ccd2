/// The built-in templates. Headings come from `l` (the labels in the document's language),
/// so one template serves Chinese and English. Each begins with its content type, so that
/// every value is escaped for its format.
enum DefaultTemplates {
    static func source(_ document: TemplateLibrary.Document, _ format: ReportFormat) -> String {
        let pragma = "{{% CONTENT_TYPE: \(format.contentTypeName)}}\n"
        switch (document, format) {
        case (.agenda, .md), (.minutes, .md): return pragma + meetingMarkdown
        case (.agenda, .txt), (.minutes, .txt): return pragma + meetingText
        case (.agenda, .html), (.minutes, .html): return pragma + meetingHTML
        case (.notice, .md): return pragma + noticeMarkdown
        case (.notice, .txt): return pragma + noticeText
        case (.notice, .html): return pragma + noticeHTML
        case (.bulletin, .md): return pragma + bulletinMarkdown
        case (.bulletin, .txt): return pragma + bulletinText
        case (.bulletin, .html): return pragma + bulletinHTML
        }
    }

    // MARK: Agenda and minutes

    static let meetingMarkdown = """
        # {{title}}

        - {{l.meeting}}: {{meeting.id}}
        - {{l.unit}}: {{meeting.unit}}
        - {{l.month}}: {{meeting.month}}
        {{#meeting.heldOn}}
        - {{l.heldOn}}: {{meeting.heldOn}}
        {{/meeting.heldOn}}
        {{#meeting.place}}
        - {{l.place}}: {{meeting.place}}
        - {{l.chair}}: {{meeting.chair}}; {{l.recorder}}: {{meeting.recorder}}
        - {{l.attendees}}: {{meeting.attendees}}
        {{/meeting.place}}
        {{#meeting.notes}}
        - {{l.notes}}: {{meeting.notes}}
        {{/meeting.notes}}

        {{#sections}}
        ## {{title}} ({{count}})

        {{#items}}
        ### {{code}} {{title}}

        - {{l.parties}}: {{l.finder}} {{finder}}; {{l.involved}} {{involved}}; {{l.solvingUnit}} {{solvingUnit}}
        - {{l.stage}}: {{stage}}{{#grade}}; {{l.grade}}: {{grade}}{{/grade}}{{#due}}; {{l.due}}: {{due}}{{/due}}
        {{#deferredFrom}}
        - {{l.deferredFrom}}: {{deferredFrom}}
        {{/deferredFrom}}
        {{#decision}}
        - {{l.rootCause}}: {{rootCause}} ({{l.difficulty}} {{difficulty}}, {{l.breadth}} {{breadth}})
        - {{l.decidedGrade}}: {{grade}} ({{stance}})
        - {{l.plan}}: {{plan}}
        - {{l.firstResponsible}}: {{firstResponsible}} ({{responsibleUnit}})
        - {{l.deadline}}: {{deadline}}{{#deadlineReason}} ({{l.reason}}: {{deadlineReason}}){{/deadlineReason}}
        {{/decision}}
        {{#deferred}}
        - {{l.deferred}}
        {{/deferred}}
        {{#feedback}}
        - {{l.feedback}}: {{feedback}}
        {{/feedback}}

        {{/items}}
        {{/sections}}
        {{^sections}}
        {{l.noItems}}
        {{/sections}}

        """

    static let meetingText = """
        {{title}}
        {{l.meeting}}: {{meeting.id}}  {{l.unit}}: {{meeting.unit}}  {{l.month}}: {{meeting.month}}{{#meeting.heldOn}}  {{l.heldOn}}: {{meeting.heldOn}}{{/meeting.heldOn}}
        {{#meeting.place}}
        {{l.place}}: {{meeting.place}}  {{l.chair}}: {{meeting.chair}}  {{l.recorder}}: {{meeting.recorder}}
        {{l.attendees}}: {{meeting.attendees}}
        {{/meeting.place}}
        {{#meeting.notes}}
        {{l.notes}}: {{meeting.notes}}
        {{/meeting.notes}}
        {{#sections}}

        == {{title}} ({{count}}) ==
        {{#items}}
        * {{code}} {{title}}
          {{l.finder}}: {{finder}} / {{l.involved}}: {{involved}} / {{l.solvingUnit}}: {{solvingUnit}}
          {{l.stage}}: {{stage}}{{#grade}}  {{l.grade}}: {{grade}}{{/grade}}{{#due}}  {{l.due}}: {{due}}{{/due}}
        {{#deferredFrom}}
          {{l.deferredFrom}}: {{deferredFrom}}
        {{/deferredFrom}}
        {{#decision}}
          {{l.rootCause}}: {{rootCause}} ({{difficulty}}, {{breadth}})
          {{l.decidedGrade}}: {{grade}} ({{stance}})  {{l.deadline}}: {{deadline}}{{#deadlineReason}} ({{deadlineReason}}){{/deadlineReason}}
          {{l.plan}}: {{plan}}
          {{l.firstResponsible}}: {{firstResponsible}} ({{responsibleUnit}})
        {{/decision}}
        {{#deferred}}
          {{l.deferred}}
        {{/deferred}}
        {{#feedback}}
          {{l.feedback}}: {{feedback}}
        {{/feedback}}
        {{/items}}
        {{/sections}}
        {{^sections}}
        {{l.noItems}}
        {{/sections}}

        """

    static let meetingHTML = """
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><title>{{title}} {{meeting.id}}</title>
        <style>body{font-family:sans-serif;max-width:60em;margin:auto}td,th{border:1px solid #999;padding:.2em .5em;vertical-align:top}table{border-collapse:collapse}</style>
        </head><body>
        <h1>{{title}}</h1>
        <p>{{l.meeting}}: {{meeting.id}} · {{l.unit}}: {{meeting.unit}} · {{l.month}}: {{meeting.month}}{{#meeting.heldOn}} · {{l.heldOn}}: {{meeting.heldOn}}{{/meeting.heldOn}}</p>
        {{#meeting.place}}<p>{{l.place}}: {{meeting.place}} · {{l.chair}}: {{meeting.chair}} · {{l.recorder}}: {{meeting.recorder}}</p>
        <p>{{l.attendees}}: {{meeting.attendees}}</p>{{/meeting.place}}
        {{#meeting.notes}}<p>{{l.notes}}: {{meeting.notes}}</p>{{/meeting.notes}}
        {{#sections}}
        <h2>{{title}} ({{count}})</h2>
        <table><tr><th>{{l.concern}}</th><th>{{l.parties}}</th><th>{{l.decision}}</th></tr>
        {{#items}}
        <tr><td>{{code}}<br>{{title}}<br>{{stage}}{{#grade}} · {{grade}}{{/grade}}{{#due}} · {{l.due}} {{due}}{{/due}}{{#deferredFrom}}<br>{{l.deferredFrom}} {{deferredFrom}}{{/deferredFrom}}</td>
        <td>{{l.finder}}: {{finder}}<br>{{l.involved}}: {{involved}}<br>{{l.solvingUnit}}: {{solvingUnit}}</td>
        <td>{{#decision}}{{l.rootCause}}: {{rootCause}} ({{difficulty}}, {{breadth}})<br>{{l.decidedGrade}}: {{grade}} ({{stance}})<br>{{l.plan}}: {{plan}}<br>{{l.firstResponsible}}: {{firstResponsible}} ({{responsibleUnit}})<br>{{l.deadline}}: {{deadline}}{{#deadlineReason}} ({{deadlineReason}}){{/deadlineReason}}{{/decision}}{{#deferred}}{{l.deferred}}{{/deferred}}{{#feedback}}{{l.feedback}}: {{feedback}}{{/feedback}}</td></tr>
        {{/items}}
        </table>
        {{/sections}}
        {{^sections}}<p>{{l.noItems}}</p>{{/sections}}
        </body></html>

        """

    // MARK: Supervision notice

    static let noticeMarkdown = """
        # {{l.noticeTitle}} {{id}}

        - {{l.concern}}: {{concern.code}} {{concern.title}}
        - {{l.grade}}: {{concern.grade}}; {{l.plan}}: {{concern.plan}}
        - {{l.issuedOn}}: {{issuedOn}}; {{l.issuedBy}}: {{issuedBy}}
        - {{l.to}}: {{toUnit}}, {{l.firstResponsible}} {{toPerson}}
        - {{l.state}}: {{state}}{{#overdueDays}}; {{l.overdueBy}} {{overdueDays}} {{l.days}}{{/overdueDays}}

        ## {{l.nodes}}

        {{#nodes}}
        - {{due}} {{title}}{{#passed}} ({{l.passed}}){{/passed}}
        {{/nodes}}
        {{#hasChasers}}

        ## {{l.chasers}}

        {{#chasers}}
        - {{on}} {{by}}: {{text}} — {{#answeredOn}}{{l.answered}} {{answeredOn}}{{/answeredOn}}{{^answeredOn}}{{l.unanswered}}{{/answeredOn}}
        {{/chasers}}
        {{/hasChasers}}

        """

    static let noticeText = """
        {{l.noticeTitle}} {{id}}
        {{l.concern}}: {{concern.code}} {{concern.title}}
        {{l.grade}}: {{concern.grade}}  {{l.plan}}: {{concern.plan}}
        {{l.issuedOn}}: {{issuedOn}}  {{l.issuedBy}}: {{issuedBy}}
        {{l.to}}: {{toUnit}}  {{l.firstResponsible}}: {{toPerson}}
        {{l.state}}: {{state}}{{#overdueDays}}  {{l.overdueBy}} {{overdueDays}} {{l.days}}{{/overdueDays}}
        {{l.nodes}}:
        {{#nodes}}
          {{due}} {{title}}{{#passed}} ({{l.passed}}){{/passed}}
        {{/nodes}}
        {{#hasChasers}}
        {{l.chasers}}:
        {{#chasers}}
          {{on}} {{by}}: {{text}} / {{#answeredOn}}{{l.answered}} {{answeredOn}}{{/answeredOn}}{{^answeredOn}}{{l.unanswered}}{{/answeredOn}}
        {{/chasers}}
        {{/hasChasers}}

        """

    static let noticeHTML = """
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><title>{{l.noticeTitle}} {{id}}</title>
        <style>body{font-family:sans-serif;max-width:50em;margin:auto}</style></head><body>
        <h1>{{l.noticeTitle}} {{id}}</h1>
        <p>{{l.concern}}: {{concern.code}} {{concern.title}}<br>{{l.grade}}: {{concern.grade}} · {{l.plan}}: {{concern.plan}}<br>
        {{l.issuedOn}}: {{issuedOn}} · {{l.issuedBy}}: {{issuedBy}}<br>{{l.to}}: {{toUnit}} · {{l.firstResponsible}}: {{toPerson}}<br>
        {{l.state}}: {{state}}{{#overdueDays}} · {{l.overdueBy}} {{overdueDays}} {{l.days}}{{/overdueDays}}</p>
        <h2>{{l.nodes}}</h2><ul>{{#nodes}}<li>{{due}} {{title}}{{#passed}} ({{l.passed}}){{/passed}}</li>{{/nodes}}</ul>
        {{#hasChasers}}<h2>{{l.chasers}}</h2><ul>{{#chasers}}<li>{{on}} {{by}}: {{text}} — {{#answeredOn}}{{l.answered}} {{answeredOn}}{{/answeredOn}}{{^answeredOn}}{{l.unanswered}}{{/answeredOn}}</li>{{/chasers}}</ul>{{/hasChasers}}
        </body></html>

        """

    // MARK: Supervision bulletin

    static let bulletinMarkdown = """
        # {{l.bulletinTitle}} {{period}}

        {{l.asOf}} {{asOf}}

        ## {{l.overview}}

        | {{l.found}} | {{l.accepted}} | {{l.solved}} | {{l.overdue}} | {{l.referred}} | {{l.onTime}} | {{l.feedbackCount}} | {{l.satisfaction}} | {{l.everyItem}} |
        |---|---|---|---|---|---|---|---|---|
        {{#overall}}
        | {{found}} | {{accepted}} | {{solved}} | {{overdue}} | {{referred}} | {{onTime}} | {{feedback}} | {{satisfaction}} | {{everyItem}} |
        {{/overall}}
        {{#breakdowns}}

        ## {{title}}

        | {{heading}} | {{l.found}} | {{l.solved}} | {{l.overdue}} | {{l.referred}} | {{l.onTime}} | {{l.satisfaction}} |
        |---|---|---|---|---|---|---|
        {{#rows}}
        | {{label}} | {{found}} | {{solved}} | {{overdue}} | {{referred}} | {{onTime}} | {{satisfaction}} |
        {{/rows}}
        {{/breakdowns}}

        ## {{l.byStage}}

        {{#byStage}}
        - {{stage}}: {{count}}
        {{/byStage}}

        ## {{l.supervision}}

        {{#notices}}
        - {{l.noticesIssued}}: {{issued}}; {{l.noticesCompleted}}: {{completed}}; {{l.noticesOverdue}}: {{overdue}}
        - {{l.chasers}}: {{chasers}}; {{l.answered}}: {{chasersAnswered}}
        {{/notices}}

        ## {{l.notable}}

        {{#notable}}
        - {{code}} {{title}} ({{unit}}{{#grade}}, {{grade}}{{/grade}}): {{why}}
        {{/notable}}
        {{^notable}}
        {{l.none}}
        {{/notable}}

        """

    static let bulletinText = """
        {{l.bulletinTitle}} {{period}}  ({{l.asOf}} {{asOf}})

        {{#overall}}
        {{l.found}} {{found}}  {{l.accepted}} {{accepted}}  {{l.solved}} {{solved}}  {{l.overdue}} {{overdue}}  {{l.referred}} {{referred}}
        {{l.onTime}} {{onTime}}  {{l.feedbackCount}} {{feedback}}  {{l.satisfaction}} {{satisfaction}}  {{l.everyItem}} {{everyItem}}
        {{/overall}}
        {{#breakdowns}}

        {{title}}
        {{#rows}}
          {{label}}: {{l.found}} {{found}}, {{l.solved}} {{solved}}, {{l.overdue}} {{overdue}}, {{l.referred}} {{referred}}, {{l.onTime}} {{onTime}}, {{l.satisfaction}} {{satisfaction}}
        {{/rows}}
        {{/breakdowns}}

        {{l.byStage}}: {{#byStage}}{{stage}} {{count}}  {{/byStage}}
        {{#notices}}
        {{l.supervision}}: {{l.noticesIssued}} {{issued}}, {{l.noticesCompleted}} {{completed}}, {{l.noticesOverdue}} {{overdue}}, {{l.chasers}} {{chasers}} ({{l.answered}} {{chasersAnswered}})
        {{/notices}}

        {{l.notable}}:
        {{#notable}}
          {{code}} {{title}} ({{unit}}{{#grade}}, {{grade}}{{/grade}}): {{why}}
        {{/notable}}
        {{^notable}}
          {{l.none}}
        {{/notable}}

        """

    static let bulletinHTML = """
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><title>{{l.bulletinTitle}} {{period}}</title>
        <style>body{font-family:sans-serif;max-width:60em;margin:auto}td,th{border:1px solid #999;padding:.2em .5em;text-align:right}td:first-child{text-align:left}table{border-collapse:collapse}</style>
        </head><body>
        <h1>{{l.bulletinTitle}} {{period}}</h1><p>{{l.asOf}} {{asOf}}</p>
        <h2>{{l.overview}}</h2>
        <table><tr><th>{{l.found}}</th><th>{{l.accepted}}</th><th>{{l.solved}}</th><th>{{l.overdue}}</th><th>{{l.referred}}</th><th>{{l.onTime}}</th><th>{{l.feedbackCount}}</th><th>{{l.satisfaction}}</th><th>{{l.everyItem}}</th></tr>
        {{#overall}}<tr><td>{{found}}</td><td>{{accepted}}</td><td>{{solved}}</td><td>{{overdue}}</td><td>{{referred}}</td><td>{{onTime}}</td><td>{{feedback}}</td><td>{{satisfaction}}</td><td>{{everyItem}}</td></tr>{{/overall}}
        </table>
        {{#breakdowns}}
        <h2>{{title}}</h2>
        <table><tr><th>{{heading}}</th><th>{{l.found}}</th><th>{{l.solved}}</th><th>{{l.overdue}}</th><th>{{l.referred}}</th><th>{{l.onTime}}</th><th>{{l.satisfaction}}</th></tr>
        {{#rows}}<tr><td>{{label}}</td><td>{{found}}</td><td>{{solved}}</td><td>{{overdue}}</td><td>{{referred}}</td><td>{{onTime}}</td><td>{{satisfaction}}</td></tr>
        {{/rows}}</table>
        {{/breakdowns}}
        <h2>{{l.byStage}}</h2><ul>{{#byStage}}<li>{{stage}}: {{count}}</li>{{/byStage}}</ul>
        <h2>{{l.supervision}}</h2>
        {{#notices}}<p>{{l.noticesIssued}}: {{issued}} · {{l.noticesCompleted}}: {{completed}} · {{l.noticesOverdue}}: {{overdue}} · {{l.chasers}}: {{chasers}} ({{l.answered}} {{chasersAnswered}})</p>{{/notices}}
        <h2>{{l.notable}}</h2>
        <ul>{{#notable}}<li>{{code}} {{title}} ({{unit}}{{#grade}}, {{grade}}{{/grade}}): {{why}}</li>{{/notable}}</ul>
        {{^notable}}<p>{{l.none}}</p>{{/notable}}
        </body></html>

        """
}
