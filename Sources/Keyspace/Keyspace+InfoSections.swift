#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// INFO's cpu, modules, commandstats, errorstats and cluster sections, in Redis 7.0's format.
extension Keyspace {
    func introspectionInfoSection(_ name: String) -> [String] {
        switch name {
        case "cpu":
            var usage = rusage()
            var children = rusage()
            #if canImport(Glibc)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &children)
            #else
            getrusage(RUSAGE_SELF, &usage)
            getrusage(RUSAGE_CHILDREN, &children)
            #endif
            return [
                "# CPU", "used_cpu_sys:\(seconds(usage.ru_stime))", "used_cpu_user:\(seconds(usage.ru_utime))",
                "used_cpu_sys_children:\(seconds(children.ru_stime))",
                "used_cpu_user_children:\(seconds(children.ru_utime))",
            ]
        case "modules":
            return ["# Modules"]
        case "commandstats":
            var lines = ["# Commandstats"]
            for id in CommandID.allCases {
                let index = Int(id.rawValue)
                let calls = introspection.calls[index]
                let failed = introspection.failedCalls[index]
                let rejected = introspection.rejectedCalls[index]
                guard calls > 0 || failed > 0 || rejected > 0 else { continue }
                lines.append(
                    "cmdstat_\(CommandTable.names[index]):calls=\(calls),usec=0,usec_per_call=0.00"
                        + ",rejected_calls=\(rejected),failed_calls=\(failed)")
            }
            return lines
        case "errorstats":
            var lines = ["# Errorstats"]
            for code in introspection.errorCodes.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                lines.append("errorstat_\(code):count=\(introspection.errorCounts[code] ?? 0)")
            }
            return lines
        default:
            return ["# Cluster", "cluster_enabled:0"]
        }
    }

    private func seconds(_ time: timeval) -> String {
        let micros = String(time.tv_usec)
        return "\(time.tv_sec).\(String(repeating: "0", count: max(0, 6 - micros.count)))\(micros)"
    }
}
