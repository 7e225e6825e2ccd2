import WentiCore
import WentiSession
import WentiStore

/// The lists the forms' pickers offer: people, units and batch groups, by name, in the
/// order most likely wanted first.
@MainActor
enum PickOptions {
    /// Everyone, by relevance to `unit` when one is given: its own people, then its
    /// department's, then the rest; within each, those who own libraries first (a
    /// department head, a team leader), then by name. Without a unit, by role as the
    /// organisation lists them (political-work staff first), then by name.
    /// `byName`: the value is the name itself, for a field that keeps text (whom a feedback
    /// reached), not a person.
    static func people(_ org: Organisation, near unit: UnitID? = nil, byName: Bool = false) -> [Picker.Option] {
        let department = unit.map { org.subtree(of: org.department(of: $0)) } ?? []
        let owners: [Role] = [.departmentHead, .teamLeader, .companyLeader, .staff, .politicalWork]
        func rank(_ person: Person) -> (Int, Int) {
            guard let unit else { return (0, Role.allCases.firstIndex(of: person.role) ?? 0) }
            let place = person.unitID == unit ? 0 : department.contains(person.unitID) ? 1 : 2
            return (place, owners.firstIndex(of: person.role) ?? owners.count)
        }
        return org.people.values.sorted { (rank($0).0, rank($0).1, $0.name, $0.id) < (rank($1).0, rank($1).1, $1.name, $1.id) }
            .map { person in
                var option = self.person(person, org)
                if byName { option.value = person.name }
                return option
            }
    }

    static func person(_ person: Person, _ org: Organisation) -> Picker.Option {
        let unit = org.unit(person.unitID)
        let unitName = unit?.name ?? ""
        return Picker.Option(value: person.id.rawValue, label: person.name,
                             detail: LocalizedText(zh: person.role.label.zh + " · " + unitName, en: person.role.label.en + " · " + unitName),
                             related: [unitName] + (unit?.aliases ?? []))
    }

    /// Units in tree order (of `kinds` only, when given), each with its tier and the unit
    /// above it, so that two teams whose names begin alike are told apart; short names choose them.
    static func units(_ org: Organisation, kinds: Set<UnitKind>? = nil) -> [Picker.Option] {
        org.unitsInTreeOrder.filter { kinds?.contains($0.kind) ?? true }.map { unit in
            let parent = org.parent(of: unit.id)?.name
            let above = parent.map { " · " + $0 } ?? ""
            return Picker.Option(value: unit.id.rawValue, label: unit.name,
                                 detail: LocalizedText(zh: unit.tier.code + above, en: unit.tier.code + above), aliases: unit.aliases)
        }
    }

    /// The batch groups the viewer's concerns already belong to, largest first, with how many.
    static func batchGroups(_ session: Session) async -> [Picker.Option] {
        let counts = (try? await session.counts(ConcernQuery(), by: .batchGroup)) ?? [:]
        return counts.filter { !$0.key.isEmpty }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { group, count in
            Picker.Option(value: group, label: group, detail: LocalizedText(zh: "\(count) 个问题", en: "\(count) concerns"))
        }
    }
}
