"""The children's allocation records."""

from thrive.children.models.allocations import Allocation

__all__ = ["Allocation"]
