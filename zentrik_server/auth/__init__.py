"""API keys: generated once, stored as a SHA-256 hash, resolved per request through a cache."""
