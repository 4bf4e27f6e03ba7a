"""Evidence behind the verdicts: intervals, policy rules, events and before/after comparisons,
and the annual investment review."""
