#!/usr/bin/env python3
"""Write a valid storyroute/1 story of N stops on one line, for measuring big stories.

Usage: make_big_story.py N OUT.geojson

The stops run east along the 45th parallel from 10° W, 0.005° apart (about 390 m), or closer
for very big stories so that the line stays east of 10° W and west of 170° E; each leg
drawn with three points; every place has a UTC offset and every leg an official rail
distance (so the file loads with no warnings). The story is made up: its title says so.
"""
import json
import sys


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    count = int(sys.argv[1])
    out = sys.argv[2]
    if count < 2:
        print("N must be at least 2", file=sys.stderr)
        return 2
    # 0.005° apart, closer where that would run past 170° E (100,000 stops: 0.00179°).
    step = min(0.005, 180.0 / count)
    places = []
    legs = []
    for i in range(count):
        lon = round(-10.0 + i * step, 6)
        role = "origin" if i == 0 else "destination" if i == count - 1 else "stop"
        places.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, 45.0]},
            "properties": {
                "id": f"s{i}",
                "name": f"Stop {i}",
                "role": role,
                "utc_offset": "+00:00",
                "coordinate_source": "generated",
            },
        })
        if i > 0:
            start = round(lon - step, 6)
            legs.append({
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[start, 45.0], [round(start + step / 2, 6), 45.0005], [lon, 45.0]],
                },
                "properties": {
                    "from": f"s{i - 1}",
                    "to": f"s{i}",
                    "rail_distance_km": 0.4,
                    "rail_distance_source": "generated",
                },
            })
    story = {
        "type": "FeatureCollection",
        "story": {
            "format": "storyroute/1",
            "title": f"A generated line of {count} stops (for measuring)",
            "article": [],
            "default_speed": {"value": 60, "unit": "km/h", "source": "generated"},
            "departure": {"time": "2024-01-01T08:00:00+00:00", "assumed": True},
        },
        "features": places + legs,
    }
    with open(out, "w", encoding="utf-8") as file:
        json.dump(story, file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
