"""gunicorn settings, read from ./gunicorn.conf.py whenever gunicorn starts in this folder.

Command-line options (--workers, --bind) take precedence; so does WEB_CONCURRENCY.

Prometheus metrics with several workers: set PROMETHEUS_MULTIPROC_DIR to an empty folder the
workers may write (emptied at each start, e.g. a tmpfs) before gunicorn starts.
"""

import gc
import multiprocessing
import os

workers = 2 * multiprocessing.cpu_count() + 1  # pages are CPU-bound with short database waits
worker_class = "sync"


def post_worker_init(worker):
    # Django, Wagtail and every loaded module live as long as the worker: move them out of the
    # garbage collector's reach so its full collections stop scanning them in mid-request
    # (fewer long pauses in the slowest requests).
    gc.freeze()


def child_exit(server, worker):
    # With PROMETHEUS_MULTIPROC_DIR set, each worker keeps its metrics in files there; a dead
    # worker's live gauges must stop counting (its counters stay in the totals).
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
