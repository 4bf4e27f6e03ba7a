"""Read-only figures for central staff: fleet status, the effectiveness scorecard, demand."""
