"""The asyncio twin of step03-tasks/tests/beyond_async_test.rs's unit tests.

pytest-asyncio's `@pytest.mark.asyncio` is the usual way; the standard
library's `unittest.IsolatedAsyncioTestCase` does the same job without a
dependency, so this file runs with plain `python3`.
"""

import asyncio
import sys
import unittest


# ANCHOR: unit
async def shout(words: list[str]) -> list[str]:
    result = []
    for word in words:
        await asyncio.sleep(0.001)
        result.append(word.upper())
    return result


class ShoutTests(unittest.IsolatedAsyncioTestCase):
    # Each test coroutine runs on a fresh event loop, like #[async_std::test].
    async def test_shout_upper_cases_every_word_in_order(self) -> None:
        self.assertEqual(await shout(["a", "bc"]), ["A", "BC"])

    async def test_a_bounded_queue_never_holds_more_than_its_capacity(self) -> None:
        queue: asyncio.Queue[int | None] = asyncio.Queue(maxsize=2)

        async def producer() -> int:
            peak = 0
            for item in range(20):
                await queue.put(item)
                peak = max(peak, queue.qsize())
            await queue.put(None)  # no more items
            return peak

        producing = asyncio.create_task(producer())
        received = []
        while (item := await queue.get()) is not None:
            received.append(item)
        self.assertEqual(received, list(range(20)))
        self.assertLessEqual(await producing, 2)
# ANCHOR_END: unit


class NamesResult(unittest.TextTestResult):
    """Prints `test NAME ... ok` on stdout, like `cargo test` does."""

    def addSuccess(self, test: unittest.TestCase) -> None:
        super().addSuccess(test)
        print(f"test {test._testMethodName} ... ok")


if __name__ == "__main__":
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(ShoutTests)
    runner = unittest.TextTestRunner(stream=sys.stderr, resultclass=NamesResult, verbosity=0)
    outcome = runner.run(suite)
    print(f"test result: {outcome.testsRun} tests run, ok={outcome.wasSuccessful()}")
    sys.exit(0 if outcome.wasSuccessful() else 1)
