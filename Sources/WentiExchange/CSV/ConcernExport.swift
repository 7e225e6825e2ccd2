import CSV
import Foundation
import WentiCore
import WentiStore

/// Writes the concerns a person may see as CSV (UTF-8 with a byte-order mark, so that
/// Excel opens Chinese correctly) or as JSON. A sealed reporter stays sealed for everyone
/// but political-work staff.
public struct ConcernExport {
    public enum Format: String, Sendable, CaseIterable {
        case csv, json
    }

    let store: any WorkspaceStore
    let viewer: PersonID?

    public init(store: any WorkspaceStore, viewer: PersonID?) {
        self.store = store
        self.viewer = viewer
    }

    public func data(_ query: ConcernQuery, format: Format) throws -> Data {
        let person = try store.workspace().actor(viewer)
        let concerns = try collect(query)
        switch format {
        case .csv:
            let writer = try CSVWriter(stream: .toMemory())
            try writer.write(row: ConcernCSVColumn.allCases.map(\.rawValue))
            for concern in concerns {
                try writer.write(row: ConcernCSVColumn.allCases.map { $0.value(of: concern, viewer: person) })
            }
            writer.stream.close()
            let body = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
            return Data([0xEF, 0xBB, 0xBF]) + body + Data("\n".utf8)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            return try encoder.encode(concerns) + Data("\n".utf8)
        }
    }

    /// Pages through the query; each concern is read whole, redacted for the viewer.
    private func collect(_ query: ConcernQuery) throws -> [Concern] {
        var result: [Concern] = []
        var cursor: PageCursor?
        var ordered = query
        ordered.sort = .oldest
        repeat {
            let page = try store.page(ordered, viewer: viewer, after: cursor, limit: 500)
            for row in page.rows { result.append(try store.concern(row.code, viewer: viewer)) }
            cursor = page.next
        } while cursor != nil
        return result
    }
}
