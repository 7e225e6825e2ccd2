import CSV
import Foundation
import WentiCore
import WentiSession
import WentiStore

/// Writes the concerns a person may see as CSV (UTF-8 with a byte-order mark, so that
/// Excel opens Chinese correctly) or as JSON. No export holds a sealed identity, whoever
/// exports: it says only that a report is anonymous.
public struct ConcernExport {
    public enum Format: String, Sendable, CaseIterable {
        case csv, json
    }

    let session: Session

    public init(session: Session) {
        self.session = session
    }

    /// The whole export in memory (small workspaces, tests).
    public func data(_ query: ConcernQuery, format: Format) async throws -> Data {
        var data = Data()
        try await write(query, format: format) { data.append($0) }
        return data
    }

    /// Streams the export in pieces to `output`, a batch of concerns at a time: the memory
    /// it takes does not grow with the workspace.
    public func write(_ query: ConcernQuery, format: Format, to output: (Data) throws -> Void) async throws {
        let person = session.viewer
        switch format {
        case .csv:
            try output(Data([0xEF, 0xBB, 0xBF]) + Data(try CSVText.write([ConcernCSVColumn.allCases.map(\.rawValue)]).utf8))
            // The CSV writer puts its line breaks between rows, so each batch starts with one.
            try await session.eachConcern(query, batch: 500) { concerns in
                let rows = concerns.map { concern in ConcernCSVColumn.allCases.map { $0.value(of: concern, viewer: person) } }
                try output(Data(("\n" + (try CSVText.write(rows))).utf8))
            }
            try output(Data("\n".utf8))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            var first = true
            try output(Data("[\n".utf8))
            try await session.eachConcern(query, batch: 500) { concerns in
                for concern in concerns {
                    try output(Data((first ? "" : ",\n").utf8) + (try encoder.encode(concern)))
                    first = false
                }
            }
            try output(Data("\n]\n".utf8))
        }
    }
}
