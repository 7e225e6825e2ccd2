import WentiCore

/// Why a sealed identity or a key could not be used, in words for the person at the keyboard.
/// None of them carries key material or plaintext.
public enum SealError: Error, Sendable, Hashable, Labelled {
    /// The passphrase does not unlock the key file (or the file was altered).
    case wrongPassphrase
    /// The concern's identity was never wrapped to this holder's key.
    case notWrappedTo(KeyHolder)
    /// The ciphertext or a wrapped key does not open: damaged, or moved from another concern.
    case damaged
    /// The recovery key as typed is not well formed, or is not this workspace's.
    case notTheRecoveryKey
    case passphraseTooShort(minimum: Int)
    /// A key file that cannot be read (missing fields, unknown version).
    case unreadableKeyFile(String)
    /// No holder's public key to seal to.
    case noHolders

    public var label: LocalizedText {
        switch self {
        case .wrongPassphrase:
            LocalizedText(zh: "口令不对：密钥未能解锁", en: "wrong passphrase: the key did not unlock")
        case .notWrappedTo(.recovery):
            LocalizedText(zh: "这个身份没有加密给恢复密钥", en: "this identity was not sealed to the recovery key")
        case .notWrappedTo(.person):
            LocalizedText(zh: "这个身份没有加密给您的密钥（您的密钥晚于该问题登记，或已被移除）：请已能查看的政工人员运行 wenti keys grant 授权给您",
                          en: "this identity was not sealed to your key (your key is newer than the report, or was removed): a political-work colleague who can open it runs wenti keys grant for you")
        case .damaged:
            LocalizedText(zh: "密文已损坏或不属于这个问题，无法解开", en: "the sealed identity is damaged or belongs to another concern, and does not open")
        case .notTheRecoveryKey:
            LocalizedText(zh: "恢复密钥不对：格式有误或不是本工作区的", en: "that is not this workspace's recovery key (mistyped, or another workspace's)")
        case .passphraseTooShort(let minimum):
            LocalizedText(zh: "口令太短：至少 \(minimum) 个字符", en: "the passphrase is too short: at least \(minimum) characters")
        case .unreadableKeyFile(let path):
            LocalizedText(zh: "密钥文件无法读取：\(path)", en: "cannot read the key file \(path)")
        case .noHolders:
            LocalizedText(zh: "本工作区还没有可加密的密钥：请政工人员运行 wenti keys init",
                          en: "this workspace has no key to seal identities to yet: political-work staff run wenti keys init")
        }
    }
}
