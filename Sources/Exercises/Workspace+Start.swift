import CourseKit
import Foundation

/// What `exercise start` did.
public struct WorkspaceStart: Sendable {
    /// True when the workspace was created by this start.
    public let created: Bool
    /// The learner's file (relative to the workspace).
    public let learnerFile: String
    /// True when the learner's file already existed and was left alone.
    public let keptExistingFile: Bool
    /// True when the exercise had been started before.
    public let alreadyStarted: Bool
}

extension Workspace {
    /// Creates the workspace if needed and adds an exercise: its starter file (never over an existing file), its
    /// harness adapter, a regenerated call registry, and fresh checksums. Provided files changed by the learner are
    /// refused unless `repair` is set, which restores them.
    public func start(
        _ exercise: Exercise, course: Course, repair: Bool = false
    ) throws(ExerciseError)
        -> WorkspaceStart
    {
        let created = !exists
        var manifest = created ? WorkspaceManifest(exercises: [], provided: [:]) : try self.manifest()
        if !repair { try verifyProvided(manifest) }
        let alreadyStarted = manifest.exercises.contains(exercise.id)
        let others = course.exercises.filter { !$0.isCapstone }
        if exercise.isCapstone {
            let missing = others.filter { !manifest.exercises.contains($0.id) }.map(\.id)
            if !missing.isEmpty { throw .capstoneNotReady(exercise.id, missing: missing) }
        }
        if !alreadyStarted { manifest.exercises.append(exercise.id) }
        // The capstone joins (its adapter is registered) once every other exercise is started: it calls them all.
        if others.allSatisfy({ manifest.exercises.contains($0.id) }) {
            for capstone in course.exercises where capstone.isCapstone && !manifest.exercises.contains(capstone.id) {
                manifest.exercises.append(capstone.id)
            }
        }
        let started = manifest.exercises.compactMap { course.exercise(id: $0) }
        var provided: [String: Data] = [:]
        let harness = course.directory.appendingPathComponent("Exercises/_harness")
        provided["Package.swift"] = try Self.read(harness.appendingPathComponent("Package.swift"))
        for (folder, target) in [("ServerSupport", "Sources/ServerSupport"), ("Harness", "Sources/Harness")] {
            for name in Self.swiftFiles(in: harness.appendingPathComponent(folder)) {
                provided[target + "/" + name] = try Self.read(
                    harness.appendingPathComponent(folder).appendingPathComponent(name))
            }
        }
        var adapterTypes: [String] = []
        for each in started {
            for name in Self.swiftFiles(in: each.harnessDirectory) {
                provided["Sources/Harness/" + name] = try Self.read(each.harnessDirectory.appendingPathComponent(name))
                if name.hasSuffix("Calls.swift") { adapterTypes.append(String(name.dropLast(".swift".count))) }
            }
        }
        provided["Sources/Harness/Registry.swift"] = Data(Self.registry(adapterTypes).utf8)
        for (path, data) in provided { try write(data, to: path) }
        manifest.provided = provided.mapValues(Self.sha256)
        let relative = exercise.isCapstone ? "" : Self.learnerFolder + "/" + exercise.file
        let target = learnerFile(exercise)
        let kept = !exercise.isCapstone && FileManager.default.fileExists(atPath: target.path)
        if !kept, !exercise.isCapstone { try write(try Self.read(exercise.starterFile), to: relative) }
        if created { try write(Data(".build/\n.swiftpm/\n".utf8), to: ".gitignore") }
        try writeManifest(manifest)
        return WorkspaceStart(
            created: created, learnerFile: relative, keptExistingFile: kept, alreadyStarted: alreadyStarted)
    }

    /// Restores the starter file of an exercise, keeping the learner's version as `<file>.bak`.
    public func reset(_ exercise: Exercise) throws(ExerciseError) -> String {
        if exercise.isCapstone { throw .capstoneHasNoFile(exercise.id) }
        let target = learnerFile(exercise)
        let backup = target.path + ".bak"
        let manager = FileManager.default
        do {
            if manager.fileExists(atPath: target.path) {
                if manager.fileExists(atPath: backup) { try manager.removeItem(atPath: backup) }
                try manager.moveItem(atPath: target.path, toPath: backup)
            }
        } catch {
            throw .io(target.path, "cannot keep a backup: \(error.localizedDescription)")
        }
        try write(try Self.read(exercise.starterFile), to: Self.learnerFolder + "/" + exercise.file)
        return Self.learnerFolder + "/" + exercise.file + ".bak"
    }

    static func registry(_ types: [String]) -> String {
        """
        // Provided by ArchLab: do not edit (generated from the exercises started; `archlab check` verifies it).

        /// The adapters of the exercises started in this workspace.
        enum HarnessRegistry {
            static let adapters: [any HarnessAdapter.Type] = [
        \(types.map { "        \($0).self,\n" }.joined())    ]
        }

        """
    }

    private func write(_ data: Data, to relativePath: String) throws(ExerciseError) {
        let url = root.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw .io(url.path, "cannot write: \(error.localizedDescription)")
        }
    }

    private func writeManifest(_ manifest: WorkspaceManifest) throws(ExerciseError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(manifest)
        } catch {
            throw .io(Self.manifestPath, "cannot encode the manifest: \(error)")
        }
        try write(data + Data([10]), to: Self.manifestPath)
    }

    static func read(_ url: URL) throws(ExerciseError) -> Data {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .io(url.path, "cannot read the course file")
        }
        return data
    }

    static func swiftFiles(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".swift") }
            .sorted()
    }
}
