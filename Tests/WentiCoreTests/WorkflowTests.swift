import Foundation
import Testing
@testable import WentiCore

@Suite("Workflow: the legal path and every refused move")
struct WorkflowTests {
    @Test func openingChecksTheIntake() throws {
        let concern = try Fixtures.found()
        #expect(concern.stage == .found)
        #expect(concern.tier == .l1)
        #expect(concern.version == 1)

        var blank = Fixtures.newConcern()
        blank.title = "　 "
        #expect(throws: WorkflowError.titleRequired) { try Workflow.open(blank, code: ConcernCode(year: 2026, sequence: 2), context: Fixtures.context()) }
        var unknown = Fixtures.newConcern()
        unknown.categoryID = "nope"
        #expect(throws: WorkflowError.unknownCategory("nope")) { try Workflow.open(unknown, code: ConcernCode(year: 2026, sequence: 2), context: Fixtures.context()) }
        var campaign = Fixtures.newConcern()
        campaign.channel = .rewardedCampaign
        #expect(throws: WorkflowError.sourceRequired(.rewardedCampaign)) { try Workflow.open(campaign, code: ConcernCode(year: 2026, sequence: 2), context: Fixtures.context()) }
        campaign.source = ConcernSource(kind: .leaderVisit, id: "v1")
        #expect(throws: WorkflowError.sourceMismatch(.rewardedCampaign)) { try Workflow.open(campaign, code: ConcernCode(year: 2026, sequence: 2), context: Fixtures.context()) }
        campaign.source = ConcernSource(kind: .campaign, id: "zj-9")
        #expect(throws: WorkflowError.unknownSource("zj-9")) { try Workflow.open(campaign, code: ConcernCode(year: 2026, sequence: 2), context: Fixtures.context()) }
        campaign.source = ConcernSource(kind: .campaign, id: "zj-1")
        #expect(try Workflow.open(campaign, code: ConcernCode(year: 2026, sequence: 2), context: Fixtures.context()).source?.id == "zj-1")
    }

    @Test func theWholeLoopFromFoundToClosed() throws {
        var c = try Fixtures.apply(Fixtures.toSolving, to: Fixtures.found())
        #expect(c.stage == .solving)
        #expect(c.deadline == Fixtures.today.adding(days: 60))
        c = try Fixtures.apply([.solve(summary: "报表由17张减为9张")], to: c)
        #expect(c.stage == .awaitingFeedback)
        #expect(c.solvedOn == Fixtures.today)
        c = try Fixtures.apply([.recordFeedback(Fixtures.feedback(.satisfied)), .close(noFeedbackReason: nil)], to: c)
        #expect(c.stage == .closed)
        #expect(c.closure == .withFeedback)
    }

    @Test func solvingNeedsGradePlanAndFirstResponsible() throws {
        let analysed = try Fixtures.apply([.analyse(Fixtures.analysis)], to: Fixtures.found())
        #expect(throws: WorkflowError.missingForSolving([.grade])) { try Fixtures.apply([.define(meetingID: nil)], to: analysed) }
        let defined = try Fixtures.apply([.grade(.major), .define(meetingID: nil)], to: analysed)
        #expect(defined.stage == .defined)
        #expect(throws: WorkflowError.missingForSolving([.plan, .firstResponsible])) { try Fixtures.apply([.startSolving], to: defined) }
        let planned = try Fixtures.apply([.plan("方案")], to: defined)
        #expect(throws: WorkflowError.missingForSolving([.firstResponsible])) { try Fixtures.apply([.startSolving], to: planned) }
    }

    @Test func definingNeedsARootCause() throws {
        let graded = try Fixtures.apply([.analyse(Analysis(rootCause: "x")), .grade(.general)], to: Fixtures.found())
        #expect(throws: WorkflowError.rootCauseRequired) { try Fixtures.apply([.analyse(Analysis(rootCause: " "))], to: graded) }
        #expect(throws: WorkflowError.illegalInStage(.define, .found)) { try Fixtures.apply([.define(meetingID: nil)], to: Fixtures.found()) }
    }

