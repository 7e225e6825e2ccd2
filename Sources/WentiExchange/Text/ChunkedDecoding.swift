import Foundation

/// `TextDecoding.decode` for a file read in pieces (`LineChunks`): the same choice of
/// encoding and the same offsets in its failures, without the whole file in memory.
extension TextDecoding {
    /// How a source is to be read: its encoding, and whether its first three bytes are a
    /// UTF-8 byte-order mark to leave out (they are, unless GB18030 was asked for; offsets
    /// in failures count from after them, as `decode`'s do).
    struct Reading: Equatable {
        var encoding: Encoding
        var skipsByteOrderMark: Bool
    }

    /// What `decode` would choose for the whole of `source`. One pass checks the UTF-8 and
    /// counts its Chinese-looking characters; a second decodes GB18030 only when the answer
    /// depends on it (UTF-8 invalid, or valid but hardly Chinese and without a mark).
    /// Throws `Failure` (bytes neither encoding reads) or `ImportSourceUnreadable`.
    static func detect(_ source: ImportSource, forced: Encoding?) throws -> Reading {
        let skips = try startsWithByteOrderMark(source) && forced != .gb18030
        switch forced {
        case .utf8?, .gb18030?:
            let reading = Reading(encoding: forced!, skipsByteOrderMark: skips)
            var chunks = try DecodedChunks(source, reading)
            while try chunks.next() != nil {}
            return reading
        case nil:
            break
        }
        let utf8 = Reading(encoding: .utf8, skipsByteOrderMark: skips)
        let gb = Reading(encoding: .gb18030, skipsByteOrderMark: skips)
        let utf8Likeness = try? likeness(source, utf8)
        // `decode` reads GB18030 instead of valid UTF-8 only without a mark, and only when
        // the UTF-8 reading looks less than half Chinese.
        if let utf8Likeness, skips || utf8Likeness >= 0.5 { return utf8 }
        do {
            let gbLikeness = try likeness(source, gb)
            if utf8Likeness != nil && gbLikeness < 0.9 { return utf8 }
            return gb
        } catch let failure as Failure {
            if utf8Likeness != nil { return utf8 }
            throw failure
        }
    }

    private static func likeness(_ source: ImportSource, _ reading: Reading) throws -> Double {
        var counts = LikenessCounts()
        var chunks = try DecodedChunks(source, reading)
        while let text = try chunks.next() { counts.add(text) }
        return counts.likeness
    }

    private static func startsWithByteOrderMark(_ source: ImportSource) throws(ImportSourceUnreadable) -> Bool {
        var chunks = try LineChunks(source, chunkSize: 3)
        var start: [UInt8] = []
        while start.count < 3, let chunk = try chunks.next() { start += chunk.bytes }
        return start.starts(with: byteOrderMark)
    }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The text of a source chunk by chunk, each chunk whole lines.
    struct DecodedChunks {
        private var chunks: LineChunks
        private let reading: Reading
        private var first = true

        /// `chunkSize`: about how many bytes a chunk holds (smaller in tests, to cut records
        /// and characters at every place).
        init(_ source: ImportSource, _ reading: Reading, chunkSize: Int = 1 << 20) throws(ImportSourceUnreadable) {
            chunks = try LineChunks(source, chunkSize: chunkSize)
            self.reading = reading
        }

        /// The next chunk's text; nil at the end. Throws `Failure` with the offset of the
        /// first byte that does not decode, or `ImportSourceUnreadable`.
        mutating func next() throws -> String? {
            guard var (bytes, offset) = try chunks.next() else { return nil }
            if first {
                first = false
                if reading.skipsByteOrderMark && bytes.starts(with: byteOrderMark) { bytes.removeFirst(3) }
            } else if reading.skipsByteOrderMark {
                offset -= 3
            }
            switch reading.encoding {
            case .utf8:
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw Failure(offset: offset + firstInvalidUTF8Offset(bytes))
                }
                return text
            case .gb18030:
                switch gb18030(bytes) {
                case .success(let text): return text
                case .failure(let failure): throw Failure(offset: offset + failure.offset)
                }
            }
        }
    }
}
