import WentiCore

/// The organisation's own details on its official documents: who issues them, how they are
/// numbered, to whom they go, who prints them. Read from the workspace's settings file (see
/// `OfficeSettingsFile`); without one, `derived(from:)` makes a plausible start from the
/// organisation so that documents can be written out of the box.
public struct OfficeSettings: Sendable, Equatable {
    /// 发文机关全称 as it signs (发文机关署名): "中共江城供电公司委员会".
    public var issuingBody: String
    /// 发文机关标志 at the top of notices, agendas, minutes and rankings: "江城供电公司党委文件".
    public var mark: String
    /// The bulletin's own mark (简报名称): "督办简报".
    public var bulletinMark: String
    /// 发文机关代字: "江城供电党建", the start of every document number.
    public var numberPrefix: String
    /// The letter of each kind in its numbers ("督" for notices); a kind left out uses the default.
    public var numberLetters: [DocumentKind: String]
    /// 主送机关 of documents to the whole organisation (bulletins, agendas, rankings).
    public var addressee: String
    /// 抄送机关.
    public var cc: [String]
    /// 印发机关.
    public var printingUnit: String
    /// 成文日期 in Chinese numerals (二〇二六年十二月一日, the default as the offices asked) or
    /// Arabic ones (2026年12月1日, which GB/T 9704-2012 itself prescribes).
    public var chineseNumeralDates: Bool
    /// The meeting's place, chair and recorder for the minutes; blanks to fill in when empty.
    public var meetingPlace: String
    public var meetingChair: String
    public var meetingRecorder: String
    public var fonts: OfficeFonts

    public init(issuingBody: String, mark: String, bulletinMark: String = "督办简报", numberPrefix: String,
                numberLetters: [DocumentKind: String] = [:], addressee: String, cc: [String], printingUnit: String,
                chineseNumeralDates: Bool = true, meetingPlace: String = "", meetingChair: String = "", meetingRecorder: String = "",
                fonts: OfficeFonts = .standard) {
        self.issuingBody = issuingBody
        self.mark = mark
        self.bulletinMark = bulletinMark
        self.numberPrefix = numberPrefix
        self.numberLetters = numberLetters
        self.addressee = addressee
        self.cc = cc
        self.printingUnit = printingUnit
        self.chineseNumeralDates = chineseNumeralDates
        self.meetingPlace = meetingPlace
        self.meetingChair = meetingChair
        self.meetingRecorder = meetingRecorder
        self.fonts = fonts
    }

    public func numberLetter(_ kind: DocumentKind) -> String { numberLetters[kind] ?? kind.defaultNumberLetter }

    /// A start from the organisation: the company's Party committee issues, the unit of its
    /// political-work staff prints. "江城供电公司" gives the prefix "江城供电党建".
    public static func derived(from organisation: Organisation) -> OfficeSettings {
        let company = organisation.company.name
        let short = company.hasSuffix("公司") ? String(company.dropLast(2)) : company
        let politicalUnit = organisation.people.values.sorted { $0.id < $1.id }.first { $0.role == .politicalWork }
            .flatMap { organisation.unit($0.unitID) }
        let printing = politicalUnit.map { $0.id == organisation.company.id ? company : company + $0.name } ?? company
        return OfficeSettings(
            issuingBody: "中共\(company)委员会", mark: "中共\(company)委员会文件", numberPrefix: short + "党建",
            addressee: "公司各部门、各单位", cc: ["公司领导"], printingUnit: printing)
    }
}

/// The typefaces of GB/T 9704-2012, each with the fallbacks an ordinary Windows or WPS
/// installation has: the first name is asked for, the others are what Word and WPS
/// (w:altName) and browsers (the CSS font list) take when it is missing.
public struct OfficeFonts: Sendable, Equatable {
    /// 标题 and 发文机关标志: 方正小标宋简体.
    public var title: [String]
    /// 正文: 仿宋_GB2312.
    public var body: [String]
    /// 一级标题: 黑体.
    public var heading: [String]
    /// 二级标题: 楷体_GB2312.
    public var subheading: [String]
    /// Latin text and digits, and every font of an English document.
    public var latin: [String]

    public static let standard = OfficeFonts(
        title: ["方正小标宋简体", "SimSun"], body: ["仿宋_GB2312", "FangSong"], heading: ["黑体", "SimHei"],
        subheading: ["楷体_GB2312", "KaiTi"], latin: ["Times New Roman"])

    public init(title: [String], body: [String], heading: [String], subheading: [String], latin: [String]) {
        self.title = title
        self.body = body
        self.heading = heading
        self.subheading = subheading
        self.latin = latin
    }

    /// Every family with its fallbacks, for the font table.
    var families: [[String]] { [title, body, heading, subheading, latin] }
}
