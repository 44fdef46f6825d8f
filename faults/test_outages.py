"""PostgreSQL, Redis and the mail server each stopped (or refusing) for a while under a steady
write load, then started again (faults.scenario): nothing acknowledged is lost, the site answers
with its own pages meanwhile and comes back by itself, and every email arrives once."""

from collections import Counter

import pytest

from faults.report import acknowledged_writes

pytestmark = pytest.mark.faults


def _fault(run, name):
    return next(fault for fault in run.faults if fault.name == name)


def _during(run, name):
    """What was answered while the service was stopped."""
    fault = _fault(run, name)
    return [o for o in run.outcomes if fault.stopped_at <= o.at <= fault.back_at]


def test_it_loses_no_acknowledged_write(outage_run):
    acknowledged = acknowledged_writes(outage_run.outcomes)
    lost = [o.marker for o in acknowledged if o.marker not in outage_run.found_markers]
    assert acknowledged and lost == []


@pytest.mark.parametrize("name", ["Redis", "PostgreSQL"])
def test_every_answer_until_recovery_is_the_sites_own(outage_run, name):
    window = _fault(outage_run, name).window(outage_run.outcomes)
    foreign = [(o.kind, o.path, o.status, o.error) for o in window if not o.own]
    assert window and foreign == []


def test_members_keep_writing_while_redis_is_down(outage_run):
    writes = [o for o in _during(outage_run, "Redis") if o.write]
    assert writes and all(o.acknowledged for o in writes)


def test_no_member_is_signed_out_by_an_outage(outage_run):
    assert [o for o in outage_run.outcomes if o.signed_out] == []


def test_a_post_refused_while_postgresql_is_down_gives_back_the_text(outage_run):
    refused = [
        o for o in _during(outage_run, "PostgreSQL") if o.kind.startswith("web") and o.status == 503
    ]
    assert refused and all(o.gave_back for o in refused)


def test_the_api_answers_json_while_postgresql_is_down(outage_run):
    refused = [
        o for o in _during(outage_run, "PostgreSQL") if o.kind.startswith("api") and o.status == 503
    ]
    assert refused and all(o.own for o in refused)


def test_visitors_get_the_cached_home_page_while_postgresql_is_down(outage_run):
    home = [o for o in _during(outage_run, "PostgreSQL") if o.kind == "read" and o.path == "/"]
    assert home and all(o.status == 200 and o.cache_hit for o in home)


def test_healthz_answers_throughout_and_readyz_reports_each_outage(outage_run):
    assert all(o.status == 200 for o in outage_run.outcomes if o.kind == "healthz")
    for name in ("Redis", "PostgreSQL"):
        readyz = [o.status for o in _during(outage_run, name) if o.kind == "readyz"]
        assert 503 in readyz


@pytest.mark.parametrize("name", ["Redis", "PostgreSQL"])
def test_the_site_recovers_without_a_restart(outage_run, name):
    fault = _fault(outage_run, name)
    assert fault.write_recovery is not None and fault.ready_recovery is not None
    assert outage_run.web_alive_after


def test_the_task_worker_is_alive_and_has_done_its_work_afterwards(outage_run):
    assert outage_run.worker_alive_after and outage_run.queue_drained


@pytest.mark.parametrize("name", ["Mail server refusing (451)", "Mail server"])
def test_mail_flows_again_by_itself_after_the_mail_server_fails(outage_run, name):
    fault = _fault(outage_run, name)
    assert fault.mail_recovery is not None and fault.write_recovery is not None


def test_every_email_arrives_and_a_duplicate_only_from_the_database_window(outage_run):
    """Emails flowed through all four faults (each comment on the shared update mails its
    author at once). Every email the outbox marked sent reached the mail server, nothing
    arrived that the outbox does not know, and a Message-ID arrives twice only when its first
    delivery fell while PostgreSQL was down (accepted by the mail server, not yet recorded)."""
    received = outage_run.mail_received()
    sent = outage_run.mail_recorded_sent
    assert outage_run.mail_drained and len(sent) >= 10
    assert outage_run.stack.smtp.refused, "the mail server never refused: the fault did not bite"
    assert {message_id for _, message_id in received} == set(sent)
    postgres = _fault(outage_run, "PostgreSQL")
    first: dict[str, float] = {}
    for at, message_id in received:
        first.setdefault(message_id, at)
    twice = [message_id for message_id, n in Counter(m for _, m in received).items() if n > 1]
    outside = [m for m in twice if not postgres.stopped_at <= first[m] <= postgres.recovered_at]
    assert outside == []
