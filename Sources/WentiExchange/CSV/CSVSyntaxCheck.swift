/// The first syntax problem of a CSV text, found before the CSV library reads it.
///
/// The library reads an unterminated quote as one long field running to the end of the
/// file, and the import then complained about whatever column that swallowed (an "unknown
/// category" far from the real mistake); it also cut a field at a NUL character without a
/// word. Both are caught here, with the physical line they are on, so the message names the
/// real problem and where it is.
struct CSVSyntaxCheck {
    enum Kind: Equatable {
        /// A quoted field opened and never closed.
        case unterminatedQuote
        /// A NUL character (U+0000) inside a field.
        case nul
    }

    struct Problem: Equatable {
        var kind: Kind
        /// 1-based physical line: where the quote was opened, or where the NUL is.
        var line: Int
        /// 1-based position of the field in its record.
        var field: Int
    }

    /// The fields of the first record (the header), to name a column in a message.
    private(set) var header: [String] = []

    /// Scans `text`; returns the first problem, or nil when every quote is closed and no
    /// field holds a NUL.
    mutating func firstProblem(in text: String) -> Problem? {
        var line = 1
        var field = 1
        var inHeader = true
        var inQuotes = false
        var quotePending = false   // inside quotes, a quote was read: closing, or the first of two
        var quoteOpenedOn = 0
        var fieldStarted = false
        var fieldText = ""
        var previous: Unicode.Scalar?

        func endField() {
            if inHeader { header.append(fieldText) }
            fieldText = ""
            fieldStarted = false
        }

        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar == "\0" { return Problem(kind: .nul, line: line, field: field) }
            // "\r\n" is one line break, and so is a lone "\r" or "\n".
            if scalar == "\r" || (scalar == "\n" && previous != "\r") { line += 1 }
            if inQuotes {
                if quotePending {
                    quotePending = false
                    if scalar == "\"" {
                        fieldText.unicodeScalars.append(scalar)
                        continue
                    }
                    inQuotes = false   // the quote closed the field; this scalar follows it
                } else {
                    if scalar == "\"" { quotePending = true } else { fieldText.unicodeScalars.append(scalar) }
                    continue
                }
            }
            switch scalar {
            case "\"" where !fieldStarted:
                inQuotes = true
                fieldStarted = true
                quoteOpenedOn = line
            case ",":
                endField()
                field += 1
            case "\n" where previous == "\r":
                continue
            case "\n", "\r":
                endField()
                inHeader = false
                field = 1
            default:
                fieldStarted = true
                fieldText.unicodeScalars.append(scalar)
            }
        }
        if inQuotes && !quotePending { return Problem(kind: .unterminatedQuote, line: quoteOpenedOn, field: field) }
        if inHeader && (fieldStarted || field > 1) { endField() }
        return nil
    }
}
