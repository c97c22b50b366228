"""The hostile-input suite (issue 18) and the command line's usage defects (issue 17)."""
