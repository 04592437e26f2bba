#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the process's terminal: whether a file descriptor is a terminal and how wide it is.
public enum TerminalSize {
    /// Whether standard input is a terminal.
    public static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Whether standard output is a terminal.
    public static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The width to render for: the terminal's columns, else `COLUMNS`, else 80; clamped to 40…120
    /// so prose stays readable on very wide screens.
    public static func renderWidth(environment: [String: String]) -> Int {
        var size = winsize()
        var columns = 0
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            columns = Int(size.ws_col)
        } else if let text = environment["COLUMNS"], let value = Int(text), value > 0 {
            columns = value
        } else {
            columns = 80
        }
        return min(max(columns, 40), 120)
    }
}
