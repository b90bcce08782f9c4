"""The network of the plan: the public directory of units (and, as they arrive, committees, channels,
training, materials and international cooperation)."""

from .directory import Unit, UnitKind, UnitMember, UnitService

__all__ = ["Unit", "UnitKind", "UnitMember", "UnitService"]
