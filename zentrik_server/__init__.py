"""A Zentrik-compatible implementation of the Zentrik External REST API.

Runs embedded in the workbench (SQLite, one process, a worker thread) or standalone
(`python -m zentrik_server ...`) with several API and worker processes on PostgreSQL.
"""

__version__ = "0.1.0"
