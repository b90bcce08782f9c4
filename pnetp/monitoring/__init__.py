"""Monitoring of the plan: responsibilities, indicators, cycles, progress reports and their review."""
