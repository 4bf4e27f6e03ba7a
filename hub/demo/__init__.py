"""`python -m hub demo`: a realistic fleet, 90 days of usage and staff accounts to look at."""
