#!/usr/bin/env python3
"""Writes N answers files for the course's quizzes (seeded, so every run writes the same files).

Each learner answers every question of every quiz; about 70% of answers are right, the rest are a
wrong option, a partial list, a shuffled order, an off number or a wrong word, and some are left out.

usage: generate-answers.py COURSE_DIR OUT_DIR [COUNT]
"""
import os
import random
import sys
import tomllib


def right(question):
    kind = question["kind"]
    options = question.get("option", [])
    if kind == "single":
        return next(o["key"] for o in options if o.get("correct"))
    if kind == "multiple":
        return [o["key"] for o in options if o.get("correct")]
    if kind == "short":
        return (question.get("accept") or [question.get("example", "")])[0]
    if kind == "numeric":
        unit = question.get("unit")
        return f"{question['answer']} {unit}" if unit else question["answer"]
    return [item["key"] for item in question["item"]]


def wrong(question, rng):
    kind = question["kind"]
    options = question.get("option", [])
    if kind == "single":
        return rng.choice([o["key"] for o in options if not o.get("correct")] or ["zz"])
    if kind == "multiple":
        keys = [o["key"] for o in options]
        return rng.sample(keys, rng.randint(1, len(keys)))
    if kind == "short":
        return "something else"
    if kind == "numeric":
        return question["answer"] + 1 + abs(question.get("tolerance", 0)) * 2
    keys = [item["key"] for item in question["item"]]
    rng.shuffle(keys)
    return keys


def literal(value):
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    return repr(value)


def main():
    course, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    quizzes_dir = os.path.join(course, "Quizzes")
    quizzes = []
    for name in sorted(os.listdir(quizzes_dir)):
        if name.endswith(".toml"):
            with open(os.path.join(quizzes_dir, name), "rb") as handle:
                quizzes.append(tomllib.load(handle))
    os.makedirs(out, exist_ok=True)
    rng = random.Random(2026)
    for index in range(count):
        lines = [f'learner = "learner-{index:05d}"']
        for quiz in quizzes:
            lines += ["", f"[quiz.{quiz['id']}]"]
            for question in quiz["question"]:
                roll = rng.random()
                if roll < 0.05:
                    continue
                value = right(question) if roll < 0.75 else wrong(question, rng)
                lines.append(f"{question['id']} = {literal(value)}")
        with open(os.path.join(out, f"learner-{index:05d}.toml"), "w") as handle:
            handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
