import Crypto
import Gateway
import XCTest

/// The key check of `serve --keys`: the right holder for an issued key, nothing for any other
/// string, and a comparer that looks at every byte.
final class APIKeyringTests: XCTestCase {
    private let keyring = APIKeyring([
        APIKey(name: "ada", key: "sk-ada-0123456789", tenant: "acme"),
        APIKey(name: "bob", key: "sk-bob-9876543210"),
    ])

    func testAnIssuedKeyMatchesItsHolderAndNothingElseMatches() {
        XCTAssertEqual(keyring.match("sk-ada-0123456789")?.name, "ada")
        XCTAssertEqual(keyring.match("sk-ada-0123456789")?.tenant, "acme")
        XCTAssertEqual(keyring.match("sk-bob-9876543210")?.name, "bob")
        for presented in [
            nil, "", "sk-ada-012345678", "sk-ada-01234567890", "SK-ADA-0123456789", "ada", "sk-bob-9876543211",
        ] {
            XCTAssertNil(keyring.match(presented), "\(presented ?? "nil") must not match")
        }
        XCTAssertNil(APIKeyring([]).match(nil), "no keys, no match, even for a missing key")
    }

    func testTheKeyIsKeptOnlyAsItsDigest() {
        let key = APIKey(name: "ada", key: "sk-ada-0123456789")
        let stored = Mirror(reflecting: key).children.map { "\($0.value)" }
        XCTAssertFalse(stored.contains { $0.contains("sk-ada-0123456789") }, "\(stored)")
        XCTAssertTrue(
            Mirror(reflecting: key).children.contains {
                ($0.value as? [UInt8]) == Array(SHA256.hash(data: Array("sk-ada-0123456789".utf8)))
            },
            "the SHA-256 digest is what is compared")
    }

    func testTheComparerAnswersEqualityWhereverTheDifferenceIs() {
        let digest = Array(SHA256.hash(data: Array("secret".utf8)))
        XCTAssertTrue(ConstantTime.equal(digest, digest))
        for position in [0, 15, 31] {
            var other = digest
            other[position] ^= 0x01
            XCTAssertFalse(ConstantTime.equal(digest, other), "a difference at byte \(position)")
            XCTAssertFalse(ConstantTime.equal(other, digest))
        }
        XCTAssertFalse(ConstantTime.equal(digest, Array(digest.prefix(31))), "lengths differ")
        XCTAssertTrue(ConstantTime.equal([], []))
    }

    func testTheComparerReadsEveryByteWhereverTheFirstDifferenceIs() {
        // Structural: the comparison folds over all bytes with no early exit, so a difference in the
        // first byte costs as many reads as no difference at all.
        let digest = Array(SHA256.hash(data: Array("secret".utf8)))
        var firstDiffers = digest
        firstDiffers[0] ^= 0xFF
        for other in [digest, firstDiffers] {
            let watched = ReadCountingBytes(digest)
            _ = ConstantTime.equal(watched, other)
            XCTAssertEqual(watched.reads.count, digest.count)
        }
    }
}

/// Bytes that count how many of them were read.
private struct ReadCountingBytes: Collection {
    final class Counter { var count = 0 }
    let bytes: [UInt8]
    let reads = Counter()

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var startIndex: Int { bytes.startIndex }
    var endIndex: Int { bytes.endIndex }
    func index(after index: Int) -> Int { index + 1 }

    subscript(position: Int) -> UInt8 {
        reads.count += 1
        return bytes[position]
    }
}
