"""Great-circle distance, for the gazetteer, the ranker and the evaluation."""

from __future__ import annotations

import numpy as np

__all__ = ["haversine", "haversine_km"]


def haversine(lat1, lon1, lat2, lon2):
    """Kilometres between points in degrees; numpy arrays broadcast."""
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return float(haversine(lat1, lon1, lat2, lon2))
