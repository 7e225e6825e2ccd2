/// The company's tree of units and its people: company → departments → teams.
///
/// Built once from stored data and then only read. The initialiser checks the shape
/// (one company at the root, departments under it, teams under departments, every parent
/// and member unit known), so code holding an `Organisation` can rely on it.
public struct Organisation: Sendable, Equatable {
    public let units: [UnitID: OrgUnit]
    public let people: [PersonID: Person]
    public let company: OrgUnit
    private let childrenByParent: [UnitID: [UnitID]]

    public init(units unitList: [OrgUnit], people peopleList: [Person]) throws(OrganisationError) {
        var units: [UnitID: OrgUnit] = [:]
        for unit in unitList {
            guard units[unit.id] == nil else { throw .duplicateUnit(unit.id) }
            units[unit.id] = unit
        }
        // A short name names one unit: never two, never another unit's full name.
        var named: [String: UnitID] = Dictionary(unitList.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        for unit in unitList {
            for alias in unit.aliases {
                if let other = named[alias], other != unit.id { throw .ambiguousAlias(alias) }
                named[alias] = unit.id
            }
        }
        let companies = unitList.filter { $0.kind == .company }
        guard companies.count == 1, let company = companies.first else {
            throw .companyCount(companies.count)
        }
        guard company.parentID == nil else { throw .badParent(company.id) }
        var children: [UnitID: [UnitID]] = [:]
        for unit in unitList where unit.kind != .company {
            guard let parentID = unit.parentID, let parent = units[parentID] else { throw .badParent(unit.id) }
            // Departments hang under the company, teams under a department: exactly one tier apart.
            guard parent.tier.rawValue == unit.tier.rawValue + 1 else { throw .badParent(unit.id) }
            children[parentID, default: []].append(unit.id)
        }
        var people: [PersonID: Person] = [:]
        var logins: Set<String> = []
        for person in peopleList {
            guard people[person.id] == nil else { throw .duplicatePerson(person.id) }
            if let login = person.login, !logins.insert(login).inserted { throw .duplicateLogin(login) }
            guard units[person.unitID] != nil else { throw .unknownUnitForPerson(person.id, person.unitID) }
            people[person.id] = person
        }
        self.units = units
        self.people = people
        self.company = company
        self.childrenByParent = children.mapValues { $0.sorted() }
    }

    public func unit(_ id: UnitID) -> OrgUnit? { units[id] }
    public func person(_ id: PersonID) -> Person? { people[id] }

    /// The person whose login this is (see `Person.login`).
    public func person(login: String) -> Person? { people.values.first { $0.login == login } }

    /// The same organisation with `login` belonging to `person` (and to nobody else).
    public func linking(login: String, to person: PersonID) throws(OrganisationError) -> Organisation {
        guard people[person] != nil else { throw .unknownPerson(person) }
        let updated = people.values.map { other -> Person in
            var copy = other
            if copy.id == person { copy.login = login } else if copy.login == login { copy.login = nil }
            return copy
        }
        return try Organisation(units: Array(units.values), people: updated)
    }

    /// The same organisation with none of `logins` belonging to anyone.
    public func removingLogins(_ logins: Set<String>) -> Organisation {
        let updated = people.values.map { other -> Person in
            var copy = other
            if let login = copy.login, logins.contains(login) { copy.login = nil }
            return copy
        }
        // Fewer logins than a valid organisation had cannot break any of its rules.
        return (try? Organisation(units: Array(units.values), people: updated)) ?? self
    }

    public func parent(of id: UnitID) -> OrgUnit? {
        units[id]?.parentID.flatMap { units[$0] }
    }

    public func children(of id: UnitID) -> [OrgUnit] {
        (childrenByParent[id] ?? []).compactMap { units[$0] }
    }

    /// The unit and every unit below it.
    public func subtree(of id: UnitID) -> Set<UnitID> {
        guard units[id] != nil else { return [] }
        var result: Set<UnitID> = [id]
        var queue = [id]
        while let next = queue.popLast() {
            for child in childrenByParent[next] ?? [] where result.insert(child).inserted {
                queue.append(child)
            }
        }
        return result
    }

    /// The unit, its parent, ..., up to the company.
    public func pathToRoot(from id: UnitID) -> [OrgUnit] {
        var path: [OrgUnit] = []
        var current = units[id]
        while let unit = current {
            path.append(unit)
            current = unit.parentID.flatMap { units[$0] }
        }
        return path
    }

    /// The department a unit answers to: a team's department, a department itself (and the
    /// company itself). The one place the rule is written: the first responsible person's
    /// department, the units near an intake and a meeting's proposed solving department use it.
    public func department(of id: UnitID) -> UnitID {
        guard let unit = units[id] else { return id }
        return unit.kind == .team ? (unit.parentID ?? id) : id
    }

    /// Units in tree order (company, then each department followed by its teams), for listings.
    public var unitsInTreeOrder: [OrgUnit] {
        var ordered: [OrgUnit] = []
        func visit(_ unit: OrgUnit) {
            ordered.append(unit)
            children(of: unit.id).forEach(visit)
        }
        visit(company)
        return ordered
    }

    /// Type-ahead over units: the one unit an exact id or name names, else, in tree order,
    /// every unit whose name contains the text or whose id contains it (`河口` → 河口供电所).
    /// Empty text matches every unit.
    public func units(matching text: String) -> [OrgUnit] {
        if let exact = resolveUnit(text) { return [exact] }
        guard !text.isEmpty else { return unitsInTreeOrder }
        let lowered = text.lowercased()
        return unitsInTreeOrder.filter {
            $0.name.contains(text) || $0.aliases.contains { $0.contains(text) } || $0.id.rawValue.lowercased().contains(lowered)
        }
    }

    /// Finds a unit by id, by exact name, or by one of its short names: users type "运检部"
    /// for 运维检修部 on the command line and in filters.
    public func resolveUnit(_ idOrName: String) -> OrgUnit? {
        units[UnitID(idOrName)] ?? units.values.first { $0.name == idOrName } ?? units.values.first { $0.aliases.contains(idOrName) }
    }

    /// Finds a person by id, or by a name only one person has.
    public func resolvePerson(_ idOrName: String) -> Person? {
        if let person = people[PersonID(idOrName)] { return person }
        let named = people.values.filter { $0.name == idOrName }
        return named.count == 1 ? named.first : nil
    }
}

/// What can be wrong with the shape of an organisation.
public enum OrganisationError: Error, Equatable, Sendable, Labelled {
    case companyCount(Int)
    case duplicateUnit(UnitID)
    case duplicatePerson(PersonID)
    case badParent(UnitID)
    case unknownUnitForPerson(PersonID, UnitID)
    case duplicateLogin(String)
    case unknownPerson(PersonID)
    /// A short name given to two units, or a unit's short name that is another's full name.
    case ambiguousAlias(String)

