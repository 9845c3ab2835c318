"""The database-backed job queue, its workers, and the work they do (processing signals)."""
