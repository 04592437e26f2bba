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
        if DisplayWidth.of(course.title + subtitle) <= session.width {
            session.say(painter.paint(course.title, .bold, .magenta) + subtitle)
        } else {
            session.say(painter.paint(course.title, .bold, .magenta))
            if let text = course.subtitle { session.sayWrapped(text, hangingIndent: 0) }
        }
        if session.discardsProgress {
            session.sayWrapped(
                session.painter.paint("Read-only:", .yellow, .bold)
                    + " this session works on a copy of your progress; nothing you do will be saved.")
        }
        let name = ControlCharacters.strip(session.learner.name)
        if let standing = try? session.standing() {
            session.sayWrapped("Learner \(name): \(standing).")
        }
        if let unlocked = try? session.unlockedNodeIDs(), !course.matrix.nodes.isEmpty,
            course.matrix.nodes.allSatisfy({ unlocked.contains($0.id) })
        {
            session.sayWrapped(
                painter.paint("COURSE COMPLETE", .green, .bold) + ": every Matrix node is unlocked. `progress` shows "
                    + "your scores; `quiz N` retakes any System Check.")
        }
        if let lesson = session.currentLesson {
            let page = session.currentPage + 1
            session.sayWrapped(
                """
                    You were reading lesson \(lesson.number) “\(lesson.title)”, \
                    page \(page)/\(lesson.pages.count). Type `open` to continue.
                    """
            )
        } else if let first = course.lessons.first {
            session.sayWrapped("Start with lesson \(first.number) “\(first.title)”: type `open \(first.number)`.")
        }
        for notice in (try? session.changedQuizNotices()) ?? [] {
            session.sayWrapped(notice)
        }
        if let due = try? ReviewFlow(session: session).dueCount(), due > 0 {
            let questions = due == 1 ? "1 question you missed is" : "\(due) questions you missed are"
            session.sayWrapped("\(questions) due for review: type `review`.")
        }
        if session.courseFindings > 0 {
            session.sayWrapped("\(session.courseFindings) problem(s) in the course files: run `archlab lint`.")
        }
        session.sayWrapped("Type \"help\" for commands.")
    }
}
