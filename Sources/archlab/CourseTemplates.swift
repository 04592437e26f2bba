/// The files `archlab new` writes: a small course that lints clean, and the lesson, System Check and Matrix node
/// a new lesson or quiz needs. Every TOML field carries a comment saying what it does.
enum CourseTemplates {
    static let manifest = """
        # Lessons/course.toml: the course manifest. `archlab lint` checks every field named here.
        title = "My First ArchLab Course"          # shown on the start screen
        subtitle = "A scaffold to edit"            # optional, after the title
        ticker = "LEARN /// PRACTISE /// UNLOCK"   # the line above the title
        description = "What the course teaches, in a sentence or two."  # optional
        quote = "A line to remember."              # optional

        # The lesson files of Lessons/, in course order. `archlab new lesson ID` adds one here.
        lessons = [
            "01-first-steps.md",
        ]

        # The Architect Matrix: one [[node]] table per node.
        #   id        a kebab-case id; a quiz's `unlocks` and a lesson's `node` name it
        #   title     what the Matrix shows
        #   requires  the node ids that must be unlocked first ([] for a root)
        #   at        [column, row] on the Matrix grid; no two nodes share a place
        #   lab       optional: a scenario id (`archlab run --list`) the learner must have run
        #   summary   optional: one line shown with the node
        # A node unlocks when every node it requires is unlocked, every quiz whose `unlocks` names it is passed and
        # its lab has been run. A node with no quiz and no lab (a milestone) unlocks with its requirements.

        [[node]]
        id = "first-steps"
        title = "First Steps"
        requires = []
        at = [0, 0]
        summary = "Unlocked by passing the System Check of lesson 1"

        [[node]]
        id = "graduate"
        title = "Graduate"
        requires = ["first-steps"]
        at = [1, 0]
        summary = "A milestone: unlocked as soon as First Steps is"

        """

    static func lesson(id: String, title: String, step: Int, node: String, quiz: String) -> String {
        """
        +++
        # TOML front matter. Every field below is checked by `archlab lint`.
        id = "\(id)"               # the lesson id (`open \(id)` in the REPL)
        title = "\(title)"
        step = \(step)                           # the server.swift step it builds, 1 to 8 (shown in the prompt)
        node = "\(node)"             # the Matrix node this lesson teaches; equals its quiz's `unlocks`
        quiz = "\(quiz)"             # the id of the lesson's System Check (Quizzes/)
        minutes = 10                       # the reading time shown in `lessons`
        summary = "One line about the lesson"  # optional: shown under the title in `lessons`
        objectives = ["say what the learner can do after it"]  # "By the end of this lesson you can …"
        # scenario = "baseline"            # optional: the scenario `run` starts (`archlab run --list`)
        +++
        ## The idea

        Every `## ` heading starts one page of the REPL. Write Markdown: **bold**, `code`, lists and fenced code.

        - `archlab preview \(id)` shows these pages exactly as a learner sees them.
        - `archlab lint --watch` re-checks the course each time you save.

        ## The code

        A code block is highlighted in the REPL; `{{#include ../Sources/File.swift:anchor}}` on a line of its own
        includes the lines between `// ANCHOR: anchor` and `// ANCHOR_END: anchor` of a real source file.

        ```swift
        let greeting = "Hello, ArchLab"
        print(greeting)
        ```

        ## Recap

        End with what the learner did and the commands to do it again.

        """
    }

