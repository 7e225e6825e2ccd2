import Foundation

/// One document in one office format, as the bytes of the file.
public enum OfficeOutput {
    public static func data(_ document: OfficialDocument, format: OfficeFormat) throws -> Data {
        switch format {
        case .docx: try DocxWriter.data(document)
        case .html: Data(PrintHTML.render(document).utf8)
        }
    }
}
