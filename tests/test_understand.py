"""Query understanding: metadata wording becomes filters and sorts, the rest stays topical."""
from dataclasses import replace
from datetime import date

import pytest

from rag.understand.followup import (NoSuchPaper, another_paper, asks_for_papers, asks_similar, bare_best, bare_count,
                                     bare_statistic, bare_superlative, both_topics, follow_up, form_alone, its_papers,
                                     more_question, new_topic,
                                     newer_or_older, of_the_groups, on_benchmark, points_into_list, ranked_place, reformed,
                                     refinement, same_period, set_against_it,
                                     statistic_question, the_rest, their_others, thread, with_anchor, with_conditions,
                                     with_count_field, with_superlative_field, with_topic)
from rag.text import DIGIT
from rag.understand.plan import QueryPlan
from rag.understand.rules import benchmark_named, named_in, topic_words, understand, without_condition
from rag.understand.wording import answer_form

ORGS = ["Tencent", "Microsoft Research", "Korea University"]


def filters(plan):
    return [(f.key, f.operator.value, f.value) for f in plan.filters]


@pytest.mark.parametrize("question, expected", [
    ("Which papers date from 2019?", [("year", "==", 2019)]),
    ("papers published before 2021", [("year", "<", 2021)]),
    ("Which papers appeared between 2020 and 2022?", [("year", ">=", 2020), ("year", "<=", 2022)]),
    ("papers between 2025 and 2023", [("year", ">=", 2023), ("year", "<=", 2025)]),  # a range in either order
    ("papers with between 10 and 5 authors", [("authors", ">=", 5), ("authors", "<=", 10)]),
    ("Which papers are credited to a single author?", [("authors", "==", 1)]),
    ("Which papers were written by one person alone?", [("authors", "==", 1)]),  # "alone" was a topic
    ("papers with more than 20 authors", [("authors", ">", 20)]),
    ("Which papers have at least a dozen authors?", [("authors", ">=", 12)]),  # abstained: "dozen" a topic
    ("Which papers have over half a dozen upvotes?", [("upvotes", ">", 6)]),
    ("papers with at least 10 upvotes", [("upvotes", ">=", 10)]),
    ("Which papers are from Microsoft Research?", [("org", "==", "Microsoft Research")]),
])
def test_metadata_only_questions(question, expected):
    plan = understand(question, ORGS)
    assert filters(plan) == expected and plan.metadata_only


@pytest.mark.parametrize("question, limit", [
    ("Which 2023 papers have the fewest authors?", 1),  # the papers at the extreme, ties and all
    ("Which papers with the most upvotes are about reasoning?", 1),
    ("Which papers on math reasoning have the fewest authors?", 1),
    ("Which organisation's papers received the most upvotes in total?", 1),  # the one group at the top
    ("What are the most upvoted papers on agents?", None),  # a ranking, given whole
    ("Which 3 papers have the most upvotes?", 3),
])
def test_a_superlative_said_of_papers_asks_for_those_at_the_extreme(question, limit):
    assert understand(question, ORGS).limit == limit


@pytest.mark.parametrize("question, text, filters", [
    # words between "how many" and "papers" left the question uncounted (quotes, or a list with no count)
    ("How many 2025 papers are there on reinforcement learning?", "reinforcement learning", [("year", "==", 2025)]),
    ("How many Tencent papers are there?", "", [("org", "==", "Tencent")]),
    ("How many GRPO papers are there?", "GRPO", []),
    ("How many of the 2025 papers use RL?", "RL", [("year", "==", 2025)]),
])
def test_how_many_papers_of_a_kind_is_a_count(question, text, filters):
    plan = understand(question, ORGS)
    assert plan.counts and plan.text.strip() == text and _filters(plan) == filters


@pytest.mark.parametrize("question, text", [
    # a verb ending in "s" after the year made it a count ("2000 tokens"): no year, and the topic was the question
    ("Which papers from 2019 discuss image captioning?", "image captioning"),
    ("Which paper from 2019 discusses image captioning?", "image captioning"),
    ("Which papers from 2019 focus on image captioning?", "focus on image captioning"),
])
def test_a_year_before_a_verb_ending_in_s_is_a_year(question, text):
    plan = understand(question, ORGS)
    assert _filters(plan) == [("year", "==", 2019)] and plan.text.strip() == text
    assert understand("Which papers use a context of 2000 tokens?", ORGS).filters == []  # a count, as before
    # after "from", "since", ... a year whatever follows (a verb typed with an "s")
    assert _filters(understand("Which papers from 2025 outperforms GPT-4?", ORGS)) == [("year", "==", 2025)]
    # and after "published in" or "the paper in" ("in 2000 steps" stays a count)
    for question in ("Which paper in 2025 improves GRPO?", "Which method published in 2024 improves chain-of-thought?"):
        assert len(_filters(understand(question, ORGS))) == 1 and "improves" in understand(question, ORGS).text, question
    assert understand("Which papers train in 2000 steps?", ORGS).filters == []


def test_how_many_authors_of_some_papers_is_no_count_of_papers():
    plan = understand("How many authors do 2025 papers have?", ORGS)
    assert (plan.counts, plan.asks_field) == (False, "authors")


def test_sorts_and_singular_limit():
    plan = understand("Which listed paper has the largest number of authors?", ORGS)
    assert (plan.sort, plan.descending, plan.limit, plan.metadata_only) == ("authors", True, 1, True)
    plan = understand("Which papers have the fewest authors?", ORGS)  # those at the extreme (ties given all)
    assert (plan.sort, plan.descending, plan.limit) == ("authors", False, 1)
    # "which paper has ..." asks for one, though "papers" comes later ("among 2024 papers")
    plan = understand("Which paper has the fewest authors among 2024 papers?", ORGS)
    assert (plan.sort, plan.descending, plan.limit) == ("authors", False, 1)
    # "which was" after a clause that names the papers asks for one too; "which were" for all
    plan = understand("Of the 2025 papers, which was posted first?", ORGS)
    assert (plan.sort, plan.descending, plan.limit) == ("posted", False, 1)
    assert understand("Of the 2025 papers, which were posted first?", ORGS).limit is None
    # any singular noun before "has": "which survey has the most authors?" (it listed 7)
    assert understand("Which survey has the most authors?", ORGS).limit == 1
    assert understand("Which surveys have the most authors?", ORGS).limit == 1  # those at the extreme, ties given all


def test_filter_plus_topic():
    plan = understand("Which papers from Tencent use reinforcement learning?", ORGS)
    assert filters(plan) == [("org", "==", "Tencent")] and "reinforcement learning" in plan.text
    assert plan.asks_list and not plan.metadata_only


def test_field_of_one_paper_and_plain_questions():
    plan = understand("When was Jigsaw-R1 posted?", ORGS)
    assert plan.asks_field == "date" and "Jigsaw-R1" in plan.text
    plan = understand("How many puzzles make up MARVEL?", ORGS)
    assert not plan.filters and plan.text == "How many puzzles make up MARVEL?" and not plan.asks_list
    assert understand("which papers use GRPO for vision?", ORGS).asks_list


@pytest.mark.parametrize("question, field, several, topic", [
    ("How many upvotes do the audio papers have?", "upvotes", True, "audio"),
    ("Which papers use GRPO, and when were they posted?", "date", True, "use GRPO"),
    ("List the papers on autonomous driving with their upvotes.", "upvotes", True, "autonomous driving"),
    ("List all papers from 2019 with their author counts", "authors", True, ""),
    ("How many authors does the RT-2 paper have?", "authors", False, "RT-2"),
    ("When was Jigsaw-R1 posted?", "date", False, "Jigsaw-R1")])
def test_a_field_asked_of_several_papers_lists_them(question, field, several, topic):
    plan = understand(question, ORGS)
    assert (plan.asks_field, plan.asks_list, plan.text) == (field, several, topic)
    assert not any(f.key == field for f in plan.filters)  # "with their upvotes" shows them: no condition


@pytest.mark.parametrize("text, expected", [
    ("papers that apply AI to medicine or clinical data", [["medicine", "clinical data"]]),
    ("robot control or manipulation", [["control", "manipulation"]]),  # "robot" stays required
    ("agents that operate graphical interfaces, web browsers or phone apps",
     [["graphical interfaces", "web browsers", "phone apps"]]),
    ("call tools - code interpreters, calculators, OCR, search engines and the like - while reasoning",
     [["code interpreters", "calculators", "OCR", "search engines"]]),
    ("tools such as calculators, OCR, search engines, etc.", [["calculators", "OCR", "search engines"]]),
    ("papers on reinforcement learning", []),
    ("or", []), ("a or", []), (", or ,", []),
    # "Y" in "X or other Y" is the wider kind: X whole, its bracketed abbreviation included.
    ("direct preference optimization (DPO) or other preference learning",
     [["direct preference optimization DPO", "preference learning"]]),
    ("GRPO or similar algorithms", [["GRPO", "algorithms"]]), ("x (y) or other", []),
    # The verb after "which papers" is what the papers do with the topic, not part of it ...
    ("Which papers measure gender or racial bias?", [["gender", "racial bias"]]),
    ("Which papers that study misaligned or deceptive behaviour", [["misaligned", "deceptive behaviour"]]),
    # ... unless it is itself one of the alternatives; their object is then shared, and required.
    ("Which papers execute or emulate code?", [["execute", "emulate"]]),
    ("Which papers build or evaluate agents that operate web browsers?", [["build", "evaluate"]]),
    # "X or other Y that Z": the clause says which Y.
    ("papers on jailbreaks or other attacks that make models misbehave?",
     [["jailbreaks", "attacks that make models misbehave"]]),
    # An article after "or" starts the phrase after it, not ends it.
    ("machine learning for finance or the stock market", [["finance", "stock market"]]),
    ("robots or a humanoid", [["robots", "humanoid"]]), ("GRPO or the other algorithms", [["GRPO", "algorithms"]]),
    ("finance or the", []),
    # a word after "to", a modal or an adverb in -ly is a verb, not the first alternative's word ...
    ("Which papers use LLMs to repair buggy or insecure code?", [["buggy", "insecure code"]]),
    ("Which papers automatically repair bugs or security vulnerabilities?", [["bugs", "security vulnerabilities"]]),
    ("models that can understand audio, speech or other sounds", [["audio", "speech", "sounds"]]),
    # ... but "to" after a participle, or after the object of "apply", is a preposition
    ("papers related to machine translation or speech recognition", [["machine translation", "speech recognition"]]),
    ("Which papers apply transformers to machine translation or speech recognition?",
     [["machine translation", "speech recognition"]]),
])
def test_alternatives(text, expected):
    from rag.understand.alternatives import alternatives
    assert alternatives(text) == expected


def test_plan_carries_alternatives_of_the_topic():
    plan = understand("Which papers from Tencent study debate or deliberation?", ORGS)
    assert plan.alternatives == [["debate", "deliberation"]]
    plan = understand("Which papers study debate or deliberation?", ORGS)
    assert plan.verb == "study"  # framing: the papers study one of the alternatives
    assert understand("Which papers execute or emulate code?", ORGS).verb == ""  # the verb is an alternative
    assert understand("Which papers study debate?", ORGS).verb == ""  # no alternatives: a topic word as before


@pytest.mark.parametrize("question, verb", [
    ("Which papers teach models to translate text from one language into another?", "teach"),
    ("Which papers help small language models to reason?", "help"),
    ("Which papers enable robots to grasp objects?", "enable"),
    ("Which papers teach?", ""),  # no one is made to do anything: a topic word
    ("Which papers study teaching assistants?", ""),
    ("Which papers train models to rerank documents?", ""),  # training is often the topic itself
])
def test_a_verb_that_has_the_models_do_the_topic_is_framing(question, verb):
    """"Which papers teach models to translate ...": the topic is translating; "teach" scored
    Orca 2 ("Teaching Small Language Models How to Reason") above the translation papers."""
    plan = understand(question, ORGS)
    assert plan.verb == verb and (verb in plan.not_topic) == bool(verb)


@pytest.mark.parametrize("question, limit", [
    ("What is the earliest 2025 paper?", 1),  # was "top 2025": a year is not a number of papers
    ("Which is the newest 2024 paper?", 1),
    ("What are the latest 3 papers?", 3),
    ("Show the top 5 most upvoted papers", 5),
])
def test_a_year_in_a_ranking_is_no_number_of_papers(question, limit):
    plan = understand(question, ORGS)
    assert plan.limit == limit and plan.sort


@pytest.mark.parametrize("question, filters, sort, field, text", [
    ("Which papers did Tencent publish?", [("org", "==", "Tencent")], None, None, ""),
    ("Which 2023 papers study distillation?", [("year", "==", 2023)], None, None, "study distillation"),
    ("Which papers are from 2020 or 2021?", [("year", "in", [2020, 2021])], None, None, ""),
    ("What is the most recent paper?", [], ("posted", True), None, ""),
    ("Which are the earliest papers on agents?", [], ("posted", False), None, "agents"),
    ("Who posted TabFact?", [], None, "org", "TabFact"),
    ("What organization is behind LoongRL?", [], None, "org", "behind LoongRL"),
    ("Name the papers with 10 or more authors", [("authors", ">=", 10)], None, None, ""),
    ("Which papers have between 5 and 10 authors?", [("authors", ">=", 5), ("authors", "<=", 10)], None, None, ""),
    ("Which papers have 3 or fewer authors?", [("authors", "<=", 3)], None, None, ""),
    ("Which papers have at least 5 upvotes?", [("upvotes", ">=", 5)], None, None, ""),
    ("What are the three most upvoted papers?", [], ("upvotes", True), None, ""),
    ("Which papers appeared in March 2024?", [("month", "==", 3), ("year", "==", 2024)], None, None, ""),
    ("Which papers were posted in Sept.?", [("month", "==", 9)], None, None, ""),
    ("Which papers may help with reasoning?", [], None, None, "Which papers may help with reasoning?"),
    ("What year was GAMA published?", [], None, "date", "GAMA"),
    ("In what month was LIMO posted?", [], None, "date", "LIMO"),
    # "What's new in ...?" asks for the papers of a date: "new" is no topic word
    ("What's new in October 2025?", [("month", "==", 10), ("year", "==", 2025)], None, None, ""),
    ("2025", [("year", "==", 2025)], None, None, ""),  # a year alone: its papers
    ("papers 2024?", [("year", "==", 2024)], None, None, ""),
    # a month and its year need no preposition; "may" before a year is a verb
    ("Which October 2025 papers have the most upvotes?", [("month", "==", 10), ("year", "==", 2025)],
     ("upvotes", True), None, ""),
    ("What may 2025 bring for agents?", [], None, None, "What may 2025 bring for agents?"),
    # a month before the word for papers: of any year
    ("Which October papers have at least 2 upvotes?", [("month", "==", 10), ("upvotes", ">=", 2)], None, None, ""),
    ("How many of March's papers study agents?", [("month", "==", 3)], None, None, "study agents"),
    # A stop word between topic words stays in the phrase, as shown in "read as" and the count.
    ("How many 2025 papers talk about chain of thought?", [("year", "==", 2025)], None, None, "chain of thought"),
    ("Which has more authors, LIMO or Orca 2?", [], ("authors", True), None, "LIMO or Orca 2"),
    # a year before words that end in "papers", after a determiner; not a benchmark's year
    ("What are the 2024 most upvoted papers?", [("year", "==", 2024)], ("upvotes", True), None, ""),
    ("Which 2024 agent papers are there?", [("year", "==", 2024)], None, None, "agent"),
    ("Which papers test on AIME 2024 math papers?", [], None, None, "Which papers test on AIME 2024 math papers?"),
])
def test_more_metadata_wordings(question, filters, sort, field, text):
    plan = understand(question, ORGS)
    assert [(f.key, f.operator.value, f.value) for f in plan.filters] == filters
    assert ((plan.sort, plan.descending) if plan.sort else None) == sort
    assert plan.asks_field == field
    assert plan.text == text


def test_popularity_is_upvotes():
    plan = understand("What is the most popular paper on agents?", ORGS)
    assert (plan.sort, plan.descending, plan.limit, plan.text) == ("upvotes", True, 1, "agents")
    assert understand("Which papers are least liked?", ORGS).descending is False


def test_top_n_of_a_sort():
    assert understand("What are the three most upvoted papers?", ORGS).limit == 3
    assert understand("Top 5 most recent papers on agents", ORGS).limit == 5
    assert understand("Which paper has the most upvotes?", ORGS).limit == 1


def test_things_inside_one_named_paper_are_not_a_list_of_papers():
    names = {"ReConcile", "Seg-Zero"}
    assert not understand("Which three chat models take part as agents in ReConcile's discussions?", ORGS, names).asks_list
    assert understand("Which papers improve on ReConcile?", ORGS, names).asks_list  # papers: still a list
    assert understand("Which models take part in debates?", ORGS, names).asks_list  # no paper named
    # Two named papers: a question about both, each quoted on the point asked
    for question in ("Which models do ReConcile and Seg-Zero train?",
                     "ReConcile vs Seg-Zero: what rewards do they train models with?"):
        plan = understand(question, ORGS, names)
        assert plan.compares and not plan.asks_list, question


@pytest.mark.parametrize("question, sort, descending", [
    ("Which is more recent, ReConcile or Seg-Zero?", "posted", True),
    ("Which has more authors, ReConcile or Seg-Zero?", "authors", True),
    ("Which got fewer upvotes, ReConcile or Seg-Zero?", "upvotes", False),
])
def test_named_papers_compared_on_a_field(question, sort, descending):
    plan = understand(question, ORGS, {"ReConcile", "Seg-Zero"})
    assert plan.compares and (plan.sort, plan.descending) == (sort, descending)


def test_a_comparison_word_followed_by_than_is_a_filter_not_a_sort():
    plan = understand("Which papers are older than 2023?", ORGS)
    assert plan.sort is None and plan.filters[0].key == "year"
    assert understand("papers with more authors than 20", ORGS).sort is None
    assert understand("How much data does GUI-R1 use compared with earlier state of the art?", ORGS).sort is None


def test_short_names_are_coined_title_heads():
    from rag.index.catalog import Catalog
    titles = ["ReConcile: Round-Table Conference", "Seg-Zero: Reasoning-Chain Guided Segmentation",
              "Titans: Learning to Memorize", "Steering the Herd: A Framework", "Orca 2: Teaching Small LMs",
              "Cosmos-Reason1: From Physical Common Sense", "A title without a colon",
              "Learning useful representations: for shifting tasks",
              "A Survey of Frontiers in LLM Reasoning: Inference Scaling", "Weak-to-Strong Reasoning",
              "Large Language Models Orchestrating Structured Reasoning to Achieve Kaggle Grandmaster Level Right Now: X"]
    catalog = Catalog({str(i): {"paper_id": str(i), "title": t} for i, t in enumerate(titles)})
    # "Orca 2", "Steering the Herd", "A Survey of Frontiers in LLM Reasoning": capitalised words
    # with small ones between, matched only as written, a title without a colon whole; not a
    # head with another lower-case word, nor one of more than twelve words.
    assert catalog.short_names == {"ReConcile", "Seg-Zero", "Cosmos-Reason1", "Orca 2", "Steering the Herd",
                                   "A Survey of Frontiers in LLM Reasoning", "Weak-to-Strong Reasoning"}
    assert catalog.plain_heads == {"Titans"}
    # A plain head is a name only while few papers use the word.
    assert "Titans" in catalog.names(lambda word: 1) and "Titans" not in catalog.names(lambda word: 40)


@pytest.mark.parametrize("question, named", [
    ("How does Orca 2 teach small models?", {"Orca 2"}),  # not Orca as well
    ("Compare Orca and Orca 2.", {"Orca", "Orca 2"}),
    ("Which got more upvotes, LIMO or Titans?", {"LIMO", "Titans"}),
    ("Titans of industry?", set()),  # a plain word opening the question is not taken for a name
    ("Which papers are on orca whales?", set()),
])
def test_plain_capitalised_names(question, named):
    assert named_in(question, {"Orca", "Orca 2", "Titans", "LIMO"}) == named


@pytest.mark.parametrize("question, named", [
    ("What does Right Question is Already Half the Answer propose?", {"Right Question is Already Half the Answer"}),
    ('What does "Soft Tokens, Hard Truths" show?', {"Soft Tokens, Hard Truths"}),  # a title without a colon
    ("Which papers study weak-to-strong reasoning?", set()),  # names are matched as written
    ("Which came first, Soft Tokens, Hard Truths/Orca 2?", {"Soft Tokens, Hard Truths", "Orca 2"}),
])
def test_long_names_are_matched_as_written(question, named):
    # the first was answered from another paper: a head of more than five words was no name
    assert named_in(question, {"Right Question is Already Half the Answer", "Soft Tokens, Hard Truths",
                               "Weak-to-Strong Reasoning", "Orca 2"}) == named


def test_a_name_ending_in_plus_signs_is_matched_whole():
    # "SoftCoT++" was read as "SoftCoT", no name: the comparison with Soft Tokens, Hard Truths lost it
    names = {"SoftCoT++", "Soft Tokens, Hard Truths"}
    assert named_in("Which is newer, SoftCoT++ or Soft Tokens, Hard Truths?", names) == names
    assert named_in("Which papers improve on SoftCoT?", names) == set()



@pytest.mark.parametrize("question, asks_list", [
    ("Papers that distill reasoning from large models into small ones", True),
    ("Are there papers on self-driving cars?", True),
    ("Is there work on jailbreaking?", True),
    ("Any studies of tool use?", True),
    ("Is there a paper that explains grokking?", False),  # one paper asked for
    ("How many puzzles make up MARVEL?", False),
])
def test_list_requests_without_which(question, asks_list):
    assert understand(question, ORGS).asks_list is asks_list



@pytest.mark.parametrize("question, org", [
    ("Which papers are from Microsoft Research?", "Microsoft Research"),
    ("Which papers are from Microsoft?", "Microsoft Research"),
    ("What did Tongyi Lab post?", "TongyiLab"),
    ("Which papers come from korea university?", "Korea University"),
    ("Which papers study microsoft word documents?", None),  # a lower-case word, not the name
    ("What is Tencent working on?", "Tencent"),
    ("What has Microsoft Research been working on?", "Microsoft Research"),
    # the organisation's people are the organisation, no topic
    ("Which papers were written by Tencent researchers?", "Tencent"), ("What has Tencent's team published?", "Tencent"),
])
def test_organisation_wordings(question, org):
    plan = understand(question, ["Microsoft Research", "TongyiLab", "Korea University", "Tencent"])
    assert [f.value for f in plan.filters if f.key == "org"] == ([org] if org else [])
    if "working" in question or "Tencent" in question:  # what the organisation works on is its papers: no topic
        assert plan.metadata_only and not plan.text


@pytest.mark.parametrize("question, left_out, topic", [
    ("Which 2025 papers come from an organisation other than Tencent?", ["Tencent"], ""),
    ("Which papers were not posted by Tencent?", ["Tencent"], ""),
    ("List non-Tencent papers", ["Tencent"], ""),
    ("Which papers on agents come from organisations other than Tencent and Microsoft?",
     ["Microsoft Research", "Tencent"], "agents"),
    ("Which papers are from Tencent?", [], ""),  # named, not left out
])
def test_an_organisation_left_out_keeps_the_others_that_a_listing_names(question, left_out, topic):
    plan = understand(question, ORGS)
    orgs = [(f.operator.value, f.value) for f in plan.filters if f.key == "org"]
    assert orgs == ([("!=", ""), ("nin", left_out)] if left_out else [("==", "Tencent")])
    assert plan.text == topic


@pytest.mark.parametrize("question, descending, limit", [
    ("Which were the first two papers posted in 2025?", False, 2),
    ("What was the last paper posted in 2023?", True, 1),
    ("What are the last three papers published?", True, 3),
    ("Which were the first papers posted in 2024?", False, None),
])
def test_the_first_or_last_papers_posted_are_a_date_sort(question, descending, limit):
    plan = understand(question, ORGS)
    assert (plan.sort, plan.descending, plan.limit) == ("posted", descending, limit)
    assert plan.metadata_only, plan.text


def test_for_a_year_is_that_year():
    plan = understand("What is the average number of upvotes for 2024?", ORGS)
    assert filters(plan) == [("year", "==", 2024)] and plan.statistic == "mean" and plan.metadata_only
    assert not understand("Which papers report results for AIME 2024?", ORGS).filters  # a benchmark's year


@pytest.mark.parametrize("question, field", [
    ("What is the most common number of authors?", "authors"),
    ("What's the most frequent upvote count among 2025 papers?", "upvotes"),
    ("What is the mode of the author counts?", "authors"),
])
def test_the_most_common_count_is_the_mode(question, field):
    plan = understand(question, ORGS)
    assert (plan.statistic, plan.sort) == ("mode", field)
    assert plan.metadata_only, plan.text


@pytest.mark.parametrize("question, group, field, limit, descending", [
    ("Top 3 organisations by upvotes", "org", "upvotes", 3, True),
    ("What are the top 2 years by number of papers?", "year", None, 2, True),
    ("Bottom 2 months by upvotes", "month", "upvotes", 2, False),
    ("Rank the organisations by upvotes", "org", "upvotes", None, True),
])
def test_the_top_groups_by_a_count(question, group, field, limit, descending):
    plan = understand(question, ORGS)
    assert (plan.group_by, plan.sort, plan.limit, plan.descending) == (group, field, limit, descending)
    assert plan.metadata_only, plan.text


@pytest.mark.parametrize("question, side", [
    ("Any newer ones?", "after"), ("anything more recent?", "after"), ("Are there older papers on this?", "before"),
    ("and earlier ones?", "before"), ("Which papers are newer than LIMO?", ""), ("Any others?", ""),
])
def test_newer_or_older_ones_after_a_list(question, side):
    assert newer_or_older(question) == side


