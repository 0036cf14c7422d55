"""Distances on the earth's surface, for "near me" and recommendations."""

import math

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1, lng1, lat2, lng2) -> float | None:
    """Great-circle (haversine) distance; None if either point is unknown."""
    if None in (lat1, lng1, lat2, lng2):
        return None
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lng2) - float(lng1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def point_in_polygon(lat, lng, polygon) -> bool:
    """Whether (lat, lng) lies inside `polygon`, a list of [lat, lng] vertices (closed or
    not). A point on an edge or a vertex counts as inside. Planar ray casting: right for
    a community-sized area, where the earth's curvature does not matter."""
    if None in (lat, lng) or len(polygon) < 3:
        return False
    y, x = float(lat), float(lng)
    vertices = [(float(a), float(b)) for a, b in polygon]
    inside = False
    for (y1, x1), (y2, x2) in zip(vertices, vertices[1:] + vertices[:1], strict=True):
        if _on_segment(y, x, y1, x1, y2, x2):
            return True
        if (y1 > y) != (y2 > y):
            crossing_x = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < crossing_x:
                inside = not inside
    return inside


def _on_segment(y, x, y1, x1, y2, x2, eps: float = 1e-12) -> bool:
    cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1)
    if abs(cross) > eps:
        return False
    return (
        min(x1, x2) - eps <= x <= max(x1, x2) + eps and min(y1, y2) - eps <= y <= max(y1, y2) + eps
    )
