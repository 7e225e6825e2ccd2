import CSV
import Foundation

/// Writes rows as CSV text through the CSV library (quoting, embedded commas and line breaks).
public enum CSVText {
    public static func write(_ rows: [[String]]) throws -> String {
        let writer = try CSVWriter(stream: .toMemory())
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
