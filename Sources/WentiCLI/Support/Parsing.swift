import ArgumentParser
import WentiCore
import WentiStore

/// Turns command-line text into domain values, with messages that name the option.
enum Parse {
    static func code(_ text: String) throws(CLIFailure) -> ConcernCode {
        guard let code = ConcernCode(text) else {
            throw CLIFailure(zh: "“\(text)”不是问题编号（形如 Q-2026-0042）", en: "\"\(text)\" is not a concern id (like Q-2026-0042)")
        }
        return code
    }

    static func day(_ text: String, option: String) throws(CLIFailure) -> Day {
        guard let day = Day(text) else {
            throw CLIFailure(zh: "\(option)：“\(text)”不是日期（形如 2026-11-30）", en: "\(option): \"\(text)\" is not a date (like 2026-11-30)")
        }
        return day
    }

    static func unit(_ text: String, in workspace: Workspace, option: String) throws(CLIFailure) -> OrgUnit {
        guard let unit = workspace.organisation.resolveUnit(text) else {
            throw CLIFailure(zh: "\(option)：没有单位“\(text)”", en: "\(option): no unit \"\(text)\"")
        }
        return unit
    }

    static func person(_ text: String, in workspace: Workspace, option: String) throws(CLIFailure) -> PersonID {
        guard let person = workspace.organisation.resolvePerson(text) else {
            throw CLIFailure(zh: "\(option)：没有人员“\(text)”", en: "\(option): no person \"\(text)\"")
        }
        return person.id
    }

    static func category(_ text: String, in workspace: Workspace, option: String) throws(CLIFailure) -> CategoryID {
        guard let category = workspace.resolveCategory(text) else {
            let known = workspace.categories.map(\.id.rawValue).joined(separator: ", ")
            throw CLIFailure(zh: "\(option)：没有类别“\(text)”（可选：\(known)）", en: "\(option): no category \"\(text)\" (known: \(known))")
        }
        return category.id
    }

    static func enumValue<T: RawRepresentable & CaseIterable & Labelled>(_ text: String, option: String) throws(CLIFailure) -> T where T.RawValue == String {
        if let value = T(rawValue: text.lowercased()) ?? T.allCases.first(where: { $0.label.zh == text || $0.label.en == text.lowercased() }) {
            return value
        }
        let known = T.allCases.map(\.rawValue).joined(separator: ", ")
        throw CLIFailure(zh: "\(option)：“\(text)”无效（可选：\(known)）", en: "\(option): \"\(text)\" is not valid (one of: \(known))")
    }
}
