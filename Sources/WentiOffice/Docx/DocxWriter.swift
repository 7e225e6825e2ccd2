import Foundation
import WentiCore
import ZIPFoundation

/// Writes an `OfficialDocument` as a .docx: WordprocessingML parts zipped (deflate) with
/// ZIPFoundation, in memory. The entries are dated the document's own day, so one document
/// gives the same bytes every time it is written.
public enum DocxWriter {
    /// The part names every document has, in the order they are stored; `[Content_Types].xml`
    /// first, as readers that sniff the package expect. A document with charts adds
    /// `word/charts/chartN.xml` for each (`partNames(of:)`).
    public static let partNames = ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                                   "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
                                   "docProps/core.xml", "docProps/app.xml"]

    /// Every part name of `document`'s package.
    public static func partNames(of document: OfficialDocument) -> [String] {
        partNames + DocxBody.charts(of: document).indices.map { DocxChart.partName($0 + 1) }
    }

    public static func parts(_ document: OfficialDocument) -> [(name: String, xml: String)] {
        let body = DocxBody(document: document)
        let charts = DocxBody.charts(of: document)
        return [
            ("[Content_Types].xml", DocxParts.contentTypes(charts: charts.count)),
            ("_rels/.rels", DocxParts.packageRelationships),
            ("word/document.xml", body.xml),
            ("word/_rels/document.xml.rels", DocxParts.documentRelationships(charts: charts.count)),
            ("word/styles.xml", DocxParts.styles(document.fonts, language: document.language)),
            ("word/settings.xml", DocxParts.settings),
            ("word/fontTable.xml", DocxParts.fontTable(document.fonts)),
            ("word/footer1.xml", DocxParts.footer(odd: true)),
            ("word/footer2.xml", DocxParts.footer(odd: false)),
            ("docProps/core.xml", DocxParts.core(title: document.title, day: document.dated, language: document.language)),
            ("docProps/app.xml", DocxParts.app),
        ] + charts.enumerated().map { index, chart -> (name: String, xml: String) in
            (name: DocxChart.partName(index + 1),
             xml: DocxChart(chart: chart, number: index + 1, heading: body.heading).part(latin: body.latin, eastAsia: document.fonts.body.first ?? "SimSun"))
        }
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
