import Foundation

/// Where an imported file's bytes come from. A file is read in pieces, never whole: an
/// import of a million rows (350 MB of CSV) reads it three times and holds a megabyte of it.
public enum ImportSource: Sendable {
    case file(path: String)
    case data(Data)
}

extension ImportSource {
    /// A file's size and time of last change, to tell that it stayed the same between two
    /// readings; nil for data in memory, which cannot change.
    func stamp() -> [String]? {
        guard case .file(let path) = self, let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return ["\(attributes[.size] ?? "")", "\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"]
    }
}

/// An I/O failure reading an import's file (it went away, or cannot be read).
public struct ImportSourceUnreadable: Error, Equatable, Sendable {
    public var path: String
}

/// The bytes of an `ImportSource` in chunks of about `chunkSize` bytes, each ending just
/// after a line feed (the last one at the end of the file). In UTF-8 and in GB18030 the
/// byte 0x0A is only ever a line feed, never part of a character, so every chunk holds
/// whole characters and decodes on its own. A record quoted across lines may still span
/// two chunks: `CSVRecordReader` carries it over.
struct LineChunks {
    private let reader: SourceReader
    private let chunkSize: Int
    private var carry: [UInt8] = []
    private var ended = false
    /// The offset in the source of the next chunk's first byte.
    private(set) var offset = 0

    init(_ source: ImportSource, chunkSize: Int = 1 << 20) throws(ImportSourceUnreadable) {
        reader = try SourceReader(source)
        self.chunkSize = chunkSize
    }

    /// The next chunk and its offset in the source; nil at the end.
    mutating func next() throws(ImportSourceUnreadable) -> (bytes: [UInt8], offset: Int)? {
        while !ended {
            let more = try reader.read(upTo: chunkSize)
            if more.isEmpty {
                ended = true
                break
            }
            carry += more
            if let lineFeed = carry.lastIndex(of: 0x0A) {
                let chunk = Array(carry[...lineFeed])
                carry.removeFirst(lineFeed + 1)
                return take(chunk)
            }
        }
        guard !carry.isEmpty else { return nil }
        let chunk = carry
        carry = []
        return take(chunk)
    }

    private mutating func take(_ chunk: [UInt8]) -> (bytes: [UInt8], offset: Int) {
        defer { offset += chunk.count }
        return (chunk, offset)
    }
}

/// Reads a file through a handle, or hands out a `Data` piece by piece.
private final class SourceReader {
    private let handle: FileHandle?
    private let path: String
    private let data: Data?
    private var position = 0

    init(_ source: ImportSource) throws(ImportSourceUnreadable) {
        switch source {
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportSourceUnreadable(path: path) }
            self.handle = handle
            self.path = path
            data = nil
        case .data(let data):
            handle = nil
            path = ""
            self.data = data
        }
    }

    deinit {
        try? handle?.close()
    }

    func read(upTo count: Int) throws(ImportSourceUnreadable) -> [UInt8] {
        if let handle {
            do {
                return [UInt8](try handle.read(upToCount: count) ?? Data())
            } catch {
                throw ImportSourceUnreadable(path: path)
            }
        }
        guard let data, position < data.count else { return [] }
        let end = min(position + count, data.count)
        defer { position = end }
        return [UInt8](data[data.startIndex + position..<data.startIndex + end])
    }
}
