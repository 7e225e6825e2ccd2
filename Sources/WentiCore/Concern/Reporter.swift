/// Who raised a concern. An anonymous reporter's identity is sealed: kept for the
/// political-work staff who must answer them, hidden from everyone else (see `AccessPolicy`).
public enum Reporter: Sendable, Hashable, Codable {
    /// Raised by a named person (a member of the organisation or free text, e.g. a retiree).
    case named(name: String, personID: PersonID?)
    /// Raised anonymously. `sealedIdentity` says whether political-work staff know who it
    /// is (nil when truly unknown, e.g. an anonymous hotline call); the identity itself is
    /// stored only as ciphertext (`SealedIdentity`).
    case anonymous(sealedIdentity: SealedIdentity?)

    public var isAnonymous: Bool {
        if case .anonymous = self { return true }
        return false
    }
}

extension Reporter {
    /// The member of the organisation who reported it, when one is named.
    public var personID: PersonID? {
        if case .named(_, let id) = self { return id }
        return nil
    }
}
