"""Learning from triage, server side: decisions recorded, a model per workspace trained."""
