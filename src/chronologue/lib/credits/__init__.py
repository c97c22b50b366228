"""Picture captions, credits and licences (SPDX)."""