    @Test func buddingConcernsAreWatchedNotSolved() throws {
        let watched = try Fixtures.apply([.analyse(Fixtures.analysis), .grade(.budding), .plan("观察"),
                                          .assign(firstResponsible: "tl1", department: "t1"), .define(meetingID: nil)], to: Fixtures.found())
        #expect(watched.stage == .watch)
        #expect(watched.deadline == nil)
        #expect(watched.nextReview == Fixtures.today.adding(days: 30))
        #expect(throws: WorkflowError.buddingNeedsRegrade) { try Fixtures.apply([.startSolving], to: watched) }
        let regraded = try Fixtures.apply([.grade(.general), .startSolving], to: watched)
        #expect(regraded.stage == .solving)
        let defined = try Fixtures.apply([.analyse(Fixtures.analysis), .grade(.general), .define(meetingID: nil)], to: Fixtures.found())
        #expect(throws: WorkflowError.watchNeedsBudding) { try Fixtures.apply([.watch], to: defined) }
    }

    @Test func closingNeedsFeedbackOrAReason() throws {
        let solved = try Fixtures.apply(Fixtures.toSolving + [.solve(summary: "done")], to: Fixtures.found())
        #expect(throws: WorkflowError.closeNeedsFeedbackOrReason) { try Fixtures.apply([.close(noFeedbackReason: nil)], to: solved) }
        #expect(throws: WorkflowError.closeNeedsFeedbackOrReason) { try Fixtures.apply([.close(noFeedbackReason: "  ")], to: solved) }
        let closed = try Fixtures.apply([.close(noFeedbackReason: "反映人已调离")], to: solved)
        #expect(closed.closure == .withoutFeedback(reason: "反映人已调离"))
        #expect(throws: WorkflowError.illegalInStage(.close, .solving)) {
            try Fixtures.apply(Fixtures.toSolving + [.close(noFeedbackReason: "x")], to: Fixtures.found())
        }
    }

    @Test func reopeningFollowsOnlyAnUnsatisfiedFeedback() throws {
        let solved = try Fixtures.apply(Fixtures.toSolving + [.solve(summary: "done")], to: Fixtures.found())
        let happy = try Fixtures.apply([.recordFeedback(Fixtures.feedback(.satisfied))], to: solved)
        #expect(throws: WorkflowError.reopenNeedsUnsatisfiedFeedback) { try Fixtures.apply([.reopen(reason: "再看看")], to: happy) }
        let unhappy = try Fixtures.apply([.recordFeedback(Fixtures.feedback(.dissatisfied, effect: .partly)), .close(noFeedbackReason: nil)], to: solved)
        let reopened = try Fixtures.apply([.reopen(reason: "不满意")], to: unhappy)
        #expect(reopened.stage == .solving)
        #expect(reopened.closure == nil && reopened.solvedOn == nil)
        #expect(throws: WorkflowError.reasonRequired(.reopen)) { try Fixtures.apply([.reopen(reason: "")], to: unhappy) }
    }

    @Test func escalationGoesExactlyOneTierUpWithAReason() throws {
        let found = try Fixtures.found()
        #expect(throws: WorkflowError.reasonRequired(.escalate)) { try Fixtures.apply([.escalate(reason: "")], to: found) }
        let l2 = try Fixtures.apply([.escalate(reason: "班组解决不了")], to: found)
        #expect(l2.unitID == "d1" && l2.tier == .l2)
        #expect(l2.escalations.map(\.fromUnitID) == ["t1"])
        let l3 = try Fixtures.apply([.escalate(reason: "涉及全公司")], to: l2)
        #expect(l3.unitID == "co" && l3.tier == .l3)
        #expect(throws: WorkflowError.alreadyTopTier) { try Fixtures.apply([.escalate(reason: "再上报")], to: l3) }
        // A solving concern goes back to analysis in the receiving library.
        let solving = try Fixtures.apply(Fixtures.toSolving, to: found)
        #expect(try Fixtures.apply([.escalate(reason: "资源不够")], to: solving).stage == .analysing)
    }

    /// Issue 14: after an escalation the team leader stayed first responsible and the stage
    /// went back to analysing without a word.
    @Test func anEscalationHandsOverToTheReceivingTier() throws {
        let solving = try Fixtures.apply(Fixtures.toSolving + [.pledge(by: "dh1")], to: try Fixtures.found())
        #expect(solving.firstResponsibleID == "dh1" && solving.pledge != nil)
        let escalated = try Fixtures.apply([.escalate(reason: "资源不够")], to: solving, actor: "pw")
        #expect(escalated.unitID == "d1" && escalated.stage == .analysing)
        #expect(escalated.firstResponsibleID == nil, "the receiving tier names its own first responsible person")
        #expect(escalated.pledge == nil)
        let note = try #require(escalated.notes.last)
        #expect(note.authorID == "pw")
        #expect(note.text == "上报交接：由 变电运维班（L1）上报至 运检部（L2）；原第一责任人 郑伟 不再负责，责任状随之失效；阶段由「解决中」退回「分析中」；由 运检部 重新界定并指定第一责任人。")
        #expect(EscalationHandOver.pending(escalated, organisation: Fixtures.organisation)?.zh == "已于 \(escalated.escalations[0].on) 上报，待 运检部 重新界定并指定第一责任人")
        // The receiving tier assigns its own person: nothing is pending any more.
        let assigned = try Fixtures.apply([.assign(firstResponsible: "dh1", department: "d1")], to: escalated, actor: "pw")
        #expect(EscalationHandOver.pending(assigned, organisation: Fixtures.organisation) == nil)
        // A concern escalated before anyone owned it hands nothing over: no note, but the
        // receiving tier still owes its first responsible person.
        let early = try Fixtures.apply([.escalate(reason: "班组解决不了")], to: try Fixtures.found())
        #expect(early.notes.isEmpty)
        #expect(EscalationHandOver.pending(early, organisation: Fixtures.organisation) != nil)
        // A defined concern without a pledge: the person and the stage are named, no pledge.
        let defined = try Fixtures.apply(Array(Fixtures.toSolving.dropLast()), to: try Fixtures.found())
        #expect(try Fixtures.apply([.escalate(reason: "需要部门协调")], to: defined).notes.last?.text
                == "上报交接：由 变电运维班（L1）上报至 运检部（L2）；原第一责任人 郑伟 不再负责；阶段由「已界定」退回「分析中」；由 运检部 重新界定并指定第一责任人。")
    }

    @Test func referralNeedsADepartmentAndAnExplanation() throws {
        let found = try Fixtures.found()
        #expect(throws: WorkflowError.referralTargetNotDepartment("t2")) { try Fixtures.apply([.refer(to: "t2", explanation: "x")], to: found) }
        #expect(throws: WorkflowError.unknownUnit("zz")) { try Fixtures.apply([.refer(to: "zz", explanation: "x")], to: found) }
        #expect(throws: WorkflowError.reasonRequired(.refer)) { try Fixtures.apply([.refer(to: "d2", explanation: "")], to: found) }
        let referred = try Fixtures.apply([.refer(to: "d2", explanation: "用工政策由人资部定，已向本人说明")], to: found)
        #expect(referred.stage == .referred && referred.pausedSince == Fixtures.today)
        let resumed = try Fixtures.apply([.resume(reason: "政策已明确")], to: referred, today: Fixtures.today.adding(days: 12))
        #expect(resumed.stage == .analysing && resumed.pausedDays == 12 && resumed.pausedSince == nil)
    }

    /// Every command, in every stage where it is not allowed, is refused as illegal in that stage.
    @Test(arguments: Stage.allCases)
    func commandsOutsideTheirStagesAreRefused(stage: Stage) throws {
        var concern = try Fixtures.found()
        concern.stage = stage
        concern.grade = .general
        concern.plan = "p"
        concern.firstResponsibleID = "dh1"
        concern.analysis = Fixtures.analysis
        let allowed: [ConcernAction: Set<Stage>] = [
            .define: [.analysing], .watch: [.analysing, .defined], .startSolving: [.defined, .watch],
            .solve: [.solving], .close: [.awaitingFeedback, .referred], .reopen: [.awaitingFeedback, .closed],
            .resume: [.referred], .pause: [.solving],
            .escalate: [.found, .analysing, .defined, .watch, .solving],
            .refer: [.found, .analysing, .defined, .watch, .solving],
            .recordFeedback: [.awaitingFeedback, .referred],
        ]
        let samples: [ConcernCommand] = [
            .define(meetingID: nil), .watch, .startSolving, .solve(summary: "s"), .close(noFeedbackReason: "r"),
            .reopen(reason: "r"), .resume(reason: "r"), .pause(reason: "r"), .escalate(reason: "r"),
            .refer(to: "d2", explanation: "e"), .recordFeedback(Fixtures.feedback(.satisfied)),
        ]
        for command in samples where !(allowed[command.action]!.contains(stage)) {
            #expect(throws: WorkflowError.illegalInStage(command.action, stage), "\(command.action) in \(stage)") {
                try Workflow.apply(command, to: concern, context: Fixtures.context())
            }
        }
    }

    /// Whether the workflow refused `person` the permission table's `action`.
    func refused(_ person: PersonID, _ action: MethodAction, _ body: () throws -> Concern) -> Bool {
        do {
            _ = try body()
            return false
        } catch let WorkflowError.notPermitted(refusal) {
            return refusal.person.id == person && refusal.action == action
        } catch {
            return false
        }
    }

    @Test func staffWorkWhatTheyAreResponsibleForButDoNotSteer() throws {
        let found = try Fixtures.found()
        // 宋佳 reported it: she follows it, but adds progress only once it is hers to solve.
        #expect(refused("st1", .progress) { try Fixtures.apply([.progress("我补充一点情况")], to: found, actor: "st1") })
        #expect(refused("st1", .grade) { try Fixtures.apply([.grade(.urgent)], to: found, actor: "st1") })
        #expect(refused("tl3", .analyse) { try Fixtures.apply([.analyse(Fixtures.analysis)], to: found, actor: "tl3") })
        let hers = try Fixtures.apply([.analyse(Fixtures.analysis), .grade(.general), .plan("合并报表"),
                                       .assign(firstResponsible: "st1", department: "d1"), .define(meetingID: nil), .startSolving], to: found)
        #expect(try Fixtures.apply([.progress("已合并两张表")], to: hers, actor: "st1").notes.last?.text == "已合并两张表")
        // After escalation the team leader still sees it but no longer steers it.
        let escalated = try Fixtures.apply([.escalate(reason: "上报")], to: found, actor: "tl1")
        #expect(refused("tl1", .grade) { try Fixtures.apply([.grade(.urgent)], to: escalated, actor: "tl1") })
    }

    @Test func everyRuleSpeaksBothLanguages() {
        let errors: [WorkflowError] = [
            .illegalInStage(.close, .solving), .missingForSolving([.grade, .plan]), .buddingNeedsRegrade, .watchNeedsBudding,
            .closeNeedsFeedbackOrReason, .alreadyTopTier, .reasonRequired(.escalate), .referralTargetNotDepartment("t1"),
            .reopenNeedsUnsatisfiedFeedback, .unknownPerson("x"), .unknownUnit("x"), .unknownCategory("x"), .titleRequired,
        ]
        for error in errors {
            #expect(error.label.zh.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(error) has Chinese")
            #expect(!error.label.en.isEmpty && error.label.en != error.label.zh)
        }
        #expect(WorkflowError.missingForSolving([.grade, .plan]).label.zh == "开始解决前须有定级、解决方案")
    }
}
