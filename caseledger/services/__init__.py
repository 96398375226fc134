"""Use cases: each takes the session first, asks the domain whether a step is allowed, and writes
the step's rows and its event. None of them commits: the command's transaction does."""
