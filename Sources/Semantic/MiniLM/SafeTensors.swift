import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only, memory-mapped `.safetensors` file: an 8-byte little-endian header length, a JSON
/// header naming each tensor's dtype, shape and byte range, then the raw little-endian data.
public final class SafeTensorsFile: @unchecked Sendable {
    /// One tensor's location inside the mapping.
    public struct TensorInfo: Sendable {
        public let dtype: String
        public let shape: [Int]
        public let start: Int
        public let end: Int
        public var count: Int { shape.reduce(1, *) }
    }

    public let path: String
    public let tensors: [String: TensorInfo]
    private let base: UnsafeMutableRawPointer
    private let length: Int
    private let dataOffset: Int

    /// Maps `path` and parses its header; throws on a short, truncated or malformed file.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw SemanticError.io(file: path, reason: "cannot open (errno \(errno))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SemanticError.io(file: path, reason: "cannot stat") }
        let length = Int(info.st_size)
        guard length >= 8 else {
            throw SemanticError.modelCorrupt(file: path, reason: "file too short for a safetensors header")
        }
        guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw SemanticError.io(file: path, reason: "mmap failed (errno \(errno))")
        }
        let headerLength = Int(UInt64(littleEndian: mapped.loadUnaligned(as: UInt64.self)))
        guard headerLength > 0, 8 + headerLength <= length else {
            munmap(mapped, length)
            throw SemanticError.modelCorrupt(
                file: path, reason: "header length \(headerLength) exceeds file size \(length)")
        }
        let headerData = Data(bytes: mapped.advanced(by: 8), count: headerLength)
        let parsed: [String: TensorInfo]
        do {
            parsed = try SafeTensorsFile.parseHeader(headerData, dataLength: length - 8 - headerLength, path: path)
        } catch {
            munmap(mapped, length)
            throw error
        }
        self.base = mapped
        self.length = length
        self.dataOffset = 8 + headerLength
        self.tensors = parsed
    }

    deinit { munmap(base, length) }

    /// The float32 tensor `name` copied into an array, checked against `shape` when given.
    public func floats(_ name: String, shape: [Int]? = nil) throws -> [Float] {
        guard let info = tensors[name] else {
            throw SemanticError.modelCorrupt(file: path, reason: "tensor \(name) is missing")
        }
        guard info.dtype == "F32" else {
            throw SemanticError.modelCorrupt(file: path, reason: "tensor \(name) is \(info.dtype), expected F32")
        }
        if let shape, shape != info.shape {
            throw SemanticError.modelCorrupt(
                file: path, reason: "tensor \(name) has shape \(info.shape), expected \(shape)")
        }
        let raw = UnsafeRawPointer(base).advanced(by: dataOffset + info.start)
        return [Float](unsafeUninitializedCapacity: info.count) { buffer, initialised in
            for i in 0..<info.count {
                buffer[i] = Float(
                    bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
            }
            initialised = info.count
        }
    }

    /// Copies `count` floats starting at element `offset` of float32 tensor `name` into `destination`,
    /// straight from the mapping (used for embedding-table rows, so the table is never copied whole).
    public func copyFloats(
        _ name: String, offset: Int, count: Int, into destination: UnsafeMutablePointer<Float>
    ) throws {
        guard let info = tensors[name], info.dtype == "F32" else {
            throw SemanticError.modelCorrupt(file: path, reason: "float32 tensor \(name) is missing")
        }
        guard offset >= 0, count >= 0, offset + count <= info.count else {
            throw SemanticError.modelCorrupt(file: path, reason: "read past the end of tensor \(name)")
        }
        let raw = UnsafeRawPointer(base).advanced(by: dataOffset + info.start + offset * 4)
        for i in 0..<count {
            destination[i] = Float(
                bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
        }
    }

    private static func parseHeader(_ data: Data, dataLength: Int, path: String) throws -> [String: TensorInfo] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SemanticError.modelCorrupt(file: path, reason: "header is not a JSON object")
        }
        var result: [String: TensorInfo] = [:]
        for (name, value) in object where name != "__metadata__" {
            guard let entry = value as? [String: Any],
                let dtype = entry["dtype"] as? String,
                let shape = (entry["shape"] as? [NSNumber])?.map({ $0.intValue }),
                let offsets = (entry["data_offsets"] as? [NSNumber])?.map({ $0.intValue }),
                offsets.count == 2
            else {
                throw SemanticError.modelCorrupt(file: path, reason: "malformed header entry for \(name)")
            }
            let width = dtype == "F32" || dtype == "I32" ? 4 : dtype == "F16" ? 2 : 8
            let info = TensorInfo(dtype: dtype, shape: shape, start: offsets[0], end: offsets[1])
            guard info.start >= 0, info.start <= info.end, info.end <= dataLength,
                shape.allSatisfy({ $0 >= 0 }), info.end - info.start == info.count * width
            else {
                throw SemanticError.modelCorrupt(file: path, reason: "tensor \(name) has inconsistent offsets or shape")
            }
            result[name] = info
        }
        return result
    }
}
