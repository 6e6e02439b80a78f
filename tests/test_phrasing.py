"""Words no paper uses: phrasing ("cope", "spend") or an uncovered topic ("poker")? Real
bundled embeddings over the shipped corpus."""
from rag.understand.phrasing import phrasing_words


def test_a_word_that_barely_changes_the_question_is_phrasing(shipped):
    assert shipped.understand("Which papers study how models cope with long inputs?").phrasing == {"cope"}
    assert shipped.understand("Which papers spend more compute at test time to improve answers?").phrasing == {"spend"}


def test_a_word_that_carries_the_topic_is_not(shipped):
    assert shipped.understand("Which papers teach LLMs to play poker?").phrasing == set()
    # Judged together: neither of two words for one topic hides behind the other.
    assert shipped.understand("Which papers predict earthquakes from seismic data?").phrasing == set()
    assert shipped.ask("Which papers teach LLMs to play poker?").abstained
    # "recipes" is a known word in another sense ("training recipe"): "cook" must still count.
    assert shipped.understand("Which papers use LLMs to cook recipes?").phrasing == set()
    assert shipped.ask("Which papers use LLMs to cook recipes?").abstained


def test_phrasing_is_dropped_only_while_the_rest_names_a_topic(shipped):
    # Without "ponder", only "make reasoning models" would be left, which most papers use.
    assert shipped.understand("Which papers make reasoning models ponder less?").phrasing == set()
    assert shipped.ask("Which papers make reasoning models ponder less?").abstained
    terms = shipped.searchers().relevance.terms
    assert terms.names_a_topic("compute at test time") and not terms.names_a_topic("reasoning models")


def test_a_question_with_a_phrasing_word_is_answered(shipped):
    result = shipped.ask("Which papers spend more compute at test time to improve answers?")
    assert not result.abstained
    assert any(c.title.startswith("SoftCoT++") for c in result.citations)


def test_no_unknown_words_or_no_threshold_means_no_phrasing(shipped):
    assert phrasing_words("Which papers use GRPO?", [], shipped.embed_texts, 0.03) == set()
    assert phrasing_words("Which papers cope with long inputs?", ["cope"], shipped.embed_texts, 0.0) == set()
    assert phrasing_words("cope", ["cope"], shipped.embed_texts, 0.5) == set()  # nothing left to compare
