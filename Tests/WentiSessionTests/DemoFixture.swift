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

    /// Built once per test process, by whichever test asks first.
    private static let template = Task<String, any Error> {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-session-template-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("demo.sqlite").path
        let clock = ManualClock(day: Day("2026-09-01")!)
        let store = try SQLiteStore(path: path, clock: clock)
        try await SeedReplayer.load(SeedLoader(directory: SeedLocator.builtIn), into: store, clock: clock, creatorLogin: creatorLogin,
                                    keyHolders: TestKeys.demoHolders())
        let zhao = try await store.workspace().organisation.person("zg-zhao")!
        for person in try await store.workspace().organisation.people.values where person.id != zhao.id {
            _ = try await store.link(login: person.id.rawValue, to: person.id, actor: zhao)
        }
        // One file: the WAL folded in, so that copying the main file copies everything.
        try await store.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return path
    }

    init(day: String = "2026-11-25") async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("demo.sqlite").path
        try FileManager.default.copyItem(atPath: try await Self.template.value, toPath: path)
        clock = ManualClock(day: Day(day)!)
        store = try SQLiteStore(path: path, create: false, clock: clock)
        organisation = try await store.workspace().organisation
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The session of the person whose login is `login` (every person's login is their id).
    func session(_ login: String, viewAs: String? = nil) async throws -> Session {
        try await Session.open(store: store, login: login, viewAs: viewAs)
    }

    /// The demo's people and units as the fixture opened them.
    let organisation: Organisation

    func person(_ id: String) -> Person { organisation.person(PersonID(id))! }

    /// A concern as stored, unscoped.
    func concern(_ code: String) async throws -> Concern {
        try await store.concern(ConcernCode(code)!, scope: .all)
    }

    /// The first concern matching, unscoped, in code order.
    func first(where predicate: (Concern) -> Bool) async throws -> Concern {
        var found: Concern?
        try await store.eachConcern(ConcernQuery(), scope: .all) { batch in
            if found == nil { found = batch.first(where: predicate) }
        }
        return try #require(found)
    }

    /// How many audit entries there are (SQLite's change token is the last entry's number).
    func auditCount() async throws -> Int {
        await Int(try store.changeToken().value)!
    }
}

import Testing
