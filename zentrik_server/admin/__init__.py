"""Operator API: API keys and server info, behind the admin token kept in the data dir."""
