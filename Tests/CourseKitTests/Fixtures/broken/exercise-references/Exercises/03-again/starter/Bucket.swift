public struct Bucket {}
