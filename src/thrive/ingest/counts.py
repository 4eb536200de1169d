"""Counting what an import did: records added, updated, left unchanged, and rows rejected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected += other.rejected
        return self
