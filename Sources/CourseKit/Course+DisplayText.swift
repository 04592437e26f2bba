extension Course {
    /// The course with every piece of text shown to a learner passed through `clean`: titles, the ticker, the
    /// description and quote, lesson pages, quiz prompts, hints, explanations, options, feedback and items, the
    /// glossary, the FAQ and Matrix node titles. Ids, answers and patterns used for grading are left as they are.
    /// The REPL passes the terminal's sanitiser, so nothing in course files can drive the learner's terminal.
    public func mappingDisplayText(_ clean: (String) -> String) -> Course {
        var course = self
        course.title = clean(title)
        course.subtitle = subtitle.map(clean)
        course.ticker = clean(ticker)
        course.description = description.map(clean)
        course.quote = quote.map(clean)
        course.lessons = lessons.map { lesson in
            var lesson = lesson
            lesson.title = clean(lesson.title)
            lesson.summary = lesson.summary.map(clean)
            lesson.objectives = lesson.objectives.map(clean)
            lesson.pages = lesson.pages.map { page in
                var page = page
                page.title = clean(page.title)
                page.markdown = clean(page.markdown)
                return page
            }
            return lesson
        }
        course.quizzes = quizzes.map { $0.mappingDisplayText(clean) }
        course.glossary = glossary.map { entry in
            var entry = entry
            entry.term = clean(entry.term)
            entry.definition = clean(entry.definition)
            entry.snippet = entry.snippet.map(clean)
            entry.swift = entry.swift.map(clean)
            return entry
        }
        course.faq = faq.map { entry in
            var entry = entry
            entry.question = clean(entry.question)
            entry.answer = clean(entry.answer)
            return entry
        }
        course.matrix.nodes = matrix.nodes.map { node in
            var node = node
            node.title = clean(node.title)
            node.summary = node.summary.map(clean)
            return node
        }
        course.labQuestions = labQuestions.map { lab in
            var lab = lab
            lab.question = clean(lab.question)
            return lab
        }
        return course
    }
}

extension Quiz {
    /// The quiz with its title and every question's shown text passed through `clean` (see
    /// ``Course/mappingDisplayText(_:)``); its content hash stays that of the file.
    public func mappingDisplayText(_ clean: (String) -> String) -> Quiz {
        var quiz = self
        quiz.title = clean(title)
        quiz.questions = questions.map { question in
            var question = question
            question.prompt = clean(question.prompt)
            question.hints = question.hints.map(clean)
            question.explanation = clean(question.explanation)
            question.options = question.options.map { option in
                var option = option
                option.text = clean(option.text)
                option.feedback = option.feedback.map(clean)
                return option
            }
            question.items = question.items.map { item in
                var item = item
                item.text = clean(item.text)
                return item
            }
            return question
        }
        return quiz
    }
}
