"""Citation parsing, invalid-number removal and the support check, on crafted outputs."""
from rag.answer.citations import check_support, parse

ABSTRACTS = {
    1: "We construct TabFact, a dataset of 16k Wikipedia tables and 118k statements. Models lag behind humans.",
    2: "ReConcile runs a round table of ChatGPT, Bard and Claude2 that vote with confidence weights.",
}


def test_parse_maps_citations_and_removes_invalid_numbers():
    checked = parse("TabFact has 16k tables [1]. Agents debate [2][7]. Nothing here [9].", {1, 2})
    assert checked.invalid == [7, 9]
    assert "[7]" not in checked.text and "[9]" not in checked.text
    assert [s.cites for s in checked.sentences] == [[1], [2], []]
    assert checked.cited == [1, 2]


def test_parse_comma_lists_and_trailing_blocks():
    checked = parse("Both use tables [1, 2]. Second point. [2]", {1, 2})
    assert checked.sentences[0].cites == [1, 2]
    assert checked.sentences[-1].cites == [2] and checked.sentences[-1].text == "Second point."


def test_support_check_flags_weak_sentences():
    checked = parse("TabFact pairs 16k Wikipedia tables with 118k statements [1]. "
                    "TabFact contains 50k tables [1]. "
                    "ReConcile lets ChatGPT, Bard and Claude2 vote [2]. "
                    "The moon is made of cheese [2]. "
                    "An uncited claim about tables.", {1, 2})
    check_support(checked, ABSTRACTS)
    assert [s.supported for s in checked.sentences] == [True, False, True, False, False]
    assert "TabFact contains 50k tables." in checked.unsupported  # a number the source does not state
    assert checked.sentences[0].best_evidence[1].startswith("We construct TabFact")


def test_support_check_uses_embeddings_when_given():
    def embed(texts):
        import numpy as np

        # paraphrase-aware stand-in: every text maps to the same unit vector
        return np.ones((len(texts), 4)) / 2.0

    checked = parse("A paraphrase sharing few words [2].", {1, 2})
    check_support(checked, ABSTRACTS, embed)
    assert checked.sentences[0].supported


def test_page_marks_weak_sentences_and_links_citations():
    from rag.answer.base import Answer
    from rag.ui.render import answer_html

    answer = Answer("q", "TabFact has 16k tables [1]. It has 99 robots [1].", False, "openai",
                    unsupported_sentences=["It has 99 robots."], invalid_citations=[4])
    html = answer_html(answer)
    assert '<span class="weak"' in html and "99 robots" in html.split('<span class="weak"')[1]
    assert "16k tables" not in html.split('<span class="weak"')[1].split("</span>")[0]
    assert '<a href="#src-1">[1]</a>' in html and "[4]" in html  # the removal is reported


def test_acronyms_mined_from_definitions_and_expanded_both_ways():
    from rag.text import mine_acronyms, other_forms

    acr = mine_acronyms(["We train with Group Relative Policy Optimization (GRPO).", "Use of (XYZ) alone.",
                         "a Vision Language Model (VLM) here", "Reinforcement Learning (PPO) mismatch"])
    assert acr == {"GRPO": "group relative policy optimization", "VLM": "vision language model"}
    assert other_forms("GRPO-based rewards", acr) == ["group relative policy optimization"]
    assert other_forms("a vision language model", acr) == ["VLM"]
    assert other_forms("GRPO, i.e. group relative policy optimization", acr) == []
    nested = mine_acronyms(["Monte Carlo Tree Search (MCTS) and Reflective Monte Carlo Tree Search (R-MCTS)."])
    assert set(other_forms("we extend R-MCTS", nested)) == {"reflective monte carlo tree search", "monte carlo tree search"}


def test_sentences_are_not_split_after_abbreviations():
    from rag.text import sentences
    text = "It uses 3K samples (3K vs. 13M) unlike OS-Atlas. Models, e.g. GPT-4, agree. Done."
    assert sentences(text) == ["It uses 3K samples (3K vs. 13M) unlike OS-Atlas.", "Models, e.g. GPT-4, agree.", "Done."]


def test_a_question_for_a_quantity_quotes_the_sentence_with_the_number(shipped):
    answer = shipped.ask("By what margins does the audio-language model GAMA beat other models?")
    assert answer.citations[0].title.startswith("GAMA") and "84%" in answer.answer


def test_letters_and_digits_run_together_are_also_read_apart():
    from rag.text import terms
    assert {"2024", "aime2024"} <= set(terms("AIME2024")) and "2024" in terms("AIME 2024")
    assert "qwen" in terms("Qwen2.5-7B")
    assert terms("R1V2") == ["r1v2"]  # runs of one character say nothing


def test_a_ranking_quotes_each_papers_number(shipped):
    answer = shipped.ask("Rank AgentMath-30B-A3B, Light-R1-14B-DS and Skywork R1V2 by the AIME 2024 scores their papers report")
    assert all(x in answer.answer for x in ("90.6", "74.0", "79.0"))


def test_what_counts_as_a_stated_quantity():
    from rag.answer.extractive import _QUANTITY
    for text in ("complies 14% of the time", "16k tables", "a 50x reduction", "scores 79.0", "817 samples"):
        assert _QUANTITY.search(text), text
    for text in ("we prompt Claude 3 Opus", "GPT-4 and Qwen2.5-7B", "R1V2 is released"):
        assert not _QUANTITY.search(text), text


def test_a_two_part_question_quotes_more(shipped):
    answer = shipped.ask("When Claude 3 Opus was told only free-tier chats are used for training, how often did it go "
                         "along with harmful requests from those users, and what happened to alignment-faking "
                         "reasoning once RL was applied?")
    assert "14%" in answer.answer and "78%" in answer.answer


