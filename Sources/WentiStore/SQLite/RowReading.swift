import Foundation
import GRDB
import WentiCore

/// Typed column access: spelling the type at each read keeps Swift's type checker fast
/// and makes every conversion from stored integers to days and ids visible.
extension Row {
    func text(_ column: String) -> String { self[column] }
    func optionalText(_ column: String) -> String? { self[column] }
    func int(_ column: String) -> Int { self[column] }
    func optionalInt(_ column: String) -> Int? { self[column] }
    func double(_ column: String) -> Double { self[column] }
    func bool(_ column: String) -> Bool { self[column] }
    func day(_ column: String) -> Day { Day(ordinal: int(column)) }
    func optionalDay(_ column: String) -> Day? { optionalInt(column).map { Day(ordinal: $0) } }
    func date(_ column: String) -> Date { Date(timeIntervalSince1970: double(column)) }
    func person(_ column: String) -> PersonID { PersonID(text(column)) }
    func optionalPerson(_ column: String) -> PersonID? { optionalText(column).map { PersonID($0) } }
    func unit(_ column: String) -> UnitID { UnitID(text(column)) }
    func optionalUnit(_ column: String) -> UnitID? { optionalText(column).map { UnitID($0) } }

    /// A stored enumeration; an unknown value means the file was edited by hand or by a newer wenti.
    func value<T: RawRepresentable>(_ column: String) throws -> T where T.RawValue == String {
        try enumValue(text(column))
    }

    func optionalValue<T: RawRepresentable>(_ column: String) throws -> T? where T.RawValue == String {
        try optionalText(column).map { try enumValue($0) }
    }

    func tier(_ column: String) throws -> Tier { try enumValue(int(column)) }
}
