/// `review`: the spaced re-asking of the questions missed in System Checks.
enum ReviewCommands {
    static var all: [ReplCommand] { [review] }

    static var review: ReplCommand {
        ReplCommand(
            name: "review", usage: "review", summary: "Answer again the System Check questions you missed",
            help: """
                Asks again the questions you missed in System Checks that are due: a missed question comes back a day \
                after the miss; answered right it comes back after 3, 7, 14, 30 and 60 days, answered wrong after \
                one day again. The right answer and its explanation follow each answer. Review answers are recorded \
                but never change a score or unlock a node. With nothing due, says when the next review is.
                """
        ) { session, _ in
            try ReviewFlow(session: session).run()
        }
    }
}
