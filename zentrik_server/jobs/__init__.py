"""The database-backed job queue and its workers. It knows no resource: a job is a task name
plus JSON arguments, and the registry (`registry.py`) maps names to the functions that do the
work, which live with their resource (e.g. `signals/tasks.py`)."""
