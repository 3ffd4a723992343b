"""The garbage collector and what the app builds at start-up."""

from __future__ import annotations

import gc


def freeze_startup_objects() -> None:
    """Collect once, then move every object alive now out of the collector's reach (`gc.freeze`).

    Modules, the ORM's mappers, the routing map and the catalogues (about 175,000 objects) live as long as the
    process. Unfrozen, every full collection walks all of them — tens of milliseconds on this kind of machine —
    and a page that reads a few thousand rows sets one off every few requests: that was most of the distance
    between the list pages' p50 and p95. Frozen, a full collection walks only what requests made since.
    Call it once, when the app is built and before serving.
    """
    gc.collect()
    gc.freeze()