    static let firstQuiz = """
        # Quizzes/01-first-steps.toml: one System Check, the quiz at the end of a lesson.
        id = "first-steps"                   # the quiz id; the lesson's `quiz` names it
        title = "System Check: First Steps"  # shown when the check starts
        unlocks = "first-steps"              # the Matrix node unlocked on the first pass
        pass = 0.75                          # the share of the points needed to pass (0 < pass <= 1)

        # One [[question]] table per question, asked in this order. Every question has
        #   id           unique within the quiz; answers files use it
        #   kind         single | multiple | short | numeric | order
        #   points       optional, default 1
        #   prompt       Markdown shown to the learner
        #   hints        shown one at a time when the learner types `hint`
        #   explanation  shown after the answer, right or wrong

        [[question]]
        id = "one-answer"
        kind = "single"                      # exactly one option is correct
        prompt = "Which command checks every course file?"
        hints = ["It is the command CI runs on the course."]
        explanation = "`archlab lint` checks syntax, references, the Matrix and every answer key."
          [[question.option]]
          key = "a"                          # the key answers files use; the REPL shows shuffled labels instead
          text = "`archlab lint`"
          correct = true
          [[question.option]]
          key = "b"
          text = "`archlab grade`"
          feedback = "`grade` grades answers files; it does not check the course."  # shown when picked
          [[question.option]]
          key = "c"
          text = "`archlab preview`"
          feedback = "`preview` shows pages; it reports no problems."

        [[question]]
        id = "several-answers"
        kind = "multiple"                    # one or more options are correct
        partial = true                       # optional: (right chosen - wrong chosen) / right, else all or nothing
        prompt = "Which files make up a course?"
        hints = ["Look at the folders `archlab new course` wrote."]
        explanation = "A course is Lessons/ (the manifest, lessons, glossary and FAQ) and Quizzes/."
          [[question.option]]
          key = "a"
          text = "`Lessons/course.toml`"
          correct = true
          [[question.option]]
          key = "b"
          text = "`Quizzes/01-first-steps.toml`"
          correct = true
          [[question.option]]
          key = "c"
          text = "`progress.sqlite`"
          feedback = "That is the learners' progress, not the course."

        [[question]]
        id = "short-answer"
        kind = "short"                       # a word or phrase
        prompt = "Which REPL command shows the next page? (one word)"
        hints = ["The opposite of `back`."]
        explanation = "`next` shows the next page; `back` the previous one."
        accept = ["next", "n"]               # accepted answers, compared trimmed and case-folded
        # accept_regex = ["^next$"]          # optional: regular expressions matched against the whole answer
        # case_sensitive = false             # optional, default false
        # example = "next"                   # required when only accept_regex is given

        [[question]]
        id = "a-number"
        kind = "numeric"                     # a number, optionally followed by its unit
        prompt = "How many pages does lesson 1 have?"
        hints = ["Count the `## ` headings."]
        explanation = "Lesson 1 has two `## ` headings, so two pages."
        answer = 2
        tolerance = 0                        # optional: accepted distance from `answer`, default 0
        unit = "pages"                       # optional: the unit a learner may type after the number

        [[question]]
        id = "in-order"
        kind = "order"                       # the learner puts the items in order
        prompt = "Put the authoring steps in order."
        hints = ["You cannot check what you have not written."]
        explanation = "Write the course, check it, then grade what learners submit."
          [[question.item]]                  # items are listed in the right order; the REPL shuffles them
          key = "a"
          text = "`archlab new course`"
          [[question.item]]
          key = "b"
          text = "`archlab lint`"
          [[question.item]]
          key = "c"
          text = "`archlab grade`"

        """

    static func quiz(id: String, title: String, unlocks: String) -> String {
        """
        # A System Check: `pass` is the share of the points needed; `unlocks` the Matrix node a pass unlocks.
        id = "\(id)"
        title = "System Check: \(title)"
        unlocks = "\(unlocks)"
        pass = 1.0

        # One [[question]] table per question; kinds: single, multiple, short, numeric, order
        # (see Quizzes/01-first-steps.toml of a course made by `archlab new course` for one of each).
        [[question]]
        id = "first-question"
        kind = "single"
        prompt = "Replace this question with your own."
        hints = ["A hint, shown when the learner types `hint`."]
        explanation = "Why the right answer is right."
          [[question.option]]
          key = "a"
          text = "The right answer"
          correct = true
          [[question.option]]
          key = "b"
          text = "A plausible wrong answer"
          feedback = "Why this one is wrong."

        """
    }

    static func node(id: String, title: String, requires: [String], column: Int, row: Int) -> String {
        let list = requires.map { "\"\($0)\"" }.joined(separator: ", ")
        return """

            [[node]]
            id = "\(id)"
            title = "\(title)"
            requires = [\(list)]
            at = [\(column), \(row)]

            """
    }

    static let glossary = """
        # Lessons/glossary.toml: one [[term]] table per term (`glossary TERM` in the REPL).
        #   term, definition   required
        #   snippet, swift     optional code shown with the term
        #   lesson             optional: the id of the lesson that teaches it
        #   see_also           optional: other terms of this glossary

        [[term]]
        term = "System Check"
        definition = "The quiz at the end of a lesson; passing it unlocks the lesson's node of the Architect Matrix."
        lesson = "first-steps"
        see_also = ["Architect Matrix"]

        [[term]]
        term = "Architect Matrix"
        definition = "The grid of skills a learner unlocks by passing System Checks and running labs."
        lesson = "first-steps"

        """

    static let faq = """
        # Lessons/faq.toml: one [[entry]] table per question (`faq N` in the REPL).
        #   question, answer   required (answer is Markdown)
        #   lesson             optional: the id of the lesson it belongs to

        [[entry]]
        question = "How do I unlock the next node?"
        answer = "Pass the System Check at the end of the lesson: type `quiz` after its last page."
        lesson = "first-steps"

        """
}
