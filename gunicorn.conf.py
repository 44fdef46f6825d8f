"""gunicorn settings, read from ./gunicorn.conf.py whenever gunicorn starts in this folder.

Command-line options (--workers, --bind) take precedence; so does WEB_CONCURRENCY.
"""

import gc
import multiprocessing

workers = 2 * multiprocessing.cpu_count() + 1  # pages are CPU-bound with short database waits
worker_class = "sync"


def post_worker_init(worker):
    # Django, Wagtail and every loaded module live as long as the worker: move them out of the
    # garbage collector's reach so its full collections stop scanning them in mid-request
    # (fewer long pauses in the slowest requests).
    gc.freeze()
