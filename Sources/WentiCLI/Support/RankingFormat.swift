import ArgumentParser
import WentiOffice

/// `wenti assess --format`: the figure formats, and the ranking as an official document.
enum RankingFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, docx, html

    var office: OfficeFormat? { OfficeFormat(rawValue: rawValue) }

    /// The figure format; the office formats never get here (they are written first).
    var figures: FigureOutput.Format { FigureOutput.Format(rawValue: rawValue) ?? .table }
}
