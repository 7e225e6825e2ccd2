import Foundation
import TOMLKit
import WentiCore

/// The organisation's assessment weights, a TOML file:
///
/// ```toml
/// [weights]
/// response = 25
/// on-time = 20
/// resolution = 20
/// satisfaction = 20
/// every-item-answered = 15
/// own-ground = 0
/// overdue-penalty = 2     # points off per concern overdue at the end of the period
///
/// [ranking]
/// minimum-activity = 1    # found + solved + overdue in the period; below it: no score (无数据)
/// ```
///
/// Missing keys keep the standard weight. Found at `$XDG_CONFIG_HOME/wenti/assessment.toml`
/// (else `~/.config/wenti/assessment.toml`); no file means the standard weights.
public enum AssessmentFile {
    public static let keys = ["response", "on-time", "resolution", "satisfaction", "every-item-answered", "own-ground", "overdue-penalty"]

    public static func defaultPath(environment: [String: String]) -> String {
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".config")
        return (configHome as NSString).appendingPathComponent("wenti/assessment.toml")
    }

    /// The weights in the file at `path`; the standard ones when there is no file and
    /// `required` is false.
    public static func load(path: String, required: Bool = false) throws(ConfigError) -> AssessmentWeights {
        guard FileManager.default.fileExists(atPath: path) else {
            if required { throw ConfigError(path: path, message: LocalizedText(zh: "文件不存在", en: "no such file")) }
            return .standard
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(path: path, message: LocalizedText(zh: "无法以 UTF-8 读取", en: "cannot be read as UTF-8 text"))
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(ConfigError) -> AssessmentWeights {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(path: path, message: LocalizedText(
                zh: "第 \(error.source.begin.line) 行第 \(error.source.begin.column) 列：\(error.description)",
                en: "line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)"))
        } catch {
            throw ConfigError(path: path, message: LocalizedText(zh: "\(error)", en: "\(error)"))
        }
        let standard = AssessmentWeights.standard
        var values: [String: Double] = [
            "response": standard.response, "on-time": standard.onTime, "resolution": standard.resolution,
            "satisfaction": standard.satisfaction, "every-item-answered": standard.everyItemAnswered,
            "own-ground": standard.ownGround, "overdue-penalty": standard.overduePenalty,
        ]
        for key in table.keys where key != "weights" && key != "ranking" {
            throw ConfigError(path: path, message: LocalizedText(zh: "未知的节 [\(key)]（只有 [weights] 和 [ranking]）",
                                                                 en: "unknown section [\(key)] (only [weights] and [ranking])"))
        }
        var minimumActivity = standard.minimumActivity
        if let ranking = table["ranking"]?.table {
            for (key, value) in ranking {
                guard key == "minimum-activity" else {
                    throw ConfigError(path: path, message: LocalizedText(zh: "ranking.\(key) 未知（可用：minimum-activity）",
                                                                         en: "ranking.\(key) is unknown (known: minimum-activity)"))
                }
                guard let number = value.int else {
                    throw ConfigError(path: path, message: LocalizedText(zh: "ranking.minimum-activity 应为整数", en: "ranking.minimum-activity must be a whole number"))
                }
                minimumActivity = number
            }
        }
        if let weights = table["weights"]?.table {
            for (key, value) in weights {
                guard values[key] != nil else {
                    throw ConfigError(path: path, message: LocalizedText(
                        zh: "weights.\(key) 不是权重（可用：\(keys.joined(separator: ", "))）",
                        en: "weights.\(key) is not a weight (known: \(keys.joined(separator: ", ")))"))
                }
                guard let number = value.double ?? value.int.map(Double.init) else {
                    throw ConfigError(path: path, message: LocalizedText(zh: "weights.\(key) 应为数字", en: "weights.\(key) must be a number"))
                }
                values[key] = number
            }
        }
        do {
            return try AssessmentWeights(response: values["response"]!, onTime: values["on-time"]!, resolution: values["resolution"]!,
                                         satisfaction: values["satisfaction"]!, everyItemAnswered: values["every-item-answered"]!,
                                         ownGround: values["own-ground"]!, overduePenalty: values["overdue-penalty"]!,
                                         minimumActivity: minimumActivity)
        } catch {
            throw ConfigError(path: path, message: error.label)
        }
    }
}

/// A configuration file that cannot be used: where, and why.
public struct ConfigError: Error, Equatable, Sendable, Labelled {
    public var path: String
    public var message: LocalizedText

    public var label: LocalizedText {
        LocalizedText(zh: "配置文件 \(path)：\(message.zh)", en: "config file \(path): \(message.en)")
    }
}
