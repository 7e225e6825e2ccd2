import Foundation
import GRDB
import WentiCore

/// One insert of complete concerns (seeds, an import, a bulk load) inside one transaction,
/// batch after batch: codes allocated where the sequence is 0, identities sealed, rows
/// staged (`ConcernRows.stage`) and moved into `concern` every 10,000, one audit entry per
/// concern, and the figure rollup's share added whenever `rollupKeysHeld` keys are gathered
/// and at the end.
/// Children are written before their staged parents reach `concern`: the caller checks the
/// keys once, at the end (`SQLiteStore.writeCheckingKeysOnce`), from `lastOldID` on.
struct InsertionRun {
    /// The largest row id before the insert: the new rows are the ones after it.
    let lastOldID: Int64
    private let statements: ConcernRows.Statements
    private let staging: Statement
    private let audit: BoundStatement
    private let actor: PersonID
    private let action: String
    private let at: Double
    private let organisation: Organisation
    /// The audit entry of an inserted concern records its stage; encoded once per stage.
    private let stageJSON: [Stage: String]
    private var rowID: Int64
    private var nextSequence: [Int: Int] = [:]
    private let largestGiven: [Int: Int]
    private var holders: [HolderKey]?
    private var staged = 0

    /// `largestGiven`: for each year, the largest sequence a code the rows give has; codes
    /// allocated come after it and after every stored one.
    init(_ db: Database, actor: Person, action: String, now: Date, organisation: Organisation, largestGiven: [Int: Int]) throws {
        self.largestGiven = largestGiven
        try ConcernRows.prepareStaging(in: db)
        statements = try ConcernRows.Statements(db)
        staging = try db.cachedStatement(sql: ConcernRows.stageSQL)
        audit = BoundStatement(try db.cachedStatement(sql: SQLiteStore.auditInsertSQL))
        lastOldID = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM concern") ?? 0
        rowID = lastOldID
        self.actor = actor.id
        self.action = action
        at = now.timeIntervalSince1970
        self.organisation = organisation
        let encoder = JSONEncoder.sorted
        var json: [Stage: String] = [:]
        for stage in Stage.allCases {
            json[stage] = String(decoding: try encoder.encode([FieldChange(field: "stage", old: "", new: stage.rawValue)]), as: UTF8.self)
        }
        stageJSON = json
    }

    /// Stages `concerns` and returns them as stored (with their codes).
    mutating func add(_ concerns: [Concern], in db: Database) throws -> [Concern] {
        var stored: [Concern] = []
        stored.reserveCapacity(concerns.count)
        for var concern in concerns {
            if concern.code.sequence == 0 {
                let year = concern.code.year
                let sequence = try nextSequence[year] ?? max(SQLiteStore.nextSequence(year: year, in: db), (largestGiven[year] ?? 0) + 1)
                concern.code = ConcernCode(year: year, sequence: sequence)
                nextSequence[year] = sequence + 1
            }
            rowID += 1
            let envelope: SealedEnvelope?
            if case .anonymous(.toSeal) = concern.reporter, holders == nil {
                holders = try SQLiteStore.holderKeys(in: db, organisation: organisation)
            }
            (concern.reporter, envelope) = try SQLiteStore.sealing(concern.reporter, of: concern.code) { [holders] in holders ?? [] }
            try ConcernRows.stage(concern, rowID: rowID, into: staging, using: statements)
            if let envelope { try SQLiteStore.writeEnvelope(envelope, concernID: rowID, in: db) }
            audit.reset()
            audit.bind(1, at); audit.bind(2, actor.rawValue); audit.bind(3, action)
            audit.bind(4, concern.code.description); audit.bind(5, stageJSON[concern.stage, default: ""])
            try audit.run()
            stored.append(concern)
            for (key, n) in FigureRollup.contributions(of: ConcernFact(concern)) { rollup[key, default: 0] += n }
            staged += 1
            // The staging table lives in memory: moved over every 10,000 rows, it stays small.
            if staged % 10_000 == 0 { try ConcernRows.commitStaging(in: db) }
            if rollup.count >= Self.rollupKeysHeld { try flushRollup(in: db) }
        }
        return stored
    }

    /// Moves what is still staged into `concern`, and what is still gathered into the rollup.
    mutating func finish(in db: Database) throws {
        try ConcernRows.commitStaging(in: db)
        try flushRollup(in: db)
    }

    /// The rollup's share of the rows is gathered until it holds this many keys and written
    /// at once: 100,000 exported concerns touch 177,000 keys, most of them again and again,
    /// and an upsert per key and batch of 5,000 was a fifth of an import's time. Bounded by
    /// keys, not concerns, so that a key met again is merged in memory for as long as the
    /// import's memory allows (a million concerns touch 680,000 keys). Just under the 98,304
    /// a dictionary of 131,072 slots holds: one more key doubles it, and with 150,000 keys the
    /// million-row import peaked at 202 MB.
    static let rollupKeysHeld = 96_000
    private var rollup: [FigureRollup.Key: Int] = [:]

    /// Keys whose share came to zero are written too: both ways of applying prune what
    /// reaches zero, and filtering them out first copied the whole dictionary.
    private mutating func flushRollup(in db: Database) throws {
        try FigureRollupTable.apply(rollup, in: db)
        rollup.removeAll(keepingCapacity: true)
    }
}
