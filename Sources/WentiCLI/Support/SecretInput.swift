import ArgumentParser
import Foundation
import WentiCore

/// Where a passphrase (or the recovery key) comes from: the terminal, read without echo,
/// or for scripts and tests a file descriptor (`--passphrase-fd 3`, `--passphrase-fd 0` for
/// standard input), whose first line is the secret. Never an argument or an environment
/// variable: those show up in `ps`, shell history and `/proc/PID/environ`.
struct SecretInput: ParsableArguments {
    @Option(name: .customLong("passphrase-fd"),
            help: "Read the passphrase (or, with --recovery, the recovery key) from this file descriptor's first line instead of the terminal.")
    var descriptor: Int32?

    /// The secret; `confirm` asks twice on a terminal (a new passphrase).
    func read(prompt: LocalizedText, confirm: LocalizedText? = nil, language: Language) throws(CLIFailure) -> String {
        if let descriptor { return try Self.firstLine(of: descriptor) }
        let first = try Self.readFromTerminal(prompt.text(language))
        if let confirm {
            guard try Self.readFromTerminal(confirm.text(language)) == first else {
                throw CLIFailure(zh: "两次输入的口令不一致，未作任何改动", en: "the two passphrases differ; nothing was changed")
            }
        }
        return first
    }

    /// The first line a script wrote to `descriptor`.
    static func firstLine(of descriptor: Int32) throws(CLIFailure) -> String {
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        guard let data = try? handle.readToEnd() ?? Data() else {
            throw CLIFailure(zh: "无法从文件描述符 \(descriptor) 读取口令", en: "cannot read the passphrase from file descriptor \(descriptor)")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }

    /// One line from the controlling terminal with echo off, restored whatever happens.
    static func readFromTerminal(_ prompt: String) throws(CLIFailure) -> String {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else {
            throw CLIFailure(zh: "没有终端可以询问口令：脚本中请用 --passphrase-fd N 提供",
                             en: "no terminal to ask for the passphrase: in a script, give it with --passphrase-fd N")
        }
        defer { close(fd) }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else {
            throw CLIFailure(zh: "无法关闭终端回显，未读取口令", en: "cannot turn the terminal's echo off; the passphrase was not read")
        }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ICANON)
        _ = Array((prompt + " ").utf8).withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
        tcsetattr(fd, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(fd, TCSAFLUSH, &saved)
            _ = write(fd, "\n", 1)
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(fd, &byte, 1) == 1, byte != UInt8(ascii: "\n") { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

enum SecretPrompts {
    static let passphrase = LocalizedText(zh: "口令：", en: "Passphrase:")
    static let newPassphrase = LocalizedText(zh: "为新密钥设一个口令（至少 8 个字符）：", en: "A passphrase for the new key (8 characters or more):")
    static let again = LocalizedText(zh: "再输入一次：", en: "Once more:")
    static let recoveryKey = LocalizedText(zh: "恢复密钥（纸上那一串）：", en: "The recovery key (as on paper):")
}
