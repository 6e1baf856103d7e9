from concurrent.futures import ThreadPoolExecutor

from django.core.cache import cache

from handoff.domain.accounts import throttle


def test_parallel_failures_are_all_counted() -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: throttle.record_failure("victim@example.test", "10.0.0.1"), range(200)))
    assert throttle._read(throttle._key("account", "victim@example.test")).failures == 200
    assert throttle._read(throttle._key("address", "10.0.0.1")).failures == 200


def test_success_clears_the_account_but_not_the_address() -> None:
    throttle.record_failure("someone@example.test", "10.0.0.2")
    throttle.record_success("someone@example.test")
    assert throttle._read(throttle._key("account", "someone@example.test")).failures == 0
    assert throttle._read(throttle._key("address", "10.0.0.2")).failures == 1
    assert cache.get(throttle._key("account", "someone@example.test") + ":t") is None
