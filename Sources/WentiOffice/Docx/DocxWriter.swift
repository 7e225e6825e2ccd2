import Foundation
import WentiCore
import ZIPFoundation

/// Writes an `OfficialDocument` as a .docx: WordprocessingML parts zipped (deflate) with
/// ZIPFoundation, in memory. The entries are dated the document's own day, so one document
/// gives the same bytes every time it is written.
public enum DocxWriter {
    /// The part names in the order they are stored; `[Content_Types].xml` first, as readers
    /// that sniff the package expect.
    public static let partNames = ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                                   "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
                                   "docProps/core.xml", "docProps/app.xml"]

    public static func parts(_ document: OfficialDocument) -> [(name: String, xml: String)] {
        [
            ("[Content_Types].xml", DocxParts.contentTypes),
            ("_rels/.rels", DocxParts.packageRelationships),
            ("word/document.xml", DocxBody(document: document).xml),
            ("word/_rels/document.xml.rels", DocxParts.documentRelationships),
            ("word/styles.xml", DocxParts.styles(document.fonts, language: document.language)),
            ("word/settings.xml", DocxParts.settings),
            ("word/fontTable.xml", DocxParts.fontTable(document.fonts)),
            ("word/footer1.xml", DocxParts.footer(odd: true)),
            ("word/footer2.xml", DocxParts.footer(odd: false)),
            ("docProps/core.xml", DocxParts.core(title: document.title, day: document.dated, language: document.language)),
            ("docProps/app.xml", DocxParts.app),
        ]
    }

    public static func data(_ document: OfficialDocument) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let civil = document.dated.civil
        var components = DateComponents()
        (components.year, components.month, components.day, components.hour) = (civil.year, civil.month, civil.day, 12)
        let stamp = Calendar(identifier: .gregorian).date(from: components) ?? Date(timeIntervalSince1970: 0)
        for (name, xml) in parts(document) {
            let bytes = Data(xml.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: stamp,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw DocxError.noArchiveData }
        return data
    }

    enum DocxError: Error {
        case noArchiveData
    }
}
