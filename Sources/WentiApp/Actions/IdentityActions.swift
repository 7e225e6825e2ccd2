import WentiCore
import WentiSeal
import WentiSession
import WentiStore

/// Opening an anonymous reporter's sealed identity on the concern's detail (`I`): the reason
/// and the passphrase in one form; the identity then shows on that detail only, until the
/// detail shows anything else (`AppState.openedIdentity`), and the opening is audited.
@MainActor
enum IdentityActions {
    static var all: [AppAction] {
        [
            AppAction("open-identity", keys: [.character("I")],
                      LocalizedText(zh: "查看匿名反映人身份（须说明理由与口令，记入审计）", en: "Open the sealed reporter identity (reason and passphrase; audited)"),
                      group: .triage, tabs: [.libraries], unavailable: { state, env in
                          guard let concern = state.detail else { return TriageActions.noSelection }
                          if let refusal = env.session.refusal(.openSealedIdentity, on: .company) { return refusal }
                          if env.session.isReadOnly {
                              return SessionError.readOnly(principal: env.session.principal, viewer: env.session.viewer, action: .openSealedIdentity).label
                          }
                          guard case .anonymous(.some) = concern.reporter else { return StoreError.noSealedIdentity(concern.code).label }
                          if state.openedIdentity?.code == concern.code {
                              return LocalizedText(zh: "身份已显示在详情中", en: "the identity is on the detail already")
                          }
                          return nil
                      }) { state, env in
                guard let concern = state.detail else { return }
                state.overlays.append(.recordForm(form(), .openIdentity(concern.code)))
                if let hint = env.passphraseHint { state.toast = hint.text(state.language) }
            },
        ]
    }

    static func form() -> Form {
        Form(fields: [
            RecordFields.line("reason", LocalizedText(zh: "理由", en: "Reason"), required: true),
            Form.Field(id: "passphrase", label: LocalizedText(zh: "口令", en: "Passphrase"), input: .secret(TextField()), required: true),
        ])
    }

    /// Opens the identity through the session, which checks, asks this closure to unlock the
    /// principal's key with the passphrase, and audits the opening or the failed attempt; a
    /// wrong passphrase is pinned to its field.
    static func open(_ code: ConcernCode, _ values: [String: String], _ state: inout AppState, _ env: AppEnvironment) async throws -> String {
        let session = env.session
        let text: String
        do {
            text = try await session.openIdentity(code, reason: values["reason"] ?? "") {
                let holder = try await session.ownHolderKey()
                guard let folder = env.keyFolder, let protected = try folder.load(publicKey: holder.publicKey) else {
                    throw SessionError.noKeyFileHere(session.principal)
                }
                return (holder.holder, try protected.unlock(passphrase: values["passphrase"] ?? ""))
            }
        } catch SealError.wrongPassphrase {
            throw RecordOverlays.FieldProblem(field: "passphrase", message: SealError.wrongPassphrase.label)
        }
        state.openedIdentity = OpenedIdentity(code: code, text: text)
        return state.language == .zh ? "已查看 \(code) 的匿名反映人身份：已记入审计" : "\(code)'s sealed identity opened: the opening is audited"
    }
}
