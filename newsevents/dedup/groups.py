"""Groups of items linked in pairs (single link)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence


def connected_components(size: int, edges: Sequence[tuple[int, int]]) -> list[Hashable]:
    """Component id (its smallest member) of each node."""
    parent = list(range(size))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [root(node) for node in range(size)]
