/// ArchLab's version, in one place: `archlab --version` prints it, the top released section of CHANGELOG.md names it
/// and a release is the git tag `v` + it (EndToEndTests check that the three agree). Bump it when releasing.
enum ArchLabVersion {
    static let current = "0.1.0"
}
