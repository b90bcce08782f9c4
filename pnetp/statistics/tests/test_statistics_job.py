"""The statistics recompute as a job of the queue: a page view over changed data queues one recompute (run
here by the immediate backend, by ``pnetp worker`` in production), which stores the new release and frees
the lock for the next change. All persons are fictitious."""

from pnetp.statistics import published, store

from .test_statistics_store import data, grand_total  # noqa: F401


def test_a_stale_page_view_queues_one_recompute_job(data, monkeypatch, django_capture_on_commit_callbacks):  # noqa: F811
    store.publish()
    data.victim(uf=None, year=2024)
    monkeypatch.setattr(store, "can_run_in_background", lambda: True)
    with django_capture_on_commit_callbacks() as queued:
        served = published.current_release()
        again = published.current_release()
    assert served.stale and again.stale and store.store.is_locked(store.NAME)
    assert len(queued) == 1  # one recompute queued, however many page views
    queued[0]()  # the transaction commits: the job is sent (and, on the immediate backend, runs)
    assert not store.store.is_locked(store.NAME)
    fresh = published.current_release()
    assert not fresh.stale and grand_total(fresh) == 50
