import Foundation
import GRDB
import WentiTestSupport
@testable import WentiCore
@testable import WentiExchange
@testable import WentiSession
@testable import WentiStore

/// The demo workspace on a fixed day, in its own temporary folder, with every person's login
/// linked to their id (so a test opens the session of any person as that person would: by
/// running under their login). The demo is built once per test process and copied.
final class DemoFixture: @unchecked Sendable {
    static let creatorLogin = "zg-zhao"
    let directory: URL
    let path: String
    let clock: ManualClock
    let store: SQLiteStore

    private static let template: String = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-session-template-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("demo.sqlite").path
        let clock = ManualClock(day: Day("2026-09-01")!)
        let store = try! SQLiteStore(path: path, clock: clock)
        try! SeedReplayer.load(SeedLoader(directory: SeedLocator.builtIn), into: store, clock: clock, creatorLogin: creatorLogin,
                              keyHolders: TestKeys.demoHolders())
        let zhao = try! store.workspace().organisation.person("zg-zhao")!
        for person in try! store.workspace().organisation.people.values where person.id != zhao.id {
            _ = try! store.link(login: person.id.rawValue, to: person.id, actor: zhao)
        }
        // One file: the WAL folded in, so that copying the main file copies everything.
        try! store.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return path
    }()

    init(day: String = "2026-11-25") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("demo.sqlite").path
        try FileManager.default.copyItem(atPath: Self.template, toPath: path)
        clock = ManualClock(day: Day(day)!)
        store = try SQLiteStore(path: path, create: false, clock: clock)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The session of the person whose login is `login` (every person's login is their id).
    func session(_ login: String, viewAs: String? = nil) throws -> Session {
        try Session.open(store: store, login: login, viewAs: viewAs)
    }

    var organisation: Organisation { try! store.workspace().organisation }

    func person(_ id: String) -> Person { organisation.person(PersonID(id))! }

    /// A concern as stored, unscoped.
    func concern(_ code: String) throws -> Concern {
        try store.concern(ConcernCode(code)!, scope: .all)
    }

    /// The first concern matching, unscoped, in code order.
    func first(where predicate: (Concern) -> Bool) throws -> Concern {
        var found: Concern?
        try store.eachConcern(ConcernQuery(), scope: .all) { batch in
            if found == nil { found = batch.first(where: predicate) }
        }
        return try #require(found)
    }

    /// How many audit entries there are (SQLite's change token is the last entry's number).
    func auditCount() throws -> Int {
        Int(try store.changeToken().value)!
    }
}

import Testing
