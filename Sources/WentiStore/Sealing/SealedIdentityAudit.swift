import WentiCore

/// The audit entries about sealed identities that both backends write alike: an opening, a
/// failed one, and the binding of old envelopes to their concerns.
public enum SealedIdentityAudit {
    /// A failed opening is its own action, so a list of openings never counts it as one.
    public static let failedOpening = "open-sealed-identity-failed"
    public static let bind = "keys-bind"

    static func action(_ failure: OpeningFailure?) -> String {
        failure == nil ? MethodAction.openSealedIdentity.rawValue : failedOpening
    }

    static func openingChanges(_ code: ConcernCode, reason: String, failure: OpeningFailure?) -> [FieldChange] {
        [FieldChange(field: "concern", old: "", new: code.description), FieldChange(field: "reason", old: "", new: reason)]
            + (failure.map { [FieldChange(field: "failure", old: "", new: $0.rawValue)] } ?? [])
    }

    static func bindChanges(_ count: Int) -> [FieldChange] {
        [FieldChange(field: "bound", old: "", new: String(count))]
    }
}
