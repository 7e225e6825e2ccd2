import WentiCore
import WentiSeal

/// An anonymous reporter's identity on its way into any backend: sealed to the holders'
/// public keys before anything is written, so that no store ever writes it in the clear.
enum IncomingIdentity {
    /// The reporter of `concern` as it is stored (`.sealed`, or no identity when none was
    /// given) and the envelope to store beside it, bound to the concern's code: so a concern
    /// is sealed only once its code is settled.
    static func seal(_ reporter: Reporter, of concern: ConcernCode, holders: () throws -> [HolderKey]) throws -> (Reporter, SealedEnvelope?) {
        guard case .anonymous(let identity) = reporter else { return (reporter, nil) }
        guard case .toSeal(let text) = identity, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return (.anonymous(sealedIdentity: nil), nil)
        }
        do {
            return (.anonymous(sealedIdentity: .sealed), try IdentitySeal.seal(text, of: concern, to: try holders()))
        } catch let error as SealError {
            throw StoreError.seal(error)
        }
    }

    /// The stored holders new identities are sealed to: someone who left political work
    /// opens nothing new.
    static func current(_ holders: [HolderKey], in organisation: Organisation) -> [HolderKey] {
        holders.filter { holder in
            if case .person(let id) = holder.holder { return organisation.person(id)?.role == .politicalWork }
            return true
        }
    }
}
