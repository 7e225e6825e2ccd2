import WentiCore

/// The official documents wenti writes. Each kind has its own run of numbers per year and
/// its own letter in the number ("督" in 江城供电党建督〔2026〕3号), set in the settings file.
public enum DocumentKind: String, Sendable, CaseIterable {
    case notice, agenda, minutes, bulletin, ranking

    public var label: LocalizedText {
        switch self {
        case .notice: LocalizedText(zh: "督办通知单", en: "supervision notice")
        case .agenda: LocalizedText(zh: "会议议程", en: "meeting agenda")
        case .minutes: LocalizedText(zh: "会议纪要", en: "meeting minutes")
        case .bulletin: LocalizedText(zh: "督办简报", en: "supervision bulletin")
        case .ranking: LocalizedText(zh: "考核排名", en: "assessment ranking")
        }
    }

    /// The default letter of the kind in a document number.
    var defaultNumberLetter: String {
        switch self {
        case .notice: "督"
        case .agenda: "议"
        case .minutes: "纪"
        case .bulletin: "简"
        case .ranking: "考"
        }
    }
}

/// The file formats of an official document.
public enum OfficeFormat: String, Sendable, CaseIterable {
    case docx, html

    public var fileExtension: String { rawValue }
}