@pytest.mark.parametrize("question, period", [
    ("Any others from the same month?", "month"), ("What else came out that week?", "week"),
    ("Anything else posted the same day?", "day"), ("Which other papers are from that year?", "year"),
    ("Which papers were posted in the same month as LIMO?", ""), ("Any others?", ""), ("What about the same topic?", ""),
])
def test_others_of_the_same_period_after_one_paper(question, period):
    assert same_period(question) == period


@pytest.mark.parametrize("question, excluded", [
    ("Exclude the ones about math", ["math"]), ("Leave out those on agents", ["agents"]), ("drop the surveys", ["surveys"]),
    ("Which papers use MCTS, excluding the ones about math?", ["math"]),
])
def test_exclusions_in_an_imperative_or_with_the_ones(question, excluded):
    plan = understand(question, ORGS)
    assert plan.excluded == excluded
    assert follow_up(question, ["a", "b"])[0] == (["a", "b"] if question[0] != "W" else None)


def test_how_do_they_is_asked_of_each_paper_just_given():
    assert follow_up("How do they measure efficiency?", ["a", "b", "c"]) == (None, ["a", "b", "c"])
    assert follow_up("How do they measure efficiency?", ["a"]) == (None, ["a"])
    assert follow_up("Which of them measure efficiency?", ["a", "b"]) == (["a", "b"], None)


def test_compare_the_top_of_a_ranking_names_no_topic():
    plan = understand("Compare the two most upvoted papers", ORGS)
    assert (plan.sort, plan.limit, plan.text) == ("upvotes", 2, "")
    assert follow_up("Compare the two most upvoted ones", ["a", "b", "c"]) == (["a", "b", "c"], None)


@pytest.mark.parametrize("question", [
    "Which papers came out in 2024?",
    "Which papers got at least 5 upvotes?",
    "What papers were uploaded in 2023?",
    "Which papers received more than 3 upvotes?",
])
def test_verbs_of_appearing_or_receiving_are_framing(question):
    plan = understand(question, ORGS)
    assert plan.filters and plan.metadata_only, plan.text


@pytest.mark.parametrize("question, most", [
    ("Which organisation posted the most papers?", True),
    ("What lab has the largest number of papers in the collection?", True),
    ("Which organization published the fewest papers?", False),
    ("Which organisation is most common?", True),
    ("Which lab is the least common?", False),
    ("Which organisation is the most prolific?", True),
    ("Which organisations appear most often?", True),  # "often" names no topic
    ("Which organisations appear most frequently?", True),
])
def test_organisation_with_most_papers_is_a_count_by_group(question, most):
    plan = understand(question, ORGS)
    assert plan.group_by == "org" and plan.descending is most and plan.metadata_only
    assert plan.asks_field is None  # not "which organisation posted X?"


@pytest.mark.parametrize("question, key", [
    ("Which papers were posted on the same day as another paper?", "day"),
    ("Which papers share a posting date?", "day"),
    ("Which papers came out in the same month as another one?", "month"),
    ("Which papers were posted on the same day?", "day"),  # was a topic: zero-day vulnerabilities
    ("Which two papers were posted on the same day in February 2025?", "day"),  # was the topic "day"
    ("Which papers were posted in the same month in 2024?", "month"),
])
def test_papers_sharing_a_date_are_the_groups_of_two_or_more(question, key):
    plan = understand(question, ORGS)
    assert (plan.group_by, [(f.key, f.operator.value, f.value) for f in plan.group_sizes]) == (key, [("papers", ">=", 2)])
    assert plan.metadata_only and not plan.relative
    # one named paper is a date relative to it, as before
    assert understand("Which papers were posted on the same day as LIMO?", ORGS, {"LIMO"}).relative


@pytest.mark.parametrize("question, key, most", [
    ("What was the busiest month of 2025?", "month", True),
    ("Which year was the quietest?", "year", False),
    ("Which organisation was busiest?", "org", True),
    ("the slowest days of the week", "weekday", False),
])
def test_busiest_and_quietest_groups_count_papers(question, key, most):
    plan = understand(question, ORGS)
    assert (plan.group_by, plan.descending, plan.metadata_only, plan.text.strip()) == (key, most, True, "")


@pytest.mark.parametrize("question, listed", [
    ("On which two logical reasoning benchmarks is the premise-oriented data augmentation framework evaluated?", False),
    ("Which benchmarks does the paper on parallel reasoning use?", False),
    ("Which methods does the survey on efficient reasoning cover?", False),
    ("Which benchmarks test GUI agents?", True),
    ("Which datasets are used for table fact checking?", True),
])
def test_things_inside_one_described_paper_are_no_list_of_papers(question, listed):
    assert understand(question, ORGS).asks_list is listed


@pytest.mark.parametrize("question, rest", [
    ("and which don't?", True), ("Which ones do not?", True), ("what about the rest?", True), ("the others?", True),
    ("which don't use LLMs?", False),  # a condition of its own, asked within the previous papers
    ("which are not surveys?", False), ("any others?", False),
])
def test_the_rest_of_the_papers_a_follow_up_was_asked_within(question, rest):
    assert the_rest(question) is rest


@pytest.mark.parametrize("question, others", [
    ("what else did they post?", True), ("What other papers did they publish?", True),
    ("any other papers from them?", True), ("anything else from this lab?", True),
    ("which papers did they post?", False), ("what else did LIMO do?", False), ("any others?", False),
])
def test_the_other_papers_of_the_organisation_just_named(question, others):
    assert their_others(question) is others


@pytest.mark.parametrize("question, its", [
    ("show me its papers", True), ("Show me all their papers.", True), ("which papers did they post?", True),
    ("what are its papers?", True), ("and their papers?", True), ("can you list its papers", True),
    ("what else did they post?", False), ("which papers use its method?", False), ("show me the papers", False),
])
def test_every_paper_of_the_organisation_just_named(question, its):
    assert its_papers(question) is its


@pytest.mark.parametrize("question", ["who are the authors?", "How many upvotes?", "which organisation?",
                                      "what is the posting date?", "How many authors does each have?",
                                      "who else worked on this?", "Who worked on it?"])
def test_a_field_alone_asks_which_papers(question):
    assert understand(question, ORGS).cannot.startswith("Which paper's?")  # no previous answer
    assert not understand(question, ORGS, refers_back=True).cannot
    assert not understand("Who are the authors of LIMO?", ORGS, {"LIMO"}).cannot


@pytest.mark.parametrize("question", ["just the titles", "Give me only the titles, please.", "titles only",
                                      "what are their titles?"])
def test_titles_alone_name_no_topic(question):
    plan = understand(question, ORGS, refers_back=True)
    assert plan.titles_only and not plan.cannot
    assert understand(question, ORGS).cannot.startswith("Titles of which papers?")  # no previous answer
    assert not understand("Which titles mention RL?", ORGS).titles_only


@pytest.mark.parametrize("question, most", [
    ("In which quarter of 2024 were the most papers posted?", True),
    ("Which quarter of 2023 had the fewest papers?", False),
    ("What was the busiest quarter of 2025?", True),
])
def test_quarters_are_groups_like_months(question, most):
    plan = understand(question, ORGS)
    assert (plan.group_by, plan.descending, plan.metadata_only) == ("quarter", most, True)
    assert [(f.key, f.value) for f in plan.filters] == [("year", int(question.split(" of ")[1][:4]))]


@pytest.mark.parametrize("question, key", [("group them by month", "month"), ("split these by quarter", "quarter"),
                                           ("break them down by year", "year")])
def test_grouping_the_previous_papers_names_no_topic(question, key):
    plan = understand(question, ORGS, refers_back=True)  # "group" was the topic, which none of them matched
    assert (plan.group_by, plan.breakdown, plan.text.strip()) == (key, True, "")


def test_papers_per_quarter_are_counted_by_quarter():
    plan = understand("How many papers were posted in each quarter of 2025?", ORGS)
    assert (plan.group_by, plan.breakdown, plan.text.strip(" ?")) == ("quarter", True, "")


def test_posted_first_sorts_however_long_the_conditions_before_it():
    plan = understand("Which 2025 paper with more than 10 authors was posted first?", ORGS)
    assert (plan.sort, plan.descending, plan.limit) == ("posted", False, 1)
    assert {f.key for f in plan.filters} == {"year", "authors"}


@pytest.mark.parametrize("question, sort", [
    ("Which papers help lawyers trace which earlier rulings a judgement cites?", None),  # "earlier" describes rulings
    ("Which is more recent, LIMO or s1?", "posted"),
    ("Which one is older?", "posted"),
    ("which of them is newer", "posted"),
])
def test_a_comparative_date_word_sorts_only_when_it_ends_the_ask(question, sort):
    assert understand(question, ORGS, {"LIMO"}).sort == sort


@pytest.mark.parametrize("question, key, op, value", [
    ("What papers are from the year 2024?", "year", "==", 2024),
    ("Which papers are older than 2023?", "year", "<", 2023),
    ("Which papers are newer than 2024?", "year", ">", 2024),
    ("Which papers were written by one person?", "authors", "==", 1),
    ("Which papers list over 30 researchers?", "authors", ">", 30),
])
def test_year_and_author_count_wordings(question, key, op, value):
    plan = understand(question, ORGS)
    assert [(f.key, f.operator.value, f.value) for f in plan.filters] == [(key, op, value)]
    assert plan.metadata_only, plan.text


@pytest.mark.parametrize("question, limit", [
    ("Which paper was upvoted the most?", 1),
    ("What's the most popular paper?", 1),
    ("Which papers have the highest upvote counts? Give the top 5.", 5),
])
def test_upvote_sort_wordings(question, limit):
    plan = understand(question, ORGS)
    assert plan.sort == "upvotes" and plan.descending and plan.limit == limit and plan.metadata_only, plan.text


def test_a_model_named_after_its_paper_names_the_paper():
    names = {"Light-R1", "DianJin-R1", "ReConcile"}
    assert named_in("Which base model was Light-R1-32B trained from?", names) == {"Light-R1"}
    assert named_in("What is in DianJin-R1-Data?", names) == {"DianJin-R1"}
    assert named_in("Is Light-weight R1 better?", names) == set()


@pytest.mark.parametrize("question, number", [
    ("How many tutoring dialogues are in MathDial?", True),
    ("By what margins does GAMA beat other models?", True),
    ("What share of competitors does ECM beat?", True),
    ("What does KeyChain do in LoongRL?", False),
    ("Number of puzzles in the abstract visual reasoning benchmark?", True),
    ("Which papers study number theory?", False),
    ("What F1@3 gain does the graph script model get for next step prediction?", True),  # words between
    ("What relative improvement does R-MCTS achieve on VisualWebArena?", True),
    ("Which papers report a drop in accuracy?", False),
])
def test_questions_for_a_quantity(question, number):
    assert understand(question, ORGS).asks_number is number


def test_multi_word_names_are_matched_as_written():
    names = {"Soft Thinking", "Skywork R1V2", "LIMO"}
    assert named_in("What do Soft Thinking and LIMO have in common?", names) == {"Soft Thinking", "LIMO"}
    assert named_in("Which papers study soft thinking?", names) == set()  # the words, not the name
    assert named_in("How does Skywork R1V2 score?", names) == {"Skywork R1V2"}


@pytest.mark.parametrize("question, compares", [
    ("How do LIMO and the Hypergraph-of-Thought paper go beyond chain-of-thought?", True),  # one named, one described
    ("What do its samples and the LIMO paper show about data size?", False),  # the named one, described
    ("In the LIMO paper, how many samples are used?", False),
])
def test_a_named_and_a_described_paper_are_compared(question, compares):
    assert understand(question, ORGS, {"LIMO"}).compares is compares


@pytest.mark.parametrize("question, statistic, field, counts", [
    ("What is the average number of authors?", "mean", "authors", False),
    ("Median upvotes of 2025 papers?", "median", "upvotes", False),
    ("What is the typical author count?", "median", "authors", False),
    ("How many papers are in the corpus?", None, None, True),
])
def test_statistics_and_counts(question, statistic, field, counts):
    plan = understand(question, ORGS)
    assert (plan.statistic, plan.sort, plan.counts) == (statistic, field, counts) and plan.metadata_only


def test_who_wrote_a_paper_asks_for_its_authors():
    assert understand("Who are the authors of LIMO?", ORGS).asks_field == "author_names"
    assert understand("Who wrote ReConcile?", ORGS).asks_field == "author_names"
    for q in ("What are the authors of Seg-Zero?", "Who is the first author of LIMO?", "List the authors of Titans"):
        assert understand(q, ORGS).asks_field == "author_names", q


def test_how_many_papers_on_a_topic_is_a_list():
    plan = understand("How many papers about reinforcement learning were posted in 2025?", ORGS)
    assert plan.counts and plan.asks_list and plan.text and not plan.metadata_only


@pytest.mark.parametrize("question", [
    "Anything on autonomous driving?", "I'm looking for work on GUI agents.", "Show me research about robot control",
    "What work has been done on text-to-SQL?", "What does the corpus say about audio models?", "Tell me about GUI agents.",
    "Is there any research on knowledge distillation?", "Do any papers tackle autonomous driving?",
    "Give me all papers related to robot manipulation.", "GRPO for vision", "What research exists on tool use?",
    "Please list papers on autonomous driving.", "Where can I read about GUI agents?",
    "Are any of these papers about robots?", "Summarize the research on tool use",
    "What's out there on knowledge distillation?", "What is there on GUI agents?", "What do you have on robots?",
    "What has been published about tool use by LLM agents?", "What's been written on model merging?",
    "What's new on test time scaling?", "What is new in GUI agents?"])
def test_requests_for_what_the_corpus_has_on_a_topic_are_lists(question):
    assert understand(question, ORGS).asks_list


@pytest.mark.parametrize("question", [
    "Tell me about Seg-Zero.", "Seg-Zero training data", "How does Seg-Zero segment images?",
    "Explain reward shaping", "What is GRPO?"])
def test_questions_about_one_paper_or_one_thing_are_not_lists(question):
    assert not understand(question, ORGS, {"Seg-Zero"}).asks_list


def test_framing_words_are_not_topic_words():
    assert understand("What work has been done on robot control?", ORGS).metadata_only is False
    plan = understand("Anything from 2019?", ORGS)
    assert plan.metadata_only and plan.filters  # "anything" names no topic
    plan = understand("Show me everything from 2019", ORGS)
    assert plan.metadata_only and plan.filters  # nor does "everything" (a word no abstract uses: the answer abstained)


@pytest.mark.parametrize("question, topic", [
    ("Which papers try to make small language models reason better?", "make small language models reason"),
    ("Which papers attempt to explain grokking?", "explain grokking")])
def test_trying_is_framing_not_topic(question, topic):
    # "try" was a topic word: Debate on Graph ("answer trying") led the small-model list, and was all it cited
    from rag.understand.rules import topic_words

    assert topic_words(understand(question, ORGS)) == topic


def test_this_year_and_last_year_count_from_today():
    plan = understand("Which papers came out last year?", ORGS, today=date(2026, 11, 23))
    assert [(f.key, f.value) for f in plan.filters] == [("year", 2025)] and plan.metadata_only
    assert understand("this year's papers on agents", ORGS, today=date(2026, 1, 2)).filters[0].value == 2026


@pytest.mark.parametrize("question, sort, descending", [
    ("Which paper has the longest author list?", "authors", True),
    ("Which paper has the shortest author list?", "authors", False),
    ("top 3 papers by upvotes", "upvotes", True),
    ("papers on agents sorted by number of authors", "authors", True),
])
def test_more_sort_wordings(question, sort, descending):
    plan = understand(question, ORGS)
    assert (plan.sort, plan.descending) == (sort, descending)


def test_names_typed_in_lower_case():
    names = {"Seg-Zero", "TabFact", "LIMO", "Think2SQL"}
    assert understand("what does seg-zero do?", ORGS, names).named == {"Seg-Zero"}
    assert understand("tabfact size", ORGS, names).named == {"TabFact"}
    assert not understand("tabfact size", ORGS, names).asks_list  # a question about one paper
    assert understand("a limo ride", ORGS, names).named == set()  # "limo" is a word as well as a name
    assert understand("what does vurf do?", ORGS, {"VURF"}).named == {"VURF"}  # not a word: a name


def test_mention_and_discuss_are_framing():
    plan = understand("How many papers mention GRPO?", ORGS)
    assert plan.counts and plan.text == "GRPO"  # "mention" would read as a topic word no abstract uses


def test_papers_that_mention_words_are_a_literal_list():
    assert understand("Which papers mention Monte Carlo tree search?", ORGS).literal
    assert understand("How many papers use the term world model?", ORGS).literal
    assert not understand("Which papers use Monte Carlo tree search?", ORGS).literal
    plan = understand("Does Seg-Zero mention GRPO?", ORGS, {"Seg-Zero"})
    assert not plan.literal and not plan.asks_list  # about one paper: what its abstract says or lacks
    assert understand("Which papers mention Seg-Zero?", ORGS, {"Seg-Zero"}).literal  # those naming it


@pytest.mark.parametrize("question, key, breakdown", [
    ("Which year has the most papers?", "year", False), ("Which month had the fewest papers?", "month", False),
    ("How many papers per year?", "year", True), ("breakdown of papers by month", "month", True),
    ("number of papers per organisation", "org", True), ("List all organisations", "org", True),
    ("Which organizations are in the corpus?", "org", True), ("What companies are there?", "org", True),
    ("How many papers are in the corpus and from which years?", "year", True),
    ("How many papers did each post?", "org", True),  # who posts is an organisation (was by year)
    ("how many did each of them post?", "org", True), ("How many papers were posted each year?", "year", True),
    ("Which year has the most?", "year", False), ("which organisation has the fewest?", "org", False)])  # were a date, nothing
def test_papers_grouped_and_counted(question, key, breakdown):
    plan = understand(question, ORGS)
    assert (plan.group_by, plan.breakdown, plan.metadata_only, plan.asks_field) == (key, breakdown, True, None)


def test_how_popular_is_a_paper_asks_for_its_upvotes():
    assert understand("How popular is LIMO?", ORGS, {"LIMO"}).asks_field == "upvotes"


def test_a_topic_counted_by_year_keeps_its_topic():
    plan = understand("papers on agents by year", ORGS)
    assert plan.group_by == "year" and plan.text == "agents"
    assert understand("sorted by year", ORGS).group_by is None  # no papers counted


@pytest.mark.parametrize("question, key", [
    ("Which papers have no upvotes?", "upvotes"), ("papers without an organisation", "org"),
    ("Which papers have no year?", "year"), ("How many papers have no author count listed?", "authors"),
    # a negated verb: absent, and not also "listed" (both had been read, and no paper met them)
    ("which papers don't have an organisation listed?", "org"), ("papers that do not list an organisation", "org"),
    ("papers that don't have upvotes", "upvotes"), ("which papers didn't get any upvotes?", "upvotes"),
    ("which papers doesn't give a year?", "year"),
    ("How many papers print no year?", "year"), ("papers that list no organisation", "org"),  # "print" was a topic
    # no date is no day either: "May 15" is a date (was every listing without a year, 152 for 135)
    ("How many papers have no date at all?", "month"), ("Which papers are listed without a date?", "month")])
def test_a_missing_field_is_a_filter(question, key):
    plan = understand(question, ORGS)
    assert [(f.key, f.operator.value) for f in plan.filters] == [(key, "is_empty")] and plan.metadata_only
    topical = understand(f"papers on agents with no {'upvotes' if key == 'upvotes' else 'year'}", ORGS)
    assert topical.stored_filters is None and topical.derived_filters  # Chroma cannot test absence


def test_two_fields_listed_or_missing_together():
    both = [("org", "!="), ("upvotes", ">=")]
    for question in ("How many papers have both an organisation and upvotes?",  # was a topic, "upvotes"
                     "Which papers have both upvotes and an organisation listed?"):
        plan = understand(question, ORGS)
        assert [(f.key, f.operator.value) for f in plan.filters] == both and not plan.required, question
    plan = understand("Which papers list neither an organisation nor upvotes?", ORGS)  # was "does without" them
    assert {(f.key, f.operator.value) for f in plan.filters} == {("org", "is_empty"), ("upvotes", "is_empty")}
    assert not plan.avoided and plan.metadata_only
    assert understand("Which papers use both GRPO and SFT?", ORGS).required == ["GRPO", "SFT"]


@pytest.mark.parametrize("question, op, value", [
    ("Which papers have titles with more than 15 words?", ">", 15),  # was "more than 15 words" in the title
    ("Which papers have a title longer than 18 words?", ">", 18),
    ("Which papers have a one-word title?", "==", 1), ("Which papers have titles with at most 3 words?", "<=", 3)])
def test_a_title_length_condition(question, op, value):
    plan = understand(question, ORGS)
    assert _filters(plan) == [("title_words", op, value)] and not plan.in_title and plan.metadata_only


@pytest.mark.parametrize("question, op, value", [
    ("Which papers have a title longer than 120 characters?", ">", 120),  # was abstained on "characters"
    ("Which papers have titles with fewer than 40 characters?", "<", 40), ("Titles of at least 100 chars?", ">=", 100)])
def test_a_title_length_in_characters(question, op, value):
    plan = understand(question, ORGS)
    assert _filters(plan) == [("title_chars", op, value)] and not plan.in_title and plan.metadata_only
    longest = understand("Which paper has the longest title in characters?", ORGS)
    assert (longest.sort, longest.descending, longest.limit, longest.text) == ("title_chars", True, 1, "")


@pytest.mark.parametrize("question, op, value", [
    ("Which papers have abstracts shorter than 150 words?", "<", 150),
    ("Which papers have an abstract with more than 250 words?", ">", 250),
    ("Which papers have abstracts of at most 200 words?", "<=", 200), ("Any 200-word abstracts?", "==", 200)])
def test_an_abstract_length_condition(question, op, value):
    plan = understand(question, ORGS)
    assert _filters(plan) == [("abstract_words", op, value)] and plan.metadata_only and plan.measures_abstracts
    assert not plan.stored_filters  # Chroma holds no abstract length


def test_abstract_reasoning_is_a_topic_not_a_length():
    plan = understand("Which papers study abstract reasoning with more than 5 authors?", ORGS)
    assert _filters(plan) == [("authors", ">", 5)] and "abstract reasoning" in plan.text and not plan.measures_abstracts
    assert understand("Which paper on abstract reasoning is the longest?", ORGS).sort != "abstract_words"


@pytest.mark.parametrize("question, statistic", [
    ("What is the average abstract length?", "mean"), ("What is the median number of words in the abstracts?", "median"),
    ("the typical length of an abstract", "median")])
def test_an_abstract_length_statistic(question, statistic):
    plan = understand(question, ORGS)
    assert (plan.statistic, plan.sort, plan.text.strip()) == (statistic, "abstract_words", "")


def test_which_organisations_on_a_topic_is_a_breakdown_of_the_topics_papers():
    plan = understand("Which organisations work on reasoning?", ORGS)
    assert (plan.group_by, plan.breakdown, plan.text) == ("org", True, "reasoning")
    assert understand("Which organisation posted LoongRL?", ORGS).asks_field == "org"  # one paper's


def test_conditions_are_put_in_words():
    from llama_index.core.vector_stores import FilterOperator, MetadataFilter

    from rag.answer.metadata import conditions_in_words

    plan = understand("papers on agents from March 2023 with more than 10 authors")
    assert conditions_in_words(plan) == ["was posted in March 2023", "has more than 10 authors"]
    plan.filters = [MetadataFilter(key="org", value="Acme", operator=FilterOperator.NE),
                    MetadataFilter(key="upvotes", value=None, operator=FilterOperator.IS_EMPTY),
                    MetadataFilter(key="paper_id", value=["a", "b"], operator=FilterOperator.IN),
                    MetadataFilter(key="authors", value=1)]
    plan.sort = "upvotes"
    assert conditions_in_words(plan) == ["is not from Acme", "is listed without an upvote count",
                                         "is among the papers of the previous answer", "has 1 author",
                                         "lists an upvote count"]


def test_what_distinguishes_x_from_y_is_a_comparison():
    assert understand("What distinguishes SecRepair from SWE-RL?", ORGS, {"SWE-RL"}).compares
    # A list request stays a list when its topic is telling things apart.
    assert understand("Which papers study distinguishing human from machine text?", ORGS).asks_list


def _filters(plan):
    """Of a plan, or of a MetadataFilters."""
    return [(f.key, f.operator.value, f.value) for f in plan.filters]


def test_days_and_ranges_of_months():
    assert _filters(understand("Which papers were posted on Mar 10, 2025?", ORGS)) == [("posted", "==", 20250310)]
    assert _filters(understand("papers posted between January and March 2025", ORGS)) == \
        [("posted", ">=", 20250101), ("posted", "<=", 20250331)]
    assert _filters(understand("papers from Nov 2024 to Feb 2025 on agents", ORGS)) == \
        [("posted", ">=", 20241101), ("posted", "<=", 20250231)]
    assert _filters(understand("Which papers on agents were posted between October and December?", ORGS)) == \
        [("month", "in", [10, 11, 12])]
    assert _filters(understand("papers from November to February", ORGS)) == [("month", "in", [11, 12, 1, 2])]
    plan = understand("Which paper was posted most recently?", ORGS)
    assert (plan.sort, plan.descending, plan.limit) == ("posted", True, 1)


def test_days_of_the_week():
    for question, expected in (
            ("Which papers were posted on a weekend?", [("weekday", "in", [6, 7])]),
            ("papers on agents posted over the weekend", [("weekday", "in", [6, 7])]),
            ("How many papers were posted on weekdays?", [("weekday", "in", [1, 2, 3, 4, 5])]),
            ("Which papers came out on a Friday?", [("weekday", "==", 5)]),
            ("papers on agents posted on Mondays or Tuesdays", [("weekday", "in", [1, 2])]),
            # days and weekends together: either ("Mondays" was read as a topic)
            ("Which papers were posted on Mondays and on weekends?", [("weekday", "in", [1, 6, 7])]),
            ("papers posted on a Friday or a weekend", [("weekday", "in", [5, 6, 7])])):
        plan = understand(question, ORGS)
        assert _filters(plan) == expected, question
        assert plan.text in ("", "agents"), question  # the day is no topic word
    # With a year: both conditions
    assert _filters(understand("Which 2025 papers came out on a Sunday?", ORGS)) == \
        [("weekday", "==", 7), ("year", "==", 2025)]
    # A day's name that says no day of posting stays a topic word
    assert not understand("Which papers study Cyber Monday sales?", ORGS).filters


