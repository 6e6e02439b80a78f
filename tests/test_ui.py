"""The chat page: a real `rag serve`, real Gradio clients, and a real headless Chromium."""
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from rag.corpus import title_key
from tests.conftest import free_port, start_server, wait_http

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
GRPO = "which papers use GRPO for vision?"


@pytest.fixture(scope="module")
def page_url(shipped_index, llama_server, tmp_path_factory):
    port = free_port()
    env = {**os.environ, "RAG_INDEX__PATH": str(shipped_index), "GRADIO_ANALYTICS_ENABLED": "False",
           "RAG_BACKENDS__LLAMACPP__BASE_URL": llama_server, "RAG_BACKENDS__LLAMACPP__MAX_TOKENS": "64",
           "RAG_BACKENDS__VLLM__MAX_RETRIES": "0"}
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    proc = start_server([sys.executable, "-m", "rag.cli", "serve", "--port", str(port)], log, env)
    url = f"http://127.0.0.1:{port}/"
    wait_http(url, proc, seconds=180, log=log)
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def test_serve_refuses_open_address_without_login(shipped_index):
    env = {**os.environ, "RAG_INDEX__PATH": str(shipped_index)}
    env.pop("RAG_UI_USER", None)
    env.pop("RAG_UI_PASSWORD", None)
    proc = subprocess.run([sys.executable, "-m", "rag.cli", "serve", "--host", "0.0.0.0", "--port", str(free_port())],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "RAG_UI_PASSWORD" in proc.stderr and "Traceback" not in proc.stderr


def test_serve_on_a_port_in_use_is_one_line(shipped_index):
    import socket

    env = {**os.environ, "RAG_INDEX__PATH": str(shipped_index)}
    with socket.socket() as held:  # another program holds the port
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "rag.cli", "serve", "--port", str(port)],
                              env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "terminate called" not in proc.stderr
    assert f"cannot serve on 127.0.0.1:{port}: Address already in use" in proc.stderr


def _ask(url, question, backend="extractive"):
    os.environ["HF_HUB_OFFLINE"] = "1"
    from gradio_client import Client

    client = Client(url, verbose=False)
    return client.predict(question, [], backend, 10, None, None, "(any)", api_name="/respond")


def _gold_cards(cards: str, gold: list[str]) -> int:
    import html

    return sum(html.escape(t) in cards for t in gold)


def test_ten_sessions_at_once(page_url, dev_questions):
    gold = dev_questions["A01"]["relevant_titles"]
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda _: _ask(page_url, GRPO), range(10)))
    for history, cards, copy, box in results:
        assert _gold_cards(cards, gold) >= 3
        assert "References:" in copy and box == ""


def test_corpus_overview_on_the_page(page_url):
    history, cards, copy, box = _ask(page_url, "What topics does the corpus cover?")
    answer = str(history[-1])
    assert "The corpus has 217 papers" in answer and "reinforcement learning: " in answer
    assert cards.count('class="card"') >= 5 and "References:" in copy  # each phrase cites an example paper


def test_error_is_a_chat_message_and_question_is_kept(page_url):
    history, _, _, box = _ask(page_url, "")
    assert "empty" in str(history[-1]) and "Traceback" not in str(history)
    history, _, _, box = _ask(page_url, "How many tables are in TabFact?", backend="vllm")
    assert "unreachable" in str(history[-1]) and box == "How many tables are in TabFact?"
    history, _, _, box = _ask(page_url, "Which papers were posted on February 30, 2025?")  # was a ValueError
    assert "not a day of the calendar" in str(history[-1]) and box.startswith("Which papers were posted")


def test_browser(page_url, dev_questions):
    assert Path(CHROMIUM).exists(), "Chromium is required for the browser tests (apt-get install chromium)"
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    gold = {title_key(t) for t in dev_questions["A01"]["relevant_titles"]}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        outside = []
        local = ("http://127.0.0.1", "data:", "blob:")
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(local) else None)
        page.goto(page_url)
        box = page.get_by_role("textbox", name="Question")  # a message may say "question" too

        # ask, see cited cards, follow a citation
        box.fill(GRPO)
        box.press("Enter")
        page.wait_for_selector("#src-3", timeout=60_000)
        titles = [t.split("] ", 1)[1] for t in page.locator(".card b").all_inner_texts()]
        assert sum(title_key(t) in gold for t in titles) >= 3
        page.locator('a[href="#src-1"]').first.click()
        assert page.locator("#src-1").is_visible()
        page.screenshot(path=str(ARTIFACTS / "1-grpo-answer.png"), full_page=True)

        # a follow-up narrows the previous answer's papers
        box.fill("and which of those are from 2025?")
        box.press("Enter")
        page.wait_for_function("document.querySelectorAll('.card').length >= 1 && "
                               "[...document.querySelectorAll('.card small')].every(s => s.textContent.includes('2025'))",
                               timeout=60_000)
        follow_titles = [t.split("] ", 1)[1] for t in page.locator(".card b").all_inner_texts()]
        assert set(follow_titles) <= set(titles)
        # ... and says how it read the follow-up
        assert page.get_by_text("read as: a paper that was posted in 2025 and is among the papers of the previous answer").count()
        page.screenshot(path=str(ARTIFACTS / "2-follow-up.png"), full_page=True)

        # a follow-up about one of them, by its place: the first card of the previous answer
        first = follow_titles[0]
        box.fill("how many authors does the first one have?")
        box.press("Enter")
        page.wait_for_function("document.body.innerText.includes('it refers to')", timeout=60_000)
        assert [t.split("] ", 1)[1] for t in page.locator(".card b").all_inner_texts()] == [first]

        # a place the list does not have is said in the chat, not answered from another paper (after an
        # answer about one of its papers, a place is still the list's: Conversation.listed)
        box.fill("summarise the ninth one")
        box.press("Enter")
        page.wait_for_function("document.body.innerText.includes('so it has no ninth paper')", timeout=60_000)
        assert box.input_value() == "summarise the ninth one" and "Traceback" not in page.content()

        # "what about 2024?" asks the GRPO question again, for 2024 in place of 2025
        box.fill("what about 2024?")
        box.press("Enter")
        page.wait_for_function("document.body.innerText.includes('that was posted in 2024')", timeout=60_000)
        assert page.get_by_text('read as: a paper on "use GRPO for vision" that was posted in 2024').count()

        # switch backend to the real llama.cpp server; the answer streams in and names its backend
        page.get_by_label("Backend").click()
        page.get_by_role("option", name="llamacpp", exact=True).click()
        box.fill("How many tables and statements are in TabFact?")
        box.press("Enter")
        page.wait_for_function("[...document.querySelectorAll('.message-row, [data-testid=\"bot\"]')]"
                               ".some(e => e.textContent.includes('llamacpp ·'))", timeout=180_000)
        page.screenshot(path=str(ARTIFACTS / "3-llamacpp-backend.png"), full_page=True)

        # an unreachable backend gives a readable message and keeps the question
        page.get_by_label("Backend").click()
        page.get_by_role("option", name="vllm (unreachable)").click()
        box.fill("How many tables are in TabFact?")
        box.press("Enter")
        page.wait_for_function("document.body.innerText.includes('is unreachable')", timeout=60_000)
        assert box.input_value() == "How many tables are in TabFact?"
        assert "Traceback" not in page.content()
        page.screenshot(path=str(ARTIFACTS / "4-error.png"), full_page=True)
        browser.close()
    assert outside == [], f"the page called outside hosts: {outside[:5]}"

