import Terminal

/// The first thing a learner sees: ticker, title, standing, where they left off, how to get help.
enum StartScreen {
    static func show(in session: ReplSession) {
        let course = session.course
        let painter = session.painter
        if !course.ticker.isEmpty {
            session.say(painter.paint(DisplayWidth.truncate(course.ticker, to: session.width), .cyan, .dim))
        }
        let subtitle = course.subtitle.map { " — \($0)" } ?? ""
        session.say(painter.paint(course.title, .bold, .magenta) + subtitle)
        let name = ControlCharacters.strip(session.learner.name)
        if let standing = try? session.standing() {
            session.say("Learner \(name): \(standing).")
        }
        if let lesson = session.currentLesson {
            let page = session.currentPage + 1
            session.say("You were reading lesson \(lesson.number) “\(lesson.title)”, page \(page)/\(lesson.pages.count). Type `open` to continue.")
        } else if let first = course.lessons.first {
            session.say("Start with lesson \(first.number) “\(first.title)”: type `open \(first.number)`.")
        }
        if session.courseFindings > 0 {
            session.say("\(session.courseFindings) problem(s) in the course files: run `archlab lint`.")
        }
        session.say("Type \"help\" for commands.")
    }
}