def test_the_day_a_paper_was_posted():
    assert understand("What day of the week was LIMO posted?", ORGS, {"LIMO"}).asks_field == "weekday"
    assert understand("On which weekday did Seg-Zero come out?", ORGS, {"Seg-Zero"}).asks_field == "weekday"
    assert understand("What day was LIMO posted?", ORGS, {"LIMO"}).asks_field == "date"  # was a question on "day"


def test_groups_by_day_of_the_week_and_by_day():
    for question, key, breakdown in (("On which day of the week are most papers posted?", "weekday", False),
                                     ("Which weekday has the fewest papers?", "weekday", False),
                                     ("How many papers were posted per weekday?", "weekday", True),
                                     ("Which day had the most papers posted?", "day", False),
                                     ("How many papers were posted per month?", "month", True)):
        plan = understand(question, ORGS)
        assert (plan.group_by, plan.breakdown, plan.text) == (key, breakdown, ""), question
    plan = understand("Which day of the week has the most upvotes?", ORGS)
    assert (plan.group_by, plan.statistic, plan.sort, plan.limit) == ("weekday", "total", "upvotes", 1)
    assert understand("What date is listed for LIMO?", ORGS, {"LIMO"}).group_by is None  # one paper's date


@pytest.mark.parametrize("question, sort, text", [
    ("What is the range of author counts?", "authors", ""), ("What is the spread of upvotes among 2025 papers?", "upvotes", ""),
    ("What is the date range of the collection?", "posted", ""), ("What period do the papers span?", "posted", ""),
    ("What dates do the papers on GRPO span?", "posted", "GRPO"),
    ("What period do the 2025 papers on reinforcement learning span?", "posted", "reinforcement learning")])  # was no range
def test_a_range_of_values(question, sort, text):
    plan = understand(question, ORGS)
    assert (plan.statistic, plan.sort, plan.text, plan.asks_field) == ("range", sort, text, None)


@pytest.mark.parametrize("question, year, text", [
    ("How many weeks apart were the first and the last 2025 papers posted?", 2025, ""),  # "2025" was 2025 papers
    ("How many days passed between the first and the last paper of 2024?", 2024, ""),
    ("How long between the oldest and the newest papers about agents?", None, "agents"),
    ("Which were the first and last papers on GRPO?", None, "GRPO"),
    # "dated" between (was a paper on "separate dated", and the topic "time span")
    ("How many days separate the oldest and the newest dated papers?", None, ""),
    ("What is the time span of the dated papers?", None, "")])
def test_the_first_and_the_last_papers_are_a_range_of_dates(question, year, text):
    plan = understand(question, ORGS)  # was a paper on "weeks apart first", or on "passed first"
    assert (plan.statistic, plan.sort, plan.text, plan.limit, plan.among) == ("range", "posted", text, None, None)
    assert [f.value for f in plan.filters if f.key == "year"] == ([year] if year else [])


@pytest.mark.parametrize("question, said", [
    ("Which papers have -5 authors?", "-5 authors"),  # was a paper on "-" with 5 authors
    ("Which papers on agents have fewer than -1 upvotes?", "fewer than -1 upvotes")])
def test_a_negative_count_is_said_to_match_nothing(question, said):
    plan = understand(question, ORGS)
    assert plan.cannot == f'A count cannot be negative: "{said}" matches no paper. Ask for a count of 0 or more.'
    assert not plan.filters  # no count is read from it
    assert not understand("Which papers have 5 authors?", ORGS).cannot


def test_a_time_span_in_a_topic_is_no_range_of_dates():
    plan = understand("Which papers model the time span of events?", ORGS)  # was the range of the topic's dates
    assert plan.statistic is None and "time span" in plan.text
    assert understand("Which papers study long-range dependencies?", ORGS).statistic is None


def test_a_place_among_groups_counted():
    plan = understand("Which organisation has the second most papers?", ORGS)
    assert (plan.group_by, plan.place, plan.text) == ("org", 2, "")


def test_recent_frames_the_papers_and_names_no_topic():
    # "recent" was a topic word: the GRPO papers that also say "recent" were ranked
    plan = understand("Which recent papers on GRPO have the most upvotes?", ORGS)
    assert (plan.text, plan.sort) == ("GRPO", "upvotes")


def test_days_as_bounds_in_any_written_form():
    for question, expected in (
            ("Which papers were posted after September 25, 2025?", [("posted", ">", 20250925)]),
            ("papers posted before 1 Oct 2025 on agents", [("posted", "<", 20251001)]),
            ("Which papers were posted since 2025-09-25?", [("posted", ">=", 20250925)]),
            ("papers posted on or before Dec 9th, 2024", [("posted", "<=", 20241209)]),
            ("papers from 29 September 2025", [("posted", "==", 20250929)]),
            ("papers from Sep 1, 2025 onwards", [("posted", ">=", 20250901)]),
            ("Which papers were posted between Sep 15, 2025 and Sep 1, 2025?",
             [("posted", ">=", 20250901), ("posted", "<=", 20250915)])):
        plan = understand(question, ORGS)
        assert _filters(plan) == expected, question
        assert plan.text in ("", "agents"), question  # the date is no topic word
    # the last week of a month ends on its last day: no "September 31"
    assert _filters(understand("papers from the last week of September 2025", ORGS))[1] == ("posted", "<=", 20250930)


def test_a_place_in_a_sort():
    for question, sort, descending, place in (("What is the second most upvoted paper?", "upvotes", True, 2),
                                              ("Which is the third-oldest paper?", "posted", False, 3),
                                              ("Which paper has the 2nd most authors?", "authors", True, 2),
                                              ("What is the fourth most recent paper on GRPO?", "posted", True, 4),
                                              ("Which paper is the runner-up in upvotes?", "upvotes", True, 2)):  # abstained
        plan = understand(question, ORGS)
        assert (plan.sort, plan.descending, plan.limit, plan.place) == (sort, descending, 1, place), question
        assert plan.text in ("", "GRPO"), question
    assert understand("What is the most upvoted paper?", ORGS).place == 1
    runners = understand("Which 2025 papers are the runners-up by votes?", ORGS)  # the papers in second place, ties and all
    assert (runners.sort, runners.place, runners.limit, _filters(runners)) == ("upvotes", 2, None, [("year", "==", 2025)])
    assert understand("Which papers are a second attempt at RL?", ORGS).place == 1  # no sort, no place


def test_the_typical_paper_is_a_statistic_over_all_papers():
    plan = understand("How many authors does the typical paper have?", ORGS)
    assert (plan.statistic, plan.sort, plan.asks_field) == ("median", "authors", None) and plan.metadata_only
    plan = understand("How many upvotes does the average paper get?", ORGS)
    assert (plan.statistic, plan.sort) == ("mean", "upvotes")


def test_date_conditions_in_words():
    from rag.answer.metadata import conditions_in_words

    assert conditions_in_words(understand("papers on agents from Nov 2024 to Feb 2025", ORGS)) == \
        ["was posted between November 2024 and February 2025"]
    assert conditions_in_words(understand("papers on agents posted on Mar 10, 2025", ORGS)) == \
        ["was posted on March 10, 2025"]


def test_halves_and_quarters_of_a_year():
    for question, low, high in (("What papers were released in the first half of 2025?", 20250101, 20250631),
                                ("What was posted in Q1 2025?", 20250101, 20250331),
                                ("papers on agents from the last quarter of 2024", 20241001, 20241231),
                                ("H2 2023 papers", 20230701, 20231231),
                                ("Which papers were posted in the last three months of 2025?", 20251001, 20251231),
                                ("papers from the first 2 months of 2024", 20240101, 20240231),
                                ("Which papers were posted in the final quarter of 2023?", 20231001, 20231231)):
        assert _filters(understand(question, ORGS)) == [("posted", ">=", low), ("posted", "<=", high)], question
    # with no year, the months of any year
    for question, months in (("Which papers were posted in Q3?", [7, 8, 9]), ("papers from the fourth quarter", [10, 11, 12]),
                             ("Which papers came out in the second half of the year?", [7, 8, 9, 10, 11, 12])):
        assert _filters(understand(question, ORGS)) == [("month", "in", months)], question
    assert understand("Which papers were posted in the first half?", ORGS).filters == []  # of what, unsaid
    # "this quarter" and "last quarter" are calendar quarters, as "last month" is a calendar month
    today = date(2026, 2, 10)
    assert _filters(understand("Which papers are from last quarter?", ORGS, today=today)) == \
        [("posted", ">=", 20251001), ("posted", "<=", 20251231)]
    assert _filters(understand("papers posted this quarter", ORGS, today=today)) == \
        [("posted", ">=", 20260101), ("posted", "<=", 20260331)]
    # "this week" since its Monday (a Tuesday here); "new" in "any new papers this week?" is no topic
    plan = understand("Any new papers this week?", ORGS, today=today)
    assert _filters(plan) == [("posted", ">=", 20260209)] and plan.text.strip() == "" and plan.asks_list


@pytest.mark.parametrize("question, expected", [
    ("Which papers have double-digit author counts?", [("authors", ">=", 10), ("authors", "<=", 99)]),
    ("Which papers have a single-digit number of upvotes?", [("upvotes", ">=", 0), ("upvotes", "<=", 9)]),
    ("papers with authors in the double digits", [("authors", ">=", 10), ("authors", "<=", 99)]),
    ("How many papers have no listed authors?", [("authors", "is_empty", None)]),  # was: every paper
    ("Which papers list no authors?", [("authors", "is_empty", None)]),
    ("papers without a known organisation", [("org", "is_empty", None)]),
    ("Which papers have no more than 3 authors?", [("authors", "<=", 3)]),
    ("Which papers have upvotes equal to their number of authors?", [("upvotes_per_author", "==", 1)]),
])
def test_digit_counts_absent_fields_and_equal_counts(question, expected):
    plan = understand(question, ORGS)
    assert _filters(plan) == expected and plan.metadata_only


@pytest.mark.parametrize("question, expected", [
    ("Show papers with 3 to 5 upvotes posted in 2025", [("year", "==", 2025), ("upvotes", ">=", 3), ("upvotes", "<=", 5)]),
    ("papers with 5-10 authors", [("authors", ">=", 5), ("authors", "<=", 10)]),  # was "10 authors" on "5-"
    ("papers with two to four authors", [("authors", ">=", 2), ("authors", "<=", 4)]),
    ("Which papers from 2023 to 2025 have 3 upvotes?", [("year", ">=", 2023), ("year", "<=", 2025), ("upvotes", "==", 3)]),
    ("papers 2023-2024", [("year", ">=", 2023), ("year", "<=", 2024)]),
    ("Which papers were published on the first of a month?", [("day_of_month", "==", 1)]),
    ("papers posted on the twenty-first day of the month", [("day_of_month", "==", 21)]),
    ("Which papers were posted on the last day of a month?", [("days_to_month_end", "==", 0)]),  # was abstained on
    ("papers that came out on a month's final day", [("days_to_month_end", "==", 0)]),
    ("Which papers were posted in the last week of a month in 2025?", [("days_to_month_end", "<=", 6), ("year", "==", 2025)]),
    ("papers posted in the last three days of the month", [("days_to_month_end", "<=", 2)]),
])
def test_ranges_written_with_to_or_a_dash_and_days_of_a_month_in_words(question, expected):
    plan = understand(question, ORGS)
    assert _filters(plan) == expected and plan.metadata_only


def test_date_ranges_and_shared_counts():
    for q in ("What is the date range of the 2024 papers?", "What's the earliest and latest posting date?"):
        plan = understand(q, ORGS)
        assert (plan.statistic, plan.sort, plan.text.strip()) == ("range", "posted", ""), q
    assert _filters(understand("What is the date range of the 2024 papers?", ORGS)) == [("year", "==", 2024)]
    plan = understand("Which papers share an author count with LIMO?", ORGS, {"LIMO"})  # was a topic: LIMO's abstract
    assert [(r.field, r.op, r.ref) for r in plan.relative] == [("authors", "same", "LIMO")] and plan.metadata_only
    plan = understand("Which papers have exactly as many upvotes as LoongRL?", ORGS, {"LoongRL"})  # "exactly" was a topic
    assert [(r.field, r.op, r.ref) for r in plan.relative] == [("upvotes", "same", "LoongRL")] and plan.metadata_only
    plan = understand("Which papers are as popular as LoongRL?", ORGS, {"LoongRL"})  # was the topic "popular"
    assert [(r.field, r.op, r.ref) for r in plan.relative] == [("upvotes", "same", "LoongRL")] and plan.metadata_only


def test_a_month_negated_and_counts_or_dates_listed():
    plan = understand("Which papers were posted in 2025 but not in October?", ORGS)  # was read as October 2025
    assert _filters(plan) == [("month", "!=", 10), ("year", "==", 2025)]
    from rag.answer.metadata import read_as
    assert read_as(plan) == ("a paper that was not posted in October (listings without a date included) "
                             "and was posted in 2025")
    assert _filters(understand("Which papers have the same number of upvotes as authors?", ORGS)) == \
        [("upvotes_per_author", "==", 1)]
    assert _filters(understand("What fraction of the papers list a year?", ORGS)) == [("year", ">=", 0)]  # was all 217


def test_it_is_the_one_paper_named():
    plan = understand("Which papers posted after LIMO have more upvotes than it?", ORGS, {"LIMO"})
    assert [(r.field, r.op, r.ref) for r in plan.relative] == [("upvotes", ">", "LIMO"), ("posted", ">", "LIMO")]
    assert plan.metadata_only and not plan.text


def test_a_field_asked_to_be_listed():
    assert _filters(understand("Which papers received upvotes?", ORGS)) == [("upvotes", ">=", 0)]
    assert _filters(understand("papers on agents with a known year", ORGS)) == [("year", ">=", 0)]
    assert _filters(understand("Which papers have a date listed?", ORGS)) == [("month", ">=", 1)]
    assert _filters(understand("Which papers have at least one upvote?", ORGS)) == [("upvotes", ">=", 1)]
    assert understand("Which paper got the most upvotes?", ORGS).filters == []  # a sort, not a filter


@pytest.mark.parametrize("question", ["Which papers have an organisation listed?", "papers with a known organization",
                                      "Which papers list an affiliation?", "papers on agents that name an institution"])
def test_an_organisation_asked_to_be_listed(question):
    plan = understand(question, ORGS)
    assert _filters(plan) == [("org", "!=", "")]
    # Chroma's "not equal" passes chunks that lack the key: checked on the retrieved papers instead.
    assert plan.stored_filters is None and _filters(plan.derived_filters) == [("org", "!=", "")]
    assert understand("Which papers list the organisations?", ORGS).group_by == "org"  # a breakdown, not a filter


@pytest.mark.parametrize("question, expected", [
    ("Which papers have no more than 3 authors?", [("authors", "<=", 3)]),  # read as "more than 3"
    ("papers with no fewer than 10 authors", [("authors", ">=", 10)]),
    ("papers with no less than 2 upvotes", [("upvotes", ">=", 2)]),
])
def test_no_more_than_is_at_most(question, expected):
    plan = understand(question, ORGS)
    assert _filters(plan) == expected and plan.text == ""


@pytest.mark.parametrize("question, descending, limit", [
    ("What are the latest 5 papers?", True, 5), ("oldest 3 papers", False, 3),  # "5" and "3" were topics
    ("the newest two papers on agents", True, 2)])
def test_the_latest_n_papers(question, descending, limit):
    plan = understand(question, ORGS)
    assert (plan.sort, plan.descending, plan.limit) == ("posted", descending, limit)
    assert plan.text in ("", "agents")


def test_which_organisations_are_represented_is_the_breakdown():
    for question in ("Which organisations are represented?", "What organisations are listed?"):
        plan = understand(question, ORGS)  # "represented" was a topic, and abstained
        assert (plan.group_by, plan.breakdown, plan.text) == ("org", True, ""), question


def _relative(question, names=frozenset({"LIMO", "Seg-Zero", "Titans", "Orca 2"})):
    return [(r.field, r.op, r.ref, r.unit) for r in understand(question, ORGS, names).relative]


@pytest.mark.parametrize("question, relative", [
    ("Which papers have more authors than LIMO?", [("authors", ">", "LIMO", "")]),
    ("Which papers got fewer upvotes than Titans?", [("upvotes", "<", "Titans", "")]),
    ("Which papers on agents were posted before Seg-Zero?", [("posted", "<", "Seg-Zero", "")]),
    ("Which papers came out in the same month as LIMO?", [("posted", "same", "LIMO", "month")]),
    ("Papers posted on the same day as the LIMO paper", [("posted", "same", "LIMO", "day")]),
    ("Which papers were posted in the same week as LIMO?", [("posted", "same", "LIMO", "week")]),  # abstained
    ("Which papers were posted on the same weekday as LIMO?", [("posted", "same", "LIMO", "weekday")]),  # was no condition
    # negated: the named paper's value kept (were the opposite comparison)
    ("Which papers have no more upvotes than LIMO?", [("upvotes", "<=", "LIMO", "")]),
    ("papers with not fewer authors than Seg-Zero", [("authors", ">=", "Seg-Zero", "")]),
    ("Which papers were posted no later than LIMO?", [("posted", "<=", "LIMO", "")]),
    ("Which papers were posted not before Seg-Zero?", [("posted", ">=", "Seg-Zero", "")]),
    ("Which papers were posted on or before LIMO?", [("posted", "<=", "LIMO", "")]),
    ("papers posted on the same day of the week as Seg-Zero", [("posted", "same", "Seg-Zero", "weekday")]),
    ("papers with as many authors as Seg-Zero", [("authors", "same", "Seg-Zero", "")]),  # was no condition
    ("Which papers have more authors than LIMO and more upvotes than Orca 2?",
     [("upvotes", ">", "Orca 2", ""), ("authors", ">", "LIMO", "")]),
    ("Which papers have more than the average number of upvotes?", [("upvotes", ">", "mean", "")]),
    ("Papers with above-average upvotes", [("upvotes", ">", "mean", "")]),
    ("Which papers have fewer authors than the median?", [("authors", "<", "median", "")]),
    ("2025 papers with an upvote count below the mean", [("upvotes", "<", "mean", "")]),
    ("papers with higher than average upvotes", [("upvotes", ">", "mean", "")]),
    ("papers with fewer authors than usual", [("authors", "<", "median", "")]),
    ("Which 2025 papers have more upvotes than the average 2025 paper?", [("upvotes", ">", "mean", "")]),
    ("Is LIMO better than Seg-Zero?", []),
    # a second field whose paper goes unsaid is the same paper's
    ("Which papers have more authors than LIMO but fewer upvotes?",
     [("authors", ">", "LIMO", ""), ("upvotes", "<", "LIMO", "")]),
    # ... or said again: "than it" (both abstained: the second was the topic "fewer upvotes")
    ("Which papers have more authors than LIMO but fewer upvotes than it?",
     [("authors", ">", "LIMO", ""), ("upvotes", "<", "LIMO", "")]),
    ("Which papers have more authors than LIMO and fewer upvotes than LIMO?",
     [("authors", ">", "LIMO", ""), ("upvotes", "<", "LIMO", "")]),
    ("Which papers were posted in the same month as LIMO but have more upvotes?",  # was a topic, "upvotes"
     [("posted", "same", "LIMO", "month"), ("upvotes", ">", "LIMO", "")]),
    ("Which papers were posted after LIMO and got more upvotes?", [("posted", ">", "LIMO", ""), ("upvotes", ">", "LIMO", "")]),
    ("Which paper was posted right after LIMO?", [("posted", ">", "LIMO", "")]),
    ("Which papers were posted within two weeks of LIMO?", [("posted", "within", "LIMO", "")]),
    ("Papers from around the same time as Seg-Zero", [("posted", "within", "Seg-Zero", "")]),
    # a multiple of the papers' statistic (was a topic "twice" and the median asked for)
    ("Which papers have more than twice the median number of authors?", [("authors", ">", "median", "")]),
    ("Which papers have at least three times the average number of upvotes?", [("upvotes", ">=", "mean", "")]),
    # a length against the papers' (were topics)
    ("Which papers have an above-average title length?", [("title_words", ">", "mean", "")]),
    ("Which papers have titles longer than average?", [("title_words", ">", "mean", "")]),
    ("Which papers have a below-average title length in characters?", [("title_chars", "<", "mean", "")]),
    ("Which 2025 papers have an abstract length below the median?", [("abstract_words", "<", "median", "")]),
    ("How many papers have longer-than-average abstracts?", [("abstract_words", ">", "mean", "")]),
    # the month in other years (was the same month of the same year); any year's
    ("Which papers were posted in the same month as LIMO but in another year?",
     [("posted", "same", "LIMO", "month of another year")]),
    ("papers from the same month as Seg-Zero in an earlier year", [("posted", "same", "Seg-Zero", "month of an earlier year")]),
    ("Which papers were posted in the same month of the year as LIMO?", [("posted", "same", "LIMO", "month of the year")]),
    ("papers from the same calendar month as LIMO", [("posted", "same", "LIMO", "month of the year")]),
])
def test_a_field_compared_with_a_named_paper_or_an_average(question, relative):
    assert _relative(question) == relative


@pytest.mark.parametrize("question, relative, years", [
    ("Which 2025 papers have more upvotes than every 2023 paper?", [("upvotes", ">", "max", 2023)], [2025]),
    ("Which papers have more upvotes than any 2024 paper?", [("upvotes", ">", "max", 2024)], []),
    ("Which papers have fewer authors than every paper from 2019?", [("authors", "<", "min", 2019)], []),
    ("papers with more authors than all the other papers", [("authors", ">", "max", None)], []),
    ("Which 2024 papers have more authors than the average 2025 paper?", [("authors", ">", "mean", 2025)], [2024]),
    ("Which 2025 papers have more upvotes than the average 2025 paper?", [("upvotes", ">", "mean", 2025)], [2025]),
    ("Which 2024 papers have more upvotes than the 2024 average?", [("upvotes", ">", "mean", 2024)], [2024]),  # abstained
    ("Which papers have fewer authors than the 2023 median?", [("authors", "<", "median", 2023)], []),
])
def test_a_count_compared_with_every_paper_of_a_year(question, relative, years):
    # a year said once is the year of the papers compared with, not a condition on those listed
    plan = understand(question, ORGS)
    assert [(r.field, r.op, r.ref, r.year) for r in plan.relative] == relative
    assert [f.value for f in plan.filters if f.key == "year"] == years
    assert plan.metadata_only


@pytest.mark.parametrize("question, sort, group_by, text", [
    ("list papers on distillation sorted by date", "posted", None, "distillation"),  # was counted by day
    ("list papers sorted by year", "posted", None, ""),  # was counted by year, on the topic "sorted"
    ("list the 2025 papers by date", "posted", None, ""),
    ("papers on agents ordered by date", "posted", None, "agents"),
    ("how many papers by year", None, "year", ""),
    ("number of papers per day", None, "day", ""),
    ("list papers by year", None, "year", ""),  # the papers in groups
    ("papers sorted by organisation", None, "org", ""),  # was on the topic "sorted"
])
def test_sorted_by_a_date_is_an_order_not_a_count_by_group(question, sort, group_by, text):
    plan = understand(question, ORGS)
    assert (plan.sort, plan.group_by, plan.text.strip()) == (sort, group_by, text)


@pytest.mark.parametrize("question", ["Which papers share an organisation with LoongRL?",
                                      "Which papers are from the same organisation as LoongRL?",
                                      "papers by the same lab as LoongRL"])
def test_the_same_organisation_as_a_named_paper(question):
    plan = understand(question, ORGS, {"LoongRL"})
    assert [(r.field, r.op, r.ref) for r in plan.relative] == [("org", "same", "LoongRL")] and plan.metadata_only


@pytest.mark.parametrize("question", ["Which paper was posted closest to LIMO?", "papers published nearest in time to LIMO",
                                      "Which paper is closest to LIMO in time?"])
def test_posted_closest_to_a_paper_is_a_date_not_a_likeness(question):
    plan = understand(question, ORGS, {"LIMO"})
    assert [(r.field, r.op, r.ref) for r in plan.relative] == [("posted", "nearest", "LIMO")] and plan.similar_to is None
    assert understand("Which papers are closest to LIMO?", ORGS, {"LIMO"}).similar_to == "LIMO"  # its content


@pytest.mark.parametrize("question", ["List all papers.", "Show me every paper in the corpus", "Which papers do you have?",
                                      "What papers are in the collection?", "please list all the papers"])
def test_a_request_for_every_paper_is_the_whole_collection(question):
    plan = understand(question, ORGS)  # abstained: "no topic and no condition"
    assert plan.everything and plan.metadata_only and plan.asks_list and not plan.filters and plan.text == ""


@pytest.mark.parametrize("question", ["List all papers by Tencent", "List all papers, newest first", "List all papers on GRPO"])
def test_every_paper_with_a_condition_order_or_topic_is_those(question):
    assert not understand(question, ORGS).everything


@pytest.mark.parametrize("question, field, ref, given", [
    ("Which paper has an upvote count closest to 10?", "upvotes", "10", True),
    ("Which papers have closest to 9 upvotes?", "upvotes", "9", True),  # not also "exactly 9 upvotes"
    ("the paper whose number of authors is nearest to twelve", "authors", "12", True),
    ("Which paper's number of authors is closest to LIMO's?", "authors", "LIMO", False),
    ("Which paper is closest to LIMO in upvotes?", "upvotes", "LIMO", False)])
