/// What scripting keeps between commands: the Lua engine (created on first use), the EVAL scripts
/// by SHA1 with their shebang flags, and the FUNCTION libraries.
final class ScriptingState {
    var engine: LuaEngine?
    var scripts: [String: ScriptFlags] = [:]
    var libraries: [String: FunctionLibrary] = [:]
    var functions: [String: RegisteredFunction] = [:]
    /// The invocation running now (nil between commands).
    var running: ScriptRun?
    /// Invocations since the last incremental garbage-collection step.
    var callsSinceCollection = 0
}

/// A library loaded with FUNCTION LOAD: its name, whole code (shebang included) and functions.
struct FunctionLibrary {
    var name: String
    var code: [UInt8]
    var functionNames: [String]
}

/// A function registered by a library.
struct RegisteredFunction {
    var name: String
    var library: String
    var flags: ScriptFlags
    var description: String?
}
