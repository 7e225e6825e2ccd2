import WentiCore
import WentiStore

/// The people of the workspace and the logins that are them (political-work staff only).
extension Session {
    public func people() throws -> [Person] {
        try require(.people, on: .company)
        return organisation.people.values.sorted {
            (Role.allCases.firstIndex(of: $0.role)!, $0.id) < (Role.allCases.firstIndex(of: $1.role)!, $1.id)
        }
    }

    /// Links `login` to the person named by `text` (id or name), taking it from whoever had
    /// it; audited. Returns the session as it stands afterwards (the principal may have
    /// given their own login away, in which case it no longer acts as them from the next start).
    public func link(login: String, to text: String) async throws -> (person: Person, session: Session) {
        try require(.people, on: .company)
        guard !login.isBlank, !login.contains(where: \.isWhitespace) else { throw SessionError.badLogin(login) }
        guard let person = organisation.resolvePerson(text) else { throw SessionError.unknownPerson(text) }
        _ = try await store.link(login: login, to: person.id, actor: try actor(for: .people))
        return (person, try await reloaded())
    }
}