def test_a_count_closest_to_a_number_or_a_paper(question, field, ref, given):
    plan = understand(question, ORGS, {"LIMO"})  # was the topic "closest to 10", or a paper like LIMO
    assert [(r.field, r.op, r.ref, r.given) for r in plan.relative] == [(field, "nearest", ref, given)]
    assert not plan.filters and plan.similar_to is None and plan.metadata_only


@pytest.mark.parametrize("question", ["Which paper was posted closest to Dec 25, 2024?",
                                      "Which paper came out nearest to 2024-12-25?", "the paper closest to 25 December 2024",
                                      "Which papers came out nearest to Christmas 2024?"])  # was the topic "christmas"
def test_posted_closest_to_a_day(question):
    plan = understand(question, ORGS)
    assert [(r.field, r.op, r.ref, r.value, r.given) for r in plan.relative] == [
        ("posted", "nearest", "December 25, 2024", 20241225, True)]
    assert plan.filters == [] and plan.metadata_only  # (the day is no "posted on" filter)


@pytest.mark.parametrize("question, names", [
    ("Which of LIMO, Seg-Zero and RT-2 has the most upvotes?", ["LIMO", "Seg-Zero", "RT-2"]),  # "and": all three in one
    ("Which of LIMO and Seg-Zero has more upvotes?", ["LIMO", "Seg-Zero"]),  # no topic: every paper was ranked
    ("What is the average number of authors of RT-2, LIMO and Seg-Zero?", ["RT-2", "LIMO", "Seg-Zero"]),
])
def test_a_ranking_of_papers_named_is_of_those_papers(question, names):
    plan = understand(question, ORGS, {"LIMO", "Seg-Zero", "RT-2"})
    assert (plan.text, plan.alternatives) == (" or ".join(names), [names]) and (plan.sort or plan.statistic)
    assert understand("Which of the papers on LIMO and Seg-Zero's data is the most upvoted?", ORGS,
                      {"LIMO", "Seg-Zero"}).text != "LIMO or Seg-Zero"  # another topic word: as it was
    assert understand("Which of LIMO, Seg-Zero and RT-2 is the oldest?", ORGS, {"LIMO", "Seg-Zero", "RT-2"}).limit == 1


@pytest.mark.parametrize("question, of_topic", [
    ("What fraction of the papers on agents were posted in 2025?", True),
    ("What share of the papers about RL have more than 2 upvotes?", True),
    ("What share of papers from 2025 have upvotes?", False),  # of the 2025 papers (share_of)
    ("What fraction of 2025 papers use GRPO?", False),  # the topic after the verb
])
def test_a_share_is_of_the_papers_on_the_topic_its_subject_names(question, of_topic):
    assert understand(question, ORGS).share_topic is of_topic


def test_new_year_with_a_year_is_its_first_day():
    plan = understand("Which paper was posted closest to New Year 2025?", ORGS)  # was a topic, "new year"
    assert [(r.op, r.value) for r in plan.relative] == [("nearest", 20250101)] and plan.metadata_only
    plan = understand("Which papers were posted within 3 days of New Year 2025?", ORGS)
    assert _filters(plan) == [("posted", ">=", 20241229), ("posted", "<=", 20250104)]
    assert understand("Which papers study the new year effect?", ORGS).filters == []  # no year: no day


@pytest.mark.parametrize("question, day", [
    ("Which paper came out closest to the middle of 2024?", 20240701),  # was "May to August 2024" and a topic
    ("Which paper was posted nearest to the end of 2024?", 20241231),
    ("the paper closest to mid-2025", 20250701),
    ("Which paper is closest to the start of 2025?", 20250101),
    ("Which paper is closest to the end of February 2024?", 20240229),  # a leap year's last day
    ("Which paper is closest to the middle of March 2025?", 20250315),
])
def test_the_edge_of_a_year_or_month_is_a_day_to_be_near(question, day):
    plan = understand(question, ORGS)
    assert [(r.op, r.value) for r in plan.relative] == [("nearest", day)] and plan.metadata_only and not plan.filters


@pytest.mark.parametrize("question, filters", [
    ("Which paper was posted on the first Monday of 2025?", [("posted", "==", 20250106)]),  # was the topic "first monday"
    ("Which papers were posted after the last Friday of 2024?", [("posted", ">", 20241227)]),
    ("papers posted before the second Tuesday in March 2025", [("posted", "<", 20250311)]),
    ("Which papers came out on the last Sunday of February 2024?", [("posted", "==", 20240225)]),
])
def test_a_weekday_of_a_year_or_month_is_a_day(question, filters):
    plan = understand(question, ORGS)
    assert _filters(plan) == filters and plan.metadata_only


@pytest.mark.parametrize("question, same_as", [
    ("How old is LIMO?", "When was LIMO posted?"),  # was the topic "old"
    ("How old is the newest paper?", "When was the newest paper posted?"),
    ("how old are the 2019 papers?", "When were the 2019 papers posted?"),
    ("How many papers does the collection contain?", "How many papers does the collection have?"),  # was "contain"
    ("How many papers on GRPO does the corpus hold?", "How many papers on GRPO does the corpus have?"),
])
def test_how_old_is_when_posted_and_a_corpus_contains_what_it_has(question, same_as):
    plan, other = understand(question, ORGS, {"LIMO"}), understand(same_as, ORGS, {"LIMO"})
    assert (plan.text, plan.sort, plan.limit, plan.counts, _filters(plan)) == (
        other.text, other.sort, other.limit, other.counts, _filters(other))
    assert "old" not in plan.text and "contain" not in plan.text and "hold" not in plan.text
    assert understand("What topics does the corpus cover?", ORGS).question == "What topics does the corpus cover?"


def test_the_edge_of_a_year_is_a_day_next_to_a_window_and_a_period_alone():
    plan = understand("Which papers were posted within a week of the start of 2025?", ORGS)
    assert _filters(plan) == [("posted", ">=", 20241225), ("posted", "<=", 20250108)]
    plan = understand("Which papers were posted in the middle of 2024?", ORGS)  # a period, as it was
    assert _filters(plan) == [("posted", ">=", 20240501), ("posted", "<=", 20240831)]


@pytest.mark.parametrize("question, kind", [("how many authors do they have on average?", "mean"),
                                            ("how many upvotes do they have in total?", "total")])
def test_a_statistic_of_the_papers_a_follow_up_points_at(question, kind):
    plan = understand(question, ORGS, refers_back=True)  # was a topic, "average"
    assert (plan.statistic, plan.text.strip(), plan.asks_field) == (kind, "", None)


def test_the_topic_apart_from_a_without_condition():
    assert without_condition("Which papers learn visual representations without human labels?") == \
        "Which papers learn visual representations ?"
    assert without_condition("Which papers improve reasoning without the need for labelled data or reward models?") == \
        "Which papers improve reasoning ?"


@pytest.mark.parametrize("question", ["What was posted last?", "What came out most recently?", "Which was posted first?",
                                      "Which one came first?",  # was the topic "came"
                                      "And which was posted first?", "so what was posted last?"])  # listed them all
def test_what_was_posted_last_is_one_paper(question):
    plan = understand(question, ORGS)
    assert (plan.sort, plan.limit) == ("posted", 1)  # listed 65 papers, newest first
    assert understand("What was posted in 2019?", ORGS).limit is None


@pytest.mark.parametrize("question, descending", [("Which paper was posted right after LIMO?", False),
                                                  ("Which paper came out just before Seg-Zero?", True)])
def test_right_after_a_paper_is_the_nearest_one(question, descending):
    plan = understand(question, ORGS, {"LIMO", "Seg-Zero"})
    assert (plan.sort, plan.descending, plan.limit, plan.metadata_only) == ("posted", descending, 1, True)


def test_a_sort_of_several_papers_combined_is_no_topic():
    plan = understand("Which two papers have the most authors combined?", ORGS)
    assert (plan.sort, plan.limit, plan.text) == ("authors", 2, "")


def test_relative_conditions_leave_no_topic_or_statistic_behind():
    names = {"LIMO", "Seg-Zero"}
    assert understand("Which papers have more authors than LIMO?", ORGS, names).metadata_only
    plan = understand("Which papers on agents were posted before Seg-Zero?", ORGS, names)
    assert plan.text.strip() and not plan.metadata_only
    plan = understand("Which papers have more than the average number of upvotes?", ORGS)
    assert plan.metadata_only and plan.statistic is None  # a list, not "what is the average?"
    assert understand("What is the average number of upvotes?", ORGS).statistic == "mean"


@pytest.mark.parametrize("question, days", [("Which papers were posted within two weeks of LIMO?", 14),
                                             ("Which papers came out within a month of LIMO?", 30),
                                             ("papers published within 3 days of LIMO", 3),
                                             ("Which papers appeared around the same time as LIMO?", 30)])
def test_within_a_span_of_a_paper_counts_days_either_side(question, days):
    from rag.understand.plan import Relative
    (relative,) = understand(question, ORGS, {"LIMO"}).relative
    assert relative.days == days
    window = Relative("posted", "within", "LIMO", value=20250205, ref_id="limo", days=days).filters()
    bounds = sorted(f.value for f in window if f.key == "posted")
    assert bounds == {14: [20250122, 20250219], 30: [20250106, 20250307], 3: [20250202, 20250208]}[days]
    week = Relative("posted", "same", "LIMO", "week", value=20250205).filters()  # a Wednesday
    assert sorted(f.value for f in week if f.key == "posted") == [20250203, 20250209]
    assert any(f.key == "paper_id" and f.value == "limo" for f in window)  # not LIMO itself


@pytest.mark.parametrize("question, side, bounds", [
    ("Which papers were posted in the week after LIMO?", "after", [20250206, 20250212]),
    ("Which papers came out less than a month before LIMO?", "before", [20250106, 20250204]),
    ("papers from the two weeks before LIMO", "before", [20250122, 20250204]),
    ("Which papers came out the week before LIMO?", "before", [20250129, 20250204])])  # was "week" a topic
def test_a_span_on_one_side_of_a_paper(question, side, bounds):
    (relative,) = understand(question, ORGS, {"LIMO"}).relative  # not also "after LIMO" on its own
    assert relative.unit == side
    window = replace(relative, value=20250205, ref_id="limo").filters()
    assert sorted(f.value for f in window if f.key == "posted") == bounds


@pytest.mark.parametrize("question, quantity, text", [
    ("Which papers use fewer than 1,000 training examples?", ("<", 1000, "examples", "train"), ""),
    ("Which models are trained with less than 1K samples?", ("<", 1000, "examples", "train"), ""),
    ("Which papers on math reasoning use more than 100k problems?", (">", 100000, "examples", ""), "math reasoning"),
    ("Which papers train models larger than 30B parameters?", (">", 3e10, "parameters", ""), ""),
    ("Which models are trained on more than 1 trillion tokens?", (">", 1e12, "tokens", ""), ""),
    # the verb and the models are no topic ("study language" was)
    ("Which papers study language models with fewer than 1 billion parameters?", ("<", 1e9, "parameters", ""), ""),
    # "a million": one of that scale (was the topic)
    ("Which papers use more than a million training examples?", (">", 1e6, "examples", "train"), ""),
    ("Which papers have fewer than a billion parameters?", ("<", 1e9, "parameters", ""), ""),
])
def test_a_count_the_abstracts_must_state(question, quantity, text):
    plan = understand(question, ORGS)
    q = plan.quantity
    assert (q.op, q.value, q.kind, q.stage) == quantity and plan.text.strip() == text and plan.asks_list
    assert q.in_words() in {"fewer than 1,000 training examples", "more than 100,000 examples",
                            "more than 30 billion parameters", "more than 1 trillion tokens", "fewer than 1 billion parameters",
                            "more than 1 million training examples"}
    assert understand("Which papers use more than one reward model?", ORGS).quantity is None
    assert understand("Which papers score over 90 percent on problems?", ORGS).quantity is None
    # a paper's name, not a condition
    assert understand("What model size does Reasoning Under 1 Billion target?", ORGS,
                      {"Reasoning Under 1 Billion"}).quantity is None


@pytest.mark.parametrize("question, field, versus", [
    ("Is Seg-Zero older than LIMO?", "date", "<"),
    ("Did LIMO come out after Seg-Zero?", "date", ">"),
    ("How many more authors does Seg-Zero have than LIMO?", "authors", "gap"),
    ("How many days after LIMO was Seg-Zero posted?", "date", "gap"),
    ("What is the difference in upvotes between LIMO and Seg-Zero?", "upvotes", "gap"),
    ("Does LIMO have fewer upvotes than Seg-Zero?", "upvotes", "<"),
    # were the papers with more upvotes than Seg-Zero on "LIMO", and a paper on "popular"
    ("Is LIMO more upvoted than Seg-Zero?", "upvotes", ">"), ("Is Seg-Zero less popular than LIMO?", "upvotes", "<"),
    # either way round: the gap, not "Yes"
    ("Was LIMO posted before or after Seg-Zero?", "date", "gap"), ("Is LIMO older or newer than Seg-Zero?", "date", "gap"),
    ("Does LIMO have more or fewer authors than Seg-Zero?", "authors", "gap"),
    # the same period or count (were papers of the same month as every paper, or the years with two papers)
    ("Are LIMO and Seg-Zero from the same month?", "date", "same month"),
    ("Were LIMO and Seg-Zero posted in the same year?", "date", "same year"),
    ("Was Seg-Zero posted on the same date as LIMO?", "date", "same day"),
    ("Do LIMO and Seg-Zero have the same number of authors?", "authors", "same")])
def test_two_named_papers_set_against_each_other(question, field, versus):
    plan = understand(question, ORGS, {"LIMO", "Seg-Zero"})
    assert (plan.asks_field, plan.versus, plan.relative, plan.asks_list) == (field, versus, [], False)
    assert understand("Which papers are older than LIMO?", ORGS, {"LIMO"}).relative  # one named: a filter


@pytest.mark.parametrize("question, relative", [
    ("Which papers have more than twice as many authors as LIMO?", ("authors", ">", 2.0)),
    ("Which papers have twice as many upvotes as LIMO?", ("upvotes", "same", 2.0)),  # alone: that many
    ("Which papers have exactly twice as many authors as LIMO?", ("authors", "same", 2.0)),
    ("papers with at least three times as many authors as LIMO", ("authors", ">=", 3.0)),
    ("Which papers have at most half as many authors as LIMO?", ("authors", "<=", 0.5)),
    ("Which papers have half as many upvotes as LIMO?", ("upvotes", "same", 0.5)),
    ("Which papers have fewer than half as many authors as LIMO?", ("authors", "<", 0.5)),
    ("Which papers have 1.5 times as many authors as LIMO?", ("authors", "same", 1.5)),
    ("Which papers have three times more upvotes than LIMO?", ("upvotes", ">", 3.0)),
    ("Which papers have at least double the authors of LIMO?", ("authors", ">=", 2.0)),
    ("Which papers have as many authors as LIMO?", ("authors", "same", 1.0)),
    ("Which papers have more authors than LIMO?", ("authors", ">", 1.0)),
])
def test_a_multiple_of_a_named_papers_count(question, relative):
    plan = understand(question, ORGS, {"LIMO"})
    assert [(r.field, r.op, r.factor) for r in plan.relative] == [relative] and plan.text.strip() == ""


@pytest.mark.parametrize("question, op, days", [
    ("Which papers were posted more than a year after LIMO?", ">", 365),  # was "after LIMO"
    ("Which papers were posted at least 6 months before LIMO?", "<=", 180),  # was the topic "6 months"
    ("papers that came out more than 2 weeks later than LIMO", ">", 14),
    ("Which papers were posted at least 10 days earlier than LIMO?", "<=", 10),
])
def test_a_gap_past_a_named_paper(question, op, days):
    plan = understand(question, ORGS, {"LIMO"})
    assert [(r.field, r.op, r.ref, r.days) for r in plan.relative] == [("posted", op, "LIMO", days)]
    assert plan.text.strip() == "" and plan.sort is None
    posted = replace(plan.relative[0], value=20250205).filters()  # LIMO's day, Feb 5, 2025
    expected = {365: (20260205, ">"), 180: (20240809, "<="), 14: (20250219, ">"), 10: (20250126, "<=")}[days]
    assert [(f.value, f.operator.value) for f in posted] == [expected]


@pytest.mark.parametrize("question, relative, ranked", [
    ("Which papers have more upvotes than the paper with the most authors?", ("upvotes", ">", ""), ("authors", True)),
    ("Which papers were posted before the most upvoted paper?", ("posted", "<", ""), ("upvotes", True)),
    ("Which papers came out in the same month as the earliest paper?", ("posted", "same", "month"), ("posted", False)),
    ("papers with as many authors as the one with the fewest upvotes", ("authors", "same", ""), ("upvotes", False)),
    ("Which papers have fewer authors than the newest paper?", ("authors", "<", ""), ("posted", True)),
    ("Which papers posted after the paper with the highest number of upvotes have more than 5 authors?",
     ("posted", ">", ""), ("upvotes", True)),
])
def test_a_comparison_with_the_paper_a_ranking_puts_first(question, relative, ranked):
    """"More upvotes than the paper with the most authors": that paper stands for a name; its
    ranking is not the question's own (it was "the one paper with the most authors")."""
    plan = understand(question, ORGS, {"LIMO"})
    assert [(r.field, r.op, r.unit) for r in plan.relative] == [relative]
    assert [(r.ranked.field, r.ranked.descending, r.ref) for r in plan.relative] == [(*ranked, "")]
    assert plan.sort is None and plan.limit is None and plan.text.strip() == "" and plan.asks_list


@pytest.mark.parametrize("question, sort, descending", [
    ("Who posted the most upvoted paper?", "upvotes", True),  # no comparison: the ranking is the question's
    ("Which paper has the most authors?", "authors", True),
    ("Which papers on RL were posted before the oldest paper on agents?", None, None),  # a topic's oldest: not read
    # no comparison takes the reference: read as before it was one, not left as the question's whole text
    ("Which papers are as good as the most upvoted paper?", None, None),  # ("as popular as" is as many upvotes)
    ("Which papers have higher upvotes than the paper with the most authors?", None, None),
])
def test_a_ranking_without_a_comparison_stays_the_questions_own(question, sort, descending):
    plan = understand(question, ORGS, {"LIMO"})
    assert not any(r.ranked for r in plan.relative) and plan.text != question
    if sort:
        assert (plan.sort, plan.descending, plan.limit) == (sort, descending, 1)


@pytest.mark.parametrize("question, group_by, sort, statistic", [
    ("Rank the organisations by number of papers.", "org", None, None),
    ("Sort the years by number of papers", "year", None, None),
    ("Rank the months of 2025 by how many papers they have", "month", None, None),
    ("Rank the organisations by upvotes.", "org", "upvotes", "total"),
    ("Order the organisations by average upvotes", "org", "upvotes", "mean"),
])
def test_groups_ranked_by_their_papers_or_a_field(question, group_by, sort, statistic):
    plan = understand(question, ORGS)
    assert (plan.group_by, plan.sort, plan.statistic, plan.descending) == (group_by, sort, statistic, True)
    assert plan.by_count == (statistic is None) and plan.text.strip() == "" and plan.metadata_only


@pytest.mark.parametrize("question, years, statistic, descending, text", [
    ("Which year had more papers, 2023 or 2024?", [2023, 2024], None, True, ""),
    ("Did more papers come out in 2024 or 2025?", [2024, 2025], None, True, ""),
    ("How many more papers are from 2025 than from 2024?", [2024, 2025], None, True, ""),
    ("How many more papers does 2025 have than 2023?", [2023, 2025], None, True, ""),  # was a paper on algorithms
    ("How many fewer papers came out in 2024 than in 2025?", [2024, 2025], None, False, ""),
    ("Were there more agent papers in 2024 or 2025?", [2024, 2025], None, True, "agent"),
    ("Is the average number of authors higher in 2024 or in 2025?", [2024, 2025], "mean", True, ""),
    ("What is the average number of authors in 2024 compared with 2025?", [2024, 2025], "mean", True, ""),
    ("Which year had fewer upvotes in total, 2023 or 2025?", [2023, 2025], "total", False, ""),
    ("Which year had more upvotes, 2023 or 2024?", [2023, 2024], "total", True, ""),  # a field alone: its total
    ("Which has more authors on average, papers from 2023 or from 2025?", [2023, 2025], "mean", True, ""),
])
def test_years_set_against_each_other_are_groups(question, years, statistic, descending, text):
    plan = understand(question, ORGS)
    assert [(f.key, f.operator.value, f.value) for f in plan.filters] == [("year", "in", years)]
    assert (plan.group_by, plan.statistic, plan.descending, plan.limit) == ("year", statistic, descending, None)
    assert plan.by_count == (statistic is None) and plan.text.strip() == text
    assert plan.gap == plan.by_count  # a count of papers set against another: by how many, first


@pytest.mark.parametrize("question, kind, sort", [
    ("What is the average title length?", "mean", "title_words"),  # was an abstract quoted for "average"
    ("What is the average title length in characters?", "mean", "title_chars"),
    ("What is the median number of characters in a title?", "median", "title_chars"),
    ("What is the mean abstract length?", "mean", "abstract_words")])
def test_a_statistic_of_titles_or_abstracts_lengths(question, kind, sort):
    plan = understand(question, ORGS)
    assert (plan.statistic, plan.sort, plan.text) == (kind, sort, "") and plan.metadata_only


@pytest.mark.parametrize("question, sort", [
    ("What is the range of abstract lengths?", "abstract_words"),  # were abstracts quoted for "range", "length"
    ("What is the range of title lengths?", "title_words"),
    ("What are the shortest and longest titles in characters?", "title_chars")])
def test_the_range_of_lengths(question, sort):
    plan = understand(question, ORGS)
    assert (plan.statistic, plan.sort, plan.text) == ("range", sort, "") and plan.metadata_only


@pytest.mark.parametrize("question, sort, descending", [
    ("Which is the most-upvoted paper?", "upvotes", True), ("What is the most-recent paper?", "posted", True),
    ("Which is the least-upvoted paper from 2025?", "upvotes", False),  # were the topics "most-upvoted", ...
    ("How many authors does the longest-titled paper have?", "title_words", True)])
def test_a_hyphenated_superlative_is_a_sort(question, sort, descending):
    plan = understand(question, ORGS)
    assert (plan.sort, plan.descending, plan.limit, plan.text) == (sort, descending, 1, "")


@pytest.mark.parametrize("question", ["Which papers list an author count?", "How many papers have a known number of authors?",
                                      "What percentage of papers list an author count?"])
def test_a_listed_author_count_is_a_condition(question):
    plan = understand(question, ORGS)  # (was a count by year, or abstained)
    assert _filters(plan) == [("authors", ">=", 1)] and plan.metadata_only and not plan.text


def test_upvotes_per_paper_of_a_group_are_its_mean():
    plan = understand("Which year had the most upvotes per paper?", ORGS)  # was the most upvoted paper, on "per"
    assert (plan.group_by, plan.statistic, plan.sort, plan.limit, plan.text) == ("year", "mean", "upvotes", 1, "")
    assert understand("Which year had the most upvotes?", ORGS).statistic == "total"


@pytest.mark.parametrize("question, group, sort, descending, limit", [
    ("Which year has the longest abstracts on average?", "year", "abstract_words", True, 1),  # was a list by length
    ("Which year has the shortest titles?", "year", "title_words", False, 1),
    ("Which years have the longest titles in characters?", "year", "title_chars", True, None),
    ("Which organisation has the longest abstracts?", "org", "abstract_words", True, 1)])
def test_groups_by_their_mean_length(question, group, sort, descending, limit):
    plan = understand(question, ORGS)
    assert (plan.group_by, plan.statistic, plan.sort, plan.descending, plan.limit, plan.text) == \
        (group, "mean", sort, descending, limit, "")
    assert understand("Which papers have the longest titles?", ORGS).group_by is None  # papers, not groups


@pytest.mark.parametrize("question, months, year", [
    ("Which 2025 papers were posted in January, March or May?", [1, 3, 5], 2025),  # was the topic "January"
    ("How many papers came out in June, July and August 2025?", [6, 7, 8], 2025),
    ("Which 2025 papers were posted in an odd-numbered month?", [1, 3, 5, 7, 9, 11], 2025),  # was a topic
    ("Which papers were posted in even months?", [2, 4, 6, 8, 10, 12], None)])
def test_several_months_or_every_other_month(question, months, year):
    plan = understand(question, ORGS)
    assert sorted(_filters(plan)) == sorted([("month", "in", months)] + ([("year", "==", year)] if year else []))
    assert plan.metadata_only


def test_months_set_against_each_other_are_groups():
    for question in ("Which month had more papers in 2025, March or April?", "Were more papers posted in March or April 2025?",
                     "How many more papers came out in March than in April 2025?",  # were not read as months
                     "How many fewer papers were posted in March 2025 than in April 2025?"):
        plan = understand(question, ORGS)
        assert filters(plan) == [("month", "in", [3, 4]), ("year", "==", 2025)]
        assert (plan.group_by, plan.by_count, plan.limit, plan.text.strip()) == ("month", True, None, "")
    either = understand("Which papers were posted in March or April 2025?", ORGS)  # either month, no comparison
    assert filters(either) == [("month", "in", [3, 4]), ("year", "==", 2025)] and either.group_by is None
    assert filters(understand("papers that may or may not use RL", ORGS)) == []


@pytest.mark.parametrize("question, orgs, statistic", [
    ("Does Tencent or Microsoft Research have more upvotes?", ["Microsoft Research", "Tencent"], "total"),
    ("Which organisation has more papers, Tencent or TongyiLab?", ["Tencent", "TongyiLab"], None),
])
def test_organisations_set_against_each_other_are_groups(question, orgs, statistic):
    plan = understand(question, [*ORGS, "TongyiLab"])
    assert [(f.key, f.operator.value, f.value) for f in plan.filters] == [("org", "in", orgs)]
    assert (plan.group_by, plan.statistic, plan.limit) == ("org", statistic, None) and plan.text.strip() == ""
    assert understand("Which papers from Tencent or TongyiLab are about RL?", [*ORGS, "TongyiLab"]).group_by is None


