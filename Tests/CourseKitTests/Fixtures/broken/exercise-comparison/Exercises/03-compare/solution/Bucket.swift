public struct Bucket { public init() {} }
