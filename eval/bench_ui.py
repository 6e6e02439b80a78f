"""Benchmark the chat page: page-ready time after `rag serve` (existing index) and time to the
first answer token in a real headless Chromium, extractive backend.

    python eval/bench_ui.py [--runs 5]

Goals (2 cores): page ready < 10 s; first token in the browser < 1 s. Needs an ingested index
(`rag ingest`) and Debian's chromium.
"""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

QUESTION = "which papers use GRPO for vision?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_ready(port: int, log: Path) -> tuple[subprocess.Popen, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--port", str(port)],
                            stdout=log.open("w"), stderr=subprocess.STDOUT)
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return proc, time.perf_counter() - t0
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(log.read_text()[-2000:])
            time.sleep(0.05)


def first_token_ms(url: str, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        for _ in range(runs):
            page = browser.new_page()
            page.goto(url)
            box = page.get_by_label("Question")
            box.fill(QUESTION)
            start = page.evaluate("performance.now()")
            box.press("Enter")
            page.wait_for_function("[...document.querySelectorAll('[data-testid=\"bot\"]')]"
                                   ".some(e => e.textContent.trim().length > 0)", timeout=60_000)
            times.append(page.evaluate("performance.now()") - start)
            page.close()
        browser.close()
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    port = free_port()
    log = Path(tempfile.mkdtemp()) / "serve.log"
    proc, ready_s = page_ready(port, log)
    try:
        times = first_token_ms(f"http://127.0.0.1:{port}/", args.runs)
    finally:
        proc.terminate()
    print(json.dumps({"page_ready_s": round(ready_s, 2), "first_token_ms_p50": round(statistics.median(times), 1),
                      "first_token_ms_max": round(max(times), 1), "runs": len(times)}, indent=2))


if __name__ == "__main__":
    main()