@pytest.mark.parametrize("question", [
    "What are the most upvoted papers from 2024 or 2025?", "Which papers with more than 5 upvotes are from 2024 or 2025?",
    "papers posted between 2023 and 2024", "Which 2025 papers have more upvotes than every 2023 paper?",
    "Which papers on RL came out in 2024 and 2025?"])
def test_two_years_that_are_no_comparison_of_years(question):
    assert understand(question, ORGS).group_by is None


def test_a_resolved_relative_condition_is_a_filter():
    from rag.understand.plan import Relative
    assert Relative("authors", ">", "LIMO").filters() == []  # not resolved yet: nothing to compare with
    [f] = Relative("authors", ">", "LIMO", value=6).filters()
    assert (f.key, f.operator.value, f.value) == ("authors", ">", 6)
    [f] = Relative("authors", ">=", "LIMO", value=6, factor=2.0).filters()
    assert (f.key, f.operator.value, f.value) == ("authors", ">=", 12)
    same = Relative("posted", "same", "LIMO", "month", value=20250205, ref_id="limo").filters()
    assert [(f.key, f.operator.value, f.value) for f in same] == [
        ("posted", ">=", 20250201), ("posted", "<=", 20250231), ("paper_id", "!=", "limo")]  # LIMO itself left out
    year = Relative("posted", "same", "LIMO", "year", value=20250205, ref_id="limo").filters()
    assert (year[0].key, year[0].value) == ("year", 2025)


def test_a_share_of_papers_and_who_posted_the_most():
    plan = understand("What fraction of papers have upvotes?", ORGS)
    assert plan.share and plan.counts and plan.metadata_only
    assert understand("What percentage of papers use GRPO?", ORGS).share
    assert understand("How many papers use GRPO?", ORGS).text == "GRPO"  # the verb frames a count
    assert understand("How many papers that use tool use are there?", ORGS).text == "tool use"
    plan = understand("What fraction of 2025 papers mention GRPO?", ORGS)
    assert plan.share and "fraction" not in plan.text and plan.filters[0].key == "year"
    assert not understand("What share of competitors does the agent beat?", ORGS).share
    # The share is of the papers its subject names: the 2025 ones, not all
    plan = understand("What share of papers from 2025 have more than 5 authors?", ORGS)
    assert [(f.key, f.value) for f in plan.share_of] == [("year", 2025)] and len(plan.filters) == 2
    plan = understand("What fraction of papers with upvotes are from 2025?", ORGS)
    assert [(f.key, f.operator.value) for f in plan.share_of] == [("upvotes", ">=")]
    assert understand("What fraction of papers have upvotes?", ORGS).share_of == []
    plan = understand("What percentage of Tencent papers have upvotes?", ORGS)
    assert plan.share and not plan.text and [(f.key, f.value) for f in plan.share_of] == [("org", "Tencent")]
    plan = understand("Who posted the most papers?", ORGS)
    assert (plan.group_by, plan.descending, plan.asks_field) == ("org", True, None)


def test_papers_similar_to_a_named_one():
    names = {"LIMO", "Seg-Zero", "Soft Thinking"}
    for q, name in (("Papers similar to LIMO", "LIMO"), ("What else is like Seg-Zero?", "Seg-Zero"),
                    ("papers from 2025 similar to LIMO", "LIMO"), ("Which papers are most related to LIMO?", "LIMO"),
                    ("papers closest to Seg-Zero", "Seg-Zero"), ("work closely related to Soft Thinking", "Soft Thinking")):
        plan = understand(q, ORGS, names)
        assert plan.similar_to == name and plan.asks_list and not plan.metadata_only, q
    assert understand("Which papers are related to Soft Thinking?", ORGS, names).similar_to is None


def test_how_do_papers_asks_across_papers():
    # "How do papers X?" asks what several papers do: a list, not one paper's quote
    assert understand("How do papers select demonstrations for in-context learning?", ORGS).asks_list
    assert not understand("How does LIMO select its training samples?", ORGS, {"LIMO"}).asks_list


def test_work_as_a_verb_does_not_ask_for_a_list():
    assert not understand("What training budget does the small-LLM study work under?", ORGS).asks_list
    assert understand("What work has been done on autonomous driving?", ORGS).asks_list


@pytest.mark.parametrize("question, expected", [
    ("which papers use GRPO for vision?", ""),  # a topic alone
    ("papers on GRPO from 2025 with more than 5 upvotes",
     'a paper on "GRPO" that was posted in 2025 and has more than 5 upvotes'),
    ("the three most upvoted papers", "a paper, most upvotes first, top 3"),
    ("Which organisation posted the most papers?", "a paper, counted by organisation, most first"),
    ("how many papers per year?", "a paper, counted by year"),
    ("average number of authors of papers on agents", 'a paper on "agents", the mean author count'),
    ("what fraction of papers have upvotes?", "a paper that lists an upvote count, as a share of all papers"),
    ("papers that mention world model", 'a paper mentioning "world model"'),
    ("papers posted between January and March 2025", "a paper that was posted between January 2025 and March 2025"),
    ("What is the most recent paper on GRPO?", 'a paper on "GRPO", most recent first, top 1'),
    # the sort's own "lists a date" is said by the sort; a condition that the paper lists another field is not
    ("Of the papers that name an organisation, which was posted most recently?",
     "a paper that lists an organisation, most recent first, top 1"),
])
def test_read_as_says_how_the_question_was_understood(question, expected):
    from rag.answer.metadata import read_as

    assert read_as(understand(question, ORGS, {"LIMO"})) == expected


def test_read_as_names_an_llm_rephrasing():
    from rag.answer.metadata import read_as

    plan = understand("papers on GRPO from 2025", ORGS)
    plan.rephrased = "group relative policy optimization"
    assert read_as(plan).endswith(', also searched as "group relative policy optimization"')


@pytest.mark.parametrize("question, phrase", [
    ("Which papers have the word survey in the title?", "survey"), ("papers with reasoning in the title", "reasoning"),
    ("How many papers have 'R1' in their title?", "r1"), ("papers whose title contains GRPO", "grpo"),
    ("Which papers' titles mention agents?", "agents"), ('list papers with "Survey" in the title from 2025', "survey"),
    ("How many papers mention GRPO in the title?", "grpo")])  # was a count of papers mentioning "GRPO title"
def test_words_asked_of_titles(question, phrase):
    plan = understand(question, ORGS)
    assert plan.in_title == phrase and plan.asks_list and plan.metadata_only
    assert understand("Which papers use GRPO?", ORGS).in_title == ""


@pytest.mark.parametrize("question, wanted, starts", [
    ("Which papers' titles start with \"Learning to\"?", "learning to", True),
    ("Which titles begin with Towards?", "towards", True),
    ("Which papers have a question mark in the title?", "?", False),
    ("How many papers have a colon in their title?", ":", False),
    ("Which paper titles contain a digit?", DIGIT, False), ("Which titles have a number in them?", DIGIT, False),
    ("Which papers have numerals in their titles?", DIGIT, False), ("Which titles start with a number?", DIGIT, True),
    ("Which titles contain the word number?", "number", False)])  # (a digit was the word "digit")
def test_a_title_start_or_a_punctuation_mark(question, wanted, starts):
    plan = understand(question, ORGS)
    assert (plan.in_title, plan.title_starts, plan.asks_list) == (wanted, starts, True)


@pytest.mark.parametrize("question", ["Which surveys are in the corpus?", "What benchmarks test spatial reasoning?",
                                      "What datasets are there for math reasoning?"])
def test_kinds_of_paper_ask_for_a_list(question):
    assert understand(question, ORGS).asks_list
    # ... but not of a paper the question names: its datasets are inside it.
    assert not understand("Which datasets does Seg-Zero use?", ORGS, {"Seg-Zero"}).asks_list


@pytest.mark.parametrize("question, expected", [
    ("Which papers were posted last month?", [("posted", ">=", 20261001), ("posted", "<=", 20261031)]),
    ("this month's papers", [("posted", ">=", 20261101), ("posted", "<=", 20261131)]),
    ("papers from the past month", [("posted", ">=", 20261023)]),
    ("papers from the past year", [("posted", ">=", 20251123)]),
    ("papers on GRPO from the last 3 years", [("posted", ">=", 20231123)]),
    ("papers in the past week", [("posted", ">=", 20261116)]),
    ("papers from the last few months", [("posted", ">=", 20260823)]),
    # "last year" alone stays the calendar year, and "before" / "since" it are bounds
    ("papers from last year", [("year", "==", 2025)]),
    ("papers from before last year", [("year", "<", 2025)]),
    ("papers since last year", [("year", ">=", 2025)]),
    # a calendar year counted back (was a topic, and abstained); with a bound, an age from today
    ("Any papers from the year before last?", [("year", "==", 2024)]),
    ("Which papers are from two years ago?", [("year", "==", 2024)]),
    ("papers on agents from a year ago", [("year", "==", 2025)]),
    ("papers posted more than two years ago", [("posted", "<", 20241123)]),
    # not windows: a quarter of a named year, a plural with no span, a topic
    ("papers from the last three months of 2025", [("posted", ">=", 20251001), ("posted", "<=", 20251231)]),
    # days or weeks at either end of a year or month (abstained: "30 days" was no date)
    ("papers from the last 30 days of 2025", [("posted", ">=", 20251202), ("posted", "<=", 20251231)]),
    ("papers from the first two weeks of March 2025", [("posted", ">=", 20250301), ("posted", "<=", 20250314)]),
    ("papers from the last 10 days of February 2024", [("posted", ">=", 20240220), ("posted", "<=", 20240229)]),
    ("over the past years, which papers use GRPO?", []),
    ("Which papers probe the last layer?", []),
    # a count that looks like a year is not one
    ("What accuracy is reached with a context of 2000 tokens?", []),
    ("Which papers train in 2048-token windows?", []),
    ("results of 2000 runs", []),
    ("papers in 2024 on agents", [("year", "==", 2024)]),
    ("Which paper from 2023 has the most upvotes?", [("year", "==", 2023)]),  # "has" is no count
    # open-ended years
    ("papers from 2023 onwards", [("year", ">=", 2023)]),
    ("Which papers on GRPO are from 2024 or later?", [("year", ">=", 2024)]),
    ("papers from 2022 or earlier", [("year", "<=", 2022)]),
    # weeks, parts of a year, month bounds, zero, a second bound with no noun of its own
    ("Which papers were posted in the first week of March 2025?", [("posted", ">=", 20250301), ("posted", "<=", 20250307)]),
    ("papers from the last week of May 2024", [("posted", ">=", 20240525), ("posted", "<=", 20240531)]),
    ("Papers from late 2024", [("posted", ">=", 20240901), ("posted", "<=", 20241231)]),
    ("Papers from early 2025", [("posted", ">=", 20250101), ("posted", "<=", 20250431)]),
    # "the end of 2025" as "late 2025" (it was a topic, "end"), "the middle of" as "mid"
    ("Which papers were posted at the end of 2025?", [("posted", ">=", 20250901), ("posted", "<=", 20251231)]),
    ("Which papers were posted around the middle of 2025?", [("posted", ">=", 20250501), ("posted", "<=", 20250831)]),
    # parts of a month: "the end of September 2025" was a topic
    ("Which papers were posted at the end of September 2025?", [("posted", ">=", 20250921), ("posted", "<=", 20250930)]),
    ("papers from early October 2025", [("posted", ">=", 20251001), ("posted", "<=", 20251010)]),
    ("mid-February 2024 papers", [("posted", ">=", 20240211), ("posted", "<=", 20240220)]),
    # seasons (meteorological, northern): of a year, the winter running into it; without a year, months of any
    ("Which papers were posted in the summer of 2023?", [("posted", ">=", 20230601), ("posted", "<=", 20230831)]),
    ("papers from winter 2025", [("posted", ">=", 20241201), ("posted", "<=", 20250231)]),
    ("papers on agents posted in the spring", [("month", "in", [3, 4, 5])]),
    ("papers from the winter", [("month", "in", [12, 1, 2])]),
    # "last" / "this" season, from today (23 November 2026): the latest one ended, the one of this year
    ("Papers from last spring", [("posted", ">=", 20260301), ("posted", "<=", 20260531)]),
    ("papers posted last autumn", [("posted", ">=", 20250901), ("posted", "<=", 20251131)]),
    ("last winter's papers", [("posted", ">=", 20251201), ("posted", "<=", 20260231)]),
    ("papers from this summer", [("posted", ">=", 20260601), ("posted", "<=", 20260831)]),
    ("papers from this winter", [("posted", ">=", 20261201), ("posted", "<=", 20270231)]),
    ("Which papers fall into the category of agents?", []),
    ("papers that spring from RL", []),
    ("Which papers have zero upvotes?", [("upvotes", "==", 0)]),
    ("papers published after June 2025", [("posted", ">=", 20250701)]),
    ("papers posted after December 2024", [("posted", ">=", 20250101)]),
    ("papers posted before March 2024", [("posted", "<", 20240301)]),
    ("papers since May 2025", [("posted", ">=", 20250501)]),
    ("Which papers have at least 10 authors and at most 20?", [("authors", ">=", 10), ("authors", "<=", 20)]),
    # a condition on the other field is no second bound: "and more than 10 authors" had also read "more than 1"
    ("Which papers have fewer than 3 upvotes and more than 10 authors?", [("authors", ">", 10), ("upvotes", "<", 3)]),
    # a week of a year: of its first month, or the last of its last
    ("Which papers were posted in the first week of 2025?", [("posted", ">=", 20250101), ("posted", "<=", 20250107)]),
    ("papers from the last week of 2024", [("posted", ">=", 20241225), ("posted", "<=", 20241231)]),
    ("Which papers came out in the final week of 2025?", [("posted", ">=", 20251225), ("posted", "<=", 20251231)]),
    # holidays: that day of the year, or of any year; a day of any month
    ("Which papers were posted on Christmas Day?", [("month", "==", 12), ("day_of_month", "==", 25)]),
    ("papers posted on Christmas 2024", [("posted", "==", 20241225)]),
    ("anything from New Years Eve?", [("month", "==", 12), ("day_of_month", "==", 31)]),
    ("Which papers were posted on Halloween?", [("month", "==", 10), ("day_of_month", "==", 31)]),
    ("Which papers were posted on the 29th of a month?", [("day_of_month", "==", 29)]),
    ("papers posted on the 1st", [("day_of_month", "==", 1)]),
    ("papers on the 2 models", []),
    # a window of days next to a day, that day left out (was "posted before Dec 25, 2024" on the topic "week")
    ("Which papers were posted in the week before Christmas 2024?", [("posted", ">=", 20241218), ("posted", "<=", 20241224)]),
    ("papers from the 10 days after Mar 1, 2025", [("posted", ">=", 20250302), ("posted", "<=", 20250311)]),
    ("papers posted the fortnight before New Year's Day 2025", [("posted", ">=", 20241218), ("posted", "<=", 20241231)]),
    ("Which papers came out in the two weeks following 2024-12-25?", [("posted", ">=", 20241226), ("posted", "<=", 20250108)]),
    # either side of a day, and a day's week, Monday to Sunday (were "posted on Dec 25, 2024" on "3 days", and no date)
    ("Which papers were posted within 3 days of Christmas 2024?", [("posted", ">=", 20241222), ("posted", "<=", 20241228)]),
    ("papers posted within a week of Mar 9, 2025", [("posted", ">=", 20250302), ("posted", "<=", 20250316)]),
    ("How many papers were posted in the week of Christmas 2024?", [("posted", ">=", 20241223), ("posted", "<=", 20241229)]),
    ("Which papers were posted the week of Dec 9, 2024?", [("posted", ">=", 20241209), ("posted", "<=", 20241215)]),
    # half of a month (was the topic "first half")
    ("Which papers were posted in the first half of December 2024?", [("posted", ">=", 20241201), ("posted", "<=", 20241215)]),
    ("papers from the second half of February 2024", [("posted", ">=", 20240216), ("posted", "<=", 20240229)]),
    # several days of a month (was the topic "15th month")
    ("Which papers were posted on the 1st or 15th of a month?", [("day_of_month", "in", [1, 15])]),
    ("papers posted on the 3rd, 8th and 9th", [("day_of_month", "in", [3, 8, 9])]),
    # a decade (was no date), and a season's "months" (was the topic "months")
    ("Which papers were posted in the 2020s?", [("year", ">=", 2020), ("year", "<=", 2029)]),
    ("papers from the 2010s", [("year", ">=", 2010), ("year", "<=", 2019)]),
    ("Which papers were posted during the summer months of 2025?", [("posted", ">=", 20250601), ("posted", "<=", 20250831)]),
    ("Which papers were posted in the summer months?", [("month", "in", [6, 7, 8])]),
    # the weekend next to a day: its Saturday and Sunday (was every weekend before it)
    ("Which papers were posted on the weekend before Christmas 2024?", [("posted", ">=", 20241221), ("posted", "<=", 20241222)]),
    ("papers from the weekend after Mar 9, 2025", [("posted", ">=", 20250315), ("posted", "<=", 20250316)]),
    # around a day: a week either side (was the day itself); the run-up to it: the two weeks before (was a topic)
    ("Which papers were posted around Christmas 2024?", [("posted", ">=", 20241218), ("posted", "<=", 20250101)]),
    ("Which papers came out in the run-up to Christmas 2024?", [("posted", ">=", 20241211), ("posted", "<=", 20241224)]),
    ("papers from the lead-up to Mar 9, 2025", [("posted", ">=", 20250223), ("posted", "<=", 20250308)]),
    ("Which papers were posted on a weekend before 2025?", [("weekday", "in", [6, 7]), ("year", "<", 2025)]),
    # a range said with "inclusive", "somewhere", or its lower bound before "but"; "roughly" a count (were topics)
    ("Which papers have between 3 and 5 upvotes inclusive?", [("upvotes", ">=", 3), ("upvotes", "<=", 5)]),
    ("Which papers have 5 to 10 authors, inclusive?", [("authors", ">=", 5), ("authors", "<=", 10)]),
    ("Which papers have somewhere between 5 and 10 authors?", [("authors", ">=", 5), ("authors", "<=", 10)]),
    ("Which papers have at least 5 but no more than 10 authors?", [("authors", ">=", 5), ("authors", "<=", 10)]),
    ("papers with more than 2 and fewer than 6 upvotes", [("upvotes", ">", 2), ("upvotes", "<", 6)]),
    ("Which papers have roughly 10 authors?", [("authors", "==", 10)]),
    # an age, counted back from today (was the topic "year old")
    ("Which papers are at least a year old?", [("posted", "<=", 20251123)]),
    ("Which papers are less than six months old?", [("posted", ">", 20260523)]),
    ("papers older than two years", [("posted", "<", 20241123)]),
    ("papers posted more than 18 months ago", [("posted", "<", 20250523)]),
    # a negated bound keeps the date (were the opposite bound: "no later than Feb 1, 2025" was after it)
    ("papers posted no later than Feb 1, 2025", [("posted", "<=", 20250201)]),
    ("papers posted no earlier than Sep 1, 2025", [("posted", ">=", 20250901)]),
    ("papers posted not after Feb 1, 2025", [("posted", "<=", 20250201)]),
    ("papers no later than March 2025", [("posted", "<", 20250401)]),
    ("papers posted no earlier than May 2025", [("posted", ">=", 20250501)]),
    ("papers posted no later than 2024", [("year", "<=", 2024)]),
    ("papers not before 2024", [("year", ">=", 2024)]),
    ("papers until June 2025", [("posted", "<", 20250701)]),
    ("Which 2025 papers were posted until May?", [("month", "in", [1, 2, 3, 4, 5]), ("year", "==", 2025)]),
    # a holiday of a year as a bound or an end of a range (was that day itself; and the topic "New Day 2025")
    ("papers posted before Christmas 2024", [("posted", "<", 20241225)]),
    ("Which papers came out between Christmas 2024 and New Year's Day 2025?",
     [("posted", ">=", 20241225), ("posted", "<=", 20250101)]),
    ("papers from Halloween 2025 to Dec 1, 2025", [("posted", ">=", 20251031), ("posted", "<=", 20251201)]),
    # a month with no year as a bound: the months before or after it, of any year (was the topic "March")
    ("Which papers were posted before March?", [("month", "in", [1, 2])]),
    ("papers posted after October", [("month", "in", [11, 12])]),
    ("Which 2025 papers came out since November?", [("month", "in", [11, 12]), ("year", "==", 2025)]),
    # "May" before a word no verb is: the month (was the topic "May")
    ("Which papers posted after May with more than 3 upvotes?",
     [("month", "in", [6, 7, 8, 9, 10, 11, 12]), ("upvotes", ">", 3)]),
    ("papers that after training may improve", []),  # the modal
    # "precisely" is "exactly" (was the topic "precisely")
    ("Which papers have precisely 7 authors?", [("authors", "==", 7)]),
    # the two counts of a paper against each other
    ("Which papers have more upvotes than authors?", [("upvotes_per_author", ">", 1)]),
    ("Which papers have fewer authors than upvotes?", [("upvotes_per_author", ">", 1)]),
    ("papers with more authors than upvotes", [("upvotes_per_author", "<", 1)]),
    ("Which papers have as many upvotes as authors?", [("upvotes_per_author", "==", 1)]),
    ("Which papers have exactly as many upvotes as authors?", [("upvotes_per_author", "==", 1)]),  # was the topic "exactly"
    ("Which papers have at least as many upvotes as authors?", [("upvotes_per_author", ">=", 1)]),
    ("papers with at least as many authors as upvotes", [("upvotes_per_author", "<=", 1)]),
    ("Which papers have at most as many upvotes as authors?", [("upvotes_per_author", "<=", 1)]),
    ("Which papers have no more upvotes than authors?", [("upvotes_per_author", "<=", 1)]),
    ("papers with no fewer upvotes than authors", [("upvotes_per_author", ">=", 1)]),
    ("Which papers have no more authors than upvotes?", [("upvotes_per_author", ">=", 1)]),
    # the noun before "or more", and "an author count over 20" (was "10 authors", and the topic "5")
    ("Which papers have 10 authors or more?", [("authors", ">=", 10)]),
    ("papers with 3 upvotes or fewer", [("upvotes", "<=", 3)]),
    ("Which papers have an upvote count above 5?", [("upvotes", ">", 5)]),
    ("Which papers have an author count over 20?", [("authors", ">", 20)]),
    ("papers whose upvote count is at least 5", [("upvotes", ">=", 5)]),
    ("papers where the number of authors is exactly 7", [("authors", "==", 7)]),
    # a multiple of the other count (was the topic "3 times" and "as many upvotes as authors")
    ("Which papers have at least 3 times as many authors as upvotes?", [("upvotes_per_author", "<=", 1 / 3)]),
    ("Which papers have twice as many upvotes as authors?", [("upvotes_per_author", "==", 2.0)]),
    ("papers with more than twice as many authors as upvotes", [("upvotes_per_author", "<", 0.5)]),
])
def test_date_and_count_wordings(question, expected):
    """Windows that end today (read from a fixed today), named dates, and counts."""
    assert _filters(understand(question, ORGS, today=date(2026, 11, 23))) == expected


@pytest.mark.parametrize("question, sort, org, topic", [
    # who wrote them, not a ranking by their number, nor a topic (were "most authors first", and "teams")
    ("Which papers are by researchers at Microsoft Research?", None, "Microsoft Research", ""),
    ("Which papers were written by teams from Tencent?", None, "Tencent", ""),
    ("Which papers on exploration were written by people at Tencent?", None, "Tencent", "exploration"),
    ("Rank the papers by authors", "authors", None, ""), ("Sort the papers by number of authors", "authors", None, "")])
def test_the_people_of_an_organisation_are_who_wrote_the_papers(question, sort, org, topic):
    plan = understand(question, ORGS)
    assert (plan.sort, plan.text) == (sort, topic)
    assert [f.value for f in plan.filters if f.key == "org"] == ([org] if org else [])


@pytest.mark.parametrize("question, descending, topic", [
    ("sort them by date", True, ""), ("papers on agents sorted by date", True, "agents"),
    ("list GRPO papers by date, oldest first", False, "GRPO"), ("papers on agents in chronological order", False, "agents"),
    ("in reverse chronological order, papers on RL", True, "RL"),
    ("List the surveys sorted by date", True, "surveys")])  # "list ... sorted by": the topic between stays
def test_sorted_by_date(question, descending, topic):
    plan = understand(question, ORGS)
    assert (plan.sort, plan.descending, plan.text) == ("posted", descending, topic)


@pytest.mark.parametrize("question, sort, descending", [
    ("List the surveys, most upvoted first", "upvotes", True),
    ("GRPO papers sorted by upvotes, highest first", "upvotes", True),
    ("GRPO papers, fewest upvotes first", "upvotes", False),
    ("List the GRPO papers by upvotes in descending order", "upvotes", True),
    ("List the GRPO papers in ascending order of upvotes", "upvotes", False),
    ("rank GRPO papers by popularity", "upvotes", True),
    ("Sort the GRPO papers by author count, lowest first", "authors", False),
    ("Show GRPO papers, most authors first", "authors", True)])
def test_order_words_around_a_sort_are_not_topic_words(question, sort, descending):
    plan = understand(question, ORGS)
    assert (plan.sort, plan.descending) == (sort, descending)
    assert plan.text in ("GRPO", "surveys")  # not "GRPO first", "GRPO descending order", "rank GRPO"


def test_first_as_a_topic_word_is_kept():
    plan = understand("Which paper was the first to apply GRPO to vision?", ORGS)
    assert plan.sort is None and "first" in plan.text


@pytest.mark.parametrize("question", ["how many papers are there in total?", "How many papers are in the corpus overall?",
                                      "How many papers altogether?", "What is the total number of papers?"])
def test_total_and_overall_count_every_paper(question):
    plan = understand(question, ORGS)
    assert plan.counts and plan.text == ""  # not papers on "total" or "overall"


