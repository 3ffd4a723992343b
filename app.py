"""Serve the platform: `python app.py` (eventlet by default; SOCKETIO_ASYNC_MODE=gevent also works).

Monkey-patching must happen before anything else is imported, so that sockets, locks and
the PostgreSQL driver cooperate with green threads.
"""

import os
import warnings

ASYNC_MODE = os.environ.get("SOCKETIO_ASYNC_MODE", "eventlet")
# eventlet announces its maintenance mode on import; the choice is deliberate (docs/architecture.md).
warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")

if ASYNC_MODE == "eventlet" and __name__ == "__main__":
    import eventlet

    eventlet.monkey_patch()
elif ASYNC_MODE == "gevent" and __name__ == "__main__":
    from gevent import monkey

    monkey.patch_all()
    from psycogreen.gevent import patch_psycopg  # type: ignore[import-not-found]

    patch_psycopg()

from hackathon import create_app  # noqa: E402
from hackathon.heap import freeze_startup_objects  # noqa: E402
from hackathon.serving import serve  # noqa: E402

app = create_app()


def main() -> None:
    """Run the server on HOST:PORT."""
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    app.logger.info("Serving on http://%s:%s with %s", host, port, ASYNC_MODE)
    freeze_startup_objects()  # what start-up built lives as long as the process: keep the collector off it
    serve(app, host, port, ASYNC_MODE)


if __name__ == "__main__":
    main()
