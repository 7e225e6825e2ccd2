import Foundation
import Testing
import Logging
import PostgresNIO
import WentiTestSupport
@testable import WentiCore
@testable import WentiStore

/// A screen on the shared server asks twice a second whether anything changed. With
/// `LISTEN wenti_changed` it asks the server only when a notification says it may have.
@Suite("Live changes on the shared server", .serialized)
struct LiveChangeTests {
    /// Waits up to `seconds` for `condition`, checking every 50 ms.
    func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }

    @Test func anIdleScreenAsksNothingAndAChangeOrAHintIsSeenAtOnce() async throws {
        let (server, admin, clock) = try await TestServer.demo()
        let watching = try await server.store(as: "bzz-li", clock: clock)
        let first = try await watching.changeToken()
        #expect(await eventually(10) { watching.connection.changes.isListening }, "the listener connects")
        // The first check after listening began reads once (what happened before is unknown).
        let settled = try await watching.changeToken()
        #expect(settled == first)
        let reads = watching.connection.changes.reads
        for _ in 0..<20 { #expect(try await watching.changeToken() == settled) }
        #expect(watching.connection.changes.reads == reads, "twenty idle checks, no read of the server")

        // Someone else changes something: the next checks see it within a second.
        let li = try #require(try await admin.workspace().organisation.person(PersonID("bzz-li")))
        let writer = try await server.store(as: "bzz-li", clock: clock)
        _ = try await writer.open(NewConcern(title: "班组工具柜不够用", categoryID: "team-burden", channel: .other, finderID: "bzz-li",
                                             reporter: .named(name: "李强", personID: "bzz-li"), unitID: "t-bdyw"), actor: li)
        #expect(try await eventually(1) { try await watching.changeToken() != settled }, "the change is seen within a second")
        let changed = try await watching.changeToken()

        // A forged notification (anyone may send one) costs one read and changes nothing.
        let before = watching.connection.changes.reads
        try server.psql(as: "yg-song", "NOTIFY wenti_changed, 'Q-2026-0001 closed'")
        #expect(await eventually(2) { (try? await watching.changeToken()) != nil && watching.connection.changes.reads > before })
        #expect(try await watching.changeToken() == changed)
        print("live changes: 20 idle checks read the server 0 times; a change was seen through LISTEN")
    }

    /// The word search's answer is kept while nothing changes (a keystroke asks for the page and
    /// the count of the same word), and not a moment longer: another person's new concern is
    /// found once the change is seen, the store's own at once.
    @Test func aKeptWordSearchAnswerGoesWithTheNextChange() async throws {
        let (server, admin, clock) = try await TestServer.demo()
        let organisation = try await admin.workspace().organisation
        let zhao = try #require(organisation.person(PersonID("zg-zhao"))), li = try #require(organisation.person(PersonID("bzz-li")))
        let watching = try await server.store(as: "zg-zhao", clock: clock)
        _ = try await watching.changeToken()
        #expect(await eventually(10) { watching.connection.changes.isListening }, "the listener connects")
        let settled = try await watching.changeToken()
        var query = ConcernQuery()
        query.text = "犇淼"
        // A page asks the word search (a count of a short word by someone who sees everything
        // reads the kept word counts instead, ServerWordCounts).
        #expect(try await watching.page(query, scope: .all, after: nil, limit: 10).rows.isEmpty)
        #expect(watching.lastWordMatches.withLock { $0?.words } == ["犇淼"], "the answer is kept")
        #expect(try await watching.page(query, scope: .all, after: nil, limit: 10).rows.isEmpty)
        #expect(try await watching.count(query, scope: .all, upTo: nil) == 0)

        let writer = try await server.store(as: "bzz-li", clock: clock)
        _ = try await writer.open(NewConcern(title: "犇淼班组的工具柜", categoryID: "team-burden", channel: .other, finderID: "bzz-li",
                                             reporter: .named(name: "李强", personID: "bzz-li"), unitID: "t-bdyw"), actor: li)
        #expect(try await eventually(2) { try await watching.changeToken() != settled }, "the change is seen")
        #expect(try await watching.count(query, scope: .all, upTo: nil) == 1, "another person's new concern is found")
        #expect(try await watching.page(query, scope: .all, after: nil, limit: 10).rows.count == 1)

        _ = try await watching.open(NewConcern(title: "犇淼供电所的食堂", categoryID: "team-burden", channel: .other, finderID: "zg-zhao",
                                               reporter: .named(name: "赵雅琴", personID: "zg-zhao"), unitID: "t-kf"), actor: zhao)
        #expect(try await watching.count(query, scope: .all, upTo: nil) == 2, "the store's own new concern, at once")
        #expect(try await watching.page(query, scope: .all, after: nil, limit: 10).rows.count == 2, "and listed at once")
    }
}

/// While the server is out of reach a screen must keep taking keys: after one read found it
/// gone, checks say so at once instead of waiting for a connection each time.
@Suite("Checking for changes during an outage")
struct OutageCheckTests {
    @Test func afterOneFailedReadChecksAnswerAtOnceUntilTheRetryIsDue() async throws {
        let listener = ChangeListener(configuration: .init(unixSocketPath: "/nonexistent/socket", username: "nobody", password: nil, database: "none"),
                                      logger: .init(label: "test"))
        var attempts = 0
        let down = StoreError.serverUnreachable("test/none")
        for _ in 0..<5 {
            await #expect(throws: down) {
                try await listener.mark { (_: Duration?) async throws(StoreError) -> Int64 in
                    attempts += 1
                    throw down
                }
            }
        }
        #expect(attempts == 1, "one wait for the server, then the outage is told at once")
        // Another failure (not an outage) does not hold the reads back.
        let other = ChangeListener(configuration: .init(unixSocketPath: "/nonexistent/socket", username: "nobody", password: nil, database: "none"),
                                   logger: .init(label: "test"))
        var tries = 0
        for _ in 0..<3 {
            _ = try? await other.mark { (_: Duration?) async throws(StoreError) -> Int64 in
                tries += 1
                throw StoreError.busy
            }
        }
        #expect(tries == 3)
        #expect(try await other.mark { (_: Duration?) async throws(StoreError) -> Int64 in 7 } == 7)
    }
}