@pytest.mark.parametrize("question, group, sizes", [
    ("Which organisations have more than two papers?", "org", [("papers", ">", 2)]),
    ("Which years have at least 10 papers?", "year", [("papers", ">=", 10)]),
    ("What months have between 2 and 4 papers?", "month", [("papers", ">=", 2), ("papers", "<=", 4)]),
    ("Which organisation has exactly one paper?", "org", [("papers", "==", 1)]),
    ("Which months had no papers in 2025?", "month", [("papers", "==", 0)]),
    ("Which days of the week had zero papers?", "weekday", [("papers", "==", 0)]),
])
def test_groups_of_a_size(question, group, sizes):
    plan = understand(question, ORGS)
    assert (plan.group_by, plan.breakdown, plan.text) == (group, True, "")
    assert [(f.key, f.operator.value, f.value) for f in plan.group_sizes] == sizes
    assert not [f for f in plan.filters if f.key != "year"]  # a condition on the groups, not on each paper
    assert not understand("Which organisation posted the most papers?", ORGS).group_sizes


@pytest.mark.parametrize("question, field", [
    ("What is the upvote count of Seg-Zero?", "upvotes"), ("What is the number of authors of LIMO?", "authors"),
    ("What's the author count for RT-2?", "authors"), ("How many upvotes does LIMO have?", "upvotes")])
def test_a_named_papers_field_asked_for(question, field):
    plan = understand(question, ORGS, {"Seg-Zero", "LIMO", "RT-2"})
    assert plan.asks_field == field and plan.statistic is None


def test_where_a_mention_is_looked_for_is_no_topic():
    plan = understand("Which papers from 2025 mention GRPO in the abstract?", ORGS)
    assert plan.literal and plan.text.strip() == "GRPO" and [(f.key, f.value) for f in plan.filters] == [("year", 2025)]


@pytest.mark.parametrize("question, field, conditions", [
    ("How many upvotes do all papers have in total?", "upvotes", []),
    ("How many upvotes in total?", "upvotes", []),
    ("How many upvotes does the corpus have in total?", "upvotes", []),
    ("How many upvotes do papers from 2025 have altogether?", "upvotes", [("year", "==", 2025)]),
    ("What is the sum of upvotes?", "upvotes", []),
    ("What is the sum of the authors of papers from 2024?", "authors", [("year", "==", 2024)]),
    ("How many authors do the Tencent papers have combined?", "authors", [("org", "==", "Tencent")]),
])
def test_upvotes_or_authors_are_summed(question, field, conditions):
    plan = understand(question, ORGS)
    assert (plan.statistic, plan.sort, plan.text) == ("total", field, "")
    assert filters(plan) == conditions
    # A field of named papers is not a statistic over papers on a topic (test_ask has its answer).
    assert understand("How many upvotes do LIMO and Seg-Zero have in total?", ORGS).statistic is None


@pytest.mark.parametrize("question, topic", [
    ("Recommend a paper to start learning about RL for LLMs", "RL for LLMs"),  # one asked for (limit 1)
    ("Can you recommend some papers about GUI agents?", "some papers about GUI agents?"),
    ("What should I read to learn about process reward models?", "process reward models?")])
def test_a_request_for_papers_is_a_list_and_its_verb_no_topic(question, topic):
    plan = understand(question, ORGS)
    assert plan.asks_list and plan.text == topic


def test_recommending_as_a_topic_is_kept():
    plan = understand("Which papers recommend items to users?", ORGS)
    assert "recommend" in plan.text


@pytest.mark.parametrize("question, org", [
    ("Which papers from Google?", "Google"), ("papers by Google DeepMind", "Google DeepMind"),
    ("what did the DeepSeek team publish?", "DeepSeek"), ("Papers from the OpenAI team", "OpenAI"),
    ("Which papers are from Microsoft?", "Microsoft Research")])
def test_an_organisation_asked_for_is_a_filter_known_or_not(question, org):
    plan = understand(question, ORGS)
    assert _filters(plan) == [("org", "==", org)] and plan.text == ""


@pytest.mark.parametrize("question, org, topic", [
    ("Are there any papers from Meta on reasoning?", "Meta", "reasoning"),
    ("reasoning papers from Google", "Google", "reasoning"), ("papers by DeepSeek, on RL", "DeepSeek", "RL")])
def test_an_organisation_beside_a_topic_is_a_filter_known_or_not(question, org, topic):
    plan = understand(question, ORGS)
    assert _filters(plan) == [("org", "==", org)] and plan.text == topic


@pytest.mark.parametrize("question", ["Which papers distill from DeepSeek-R1?", "Which papers use data from Wikipedia?",
                                      "Which papers from 2023?", "papers from January", "papers from March on agents"])
def test_from_a_name_inside_a_topic_is_no_organisation(question):
    assert not any(f.key == "org" for f in understand(question, ORGS).filters)


@pytest.mark.parametrize("question, topic, excluded", [
    ("Which papers are about GRPO but not about vision?", "GRPO", ["vision"]),
    ("GRPO papers, excluding vision", "GRPO", ["vision"]),
    ("Which papers on GRPO are not about vision or video?", "GRPO", ["vision", "video"]),
    ("Which agent papers are not on web navigation and were posted in 2025?", "agent", ["web navigation"]),
    ("Which papers do not mention GRPO?", "", ["GRPO"]),
    ("Which papers mention neither GRPO nor PPO?", "", ["GRPO", "PPO"])])  # was "does not use" each
def test_excluded_topics(question, topic, excluded):
    plan = understand(question, ORGS)
    assert (plan.text, plan.excluded, plan.asks_list) == (topic, excluded, True)


@pytest.mark.parametrize("question, topic, avoided", [
    ("Which papers don't use reinforcement learning?", "", ["reinforcement learning"]),
    ("Which papers about agents do not use reinforcement learning?", "agents", ["reinforcement learning"]),
    ("Which agent papers never use RL?", "agent", ["RL"]),
    ("Which papers neither use reinforcement learning nor study math?", "", ["reinforcement learning", "math"]),
    ("Which papers study reasoning without using reinforcement learning?", "study reasoning", ["reinforcement learning"]),
    ("Which papers on agents that do not use RL were posted in 2025?", "agents", ["RL"]),
    ("which papers dont use RL?", "", ["RL"]),
    ("Which agent papers do not make use of reinforcement learning?", "agent", ["reinforcement learning"]),
    ("Which papers about agents are not using RL?", "agents", ["RL"]),
    ("Which papers use no reinforcement learning?", "", ["reinforcement learning"]),
    ("Which papers don't evaluate on math benchmarks?", "", ["math benchmarks"]),  # any verb of research
    ("Which papers about agents do not train with reinforcement learning?", "agents", ["reinforcement learning"])])
def test_what_papers_do_without_is_no_topic(question, topic, avoided):
    plan = understand(question, ORGS)  # papers that use it are left out, not searched for
    assert (plan.text, plan.avoided, plan.excluded, plan.asks_list) == (topic, avoided, [], True)


@pytest.mark.parametrize("question, sort, text", [
    ("What's new in the corpus?", "posted", ""), ("whats new", "posted", ""), ("What is new?", "posted", ""),
    ("What's new in GUI agents?", None, "What's new in GUI agents?")])  # a topic: its papers, most of them undated
def test_whats_new_alone_is_the_newest_papers(question, sort, text):
    plan = understand(question, ORGS)
    assert (plan.sort, plan.text) == (sort, text) and (plan.descending or not sort)


@pytest.mark.parametrize("question, version, literal", [
    ("Which papers use Qwen2.5 as their base model?", "Qwen2.5", False),
    ("Which papers fine-tune Llama-3.1?", "Llama-3.1", False),
    ("Which papers mention Qwen2.5?", "", True),  # a literal list: the version is one of its phrases
    ("What does LIMO score with Qwen2.5?", "", False),  # about one paper: no list to keep it in
    ("Which papers use Qwen2.5 or Llama-3.1?", "", False)])  # either: no one version every paper writes
def test_a_model_version_in_a_list_question_is_a_condition(question, version, literal):
    plan = understand(question, ORGS, names={"LIMO"})
    assert (plan.version, plan.literal) == (version, literal)


@pytest.mark.parametrize("question, required", [
    ("Which papers use both GRPO and curriculum learning?", ["GRPO", "curriculum learning"]),
    ("papers that use both RL and SFT from 2025", ["RL", "SFT"]),
    ("Which papers study both vision and language?", ["vision", "language"]),
    ("Do both LIMO and s1 use SFT?", []),  # papers named: a comparison, not a condition
    ("Which papers use GRPO and curriculum learning?", []),  # no "both": a topic, as before
    # two names in two clauses joined by "and"
    ("Which papers use GRPO and evaluate on MathVista?", ["GRPO", "MathVista"]),
    ("Which papers train with PPO and test on GSM8K?", ["PPO", "GSM8K"]),
    ("Which papers use GRPO and evaluate on math?", [])])  # "math" is no name
def test_both_of_two_topics_is_a_condition_on_each(question, required):
    plan = understand(question, ORGS, names={"LIMO", "s1"})
    assert plan.required == required
    assert all(part in plan.text for part in required)  # they stay the topic, for retrieval


@pytest.mark.parametrize("question", ["Which methods do not use a reward model?",
                                      "Which papers learn without human-labelled data?",
                                      "Does LIMO not use reinforcement learning?"])
def test_what_a_method_does_without_is_its_topic(question):
    plan = understand(question, ORGS, names={"LIMO"})  # such papers name what they avoid: no exclusion
    assert plan.excluded == plan.avoided == [] and plan.text == question


@pytest.mark.parametrize("question, without", [
    ("Which papers improve reasoning without fine-tuning?", ["fine-tuning"]),
    ("Which papers improve reasoning without any labelled data or reward models?", ["labelled data", "reward models"]),
    ("Which papers train agents without the need for human demonstrations?", ["human demonstrations"]),
    ("Which papers learn features of images with no annotations from people?", ["annotations"]),  # "with no" is "without"
    ("Which papers solve maths problems using no extra training data?", ["training data"]),
    ("Which papers reason without using RL?", []),  # an avoided topic: left out, not searched for
    ("Does LIMO improve reasoning without RL?", []),  # about a named paper: no list to keep it in
    ("What does RL without a critic need?", [])])  # no list asked for
def test_what_listed_papers_do_without_is_a_condition_and_stays_the_topic(question, without):
    plan = understand(question, ORGS, names={"LIMO"})
    assert plan.without == without
    if without:
        assert plan.text == question and plan.avoided == []  # those papers name it: it stays searched for


def test_not_from_a_year():
    assert _filters(understand("Which papers are not from 2023?", ORGS)) == [("year", "!=", 2023)]


def test_several_organisations_are_either():
    plan = understand("List all papers by Tencent and Microsoft", ORGS)
    assert _filters(plan) == [("org", "in", ["Microsoft Research", "Tencent"])] and plan.text == ""


@pytest.mark.parametrize("question", ["Explain GRPO", "Describe GRPO", "Please summarise GRPO",
                                      "Give me an overview of GRPO"])
def test_an_imperative_verb_is_no_topic_word(question):
    assert understand(question, ORGS).text == "GRPO"


@pytest.mark.parametrize("question, sort, descending", [
    ("Who has more authors, VLM-R1 or Med-R1?", "authors", True),
    ("Which paper was posted first, Orca or Orca 2?", "posted", False),
    ("Which of the two was published later, LIMO or Seg-Zero?", "posted", True)])
def test_comparatives_of_named_papers(question, sort, descending):
    plan = understand(question, ORGS)
    assert (plan.sort, plan.descending) == (sort, descending)


def test_compare_a_field_of_named_papers():
    assert understand("Compare the upvotes of LIMO and Seg-Zero", ORGS).asks_field == "upvotes"
    assert understand("compare the author counts of LIMO and Orca 2", ORGS).asks_field == "authors"


@pytest.mark.parametrize("question, topic", [
    ("Which papers released code?", ""), ("Which papers released their code?", ""),
    ("Which papers have code available on GitHub?", ""), ("papers whose code is available", ""),
    ("Which GRPO papers released code?", "GRPO"), ("Which papers share their datasets?", ""),
    ("Which papers released their code and data?", ""), ("Which papers with code are about agents?", "agents")])
def test_asking_for_released_code(question, topic):
    plan = understand(question, ORGS)
    assert plan.releases and plan.text == topic and plan.asks_list


@pytest.mark.parametrize("question", ["Which papers use LLMs to generate code?", "Which papers repair code?",
                                      "Which papers have code generation benchmarks?",
                                      "Which papers release code generation models?",
                                      "Which papers release datasets of math problems?",
                                      "Which papers study open-source models?",
                                      "Which papers work with code?", "Which papers deal with code?"])
def test_code_as_a_topic_is_no_release(question):
    assert not understand(question, ORGS).releases


@pytest.mark.parametrize("question, term", [
    ("What is GRPO?", "GRPO"), ("What does HBPO stand for?", "HBPO"), ("Define process reward models", "process reward models"),
    ("What is LIMO about?", "LIMO"), ("What reward does Seg-Zero use?", ""),
    ("Explain test-time scaling.", "test-time scaling"), ("Define GRPO.", "GRPO"), ("define GRPO", "GRPO"),
    ("Which paper should I read first to understand GRPO?", "GRPO"),  # was the topic "read first understand GRPO"
    ("What paper should I start with on latent reasoning?", "latent reasoning")])
def test_the_term_a_question_asks_to_define(question, term):
    plan = understand(question, ORGS)
    assert plan.defines == term and not plan.asks_list  # "define GRPO" is no bare topic asking for a list


@pytest.mark.parametrize("question, term", [
    ("Which paper introduced GRPO?", "GRPO"),
    ("Who proposed the PassUntil evaluation strategy?", "PassUntil evaluation strategy"),
    ("Where does KeyChain come from?", "KeyChain"),
    ("Which paper first proposed chain-of-thought prompting?", "chain-of-thought prompting"),
    ("Which paper introduced the term test-time scaling?", "test-time scaling"),  # was "term test-time scaling"
    ("Which papers use GRPO?", ""), ("What is GRPO?", "")])
def test_the_term_a_question_asks_the_origin_of(question, term):
    assert understand(question, ORGS).introduces == term


def test_what_counts_as_introducing_a_term():
    from rag.corpus.records import introduces
    assert introduces("LIMO", "LIMO: Less is More for Reasoning", "")  # the title names it
    assert introduces("GRPO", "Some Title", "We propose Group Relative Policy Optimization (GRPO), a variant of PPO.")
    assert introduces("KeyChain", "LoongRL: RL over Long Contexts", "This paper presents KeyChain, a synthesis method.")
    assert not introduces("GRPO", "AlphaDrive: VLMs in Driving", "AlphaDrive introduces four GRPO-based RL rewards.")
    assert not introduces("GRPO", "Other: A Study", "We fine-tune with GRPO. We propose a new reward.")
    assert not introduces("test-time scaling", "ReasoningBank: Memory",  # a kind of it, not the thing
                          "We further introduce memory-aware test-time scaling (MaTTS).")
    assert introduces("test-time scaling", "Other: A Study", "We introduce test-time scaling for agents.")
    # The verb must be the subject's own, and the term what it puts forward, not what it uses.
    assert not introduces("MCTS", "CoAT: A Framework", "We developed the novel CoAT framework, which introduces a "
                          "synergy between the Monte Carlo Tree Search (MCTS) algorithm and a memory.")
    assert not introduces("RLVR", "Does RL Work?", "Moreover, we find that distillation can genuinely introduce new "
                          "knowledge into the model, different from RLVR.")
    assert not introduces("MCTS", "CPL: Plans", "We introduce Critical Plan Step Learning, using MCTS to explore plans.")
    assert introduces("Coconut", "Training LLMs to Reason in a Latent Space",
                      "Instead of using natural language, we introduce a new paradigm Coconut (Chain of Continuous Thought).")
    # a longer name is another one, and what the new one extends is not introduced (SoftCoT was found introduced)
    extends = "To overcome this limitation, we introduce SoftCoT++ to extend SoftCoT to the Test-Time Scaling paradigm."
    assert not introduces("SoftCoT", "SoftCoT++: Test-Time Scaling", extends)
    assert introduces("SoftCoT++", "Test-Time Scaling with Soft Thoughts", extends)


def test_groups_summed_by_a_field():
    plan = understand("Which organisation has the most upvotes?", ORGS)
    assert (plan.group_by, plan.statistic, plan.sort, plan.descending, plan.limit) == ("org", "total", "upvotes", True, 1)
    plan = understand("Which organisations have the most upvotes?", ORGS)  # all of them, ranked
    assert (plan.group_by, plan.statistic, plan.limit) == ("org", "total", None)
    plan = understand("Which organisation has the fewest authors on average?", ORGS)  # "average" was a topic word
    assert (plan.group_by, plan.statistic, plan.sort, plan.descending, plan.text) == ("org", "mean", "authors", False, "")
    plan = understand("Total upvotes per organisation", ORGS)  # "per" was a topic word
    assert (plan.group_by, plan.statistic, plan.sort, plan.limit, plan.text) == ("org", "total", "upvotes", None, "")
    plan = understand("How many authors does each year have on average?", ORGS)
    assert (plan.group_by, plan.statistic, plan.sort, plan.limit) == ("year", "mean", "authors", None)
    plan = understand("Which year has the fewest authors in total?", ORGS)
    assert (plan.group_by, plan.statistic, plan.sort, plan.descending) == ("year", "total", "authors", False)
    plan = understand("Which organisation has the highest average upvotes?", ORGS)
    assert (plan.group_by, plan.statistic, plan.sort, plan.descending, plan.text) == ("org", "mean", "upvotes", True, "")
    plan = understand("Which year has the lowest median number of authors?", ORGS)
    assert (plan.group_by, plan.statistic, plan.sort, plan.descending) == ("year", "median", "authors", False)
    plan = understand("What is the average number of upvotes per organisation?", ORGS)
    assert (plan.group_by, plan.statistic, plan.sort) == ("org", "mean", "upvotes")
    plan = understand("How many distinct organisations are there?", ORGS)
    assert (plan.group_by, plan.breakdown, plan.text) == ("org", True, "")
    # one paper's organisation, not a sum
    plan = understand("Which organisation posted the paper with the most upvotes?", ORGS)
    assert plan.group_by is None and plan.asks_field == "org" and plan.limit == 1



@pytest.mark.parametrize("question, citing", [
    ("Which papers cite LIMO?", "LIMO"),
    ("What papers build on Seg-Zero?", "Seg-Zero"),
    ("Which papers mention Soft Thinking?", "Soft Thinking"),
    ("Which papers compare themselves with the LIMO paper?", "LIMO"),
    ("Which papers mention GRPO?", ""),  # no paper's name: a literal topic
    ("What does LIMO cite?", ""),
    ("Does any paper compare itself with LIMO?", "LIMO"),
    # Two named papers: about those two, not a search for the papers naming one.
    ("How does LIMO compare with Soft Thinking?", ""),
    ("Does LIMO mention Seg-Zero?", ""),
])
def test_papers_citing_a_named_one(question, citing):
    plan = understand(question, ORGS, {"LIMO", "Seg-Zero", "Soft Thinking"})
    assert plan.citing == citing
    if citing:  # the other papers whose abstracts have the name as written
        assert plan.literal and plan.asks_list and plan.text == citing and plan.phrases == [citing]


@pytest.mark.parametrize("question, cannot", [
    ("Who wrote the most papers?", True),
    ("Which author has the most papers?", True),
    ("Who are the most prolific authors?", True),
    ("Which papers did Yann LeCun write?", True),
    ("Who wrote LIMO?", False),  # a paper's author count, which the listings give
    ("Who posted the most papers?", False),  # by organisation
    ("Which papers have the most authors?", False),
    ("Which papers did Microsoft Research write?", False),  # an organisation the listings give
    ("Which authors appear most often?", True),
    ("Which paper is most cited?", True),  # citation counts, which the listings do not give either
    ("How many citations does LIMO have?", True),
    ("How many times was LIMO cited?", True),
    ("Which papers cite LIMO?", False),  # the other abstracts that name it
    ("Which paper has the most citations?", True),
    ("Which papers were accepted at NeurIPS?", True),  # venues, which the listings do not give
    ("Which venue published LIMO?", True),
    ("Where was LIMO published?", True),  # was a topic, answered with LIMO's abstract
    ("Where is the code of LIMO published?", False),  # a release
    ("How are answers accepted by the verifier?", False),
    ("Which papers were updated recently?", True),  # revisions: the listings give the posting date
    ("Which papers study how knowledge is updated in LLMs?", False),
    ("Which papers come from China?", True),  # countries: the listings give a few organisations only
    ("Which country posted the most papers?", True),
    ("Which papers study traffic in China?", False),  # a topic
    ("Which papers use data from Europe?", False),
])
def test_questions_only_author_names_could_answer(question, cannot):
    plan = understand(question, ORGS, {"LIMO"})
    assert bool(plan.cannot) is cannot
    if "Microsoft" in question:  # "write" frames the question: no topic is left
        assert plan.metadata_only and not plan.text
    if not cannot and "posted" in question:
        assert plan.group_by == "org"


def test_a_question_the_caller_filters_is_read_for_its_topic():
    # A follow-up on the previous answer's papers, or the page's year range: the filter is added
    # after reading, and the topic is read as in any filtered question, without the framing.
    assert understand("which of them use GRPO?", ORGS).text == "which of them use GRPO?"
    assert understand("which of them use GRPO?", ORGS, filtered=True).text == "use GRPO"


@pytest.mark.parametrize("question", ["Which papers posted in 2024 have an upvote count listed?",
                                      "papers that have upvote counts given",
                                      "Which 2025 papers have more than 8 authors and an upvote count?"])
def test_an_upvote_count_listed_is_a_condition_not_a_topic(question):
    plan = understand(question, ORGS)  # fresh17 V09 and fresh18 X07 read "upvote" as their topic
    assert ("upvotes", ">=", 0) in _filters(plan) and plan.text == ""
    # ... but "and an upvote mechanism" is no condition on the listing
    assert not understand("Which papers study rewards and an upvote mechanism?", ORGS).filters


@pytest.mark.parametrize("question", ["which of those list upvotes?", "which of these show upvote counts?",
                                      "which ones give upvotes?", "which papers list upvotes?"])
def test_a_follow_up_asking_which_list_a_field(question):
    # "list" is the verb here: the papers of the previous answer that give an upvote count, no topic
    plan = understand(question, ORGS, filtered=True)
    assert _filters(plan) == [("upvotes", ">=", 0)] and plan.text == ""


@pytest.mark.parametrize("question, limit", [
    ("which of these has the most authors?", 1), ("which one has the most upvotes?", 1),
    ("which of them are the most upvoted?", None), ("Which papers have the most authors?", 1),  # ties given all
    ("Of the papers from 2024, which has the most authors?", 1), ("Among 2025 papers, what got the most upvotes?", 1),
    ("Of the papers from 2024, which have the most authors?", 1),
])
def test_one_paper_or_a_few_for_a_sort(question, limit):
    assert understand(question, ORGS, filtered=True).limit == limit


@pytest.mark.parametrize("question, limit, topic", [
    ("Give me three papers on latent reasoning", 3, "latent reasoning"),
    ("List five papers about agents", 5, "agents"),  # "five" is no topic word
    ("top 3 papers on GRPO", 3, "GRPO"),
    ("Can you show me 2 recent papers on GRPO?", 2, "GRPO"),  # "recent" frames the papers
    ("Which two papers use GRPO?", 2, "use GRPO"),
    ("List three surveys", 3, "surveys"),  # the kind of paper is the topic
    ("show 3 methods for reducing overthinking", 3, "methods for reducing overthinking"),
    ("What are three papers on GRPO?", 3, "GRPO"),  # (was every paper on GRPO)
    ("What are 5 papers about agents?", 5, "agents"),
])
def test_a_number_of_papers_asked_for(question, limit, topic):
    plan = understand(question, ORGS)
    assert plan.limit == limit and plan.asks_list and not plan.sort and plan.text == topic


@pytest.mark.parametrize("question", ["Give me one paper on GRPO", "Name a paper about code generation.",
                                      "Recommend a good survey on reasoning"])
def test_one_paper_asked_for_is_a_list_of_one(question):
    plan = understand(question, ORGS)  # the list's most likely paper, not retrieval's first and its near ties
    assert plan.limit == 1 and plan.asks_list
    assert understand("Give me a list of papers on agents", ORGS).limit is None  # "a list"


def test_a_count_beside_a_sort_is_the_sorts():
    # A count beside a sort is that sort's: "the top 3 most upvoted papers".
    plan = understand("Show me the top 3 most upvoted papers on GRPO", ORGS)
    assert plan.limit == 3 and plan.sort == "upvotes"


def test_which_n_papers_with_a_sort_and_hyphenated_single_author():
    plan = understand("Which two papers have the most upvotes?", ORGS)
    assert plan.limit == 2 and plan.sort == "upvotes" and not plan.text  # "two" was the topic
    for question in ("Which 2024 papers have more than 5 upvotes?", "Show 2025 papers about agents"):
        plan = understand(question, ORGS)  # a year, not how many
        assert plan.limit is None and ("year", "==", int(question.split()[1])) in filters(plan), question
    for question in ("Which papers are single-author?", "single-authored papers", "solo-author papers",
                     "Which papers have exactly one author?", "papers with just one author"):  # "exactly" was a topic
        plan = understand(question, ORGS)
        assert filters(plan) == [("authors", "==", 1)] and plan.text == "", question


def test_how_many_of_a_kind_of_paper():
    plan = understand("How many surveys are there?", ORGS)
    assert plan.counts and plan.text == "surveys"
    plan = understand("How many surveys were posted in 2025?", ORGS)  # was three surveys quoted, uncounted
    assert plan.counts and plan.text.strip() == "surveys" and [f.value for f in plan.filters] == [2025]
    plan = understand("How many benchmarks does LIMO evaluate on?", ORGS, names={"LIMO"})
    assert not plan.counts and plan.asks_number  # a quantity in one paper


