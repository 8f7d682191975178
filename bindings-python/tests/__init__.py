"""Tests of the oske Python package (run by scripts/test-python.sh)."""
