"""The chat page: a real `rag serve`, a real Gradio client, and a real headless Chromium."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from rag.corpus import title_key

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def page_url(shipped_index):
    port = free_port()
    env = {**os.environ, "RAG_INDEX__PATH": str(shipped_index), "GRADIO_ANALYTICS_ENABLED": "False"}
    proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url, timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("rag serve did not come up: " + proc.stdout.read()[-2000:])
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_serve_refuses_open_address_without_login(shipped_index):
    env = {**os.environ, "RAG_INDEX__PATH": str(shipped_index)}
    env.pop("RAG_UI_USER", None)
    env.pop("RAG_UI_PASSWORD", None)
    proc = subprocess.run([sys.executable, "-m", "rag.cli", "serve", "--host", "0.0.0.0", "--port", str(free_port())],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "RAG_UI_PASSWORD" in proc.stderr and "Traceback" not in proc.stderr


def _ask(url, question):
    os.environ["HF_HUB_OFFLINE"] = "1"
    from gradio_client import Client

    client = Client(url, verbose=False)
    return client.predict(question, [], "extractive", 10, None, None, api_name="/respond")


def test_client_gets_cited_answer_and_error_keeps_question(page_url, dev_questions):
    history, cards, box = _ask(page_url, "which papers use GRPO for vision?")
    gold = dev_questions["A01"]["relevant_titles"]
    assert sum(html_title in cards for html_title in gold) >= 3
    assert 'href="#src-1"' in str(history[-1])
    history, _, box = _ask(page_url, "")
    assert "empty" in str(history[-1]) and "Traceback" not in str(history)


def test_browser_asks_and_sees_source_cards(page_url, dev_questions):
    assert Path(CHROMIUM).exists(), "Chromium is required for the browser tests (apt-get install chromium)"
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        page = browser.new_page()
        page.goto(page_url)
        box = page.get_by_label("Question")
        box.fill("which papers use GRPO for vision?")
        box.press("Enter")
        page.wait_for_selector("#src-3", timeout=60_000)
        titles = [t.split("] ", 1)[1] for t in page.locator(".card b").all_inner_texts()]
        gold = {title_key(t) for t in dev_questions["A01"]["relevant_titles"]}
        assert sum(title_key(t) in gold for t in titles) >= 3
        page.locator('a[href="#src-1"]').first.click()
        assert page.locator("#src-1").is_visible()
        page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)
        browser.close()