    public var label: LocalizedText {
        switch self {
        case .companyCount(let n):
            LocalizedText(zh: "组织必须恰有一个公司单位，现有 \(n) 个", en: "the organisation needs exactly one company unit, found \(n)")
        case .duplicateUnit(let id):
            LocalizedText(zh: "单位编号重复：\(id)", en: "duplicate unit id: \(id)")
        case .duplicatePerson(let id):
            LocalizedText(zh: "人员编号重复：\(id)", en: "duplicate person id: \(id)")
        case .badParent(let id):
            LocalizedText(zh: "单位 \(id) 的上级不对：部门须在公司之下，班组须在部门之下",
                          en: "unit \(id) has a wrong parent: departments sit under the company, teams under a department")
        case .duplicateLogin(let login):
            LocalizedText(zh: "登录账号 \(login) 属于不止一人", en: "the login \(login) belongs to more than one person")
        case .unknownPerson(let id):
            LocalizedText(zh: "没有编号为 \(id) 的人员", en: "no person with id \(id)")
        case .ambiguousAlias(let alias):
            LocalizedText(zh: "简称“\(alias)”指向不止一个单位", en: "the short name \"\(alias)\" names more than one unit")
        case .unknownUnitForPerson(let person, let unit):
            LocalizedText(zh: "人员 \(person) 所属单位 \(unit) 不存在", en: "person \(person) belongs to unknown unit \(unit)")
        }
    }
}
