import WentiCLI

// Wiring only: everything lives in WentiCLI and the layers below it.
WentiCommand.runPrintingSafely()
