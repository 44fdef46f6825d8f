"""`manage.py worker`: run queued tasks, surviving database outages (alongside/core/worker.py).

Takes db_worker's options (queues, interval, batch, max tasks, worker id); use it instead of
db_worker, under a supervisor that restarts it if it dies all the same (README, docs/deploy).
"""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from alongside.core.worker import HOUSEKEEPING_SECONDS, ResilientWorker


class Command(DbWorkerCommand):
    help = "Run queued tasks; survive database outages, recover stale tasks, send due email"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False)
        parser.add_argument(
            "--housekeeping",
            type=float,
            default=HOUSEKEEPING_SECONDS,
            help="Seconds between sweeps for stale tasks and due emails (default: %(default)s)",
        )

    def handle(self, *, verbosity: int, housekeeping: float, **options) -> None:
        self.configure_logging(verbosity)
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        worker = ResilientWorker(
            housekeeping=housekeeping,
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        worker.run()
