import Foundation
import WentiCore
import WentiStore

/// Plays the seed month into a store: each concern's story is replayed as the commands a
/// user would have given, on the days the seed names, so the audit log, the deadlines and
/// the paused days come out exactly as they would in real use.
public struct SeedReplayer {
    let store: any WorkspaceStore
    let clock: ManualClock
    let workspace: Workspace
    /// Who created the workspace: records without a person of their own are theirs.
    let creator: Person

    public init(store: any WorkspaceStore, clock: ManualClock, workspace: Workspace, creator: Person) {
        self.store = store
        self.clock = clock
        self.workspace = workspace
        self.creator = creator
    }

    /// Installs the workspace, its creator linked to `login`, registers `keyHolders` (so that
    /// the seeds' anonymous reporters go in sealed like any other), and replays concerns, then
    /// meetings, notices and practices, each step as the person who took it. Returns the
    /// number of concerns.
    @discardableResult
    public static func load(_ loader: SeedLoader, into store: any WorkspaceStore, clock: ManualClock, creatorLogin login: String,
                            keyHolders: [HolderKey] = []) async throws(SeedError) -> Int {
        var workspace = try loader.workspace()
        let creator = try loader.creator(of: workspace)
        do {
            workspace.organisation = try workspace.organisation.linking(login: login, to: creator.id)
            try await store.install(workspace, installer: creator.id)
            for key in keyHolders { try await store.register(key, actor: creator) }
        } catch let error as StoreError {
            throw SeedError(file: loader.origin, place: "", problem: error.label)
        } catch {
            throw SeedError(file: "organisation.yaml", place: "", problem: (error as? OrganisationError)?.label
                            ?? LocalizedText(zh: "\(error)", en: "\(error)"))
        }
        let replayer = SeedReplayer(store: store, clock: clock, workspace: workspace, creator: creator)
        let seeds = try loader.concerns()
        var replayed: [ConcernCode: SeedConcern] = [:]
        for (index, seed) in seeds.enumerated() {
            do {
                replayed[try await replayer.replay(seed)] = seed
            } catch {
                throw SeedError.from(error, file: "concerns.yaml", place: "concerns[\(index)] \(seed.title)")
            }
        }
        try await replayer.replayRecords(try loader.records(), concerns: replayed)
        return seeds.count
    }

    /// The person a seed names (its finder, an author...).
    func person(_ id: String) throws -> Person {
        guard let person = workspace.organisation.person(PersonID(id)) else { throw StoreError.unknownPerson(PersonID(id)) }
        return person
    }

    @discardableResult
    func replay(_ seed: SeedConcern) async throws -> ConcernCode {
        let actor = try person(seed.finder)
        var stepDay = seed.reported
        func at(_ day: Day?) {
            if let day, day > stepDay { stepDay = day }
            clock.set(day: stepDay, hour: 10)
        }

        at(seed.reported)
        let reporter: Reporter = seed.anonymous == true
            ? .anonymous(sealedIdentity: seed.sealed.map(SealedIdentity.toSeal))
            : .named(name: seed.reporter ?? "", personID: seed.reporterPerson.map { PersonID($0) })
        let source = seed.source.flatMap { id in seed.channel.sourceKind.map { ConcernSource(kind: $0, id: id) } }
        let new = NewConcern(
            title: seed.title, description: seed.description, categoryID: CategoryID(seed.category),
            channel: seed.channel, source: source, finderID: actor.id, reporter: reporter,
            involvedPeople: seed.involved ?? "", unitID: UnitID(seed.unit), reportedOn: seed.reported)
        var concern = try await store.open(new, actor: actor)
        let code = concern.code
        func run(_ commands: ConcernCommand...) async throws {
            concern = try await store.perform(commands, on: code, expectedVersion: concern.version, actor: actor)
        }

        for escalation in seed.escalate ?? [] {
            at(escalation.on)
            try await run(.escalate(reason: escalation.reason))
        }
        if seed.stage == .found { return code }

        if let rootCause = seed.rootCause {
            at(stepDay.adding(days: 1))
            try await run(.analyse(Analysis(rootCause: rootCause, difficulty: seed.difficulty, breadth: seed.breadth)))
        }
        if seed.stage == .analysing {
            if let grade = seed.grade { try await run(.grade(grade)) }
            return code
        }
        if let referred = seed.referred, seed.stage == .referred && seed.defined == nil {
            try await refer(referred, run: run, at: at)
            try await finish(seed, run: run, at: at)
            return code
        }

        // The tri-party meeting defines it: grade, plan, first responsible person.
        at(seed.defined)
        if let grade = seed.grade { try await run(.grade(grade)) }
        if let plan = seed.plan { try await run(.plan(plan)) }
        if let responsible = seed.responsible, let unit = seed.responsibleUnit {
            try await run(.assign(firstResponsible: PersonID(responsible), department: UnitID(unit)))
        }
        try await run(.define(meetingID: nil))
        if [.defined, .watch].contains(seed.stage) { return code }
        if let referred = seed.referred, seed.stage == .referred {
            try await refer(referred, run: run, at: at)
            return code
        }

        try await run(.startSolving)
        if seed.pledge == true, let responsible = seed.responsible { try await run(.pledge(by: PersonID(responsible))) }
        if let processing = seed.processing {
            try await run(.setProcessing(processing == "stream" ? .stream : .batch(group: String(processing.dropFirst("batch:".count)))))
        }
        for task in seed.tasks ?? [] {
            try await run(.addTask(title: task.title, due: task.due))
        }
        for note in seed.progress ?? [] {
            at(note.on)
            try await run(.progress(note.text))
        }
        for (index, task) in (seed.tasks ?? []).enumerated() where task.done == true {
            try await run(.setTaskState(index: index + 1, .done))
        }
        if seed.stage == .solving && seed.reopen == nil { return code }

        if let solved = seed.solved {
            at(solved.on)
            try await run(.solve(summary: solved.text))
        }
        try await finish(seed, run: run, at: at)
        return code
    }

