/// Reads CSV records (RFC 4180: comma-separated, fields optionally in double quotes, a quote
/// inside one written twice) from text that arrives in chunks, and finds the two syntax
/// problems a general CSV library passes over:
///
/// - an unterminated quote, which a library reads as one long field running to the end of
///   the file (the import then complained about whatever column that swallowed, far from
///   the real mistake);
/// - a NUL character, at which a library cut the field without a word.
///
/// Each is reported with the physical line it is on: where the quote was opened, where the
/// NUL is. Works on the UTF-8 bytes: every character that matters to CSV is ASCII, and no
/// byte of a multi-byte character is ASCII, so fields are cut only between characters.
struct CSVRecordReader {
    struct Problem: Error, Equatable {
        enum Kind: Equatable {
            /// A quoted field opened and never closed.
            case unterminatedQuote
            /// A NUL character (U+0000) inside a field.
            case nul
        }

        var kind: Kind
        /// 1-based physical line: where the quote was opened, or where the NUL is.
        var line: Int
        /// 1-based position of the field in its record.
        var field: Int
    }

    struct Record {
        var fields: [String]
        /// The physical line the record starts on (1-based).
        var line: Int
    }

    private var chunks: TextDecoding.DecodedChunks
    private var ready: [Record] = []
    private var readyIndex = 0
    private var ended = false

    // The parse carried from one chunk to the next.
    private var line = 1
    private var recordLine = 1
    private var fields: [String] = []
    private var field: [UInt8] = []
    private var fieldStarted = false
    private var inQuotes = false
    /// Inside quotes, a quote was read: it closes the field, or is the first of two.
    private var quotePending = false
    private var quoteOpenedOn = 0
    private var previous: UInt8 = 0

    init(_ chunks: TextDecoding.DecodedChunks) {
        self.chunks = chunks
    }

    /// The next record; nil after the last. Throws `Problem`, or what reading and decoding
    /// the chunks throws.
    mutating func next() throws -> Record? {
        while readyIndex == ready.count {
            if let problem {
                self.problem = nil
                ended = true
                throw problem
            }
            if ended { return nil }
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            do {
                if let text = try chunks.next() {
                    var text = text
                    try text.withUTF8 { try parse($0) }
                } else {
                    try finish()
                    ended = true
                }
            } catch let found as Problem {
                // The records before the problem come first: the header among them names
                // the problem's column.
                problem = found
            }
        }
        defer { readyIndex += 1 }
        return ready[readyIndex]
    }

    /// A problem found further on in the chunk than the records still to be handed out.
    private var problem: Problem?

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    private mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Problem) {
        for byte in bytes {
            defer { previous = byte }
            if byte == 0 { throw Problem(kind: .nul, line: line, field: fields.count + 1) }
            // "\r\n" is one line break, and so is a lone "\r" or "\n", in a field or not.
            if byte == Self.carriageReturn || (byte == Self.lineFeed && previous != Self.carriageReturn) { line += 1 }
            if inQuotes {
                if quotePending {
                    quotePending = false
                    if byte == Self.quote {
                        field.append(byte)
                        continue
                    }
                    inQuotes = false   // the quote closed the field; this byte follows it
                } else {
                    if byte == Self.quote { quotePending = true } else { field.append(byte) }
                    continue
                }
            }
            switch byte {
            case Self.quote where !fieldStarted:
                inQuotes = true
                fieldStarted = true
                quoteOpenedOn = line
            case Self.comma:
                endField()
            case Self.lineFeed where previous == Self.carriageReturn:
                continue
            case Self.lineFeed, Self.carriageReturn:
                endField()
                endRecord()
            default:
                fieldStarted = true
                field.append(byte)
            }
        }
    }

    private mutating func finish() throws(Problem) {
        if inQuotes && !quotePending { throw Problem(kind: .unterminatedQuote, line: quoteOpenedOn, field: fields.count + 1) }
        if fieldStarted || !fields.isEmpty || !field.isEmpty {
            endField()
            endRecord()
        }
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        fieldStarted = false
        inQuotes = false
        quotePending = false
    }

    private mutating func endRecord() {
        ready.append(Record(fields: fields, line: recordLine))
        fields.removeAll(keepingCapacity: true)
        recordLine = line
    }
}
