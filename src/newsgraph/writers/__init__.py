"""Writers: consume Article records (`write(record)`, then `close()`).

gkg.GKGWriter writes GDELT GKG 2.1 rows (docs/gkg.md).
"""