    /// What a held seed meeting decided for a concern to define: the definition concerns.yaml
    /// gives it, when it was defined on the meeting's day (else the meeting deferred it).
    static func decision(of seed: SeedConcern?, at item: RecordsFile.MeetingEntry.Item, heldOn: Day) -> MeetingDecision? {
        guard item.purpose == .define, let seed, seed.defined == heldOn, let grade = seed.grade, let plan = seed.plan,
              let responsible = seed.responsible, let unit = seed.responsibleUnit else { return nil }
        return MeetingDecision(analysis: Analysis(rootCause: seed.rootCause ?? "", difficulty: seed.difficulty, breadth: seed.breadth),
                               grade: grade, plan: plan, firstResponsibleID: PersonID(responsible), responsibleUnitID: UnitID(unit))
    }

    /// How a held seed meeting's item stood when it sat, which its purpose says: defined by
    /// the decision (or still analysing), closed for feedback, watched, being solved late.
    static func snapshot(of purpose: AgendaPurpose, _ seed: SeedConcern?, decision: MeetingDecision?) -> ItemSnapshot {
        switch purpose {
        case .define: ItemSnapshot(stage: decision == nil ? .analysing : .defined, grade: decision?.grade)
        case .reportFeedback: ItemSnapshot(stage: .closed, grade: seed?.grade)
        case .reviewBudding: ItemSnapshot(stage: .watch, grade: .budding)
        case .reviewOverdue: ItemSnapshot(stage: .solving, grade: seed?.grade)
        }
    }

    private func refer(_ referred: SeedConcern.ReferredEntry, run: (ConcernCommand...) async throws -> Void, at: (Day?) -> Void) async throws {
        at(referred.on)
        try await run(.refer(to: UnitID(referred.to), explanation: referred.explanation))
    }

    /// Feedback, a reopening after a dissatisfied answer, and the closing.
    private func finish(_ seed: SeedConcern, run: (ConcernCommand...) async throws -> Void, at: (Day?) -> Void) async throws {
        if let f = seed.feedback {
            at(f.on)
            try await run(.recordFeedback(FeedbackRecord(
                on: f.on, byID: PersonID(seed.finder), contact: f.contact, method: f.method, effect: f.effect,
                satisfaction: f.satisfaction, score: f.score, note: f.note ?? "")))
        }
        if let reopen = seed.reopen {
            at(reopen.on)
            try await run(.reopen(reason: reopen.text))
        }
        if let closed = seed.closed {
            at(closed.on)
            try await run(.close(noFeedbackReason: closed.reason))
        }
    }