@pytest.mark.parametrize("question, phrases", [
    ("Which papers mention Qwen2.5?", ["Qwen2.5"]), ("How many papers mention Llama-3.1?", ["Llama-3.1"]),
    ("Which papers mention GRPO?", []), ("Which papers use Qwen2.5?", []),  # not literal: a topic
    ("How many papers mention Llama-3.1 or GPT-3.5?", []),  # either: words, not two required phrases
])
def test_a_version_in_a_literal_question_is_matched_as_written(question, phrases):
    assert understand(question, ORGS).phrases == phrases


@pytest.mark.parametrize("question, topic, excluded", [
    ("Which papers on RL don't mention math?", "RL", ["math"]),  # was read as papers mentioning "RL math"
    ("Which papers about vision never mention GRPO?", "vision", ["GRPO"]),
    ("Which papers don't mention RL?", "", ["RL"]),
    ("Which papers study reasoning in LLMs but not math?", "study reasoning in LLMs", ["math"]),  # "but not" alone
    ("Papers on agents but not robotics or games", "agents", ["robotics", "games"]),
])
def test_not_mentioning_is_an_exclusion_whatever_the_topic(question, topic, excluded):
    plan = understand(question, ORGS)
    assert (plan.text, plan.excluded, plan.literal) == (topic, excluded, False)


def test_a_mean_asked_as_on_average_and_one_paper_asked_as_which_is_the():
    plan = understand("How many authors do papers on autonomous driving have on average?", ORGS)
    assert (plan.statistic, plan.sort, plan.text) == ("mean", "authors", "autonomous driving")
    assert understand("Which is the most recent survey?", ORGS).limit == 1


def test_mentioned_in_the_corpus_frames_a_question():
    plan = understand("What are the weaknesses of GRPO mentioned in the corpus?", ORGS)  # abstained as a literal
    assert not plan.literal and "GRPO" in plan.text
    assert understand("Which papers mention GRPO?", ORGS).literal


def test_with_and_without_abbreviated():
    plan = understand("papers w/ code on github about GRPO", ORGS)
    assert plan.releases and plan.text == "GRPO"  # was the topic "w GRPO"
    assert understand("agents w/o RL", ORGS).text == "agents without RL"  # as "without" is read


def test_relative_to_two_papers_or_one_papers_count():
    names = {"LIMO", "Seg-Zero"}
    plan = understand("Which papers were posted between LIMO and Seg-Zero?", ORGS, names)
    assert [(r.field, r.op, r.ref, r.unit) for r in plan.relative] == [
        ("posted", ">", "LIMO", "between"), ("posted", "<", "Seg-Zero", "between")]
    assert not understand("What's the difference between LIMO and Seg-Zero?", ORGS, names).relative
    plan = understand("Which papers have the same number of upvotes as LIMO?", ORGS, names)
    assert [(r.field, r.op, r.ref) for r in plan.relative] == [("upvotes", "same", "LIMO")]
    plan = understand("How many papers were posted each year since 2023?", ORGS)
    assert (plan.group_by, plan.breakdown) == ("year", True)


def test_a_range_between_papers_runs_from_the_earlier():
    from rag.understand.plan import Relative, in_order
    later = Relative("posted", ">", "Seg-Zero", "between", 20250309.0)
    earlier = Relative("posted", "<", "LIMO", "between", 20250205.0)
    after, before = in_order([later, earlier])
    assert (after.op, after.ref, after.value, before.op, before.ref) == (">", "LIMO", 20250205.0, "<", "Seg-Zero")


def test_topic_kept_and_averages_and_listed_counts():
    plan = understand("Which paper about agents was posted first?", ORGS)
    assert (plan.text, plan.sort, plan.descending, plan.limit) == ("agents", "posted", False, 1)  # the topic was lost
    plan = understand("How many upvotes does the average 2025 paper get?", ORGS)
    assert (plan.statistic, plan.sort, filters(plan)) == ("mean", "upvotes", [("year", "==", 2025)])
    # a topic inside "the average ... paper": its papers' statistic, not one paper on "average agent"
    plan = understand("How many authors does the average agent paper have?", ORGS)
    assert (plan.statistic, plan.sort, plan.text.strip(), plan.asks_field) == ("mean", "authors", "agent", None)
    plan = understand("How many authors does a typical survey have?", ORGS)
    assert (plan.statistic, plan.text.strip()) == ("median", "survey")
    plan = understand("What is the average number of upvotes per paper for each year?", ORGS)  # "per" was a topic
    assert (plan.statistic, plan.group_by, plan.text.strip()) == ("mean", "year", "")
    plan = understand("What proportion of the papers list upvotes?", ORGS)
    assert plan.share and filters(plan) == [("upvotes", ">=", 0)] and plan.text == ""
    # "but not in March" is no exclusion of the words "in March" (a negated date is not understood)
    assert not understand("Which papers were posted in 2025 but not in March?", ORGS).excluded


def test_a_count_named_alone_is_what_a_ranking_is_asked_again_by():
    from rag.understand.followup import ranked_by
    assert ranked_by("What about upvotes?") == "upvotes"
    assert ranked_by("and how about the number of authors?") == "authors"
    assert ranked_by("what about upvotes per author?") == "upvotes_per_author"
    assert ranked_by("and of authors?") == "authors"  # after "what is the median number of upvotes?"
    assert ranked_by("what about agents?") == "" and ranked_by("which paper has the most upvotes?") == ""


def test_a_follow_up_is_read_within_the_previous_answer_or_one_of_its_papers():
    previous = ["a", "b", "c"]
    assert follow_up("and which of those are from 2025?", previous) == (previous, None)
    assert follow_up("Which ones don't use fine-tuning?", previous) == (previous, None)  # was a new question
    assert follow_up("Which of their papers has the most upvotes?", previous) == (previous, None)  # was the corpus's top
    assert follow_up("Which papers release their code?", previous) == (None, None)  # "their" of their own
    assert follow_up("how many authors does the first one have?", previous) == (None, ["a"])
    assert follow_up("what reward does the last one use?", previous) == (None, ["c"])
    assert follow_up("summarise paper [2]", previous) == (None, ["b"])
    assert follow_up("just the titles", previous, ["a", "b"]) == (None, previous)  # every one found, shown or not
    assert follow_up("who are the authors?", ["a"]) == (None, ["a"])  # the one paper just given (was a search)
    assert follow_up("what are its limitations?", ["a"]) == (None, ["a"])  # "its" as "it" (was a new question)
    for question, place in (("what does the first propose?", "a"), ("and what did the last find?", "c"),
                            ("What is the second about?", "b")):  # a place alone (was the oldest of them, "first")
        assert follow_up(question, previous) == (None, [place]), question
    assert follow_up("Which paper was the first use of GRPO?", previous) == (None, None)  # a new question
    with pytest.raises(NoSuchPaper, match="cites 3 papers, so it has no fifth paper"):
        follow_up("what does the fifth use?", previous)
    for question in ("and which are newer than it?", "which ones have more upvotes than it?"):  # other papers
        assert follow_up(question, ["a"]) == (None, None), question  # (were "which of that one", then about it)
    assert follow_up("which are about language models?", previous) == (previous, None)  # was the whole corpus
    assert follow_up("which one was posted first?", previous) == (previous, None)  # was the corpus's oldest
    assert follow_up("which has the shortest title?", previous) == (previous, None)
    assert follow_up("which one has more upvotes?", ["a", "b"]) == (["a", "b"], None)  # was the whole corpus, ranked
    assert follow_up("what models do they fine-tune?", previous) == (None, previous)  # each paper's (was "which of")
    assert follow_up("which benchmarks do these papers use?", previous) == (None, previous)
    assert follow_up("and which is newer?", ["a", "b"]) == (["a", "b"], None)
    assert follow_up("and which use GRPO?", previous) == (previous, None)
    assert follow_up("Which one is from Tencent?", previous) == (previous, None)  # was the corpus's Tencent papers
    for question in ("Which one is the newest?", "What is their average number of upvotes?"):  # after one paper: it,
        assert follow_up(question, ["a"]) == (["a"], None), question  # not the corpus's
    for question in ("What's the latest one?", "Which is the most popular?", "and the least popular?"):  # were the corpus's
        assert follow_up(question, previous) == (previous, None), question
    for question in ("Which paper has the largest team?", "Which is the biggest collaboration?"):  # were topics
        plan = understand(question, ORGS)
        assert (plan.sort, plan.descending, plan.limit, plan.text) == ("authors", True, 1, ""), question
    assert understand("the largest teams of agents", ORGS).sort is None  # teams of agents, a topic
    for question, text in (("What's trending?", ""), ("Trending papers on agents", "agents")):  # the upvotes say
        plan = understand(question, ORGS)
        assert (plan.sort, plan.descending, plan.text.strip()) == ("upvotes", True, text), question
    assert understand("Which papers study trending topics on social media?", ORGS).sort is None
    for question in ("Which of them came out last?", "What's the latest one?"):  # one paper, not the list sorted
        assert understand(question, ORGS, refers_back=True).limit == 1, question
    assert follow_up("which don't use Qwen?", previous) == (previous, None)
    assert follow_up("which papers use GRPO?", previous) == (None, None)  # a new question
    assert follow_up("which benchmarks test agents?", previous) == (None, None)
    assert follow_up("which organisation?", ["a"]) == (None, ["a"])
    assert follow_up("how many upvotes?", previous) == (previous, None)  # each paper's
    assert follow_up("How many authors does each have?", previous) == (previous, None)  # was one paper, found by "authors"
    assert follow_up("Which year has the most?", previous) == (previous, None)  # after "group them by year"
    assert follow_up("Average upvotes?", previous) == (previous, None)  # was the whole corpus's
    assert follow_up("what is their median number of authors?", previous) == (previous, None)
    assert follow_up("the total upvote count of these papers, please", previous) == (previous, None)
    assert follow_up("how many upvotes do they have in total?", previous) == (previous, None)
    assert follow_up("what is the average number of authors of the 2024 papers?", previous) == (None, None)  # a new question
    assert follow_up("what are they about?", ["a"]) == (None, ["a"])
    with pytest.raises(NoSuchPaper, match="cites one paper, so there is nothing to compare"):
        follow_up("what do they have in common?", ["a"])
    assert follow_up("what are their titles?", previous) == (None, previous)
    with pytest.raises(NoSuchPaper, match="cites 3 papers, so it has no fifth paper"):
        follow_up("tell me about the fifth one", previous)  # said, not answered as a new question
    with pytest.raises(NoSuchPaper, match="cites 3 papers, not 4"):
        follow_up("compare the first four", previous)
    for question, place in (("what is the 99th one about?", "99th"), ("compare the first and the 21st", "21st"),
                            ("tell me about the 12th paper", "12th")):  # were topics ("the corpus does not cover")
        with pytest.raises(NoSuchPaper, match=f"cites 3 papers, so it has no {place} paper"):
            follow_up(question, previous)
    assert follow_up("which of them are from the 20th century?", previous) == (previous, None)  # a time, no place
    assert follow_up("when was this paper posted?", previous) == (None, None)  # which of the three?
    assert follow_up("when was this paper posted?", ["a"]) == (None, ["a"])
    assert follow_up("compare the first two", previous) == (None, ["a", "b"])
    assert follow_up("how do both differ?", ["a", "b"]) == (None, ["a", "b"])
    assert follow_up("how do both differ?", previous) == (None, None)  # which two?
    assert follow_up("what do the top 3 have in common?", previous) == (None, ["a", "b", "c"])
    assert follow_up("Compare the two.", ["a", "b"]) == (None, ["a", "b"])  # the first N, said without "first"
    assert follow_up("How do these two papers differ?", previous) == (None, ["a", "b"])
    assert follow_up("What do the three have in common?", previous) == (None, previous)
    assert follow_up("Which papers compare the two methods GRPO and PPO?", previous) == (None, None)
    assert follow_up("papers by the top 3 authors", previous) == (None, None)
    assert follow_up("what is GRPO?", previous) == (None, None)
    assert follow_up("what do they have in common?", previous) == (None, previous)  # the papers compared
    with pytest.raises(NoSuchPaper, match="nothing to compare"):  # one paper: said (it was searched within it)
        follow_up("how do these differ?", ["a"])
    assert follow_up("which of those use GRPO?", []) == (None, None)
    # Places count in the papers the answer showed; "those" are every paper it found.
    found, shown = ["a", "b", "c", "d"], ["a"]
    assert follow_up("which of those are from 2025?", found, shown) == (found, None)
    assert follow_up("what does it propose?", found, shown) == (None, ["a"])
    with pytest.raises(NoSuchPaper, match="cites 1 paper, so it has no second paper"):
        follow_up("summarise the second one", found, shown)
    # A superlative alone after a list is asked of that list; with a topic or "in the corpus", anew.
    for question in ("Which is the most upvoted?", "and the oldest?", "Which one has the most authors?"):
        assert follow_up(question, previous) == (previous, None), question
    assert follow_up("What is the most upvoted paper in the corpus?", previous) == (None, None)
    assert follow_up("Which is the most upvoted paper on GRPO?", previous) == (None, None)
    # "What are they about?", "summarise them": each of them, from its abstract
    for question in ("What are they about?", "summarise them", "what do these papers propose?",
                     "Summarise each in one sentence", "Give me a one-sentence summary of each",  # were new topics
                     "What did they compare against?"):  # was the topic "compare against" within them
        assert follow_up(question, previous) == (None, previous), question
    assert follow_up("Which papers summarise each other?", previous) == (None, None)
    # "Is there code?": after one paper, whether it has; after a list, which of them have
    for question in ("Is there code?", "Does it have code?", "Where can I find the code?", "Is its code public?",
                     "What's the link?", "Where can I read it?"):  # (the listings link to no paper: its abstract's)
        assert follow_up(question, ["a"]) == (None, ["a"]), question
        assert follow_up(question, previous) == (previous, None), question
    assert follow_up("Is there code for math reasoning?", ["a"]) == (None, None)
    # Conditions alone, or a count alone, on the papers just listed; "any papers on X?" is new
    for question in ("any from 2024?", "any ones with code?", "just the 2025 ones", "How many are there?",
                     "How many?", "and how many of them?",  # "how many?" alone abstained: no topic
                     "Show only the ones from 2024", "just the ones with code",  # were the whole corpus's
                     "Sort by date.", "ranked by upvotes, please", "order by number of authors"):
        assert follow_up(question, previous) == (previous, None), question
    assert follow_up("Any papers on GRPO?", previous) == (None, None)
    assert follow_up("List papers on GRPO by date", previous) == (None, None)
    assert with_superlative_field("And the fewest?", "authors") == "And the fewest authors?"
    assert with_superlative_field("which one has the most?", "upvotes") == "which one has the most upvotes?"
    assert with_superlative_field("And the fewest authors?", "authors") == "And the fewest authors?"
    assert with_superlative_field("And the fewest?", "posted") == "And the fewest?"
    assert with_superlative_field("What about the fewest?", "authors") == "What about the fewest authors?"
    assert refinement("what about the fewest?") == [] and bare_superlative("how about the most?")
    assert [bare_statistic(q) for q in ("And the median?", "what about the average?", "the total", "and the paper?")] == \
        ["median", "mean", "total", ""]
    assert [bare_statistic(q) for q in ("and on average?", "In total?", "and altogether?", "what about combined?",
                                        "and on top?")] == ["mean", "total", "total", "total", ""]  # were topics
    assert [bare_statistic(q) for q in ("What is the average?", "what's their median?", "what is the paper?")] == \
        ["mean", "median", ""]  # were the topics "average" and "median"
    assert statistic_question("mode", "authors") == "What is the most common number of authors?"
    assert bare_best("Which one scores highest?") and bare_best("which of them has the best accuracy?")
    assert not bare_best("Which one scores highest on AIME?") and not bare_best("Which paper has the most upvotes?")
    assert on_benchmark("Which one scores highest?", "AIME") == "Which one scores highest on AIME?"
    assert benchmark_named("Which papers evaluate on AIME 2024?") == "AIME 2024" and benchmark_named("papers on agents") == ""
    assert follow_up("Which one scores highest?", previous) == (previous, None)
    assert of_the_groups("Which of them has the most upvotes?", "organisation") == "Which organisation has the most upvotes?"
    assert of_the_groups("which one had the fewest authors in total?", "year") == "which year had the fewest authors in total?"
    assert of_the_groups("Which of them use GRPO?", "year") == ""
    qwen, deepseek = understand("Which papers mention Qwen?", ORGS), understand("Which papers mention DeepSeek?", ORGS)
    assert both_topics("which mention both?", qwen, deepseek) == "Which papers mention both Qwen and DeepSeek?"
    grpo = QueryPlan(question="Which papers use GRPO?", text="use GRPO")  # (the topic as the pipeline reads it)
    dpo = QueryPlan(question="what about DPO?", text="use DPO")
    assert both_topics("and which use both of them?", grpo, dpo) == "Which papers use both GRPO and DPO?"
    assert both_topics("which use both?", grpo, grpo) == "" and both_topics("which use GRPO?", grpo, dpo) == ""
    assert of_the_groups("which of them posted more than one paper?", "organisation") == \
        "which organisation posted more than one paper?"  # (was the papers of the previous answer, listed)
    assert of_the_groups("which of them have at least 3 papers?", "month") == "which month have at least 3 papers?"
    assert of_the_groups("which of them have more than 10 authors?", "year") == ""  # of the papers
    assert with_count_field("which of them have more than 20?", "authors") == "which of them have more than 20 authors?"
    assert with_count_field("which of them have more than 20 authors?", "authors") == ""
    assert with_count_field("and at least 3?", "") == ""
    assert asks_for_papers("Which of them have more than 20 authors?") and not asks_for_papers("And in 2024?")
    assert follow_up("what about the fewest?", previous) == (previous, None)
    assert bare_count("What about more than 1?") == "more than 1" and bare_count("and what about at least 20?") == "at least 20"
    assert more_question("Which papers are about agents?") is None  # (asking for more papers: test_requests_for_more)
    assert bare_count("What about more than 1 upvote?") == "" and bare_count("What about 2024?") == ""
    assert follow_up("How many papers are there in total?", previous) == (None, None)
    # "similar to it" after a one-paper answer: like that paper ("it" alone is in too many new questions)
    assert follow_up("Which papers are similar to it?", ["a"]) == (None, ["a"]) and asks_similar("papers like it")
    assert follow_up("Which papers are similar to it?", previous) == (None, None)
    assert follow_up("Show similar papers.", ["a"]) == (None, ["a"]) and asks_similar("Show similar papers.")
    # ... but "posted closest to it" asks for a date near that paper's: "it" is its name (with_topic)
    assert follow_up("Which paper was posted closest to it?", ["a"]) == (None, None)
    assert not asks_similar("Which paper was posted closest to it?") and asks_similar("Which paper is closest to it?")
    assert not asks_similar("similar papers on GRPO")
    assert follow_up("Are there similar papers from 2025?", ["a"]) == (None, ["a"])  # was the topic "similar"
    assert follow_up("similar papers in 2024", ["a"]) == (None, ["a"]) and not asks_similar("similar papers in robotics")
    # A short question about "it" after a one-paper answer is about that paper
    for question in ("What does it propose?", "How does it work?", "What is it about?"):
        assert follow_up(question, ["a"]) == (None, ["a"]) and follow_up(question, previous) == (None, None)
    assert follow_up("Which papers use it?", ["a"]) == (None, None)  # other papers are asked for
    assert follow_up("How is it possible to train LLMs with RL on math?", ["a"]) == (None, None)  # a new question


def test_what_about_puts_its_conditions_in_place_of_the_previous_questions():
    assert refinement("What about 2024?") == ["papers 2024", "papers from 2024"]
    assert refinement("and how about the ones with more than 10 authors?") == ["papers with more than 10 authors"]
    assert refinement("same for Tencent") == ["papers Tencent", "papers from Tencent"]
    assert refinement("which of those are from 2025?") == [] and refinement("what is GRPO about?") == []
    # "and X?" with a bare topic or value is "what about X?" (it narrowed the previous papers to the topic "X")
    assert refinement("and Mistral?") == ["papers Mistral", "papers from Mistral"] and new_topic("and Mistral?") == "Mistral"
    assert refinement("and 2025?") == ["papers 2025", "papers from 2025"]
    for narrowing in ("and from Tencent?", "and the oldest?", "and which of those use RL?", "and their authors?"):
        assert refinement(narrowing) == []
    before = understand("Which papers on agents were posted in March 2025 by Tencent?", ORGS)
    after = with_conditions(before, understand(refinement("what about 2024?")[1], ORGS))
    # The year stands in for the month; the organisation and the topic stay
    assert [(f.key, f.value) for f in after.filters] == [("org", "Tencent"), ("year", 2024)]
    assert after.text == before.text and after.sort is None
    ranked = with_conditions(before, understand("papers ranked by upvotes, top 3", ORGS))
    assert (ranked.sort, ranked.limit) == ("upvotes", 3) and len(ranked.filters) == len(before.filters)


def test_the_thread_a_later_what_about_goes_back_to():
    new, refined = understand("papers on agents", ORGS), understand("papers on agents", ORGS)
    refined.earlier = ["papers on agents"]
    assert thread("papers on GRPO", new, ["papers on agents"], narrowed=False, about=False) == ["papers on GRPO"]
    assert thread("what about 2024?", refined, ["papers on agents"], narrowed=False, about=False) == \
        ["papers on agents", "what about 2024?"]
    assert thread("and which of those are from 2025?", new, ["a"], narrowed=True, about=False) == \
        ["a", "and which of those are from 2025?"]
    assert thread("how many authors does the first one have?", new, ["a"], narrowed=True, about=True) == ["a"]


def test_words_pointing_back_are_no_topic_only_in_a_follow_up():
    # The chat page's year range filters a question too; "the top 3" is then still a limit
    assert understand("top 3 papers on GRPO", ORGS, filtered=True).limit == 3
    plan = understand("how many authors does the first one have?", ORGS, filtered=True, refers_back=True)
    assert plan.asks_field == "authors" and plan.text == ""
    assert _filters(understand("what is the first one like?", ORGS, filtered=True, refers_back=True)) == []


@pytest.mark.parametrize("question", ["What did the Orca 2 authors find?", "What did the RT-2 authors show?"])
def test_a_number_in_a_papers_name_is_no_condition(question):
    # "2 authors" here is part of the name "Orca 2" (or "RT-2"), not a count of authors.
    plan = understand(question, ORGS, names={"Orca 2", "Orca", "RT-2"})
    assert not plan.filters and not plan.sort and len(plan.named) == 1
    assert understand("Which papers have 2 authors?", ORGS, names={"Orca 2"}).filters[0].value == 2


@pytest.mark.parametrize("question", ["Which paper has the most upvotes overall?", "Which paper has the most authors altogether?",
                                      "Which organisations appear most often?"])
def test_words_of_how_often_or_in_all_name_no_topic(question):
    # "overall" was read as the topic: the most upvoted paper among the 10 that use the word
    plan = understand(question, ORGS)
    assert plan.text == "" and plan.metadata_only


def test_a_new_questions_it_is_the_last_topic_unless_it_stands_for_nothing():
    assert with_topic("Which papers use it?", "GRPO") == "Which papers use GRPO?"
    assert with_topic("Is it used for vision?", "test-time scaling") == "Is test-time scaling used for vision?"
    assert with_topic("Which papers use it?", "") == ""  # no topic yet
    assert with_topic("Which papers use GRPO?", "LIMO") == ""  # no "it"
    for question in ("How is it possible to train LLMs with RL on math?", "It is said that RL helps: which papers show it?",
                     "Which methods make it easier to reason?"):
        assert with_topic(question, "GRPO") == "", question


@pytest.mark.parametrize("question, topic", [
    ("What is GRPO?", "GRPO"), ("Tell me about test-time scaling", "test-time scaling"),
    ("Which papers use GRPO for vision?", "GRPO for vision"),  # the verb after "which papers" is no topic
    ("Which paper introduced HBPO?", "HBPO"), ("Which paper reports the highest AIME 2024 score?", "AIME 2024"),
    ("Which papers have the most upvotes?", ""),  # the listings alone
])
def test_the_topic_a_later_it_refers_to(question, topic):
    from rag.understand.rules import topic_words

    assert topic_words(understand(question, ORGS)) == topic


def test_a_framing_word_does_not_take_a_topic_word_with_its_stem():
    # "commonly" would have made "common" (its stem) a framing word: "common sense" lost a word
    from rag.understand.wording import FRAME_WORDS

    assert "commonly" not in FRAME_WORDS and "common" not in FRAME_WORDS
    assert "common" in understand("Which papers study common sense reasoning?", ORGS).text


@pytest.mark.parametrize("question, topic", [("what about robotics?", "robotics"), ("How about the ones on DPO?", "DPO"),
                                             ("and what about papers about agents?", "agents"), ("Tell me more", "")])
def test_what_a_what_about_names(question, topic):
    from rag.understand.followup import new_topic
    assert new_topic(question) == topic


@pytest.mark.parametrize("question, limit", [("And the oldest?", 1), ("the most upvoted?", 1),
                                             ("and the most recent ones?", None), ("the three newest?", 3)])
def test_a_bare_superlative_asks_for_one(question, limit):
    assert understand(question, ORGS).limit == limit


@pytest.mark.parametrize("question, descending, limit", [
    ("Which paper has the shortest title?", False, 1), ("Which papers have the longest titles?", True, None),
    ("What are the five shortest titles?", False, 5), ("Whose title is the longest?", True, None)])
def test_a_title_length_is_a_sort(question, descending, limit):
    plan = understand(question, ORGS)
    assert (plan.sort, plan.descending, plan.limit, plan.text) == ("title_words", descending, limit, "")


@pytest.mark.parametrize("question, sort, descending", [
    ("Which has a longer title, LIMO or Seg-Zero?", "title_words", True),  # was the two abstracts quoted
    ("Who has the shorter abstract, LIMO or Seg-Zero?", "abstract_words", False)])
