import ArgumentParser
import Foundation

/// `wenti manual`: the man page (roff), made from the command definitions themselves so it
/// never drifts from `--help`. `scripts/install.sh` writes it to man1/wenti.1. Our own
/// command rather than the argument parser's `generate-manual` plugin, which needs a
/// package-plugin build step at install time.
struct ManualCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "manual", abstract: "Print the manual page (roff), for man1/wenti.1.")

    func run() async throws {
        var page = [".TH WENTI 1 \"\" \"wenti\" \"User Commands\"", ".SH NAME",
                    "wenti \\- " + Self.escape(WentiCommand.configuration.abstract), ".SH SYNOPSIS",
                    ".B wenti", "[\\fIcommand\\fR] [\\fIoptions\\fR]", ".SH DESCRIPTION",
                    Self.escape("With no command, wenti opens the terminal UI. Each command below does one step of the method; "
                                + "wenti COMMAND --help says the same as this page."), ".SH COMMANDS"]
        for (path, command) in Self.commands(WentiCommand.self, path: ["wenti"]) where path.count > 1 {
            page.append(".SS \"\(Self.escape(path.joined(separator: " ")))\"")
            page.append(Self.escape(command.configuration.abstract))
            page.append(".PP")
            page.append(".nf")
            let help = WentiCommand.helpMessage(for: command, columns: 100)
            page += help.split(separator: "\n", omittingEmptySubsequences: false).map { Self.escape(String($0)) }
            page.append(".fi")
        }
        page += [".SH ENVIRONMENT", ".TP", ".B WENTI_DB", "The workspace database.", ".TP", ".B WENTI_USER", "The acting person's id.",
                 ".TP", ".B WENTI_TEMPLATES", "A folder of edited document templates.", ".TP", ".B WENTI_OFFICE",
                 Self.escape("The office settings file (default: beside the database, <name>.office.toml)."),
                 ".TP", ".B WENTI_SEEDS", Self.escape("A seed folder for wenti demo (default: the seeds built into the binary).")]
        emit(page.joined(separator: "\n"))
    }

    /// Every command below `root`, depth first, with the words that call it.
    static func commands(_ root: ParsableCommand.Type, path: [String]) -> [([String], ParsableCommand.Type)] {
        var found = [(path, root)]
        for sub in root.configuration.subcommands {
            let name = sub.configuration.commandName ?? String(describing: sub).lowercased()
            found += commands(sub, path: path + [name])
        }
        return found
    }

    /// roff: backslashes and hyphens escaped, a line starting with a control character guarded.
    static func escape(_ text: String) -> String {
        var escaped = text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
        if escaped.hasPrefix(".") || escaped.hasPrefix("'") { escaped = "\\&" + escaped }
        return escaped
    }
}