    func replayRecords(_ records: RecordsFile, concerns: [ConcernCode: SeedConcern]) async throws(SeedError) {
        for (index, entry) in records.meetings.enumerated() {
            let meeting = Meeting(
                id: entry.id, unitID: UnitID(entry.unit), month: entry.month, heldOn: entry.held,
                state: entry.held == nil ? .planned : .held,
                items: entry.items.map { item in
                    let decision = entry.held.flatMap { Self.decision(of: concerns[item.concern], at: item, heldOn: $0) }
                    return MeetingItem(concern: item.concern, purpose: item.purpose,
                                       parties: TriParty(finderID: item.finder.map { PersonID($0) }, involved: item.involved,
                                                         solvingUnitID: item.solvingUnit.map { UnitID($0) }),
                                       decision: decision,
                                       snapshot: entry.held.map { _ in Self.snapshot(of: item.purpose, concerns[item.concern], decision: decision) })
                },
                notes: entry.notes ?? "",
                attendance: entry.held.map { _ in
                    MeetingAttendance(chairID: entry.chair.map { PersonID($0) }, recorderID: entry.recorder.map { PersonID($0) },
                                      place: entry.place ?? "", attendees: entry.attendees ?? [])
                })
            do {
                if meeting.state == .held, let missing = meeting.attendance?.missing {
                    throw MeetingError.attendanceMissing(missing)
                }
                clock.set(day: entry.held ?? entry.month.firstDay, hour: 16)
                // A meeting is recorded by the finder of its first item: political-work staff run it.
                try await store.save(meeting, actor: try entry.items.first?.finder.map(person) ?? creator)
            } catch {
                throw SeedError.from(error, file: "records.yaml", place: "meetings[\(index)]")
            }
        }
        for (index, entry) in records.notices.enumerated() {
            do {
                var notice = try SupervisionNotice(
                    id: entry.id, concern: entry.concern, issuedOn: entry.issued, issuedByID: PersonID(entry.by),
                    toUnitID: UnitID(entry.toUnit), toPersonID: PersonID(entry.toPerson),
                    nodes: entry.nodes.map { SupervisionNotice.Node(title: $0.title, due: $0.due) })
                for state in Self.path(to: entry.state) { notice = try notice.advanced(to: state) }
                notice.chasers = (entry.chasers ?? []).map {
                    SupervisionNotice.Chaser(on: $0.on, byID: PersonID($0.by), text: $0.text, answeredOn: $0.answered)
                }
                clock.set(day: entry.issued, hour: 11)
                let issued = try await store.issue(notice, actor: try person(entry.by))
                // The store numbers notices; the seeds name them, and concerns.yaml refers to them.
                guard issued.id == entry.id else { throw SeedRecordMismatch(expected: entry.id, allocated: issued.id) }
            } catch {
                throw SeedError.from(error, file: "records.yaml", place: "notices[\(index)]")
            }
        }
        for (index, entry) in records.practices.enumerated() {
            let practice = PracticeEntry(
                id: entry.id, library: entry.library, title: entry.title, situation: entry.situation,
                rootCause: entry.rootCause, actions: entry.actions, watchPoints: entry.watch,
                categoryIDs: entry.categories.map { CategoryID($0) }, tags: entry.tags, sources: entry.sources,
                createdOn: entry.created, authorID: PersonID(entry.author))
            do {
                clock.set(day: entry.created, hour: 15)
                let added = try await store.add(practice, actor: try person(entry.author))
                guard added.id == entry.id else { throw SeedRecordMismatch(expected: entry.id, allocated: added.id) }
            } catch {
                throw SeedError.from(error, file: "records.yaml", place: "practices[\(index)]")
            }
        }
    }

    /// The states a notice passes through to reach `state`.
    static func path(to state: SupervisionNotice.State) -> [SupervisionNotice.State] {
        switch state {
        case .issued: []
        case .acknowledged: [.acknowledged]
        case .progressReported: [.acknowledged, .progressReported]
        case .completed: [.acknowledged, .progressReported, .completed]
        // Only issuing its successor replaces a notice: the move is refused, naming the seed.
        case .replaced: [.replaced]
        }
    }
}

/// A seed record's id that is not the one the store allocates: the seeds must list each
/// year's notices and practices in the order of their numbers.
struct SeedRecordMismatch: Error, Labelled {
    var expected: String
    var allocated: String

    var label: LocalizedText {
        LocalizedText(zh: "记录编号应为 \(allocated)，种子写的是 \(expected)：请按编号顺序排列",
                      en: "the record would be numbered \(allocated), the seed says \(expected): list records in the order of their numbers")
    }
}
