/// One open supervision notice per concern (一事一单): a concern whose first responsible
/// person or deadline changed is not chased on two notices naming different people or
/// dates. A new notice on a concern that has an open one must say it replaces that one;
/// issuing it then closes the old one as `.replaced`, in the same transaction.
extension SupervisionNotice {
    /// Checks that `draft` may be issued beside `existing` (every notice of its concern, or
    /// more), replacing the notice `replacing` names (nil: none). Returns the old notice as
    /// it will be stored (state `.replaced`, `replacedBy` set once the draft has its id), or
    /// nil when nothing is replaced.
    public static func replacement(for draft: SupervisionNotice, replacing: String?,
                                   among existing: [SupervisionNotice]) throws(NoticeError) -> SupervisionNotice? {
        guard let replacing else {
            if let open = existing.first(where: { $0.concern == draft.concern && $0.isOpen }) {
                throw .openNoticeExists(notice: open.id, concern: draft.concern)
            }
            return nil
        }
        guard let old = existing.first(where: { $0.id == replacing }) else { throw .unknownNotice(replacing) }
        guard old.concern == draft.concern else { throw .replacesOtherConcern(notice: old.id, concern: old.concern) }
        guard old.isOpen else { throw .replacesClosedNotice(notice: old.id, state: old.state) }
        var closed = old
        closed.state = .replaced
        return closed
    }

    /// The open notice on `concern` among `notices`, if there is one.
    public static func openNotice(on concern: ConcernCode, among notices: [SupervisionNotice]) -> SupervisionNotice? {
        notices.first { $0.concern == concern && $0.isOpen }
    }
}

extension SupervisionNotice {
    /// The state in words; a replaced notice names the notice that replaced it.
    public func stateText(_ language: Language) -> String {
        guard state == .replaced, let replacedBy else { return state.label.text(language) }
        return language == .zh ? "已被 \(replacedBy) 替代" : "replaced by \(replacedBy)"
    }
}
