"""Grading that learner code cannot touch: hidden tests judged in the grader's process.

Only the grading machinery imports this package (nbgrader's autograde pipeline, through
`TrustedExecute`); the learner's kernel never needs it. `wire` is the one module whose source
also travels to the kernel, as text, to encode answers.
"""
