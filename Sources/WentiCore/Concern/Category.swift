/// A kind of concern, e.g. 班组负担 (workload on teams).
public struct Category: Sendable, Hashable, Codable, Identifiable {
    public var id: CategoryID
    public var name: LocalizedText

    public init(id: CategoryID, name: LocalizedText) {
        self.id = id
        self.name = name
    }
}