def _one_paper_answerer(abstract: str):
    """An extractive answerer over a corpus of one paper ("p"), and that paper as a hit."""
    from rag.answer.extractive import ExtractiveAnswerer
    from rag.answer.relevance import Relevance
    from rag.config import AnswerConfig
    from rag.index.catalog import Catalog
    from rag.retrieve.base import PaperHit
    from rag.retrieve.coverage import TermCoverage
    catalog = Catalog({"p": {"paper_id": "p", "title": "p", "abstract": abstract}})
    return ExtractiveAnswerer(AnswerConfig(), Relevance(AnswerConfig(), TermCoverage(catalog))), PaperHit("p", "p", {})


def test_a_question_for_a_quantity_always_quotes_a_sentence_that_states_one():
    from rag.understand.rules import understand
    extractive, hit = _one_paper_answerer("We study breast cancer pCR prediction from breast cancer slides. "
                                          "Breast cancer pCR prediction is hard for deep models. "
                                          "The external set has 340 slides from other centres.")
    plan = understand("How many slides were used for breast cancer pCR prediction?")
    q = extractive.relevance.query_terms(plan)
    assert plan.asks_number
    assert not any("340" in s for s in extractive.best_sentences(q, hit, 2))  # by shared words alone
    quoted = extractive.best_sentences(q, hit, 2, numbers=True)
    assert len(quoted) == 2 and "340" in quoted[-1]


def test_a_quoted_sentence_that_points_back_comes_with_the_one_before():
    from rag.understand.rules import understand
    extractive, hit = _one_paper_answerer("We train models on narrow bad behaviour with a backdoor trigger. "
                                          "Our data covers many domains. "
                                          "This causes broad misalignment that remains hidden. "
                                          "It is widely believed that misalignment is rare in reasoning models.")
    q = extractive.relevance.query_terms(understand("Which papers find hidden misalignment?"))
    assert extractive.best_sentences(q, hit, 1) == ["Our data covers many domains.",
                                                    "This causes broad misalignment that remains hidden."]
    q = extractive.relevance.query_terms(understand("Is misalignment rare in reasoning models?"))
    quoted = extractive.best_sentences(q, hit, 1)  # "It is widely believed that": nothing to point back to
    assert quoted == ["It is widely believed that misalignment is rare in reasoning models."]
    q = extractive.relevance.query_terms(understand("Which papers train with a backdoor trigger and hidden misalignment?"))
    quoted = extractive.best_sentences(q, hit, 2)  # in text order, the one before the second between them
    assert quoted == ["We train models on narrow bad behaviour with a backdoor trigger.", "Our data covers many domains.",
                      "This causes broad misalignment that remains hidden."]


def test_a_hyphenated_name_in_the_title_counts_once_in_choosing_a_quote(shipped):
    # "dianjin-r1", "dianjin" and "r1" each counted: the sentence naming the paper beat the one on its data.
    answer = shipped.ask("What datasets does DianJin-R1 use?")
    assert "DianJin-R1-Data, a high-quality dataset constructed from CFLUE, FinQA" in answer.citations[0].evidence


def test_a_link_to_code_is_not_quoted_unless_asked_for(shipped):
    answer = shipped.ask("What does Seg-Zero do?")
    assert answer.citations[0].title.startswith("Seg-Zero") and "github" not in answer.answer
    assert "github.com/dvlab-research/Seg-Zero" in shipped.ask("Where is the code for Seg-Zero?").answer


def test_a_name_with_a_year_gets_its_other_spelling():
    from rag.text import year_forms

    assert year_forms("With AIME24 & 25 scores and AMC23 accuracy") == ["AIME 2024", "AMC 2023"]
    assert year_forms("On AIME 2024 problems") == ["AIME24"]
    assert year_forms("On AIME 2024 and AIME24") == []  # both spellings there already
    assert year_forms("GPT-4, MATH-500, Qwen2.5 and LLaMA-2") == []  # versions and sizes are no years
    assert year_forms("Forecasting COVID-19 cases") == []  # a hyphened number is a name's, not a year


def test_acronyms_a_question_spells_out():
    from rag.text import initialisms, spelled_out_in
    spelled = initialisms("How many whole-slide images from other centres were used?")
    assert spelled["WSI"] == ["whole", "slide", "imag"]
    assert spelled_out_in("340 WSIs collected from three centers", spelled) == {"whole", "slide", "imag"}
    assert spelled_out_in("the WSI set", spelled) == {"whole", "slide", "imag"}
    assert spelled_out_in("whole slides, no acronym", spelled) == set()
    assert "AI" not in initialisms("an image as input")  # a run with a stop word makes none
    assert spelled_out_in("GRPO", initialisms("group relative policy")) == set()  # only a plural's "s" is dropped


def test_a_sentence_using_the_acronym_of_the_questions_words_shares_them():
    from rag.text import initialisms
    from rag.understand.rules import understand
    extractive, hit = _one_paper_answerer("We predict pCR from slides for external validation. "
                                          "The model improves the external validation AUC from 61.5 to 67.8. "
                                          "We use 340 WSIs collected from other hospitals.")
    question = "How many whole-slide images were used for external validation?"
    q = extractive.relevance.query_terms(understand(question))
    assert "340" not in extractive.best_sentences(q, hit, 1, numbers=True)[0]  # "external validation" wins
    quoted = extractive.best_sentences(q, hit, 1, numbers=True, spelled=initialisms(question))
    assert "340 WSIs" in quoted[0]
