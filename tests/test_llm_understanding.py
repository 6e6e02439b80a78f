"""Question understanding by a capable backend (`understands: true`): the hosted-OpenAI stand-in
at the HTTP boundary for exact replies, and the real SmolLM2 server for a model's own output."""
import json

import pytest

from rag.llm.base import BackendError
from rag.pipeline import Pipeline
from tests.conftest import free_port, settings_for
from tests.openai_standin import StandIn

DEBATE = "Which methods have several LLM agents argue or deliberate with each other to reach better answers?"


@pytest.fixture
def standin():
    with StandIn() as s:
        yield s


def pipeline_for(index_dir, base_url, **env):
    return Pipeline(settings_for(index_dir, RAG_BACKENDS__OPENAI__BASE_URL=base_url,
                                 RAG_BACKENDS__OPENAI__MAX_RETRIES="0", **env))


def plan_reply(**fields) -> tuple[int, str]:
    return 200, "Here is the plan:\n" + json.dumps({"search": None, "year_min": None, "year_max": None,
                                                     "organisation": None, **fields})


def test_the_models_plan_is_checked_and_merged(shipped_index, standin, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    pipeline = pipeline_for(shipped_index, standin.base_url)
    org = pipeline.searchers().catalog.orgs()[0]
    standin.replies.append(plan_reply(search="multi-agent debate", year_min=2023, organisation=org.upper()))
    plan = pipeline.understand(DEBATE, backend="openai")
    prompt = standin.requests[0]["body"]["messages"][0]["content"]
    assert DEBATE in prompt and '"search"' in prompt
    assert plan.rephrased == "multi-agent debate" and "argue" in plan.text
    assert {(f.key, f.operator.value, f.value) for f in plan.filters} == {("year", ">=", 2023), ("org", "==", org)}
    # The same question read again (a follow-up tested before it is answered): the reading kept, no second call
    again = pipeline.understand(DEBATE, backend="openai")
    assert len(standin.requests) == 1 and again.rephrased == plan.rephrased and again.filters == plan.filters
    # An organisation the index does not hold, or a year out of range, is dropped.
    standin.replies.append(plan_reply(organisation="Nowhere Institute", year_max=99999))
    assert pipeline_for(shipped_index, standin.base_url).understand(DEBATE, backend="openai").filters == []


def test_a_follow_ups_conditions_cost_no_model_call(shipped_index, standin, monkeypatch):
    # "What about 2024?" reads the earlier question with the model (its topic may need it) and
    # its own conditions with the rules alone: one request, not one per reading.
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    pipeline = pipeline_for(shipped_index, standin.base_url, RAG_ANSWER__BACKEND="openai")  # the default, too
    standin.replies.append(plan_reply(search="multi-agent debate"))
    plan = pipeline.understand("what about 2024?", earlier=[DEBATE])
    assert len([r for r in standin.requests if r["path"].endswith("/chat/completions")]) == 1
    assert plan.rephrased == "multi-agent debate" and [(f.key, f.value) for f in plan.filters] == [("year", 2024)]
    # A follow-up that only narrows ("which of those are from Tencent?") makes just its own call:
    # the earlier question's full reading would be thrown away.
    standin.requests.clear()
    standin.replies.append(plan_reply())
    pipeline.understand("which of those are from Tencent?", refers_back=True, earlier=[DEBATE])
    assert len([r for r in standin.requests if r["path"].endswith("/chat/completions")]) == 1


def test_rules_win_over_the_model(shipped_index, standin, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    pipeline = pipeline_for(shipped_index, standin.base_url)
    standin.replies.append(plan_reply(search="papers", year_min=2020, year_max=2024))
    plan = pipeline.understand("Which papers in the collection date from 2019?", backend="openai")
    assert [(f.key, f.value) for f in plan.filters] == [("year", 2019)]
    assert plan.metadata_only and plan.rephrased == ""


def test_a_reply_that_is_not_a_plan_changes_nothing(shipped_index, standin, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    pipeline = pipeline_for(shipped_index, standin.base_url)
    rules = pipeline.understand(DEBATE, backend="extractive")
    for reply in ("I think you mean debate.", "[1, 2]", '{"search": 7, "year_min": "2020"}'):
        standin.replies.append((200, reply))
        plan = pipeline.understand(DEBATE, backend="openai")
        assert (plan.text, plan.rephrased, plan.filters) == (rules.text, "", rules.filters)


def test_rephrasing_finds_what_the_users_words_miss(shipped_index, standin, monkeypatch):
    """"argue or deliberate" never says "debate"; the model's rephrasing does, and the debate paper rises."""
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    pipeline = pipeline_for(shipped_index, standin.base_url)
    title = "Debate on Graph: a Flexible and Reliable Reasoning Framework for Large Language Models"

    def rank(backend):
        hits = pipeline.retrieve(pipeline.understand(DEBATE, backend=backend))
        return [h.title for h in hits].index(title) if title in [h.title for h in hits] else 99

    standin.replies.append(plan_reply(search="multi-agent debate among LLMs to reach consensus"))
    assert rank("openai") < rank("extractive")
    standin.replies += [plan_reply(search="multi-agent debate among LLMs to reach consensus"), (200, "Answer [1].")]
    answer = pipeline.ask(DEBATE, backend="openai")
    assert title in [c.title for c in answer.citations] or title in [r["title"] for r in answer.retrieved]


def test_an_unreachable_backend_fails_at_once(shipped_index, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    pipeline = pipeline_for(shipped_index, f"http://127.0.0.1:{free_port()}/v1")
    with pytest.raises(BackendError, match="unreachable"):
        pipeline.ask(DEBATE, backend="openai")


def test_a_real_small_model_never_breaks_the_plan(shipped_index, llama_server):
    """SmolLM2 rarely writes the JSON asked for; whatever it writes, the question is still answered."""
    pipeline = Pipeline(settings_for(shipped_index, RAG_BACKENDS__LLAMACPP__BASE_URL=llama_server,
                                     RAG_BACKENDS__LLAMACPP__MAX_TOKENS="64",
                                     RAG_BACKENDS__LLAMACPP__UNDERSTANDS="true"))
    rules = pipeline.understand(DEBATE, backend="extractive")
    plan = pipeline.understand(DEBATE, backend="llamacpp")
    assert plan.text == rules.text and all(f.key in ("year", "org") for f in plan.filters)
    hits = pipeline.retrieve(plan)
    assert hits and "ReConcile: Round-Table Conference Improves Reasoning via Consensus among Diverse LLMs" in \
        [h.title for h in hits]


def test_a_capable_model_is_shown_a_wider_list_to_screen(shipped_index, standin, monkeypatch):
    """With `understands: true` a list question's sources go down to `screen_threshold`, not
    `list_threshold`; the model's reply decides which of them are cited."""
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    question = "Which papers apply AI to medicine or clinical data?"

    def ask(understands):
        pipeline = pipeline_for(shipped_index, standin.base_url, RAG_BACKENDS__OPENAI__UNDERSTANDS=understands)
        if understands == "true":
            standin.replies.append(plan_reply())
        standin.replies.append((200, "These two do [1][2]."))
        answer = pipeline.ask(question, backend="openai")
        prompt = standin.requests[-1]["body"]["messages"][-1]["content"]
        return prompt.count("<source id="), answer

    shown_plain, _ = ask("false")
    shown_screened, answer = ask("true")
    assert shown_screened > shown_plain >= 1
    assert [c.n for c in answer.citations] == [1, 2]
    system = standin.requests[-1]["body"]["messages"][0]["content"]
    assert "leave out the others" in system


def test_a_real_small_model_as_list_screener_and_as_judge(shipped_index, llama_server):
    """The same mechanics with SmolLM2's own output: a screened list answer cites only sources it
    was shown, and its verdict as a judge is a verdict or marked as none, never an error."""
    from rag.eval.judge import Judge

    pipeline = Pipeline(settings_for(shipped_index, RAG_BACKENDS__LLAMACPP__BASE_URL=llama_server,
                                     RAG_BACKENDS__LLAMACPP__MAX_TOKENS="64",
                                     RAG_BACKENDS__LLAMACPP__UNDERSTANDS="true"))
    question = "Which papers apply AI to medicine or clinical data?"
    answer = pipeline.ask(question, backend="llamacpp")
    papers = {p["title"] for p in pipeline.searchers().catalog.papers.values()}
    assert answer.answer and all(c.title in papers for c in answer.citations)
    verdict = Judge(pipeline.chat_model("llamacpp")).grade(question, "Med-R1 and Towards Generalist Biomedical AI.",
                                                          answer.answer)
    assert verdict is not None and verdict["correct"] in (True, False, None)
