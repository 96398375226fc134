"""Reports: pure functions from the store to plain report values, and their renderers."""
