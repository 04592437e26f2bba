/// Checks of the labs, run with the scenario catalogue (`archlab lint`): every lesson's scenario gates
/// progress, and every lab a learner is sent to ends with a question.
extension CourseChecks {
    /// A lesson's scenario must be the `lab` of the lesson's node or of a lab node right after it (one
    /// that requires the lesson's node, as Redis Lab follows Exact Cache), so no one reaches the end of
    /// the course without running it. Each `[[lab]]` names a known scenario, and each scenario a lesson or
    /// node names has a `[[lab]]` question.
    mutating func checkLabs(_ knownScenarios: Set<String>) {
        let manifest = LoadState.manifestPath
        for lesson in course.lessons {
            guard let scenario = lesson.scenario, knownScenarios.contains(scenario),
                let node = course.node(id: lesson.node)
            else { continue }
            let gated = course.matrix.nodes.contains { other in
                other.lab == scenario && (other.id == node.id || other.requires.contains(node.id))
            }
            if !gated {
                report(
                    "lab-not-required",
                    """
                        lesson `\(lesson.id)`: its scenario `\(scenario)` gates nothing: add `lab = "\(scenario)"` \
                        to node `\(node.id)` (or to a lab node that requires it)
                        """,
                    file: lesson.relativePath, at: "scenario")
            }
        }
        for (lab, path) in zip(course.labQuestions, state.manifest.labPaths)
        where !knownScenarios.contains(lab.scenario) {
            report(
                "unknown-scenario", "lab `\(lab.scenario)` is not a known scenario", file: manifest,
                at: path + ".scenario")
        }
        for scenario in course.labScenarios
        where knownScenarios.contains(scenario) && course.labQuestion(for: scenario) == nil {
            report(
                "missing-lab-question",
                """
                    lab `\(scenario)` has no question: add a `[[lab]]` table with `scenario = "\(scenario)"` and \
                    the `question` its report ends with
                    """,
                file: manifest, line: 1, column: 1)
        }
    }
}
