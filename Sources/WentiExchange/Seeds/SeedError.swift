import WentiCore
import WentiStore
import Yams

/// A problem in a seed or organisation file, with the file and the place in it.
public struct SeedError: Error, Sendable, Equatable, Labelled {
    public var file: String
    public var place: String
    public var problem: LocalizedText

    public init(file: String, place: String, problem: LocalizedText) {
        self.file = file
        self.place = place
        self.problem = problem
    }

    public var label: LocalizedText {
        let at = place.isEmpty ? file : "\(file): \(place)"
        return LocalizedText(zh: "\(at)：\(problem.zh)", en: "\(at): \(problem.en)")
    }

    static func from(_ error: any Error, file: String, place: String = "") -> SeedError {
        switch error {
        case let error as SeedError:
            return error
        case let error as DecodingError:
            let (path, detail) = describe(error)
            let at = [place, path].filter { !$0.isEmpty }.joined(separator: " ")
            return SeedError(file: file, place: at, problem: LocalizedText(zh: detail, en: detail))
        case let error as YamlError:
            return SeedError(file: file, place: place, problem: LocalizedText(zh: "YAML 语法错误：\(error)", en: "YAML syntax error: \(error)"))
        case let error as StoreError:
            return SeedError(file: file, place: place, problem: error.label)
        case let error as any Labelled:
            return SeedError(file: file, place: place, problem: error.label)
        default:
            return SeedError(file: file, place: place, problem: LocalizedText(zh: "\(error)", en: "\(error)"))
        }
    }

    private static func describe(_ error: DecodingError) -> (String, String) {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context):
            return (path(context.codingPath), "missing key \(key.stringValue)")
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "missing value of \(type)")
        case .dataCorrupted(let context):
            return (path(context.codingPath), context.debugDescription)
        @unknown default:
            return ("", "\(error)")
        }
    }
}