def test_which_of_papers_named_has_a_longer_title_is_a_sort_of_them(question, sort, descending):
    plan = understand(question, ORGS, {"LIMO", "Seg-Zero"})
    assert (plan.sort, plan.descending, plan.limit, plan.text) == (sort, descending, None, "LIMO or Seg-Zero")
    assert understand("Which papers have a title longer than 10 words?", ORGS).sort is None  # a condition, as it was


@pytest.mark.parametrize("question, descending, limit", [
    ("Which paper has the longest abstract?", True, 1), ("What are the three shortest abstracts?", False, 3),
    ("Whose abstract is the shortest?", False, None)])
def test_an_abstract_length_is_a_sort(question, descending, limit):
    plan = understand(question, ORGS)
    assert (plan.sort, plan.descending, plan.limit, plan.text) == ("abstract_words", descending, limit, "")


@pytest.mark.parametrize("question, descending, limit", [
    ("Which paper has the most upvotes per author?", True, 1), ("Which 3 papers have the fewest upvotes per author?", False, 3),
    ("Which paper has the highest ratio of upvotes to authors?", True, 1),
    ("Sort the papers by upvotes per author", True, None)])
def test_upvotes_per_author_is_a_sort_not_a_topic(question, descending, limit):
    plan = understand(question, ORGS)
    assert (plan.sort, plan.descending, plan.limit, plan.text) == ("upvotes_per_author", descending, limit, "")


def test_upvotes_per_author_in_conditions_and_statistics():
    plan = understand("Which papers have more upvotes per author than LIMO?", ORGS, {"LIMO"})
    assert [(r.field, r.op, r.ref) for r in plan.relative] == [("upvotes_per_author", ">", "LIMO")]
    assert plan.sort is None and plan.text == ""  # not "more upvotes", nor a sort by them
    plan = understand("What is the average number of upvotes per author?", ORGS)
    assert (plan.statistic, plan.sort, plan.text) == ("mean", "upvotes_per_author", "")
    plan = understand("Which papers have more upvotes than LIMO?", ORGS, {"LIMO"})
    assert [r.field for r in plan.relative] == ["upvotes"]  # the plain count is as before


@pytest.mark.parametrize("question, place", [
    ("And the second?", 2), ("the third one?", 3), ("What about the 2nd?", 2), ("and the fifth place", 5),
    ("the second most upvoted paper", None), ("which is the second one about GRPO?", None), ("second", 2)])
def test_a_bare_ordinal_asks_for_a_place(question, place):
    assert ranked_place(question) == place


def test_a_bare_ordinal_is_the_lists_paper_or_the_rankings_next_place():
    assert follow_up("and the second?", ["a", "b", "c"]) == (None, ["b"])
    for question in ["and the second?", "the second paper"]:  # (after a ranking's top: Conversation asks its next)
        with pytest.raises(NoSuchPaper):
            follow_up(question, ["a"])


@pytest.mark.parametrize("question, days, excluded, text", [
    ("Which papers were posted less than a week apart from LIMO?", 7, [], ""),
    ("Which papers were posted at most 10 days from LIMO?", 10, [], ""),
    ("Which papers apart from LIMO use GRPO?", None, ["LIMO"], "use GRPO"),  # the excluded name ends at the verb
])
def test_apart_from_a_paper(question, days, excluded, text):
    plan = understand(question, ORGS, {"LIMO"})
    assert [r.days for r in plan.relative] == ([days] if days else [])
    assert (plan.excluded, plan.text) == (excluded, text)


@pytest.mark.parametrize("question, again", [
    # the previous question again, the papers given left out
    ("Any others?", ""), ("What else?", ""), ("Show me more.", ""), ("Anything else?", ""), ("Is there anything else?", ""),
    ("Are there more?", ""), ("Ok, any others?", ""), ("More please", ""), ("What about the others?", ""),
    ("More on that.", ""), ("Do you have any others?", ""),
    # with a topic or conditions: as "what about ...?" reads them (refinement)
    ("Are there any others on RL?", "what about on RL?"), ("Any more from 2024?", "what about from 2024?"),
    ("any other papers from Tencent?", "what about from Tencent?"),
    ("What other papers are there on robotics?", "what about on robotics?"),
    # a question of its own
    ("Which other papers use RL?", "Which papers use RL?"), ("Any others that use PPO?", "Which papers use PPO?"),
    # not a request for more papers
    ("More recent ones?", None), ("Any more like this?", None), ("What more do you know?", None),
    ("Which papers have more upvotes?", None), ("Any other questions?", None), ("What other methods use RL?", None),
    ("What about more than 1?", None), ("What about the other one?", None), ("more than 5 upvotes?", None),
])
def test_requests_for_more(question, again):
    assert more_question(question) == again


def test_a_paper_of_the_previous_answer_compared_with_is_named_in_its_place():
    names = {"a": "LIMO", "b": "Seg-Zero", "c": None}.get
    shown = ["a", "b", "c"]
    assert with_anchor("Which of them has more authors than the first one?", shown, names) == \
        "Which of them has more authors than LIMO?"
    assert with_anchor("Which was posted closest to paper [2]?", shown, names) == "Which was posted closest to Seg-Zero?"
    assert with_anchor("Which papers came out before the last one?", shown[:2], names) == \
        "Which papers came out before Seg-Zero?"
    assert with_anchor("Which papers have as many upvotes as this paper?", ["a"], names) == \
        "Which papers have as many upvotes as LIMO?"
    # as asked: no comparison, "this paper" after a list, or a paper with no name questions can use
    assert with_anchor("How many authors does the first one have?", shown, names) == "How many authors does the first one have?"
    assert with_anchor("Which have more upvotes than this paper?", shown, names) == "Which have more upvotes than this paper?"
    third = "Which have more upvotes than the third one?"
    assert with_anchor(third, shown, names) == third
    with pytest.raises(NoSuchPaper, match="cites 2 papers, so it has no third paper"):
        with_anchor("Which have more upvotes than the third one?", shown[:2], names)
    # "it" compared with another paper by name, after one paper: both papers (was that one alone)
    assert with_anchor("compare it with VLM-R1", ["b"], names) == "compare Seg-Zero with VLM-R1"
    assert with_anchor("How does it differ from LIMO?", ["b"], names) == "How does Seg-Zero differ from LIMO?"
    assert with_anchor("is it newer than LIMO?", ["b"], names) == "is Seg-Zero newer than LIMO?"  # was its abstract
    assert with_anchor("which papers have more upvotes than it?", ["b"], names) == \
        "which papers have more upvotes than it?"  # no other paper named: other papers set against it
    # ... named once follow_up has found it is about other papers: "it" is that paper whatever the thread's
    # topic ("what is the most upvoted paper?" has none, and "it" stood for nothing)
    assert set_against_it("which papers have more upvotes than it?", ["b"], names) == \
        "which papers have more upvotes than Seg-Zero?"
    assert set_against_it("Which papers came out in the same month as it?", ["b"], names) == \
        "Which papers came out in the same month as Seg-Zero?"
    for question, shown in (("which papers are newer than it is?", ["b"]), ("which have more upvotes than it?", ["b", "a"])):
        assert set_against_it(question, shown, names) == question
    for question in ("how does it compare with the other papers?", "what are its limitations?"):  # no name: as asked
        assert with_anchor(question, ["b"], names) == question
    assert with_anchor("compare it with VLM-R1", ["b", "a"], names) == "compare it with VLM-R1"  # which one is "it"?


def test_the_abstract_itself_is_asked_for():
    names = {"LIMO", "MARVEL"}
    for question in ("What is the abstract of LIMO?", "Show me LIMO's full abstract",
                     "Can you give me the whole abstract of LIMO, please?"):
        assert understand(question, ORGS, names).whole_abstract, question
    for question in ("Which papers mention GRPO in the abstract?", "What is the abstract reasoning benchmark in MARVEL?",
                     "Which papers are about abstract reasoning?", "Summarise the abstract reasoning papers"):
        assert not understand(question, ORGS, names).whole_abstract, question
    assert understand("What is the abstract?", ORGS, names).cannot.startswith("Which paper's abstract?")
    assert not understand("What is the abstract?", ORGS, names, refers_back=True).cannot  # the caller chose the paper
    assert follow_up("Show me the full abstract", ["a"]) == (None, ["a"])  # after a one-paper answer: its abstract
    assert follow_up("What does the abstract say?", ["a"]) == (None, ["a"])
    assert follow_up("Show me the full abstract", ["a", "b"]) == (None, None)  # which of them is not said


def test_a_count_of_every_paper_is_broken_down_by_year():
    for question in ("How many papers are there?", "How many papers does the corpus have?",
                     "How many papers are in the collection in total?"):
        plan = understand(question, ORGS)
        assert (plan.counts, plan.group_by, plan.breakdown) == (True, "year", True), question
    for question in ("How many papers are from 2024?", "How many papers mention GRPO?", "How many papers use RL?",
                     "How many papers have code available on GitHub?", "How many papers have reasoning in the title?",
                     "How many papers don't mention reasoning?"):
        assert understand(question, ORGS).group_by is None, question
    assert understand("How many papers are there?", ORGS, filtered=True).group_by is None  # a follow-up's papers, counted


def test_surveys_left_out():
    for question, topic in (("Which papers about agents are not surveys?", "agents"),
                            ("Which non-survey papers study latent reasoning?", "study latent reasoning"),
                            ("Which papers on efficient reasoning are not a survey?", "efficient reasoning")):
        plan = understand(question, ORGS)
        assert (plan.excluded, plan.text) == (["survey"], topic), question
    assert understand("Which surveys are not about agents?", ORGS).excluded == ["agents"]
    assert understand("Which papers review the literature on agents?", ORGS).excluded == []


@pytest.mark.parametrize("question, about", [
    ("Compare the first and the third", ["a", "c"]), ("Compare the second one with the first one", ["b", "a"]),
    ("compare [1] and [3]", ["a", "c"]), ("How do the first and last papers differ?", ["a", "d"]),
    ("compare papers 2 and 4", ["b", "d"]), ("What do the second and third have in common?", ["b", "c"]),
    ("How does the first one compare to the third one?", ["a", "c"]), ("papers 1, 2 and 4", ["a", "b", "d"]),
    ("Which was posted first, the second or the third?", ["b", "c"]),  # "posted first" is an order
    ("Which papers from the first half of 2024 and the second?", None),  # "the first half"
])
def test_several_places_of_the_previous_answer(question, about):
    assert follow_up(question, ["a", "b", "c", "d"]) == (None, about)


def test_several_places_the_previous_answer_lacks():
    with pytest.raises(NoSuchPaper, match="cites 2 papers, so it has no third paper"):
        follow_up("Compare the first and the third", ["a", "b"])


def test_places_up_to_the_tenth():
    listed = list("abcdefgh")
    assert follow_up("How many authors does the seventh one have?", listed) == (None, ["g"])
    assert follow_up("Compare the sixth and the eighth", listed) == (None, ["f", "h"])
    with pytest.raises(NoSuchPaper, match="cites 8 papers, so it has no ninth paper"):
        follow_up("What is the ninth one about?", listed)


@pytest.mark.parametrize("question, statistic, measured, top", [
    ("How many authors do the three most upvoted papers have between them?", "total", "authors", ("upvotes", True, 3)),
    ("What is the average number of upvotes of the five newest papers?", "mean", "upvotes", ("posted", True, 5)),
    ("How many upvotes do the three most upvoted papers have in total?", "total", "upvotes", ("upvotes", True, 3)),
    ("What is the median number of authors of the 4 papers with the fewest upvotes?", "median", "authors",
     ("upvotes", False, 4)),
    # the date ranking took the statistic's field: an average of dates (answering it raised a KeyError)
    ("What is the average number of upvotes of the newest papers?", "mean", "upvotes", ("posted", True, 1)),
    # a range kept "newest" from being read (as in "the earliest and latest posting date"): a paper on "newest"
    ("What is the range of upvotes of the 5 newest papers?", "range", "upvotes", ("posted", True, 5)),
    ("What is the spread of author counts of the three oldest papers?", "range", "authors", ("posted", False, 3)),
    # the number comes with the request ("which 5 papers"), the statistic bare ("their total"): was 652 over 77
    ("Which 5 papers have the most authors and how many authors do they have in total?", "total", "authors",
     ("authors", True, 5)),
    ("Which 5 papers have the most authors, and what is their total?", "total", "authors", ("authors", True, 5)),
    ("What are the three most upvoted papers and their average?", "mean", "upvotes", ("upvotes", True, 3)),
])
def test_a_statistic_over_the_top_papers_of_a_ranking(question, statistic, measured, top):
    plan = understand(question, ORGS)  # was the statistic over every paper, its field taking the ranking's place
    assert (plan.statistic, plan.sort, plan.limit, plan.text.strip()) == (statistic, measured, None, "")
    assert (plan.among.field, plan.among.descending, plan.among.n) == top
    assert understand("Which 3 papers have the most authors?", ORGS).among is None  # a ranking alone
    assert understand("What is the average number of authors?", ORGS).among is None


@pytest.mark.parametrize("question, month", [
    ("Which papers were posted in May, whatever the year?", 5), ("Which papers came out in May of any year?", 5),
    ("Which papers were posted in December regardless of year?", 12),
    ("Which papers on agents were posted in March, no matter which year?", 3),
])
def test_a_month_of_any_year_said_in_words(question, month):
    plan = understand(question, ORGS)  # "whatever the year" was a topic; "which year" a date asked of a paper
    assert filters(plan) == [("month", "==", month)] and plan.asks_field is None
    assert plan.text.strip() in ("", "agents")


@pytest.mark.parametrize("question, group_by, statistic, sort, descending", [
    ("What is the most common posting month?", "month", None, None, True),  # was no condition: abstained
    ("What is the least common year?", "year", None, None, False),
    ("Which organization has the highest total upvotes?", "org", "total", "upvotes", True),  # was one paper's org
    ("which year has the lowest combined number of authors?", "year", "total", "authors", False),
])
def test_groups_by_how_common_or_by_a_total_said_before_the_count(question, group_by, statistic, sort, descending):
    plan = understand(question, ORGS)
    assert (plan.group_by, plan.statistic, plan.sort, plan.descending, plan.text.strip()) == \
        (group_by, statistic, sort, descending, "")


def test_upvotes_relative_to_the_number_of_authors_is_per_author():
    plan = understand("Which paper has the most upvotes relative to its number of authors?", ORGS)  # was abstained
    assert (plan.sort, plan.limit, plan.text.strip()) == ("upvotes_per_author", 1, "")


@pytest.mark.parametrize("question, points", [
    ("sort them by upvotes", True), ("and the first one?", True), ("compare the first two", True), ("[2] and [4]", True),
    ("which of those are from 2025?", True), ("what does it propose?", False), ("who posted it?", False),
    ("Which papers use GRPO?", False),
])
def test_a_question_pointing_into_a_list(question, points):
    assert points_into_list(question) is points
    assert points_into_list("and the second?") and not points_into_list("sort them by date", one_picked=False)


@pytest.mark.parametrize("question, name", [
    ("What problem does Dyna-Mind address?", "Dyna-Mind"), ("Which gap does LIMO aim to fill?", "LIMO"),
    ("what challenges does Seg-Zero tackle?", "Seg-Zero"),
])
def test_the_problem_a_named_paper_addresses_asks_for_what_falls_short(question, name):
    plan = understand(question, ORGS, {name})
    assert plan.drawbacks and name in plan.text  # the name stays the topic


def test_the_form_an_answer_is_asked_in_is_read_into_the_plan():
    # a sum, a gap's unit and its direction: read once, here, not by the answer step from the question's text
    plan = understand("How many weeks apart were RT-2 and LIMO posted?", ORGS, names={"RT-2", "LIMO"})
    assert (plan.gap_unit, plan.gap_after, plan.in_total) == ("weeks", "", False)
    plan = understand("How many days after Seg-Zero was LIMO posted?", ORGS, names={"Seg-Zero", "LIMO"})
    assert (plan.gap_unit, plan.gap_after) == ("days", "after")  # days are read too ("how many days apart?" after a gap)
    assert understand("How many authors do LIMO and Med-R1 have in total?", ORGS, names={"LIMO", "Med-R1"}).in_total
    assert not understand("How many authors do LIMO and Med-R1 have?", ORGS, names={"LIMO", "Med-R1"}).in_total
    assert answer_form("what is the sum of their upvotes?") == {"in_total": True}  # no unit, no direction said


@pytest.mark.parametrize("question, alone", [
    ("and in weeks?", True), ("In months, please", True), ("how many months apart is that?", True),
    ("what is that in years?", True), ("and in total?", True), ("what is their total?", True), ("altogether?", True),
    ("and in characters?", True),
    ("and in 2024?", False), ("how many weeks apart were RT-2 and LIMO posted?", False), ("which of them use GRPO?", False)])
def test_a_follow_up_asking_only_for_another_form(question, alone):
    assert form_alone(question) is alone


def test_a_form_follow_up_changes_only_a_thread_whose_answer_has_that_figure():
    gap = understand("How many days after Seg-Zero was LIMO posted?", ORGS, names={"Seg-Zero", "LIMO"})
    weeks = reformed(gap, "and in weeks?")
    assert (weeks.gap_unit, weeks.gap_after, weeks.versus) == ("weeks", "after", "gap")  # the direction kept
    assert reformed(gap, "and in total?") is None  # a gap has no sum
    counts = understand("How many authors do LIMO and Seg-Zero have?", ORGS, names={"Seg-Zero", "LIMO"})
    assert reformed(counts, "and in total?").in_total and reformed(counts, "in weeks?") is None
    span = understand("When were the first and the last 2025 papers posted?", ORGS)
    assert reformed(span, "how many weeks apart is that?").gap_unit == "weeks"
    assert reformed(understand("Which papers use GRPO?", ORGS), "and in total?") is None  # a list: asked anew
    # a title's length in the other unit (was a topic, "characters"), of a statistic or a ranking
    mean = understand("What is the average title length?", ORGS)
    assert mean.sort == "title_words" and reformed(mean, "and in characters?").sort == "title_chars"
    assert reformed(reformed(mean, "and in characters?"), "and in words?").sort == "title_words"
    assert reformed(understand("Which paper has the longest title?", ORGS), "in characters?").sort == "title_chars"
    assert reformed(understand("Which papers use GRPO?", ORGS), "and in characters?") is None


@pytest.mark.parametrize("question, unmeasured, limit", [
    ("Which is the best paper?", "best", 1), ("What's the best paper on RL?", "best", 1),
    ("What are the 2 most influential papers on agents?", "most influential", 2),
    ("the most important papers", "most important", None),
    ("Top 3 papers on LLM agents", "", 3),  # the most relevant three, as a search engine's top
    ("Best papers for an introduction to LLM reasoning", "", None),  # the most suited: a topic
    ("What are the top 5 papers on reinforcement learning by upvotes?", "", 5),  # the ranking is said
    ("What is the best model for math reasoning?", "", None)])  # a model, not a paper
def test_a_merit_the_listings_do_not_measure_is_ranked_by_upvotes_and_said(question, unmeasured, limit):
    plan = understand(question, ORGS)
    assert plan.unmeasured == unmeasured
    if unmeasured:
        assert (plan.sort, plan.descending, plan.limit) == ("upvotes", True, limit)


@pytest.mark.parametrize("question", ["Which papers are from MSR?", "What has MS Research posted?"])
def test_an_organisation_by_a_name_it_goes_by(question):
    assert _filters(understand(question, ORGS)) == [("org", "==", "Microsoft Research")]  # "MSR" was said to be no one's


def test_an_alias_is_a_name_as_written_and_only_of_an_indexed_organisation():
    assert _filters(understand("Which papers mention msr?", ORGS)) == []  # lower case: a word, not the name
    assert _filters(understand("papers by Tongyi", ORGS)) == [("org", "==", "Tongyi")]  # TongyiLab not indexed: no one's
    assert _filters(understand("papers by Tongyi", [*ORGS, "TongyiLab"])) == [("org", "==", "TongyiLab")]


@pytest.mark.parametrize("question, text", [
    ("What's new in the latest papers?", ""),  # was papers on "new", newest first
    ("What's new in the latest papers on agents?", "agents"),
    ("What is new in the latest papers on agents?", "agents"),  # (its topic was "new in the latest papers on agents")
    ("What's new in GUI agents?", "What's new in GUI agents?")])  # no ranking asked: a topic, as before
def test_whats_new_is_the_newest_papers_and_no_topic(question, text):
    plan = understand(question, ORGS)
    assert (topic_words(plan) if text != question else plan.text) == text
    assert (plan.sort == "posted" and plan.descending) is (text != question)


@pytest.mark.parametrize("question, key, value", [
    ("Which papers have an odd number of authors?", "authors_parity", 1),
    ("How many papers have an even number of upvotes?", "upvotes_parity", 2),
    ("papers with an even author count", "authors_parity", 2)])
def test_an_odd_or_even_count_is_a_condition_on_its_parity(question, key, value):
    plan = understand(question, ORGS)  # it was a topic ("odd"), answered with papers on "odds"
    assert _filters(plan) == [(key, "==", value)] and plan.metadata_only


@pytest.mark.parametrize("question, kind", [("What is the median posting date?", "median"),
                                            ("what's the average publication year of papers on RL?", "mean")])
def test_a_statistic_of_dates(question, kind):
    plan = understand(question, ORGS)
    assert (plan.statistic, plan.sort) == (kind, "posted")


@pytest.mark.parametrize("question, text, defines", [
    ("What is the main idea of Coconut?", "What is Coconut?", "Coconut"),
    ("What is the key concept behind ReasoningBank?", "What is ReasoningBank?", "ReasoningBank"),
    ("What's the gist of LIMO?", "What's LIMO?", "LIMO"),
    ("What's test-time scaling?", "What's test-time scaling?", "test-time scaling"),  # as "what is" (had no definer)
])
def test_the_main_idea_of_a_paper_asks_for_the_paper(question, text, defines):
    """"The main idea of X" asks what "what is X about?" asks: "main" and "idea" name no topic."""
    plan = understand(question, ORGS, {"LIMO", "ReasoningBank"})
    assert (plan.text, plan.defines) == (text, defines)


@pytest.mark.parametrize("question, findings", [
    ("What are the main findings of Jigsaw-R1?", True), ("What did Jigsaw-R1 find?", True),
    ("What were the key results of LIMO?", True), ("What does Soft Thinking show?", True),
    ("Which papers report results on AIME?", False), ("What are the limitations of LIMO?", False),
    ("What results does LIMO report on AIME?", False)])
def test_a_question_for_a_papers_findings(question, findings):
    plan = understand(question, ORGS)
    assert plan.findings == findings
    if findings:  # the name stays the topic
        assert any(name in plan.text for name in ("Jigsaw-R1", "LIMO", "Soft Thinking")), plan.text


@pytest.mark.parametrize("question", [
    "How long is the abstract of LIMO?", "How many words does LIMO's abstract have?",
    "What is the length of LIMO's abstract?", "How long are the abstracts of LIMO and Seg-Zero?"])
def test_a_papers_abstract_length_is_a_field(question):
    # it showed the whole abstract; with two papers, "how long" was the time between them
    plan = understand(question, ORGS, {"LIMO", "Seg-Zero"})
    assert (plan.asks_field, plan.whole_abstract, plan.versus) == ("abstract_words", False, "") and plan.measures_abstracts
    assert understand("How long after LIMO was Seg-Zero posted?", ORGS, {"LIMO", "Seg-Zero"}).versus == "gap"


@pytest.mark.parametrize("question, limit", [("Top three most upvoted papers of all time?", 3),
                                             ("What is the most upvoted paper ever?", 1)])
def test_of_all_time_is_no_topic(question, limit):
    plan = understand(question, ORGS)  # was the topic "time"
    assert (plan.sort, plan.limit, plan.text) == ("upvotes", limit, "")


@pytest.mark.parametrize("question, asks_list", [
    # asking whether the corpus has papers on a topic asks for them (were answered as one paper)
    ("Could you point me to work on multi-agent debate?", True),
    ("Is there anything in the corpus about world models?", True),
    ("Do you have any papers that deal with table reasoning?", True),
    ("Is anything in the collection about reasoning over financial questions?", True),  # (was one paper's quotes)
    ("Does anything cover autonomous driving?", True),
    # ... but not about one paper, nor a question about a method
    ("Is there anything about LIMO's training data?", False), ("Is there something wrong with GRPO?", False),
    ("Is anything in LIMO about RL?", False)])
def test_asking_whether_the_corpus_has_papers_asks_for_them(question, asks_list):
    assert understand(question, ORGS, {"LIMO"}).asks_list is asks_list


@pytest.mark.parametrize("question, last, it_is, asked", [
    ("and Seg-Zero?", "How many authors does LIMO have?", None, "How many authors does Seg-Zero have?"),
    ("what about Seg-Zero?", "What is LIMO about?", "LIMO", "What is Seg-Zero about?"),
    ("And Seg-Zero's?", "When was LIMO posted?", "LIMO", "When was Seg-Zero posted?"),
    ("what about Seg-Zero?", "how many authors does it have?", "LIMO", "how many authors does Seg-Zero have?"),  # "it": LIMO
    # not a paper's name alone, no paper or two in the last question, or the same paper: not asked again
    ("and DPO?", "Does LIMO use GRPO?", "LIMO", ""), ("and Seg-Zero?", "Which papers use GRPO?", None, ""),
    ("and Seg-Zero?", "Compare LIMO and Orca 2", None, ""), ("and LIMO?", "What is LIMO about?", "LIMO", ""),
    ("and Seg-Zero from 2025?", "How many authors does LIMO have?", None, "")])
def test_a_follow_up_naming_another_paper_asks_the_last_question_of_it(question, last, it_is, asked):
    names = {"LIMO", "Seg-Zero", "Orca 2"}
    assert another_paper(question, last, lambda text: named_in(text, names), it_is) == asked
