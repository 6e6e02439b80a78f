from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from rag.corpus import CorpusError, default_corpus_paths, load_corpus, load_entries
from rag.corpus.jsonl import iter_jsonl
from rag.corpus.listing import parse_listing
from tests.conftest import write_jsonl


@pytest.fixture(scope="module")
def papers():
    return {p.title: p for p in load_corpus()}


def test_shipped_counts():
    assert len(default_corpus_paths()) == 4
    assert len(load_entries(default_corpus_paths())) == 262
    assert len(load_corpus()) == 217


def test_page_chrome_is_not_a_paper(papers):
    for chrome in ("new", "Subscribe", "Daily Papers", "Oct 31", "byAK and the research community"):
        assert chrome not in papers


def test_merged_metadata(papers):
    rt2 = papers["RT-2: Vision-Language-Action Models Transfer Web Knowledge to Robotic Control"]
    assert (rt2.authors, rt2.date, rt2.year) == (54, "Jul 28, 2023", 2023)
    assert len(rt2.sources) == 2
    jigsaw = papers["Jigsaw-R1: A Study of Rule-based Visual Reinforcement Learning with Jigsaw Puzzles"]
    assert (jigsaw.date, jigsaw.year, jigsaw.upvotes) == ("May 29", None, 2)
    orgs = {p.org for p in papers.values() if p.org}
    assert {"Microsoft Research", "Tencent", "Korea University"} <= orgs


def test_copy_with_year_wins_over_copy_without():
    # "Grokking in the Wild" prints "Apr 29 6" in one listing and "Apr 29, 2025 6" in another.
    p = next(p for p in load_corpus() if p.title.startswith("Grokking in the Wild"))
    assert (p.date, p.year, p.upvotes) == ("Apr 29, 2025", 2025, 6)


def test_near_identical_titles_stay_distinct(papers):
    orca = [p for t, p in papers.items() if t.startswith("Orca")]
    assert len(orca) == 2 and len({p.id for p in orca}) == 2


def test_latex_leftovers_cleaned(papers):
    assert not any("\\" in p.abstract for p in papers.values())  # no \%, \url{}, \ie, \name ... left
    gui = next(p for t, p in papers.items() if t.startswith("GUI-R1"))
    assert "GUI-R1 achieves superior performance" in gui.abstract  # its \\name macro, expanded
    mind = next(p for t, p in papers.items() if t.startswith("MindForge"))
    assert "we present collabvoyager, a novel framework" in mind.abstract


@pytest.mark.parametrize("raw, title, clean", [
    ("We propose \\name, which beats \\ours{} by 18\\%.", "Foo-1: A Method", "We propose Foo-1, which beats Foo-1 by 18%."),
    ("\\method works (\\ie, it runs), \\eg here.", "No Colon Title", "this method works (i.e., it runs), e.g. here."),
    ('An apparently na\\"{\\i}ve trick, see \\url{https://x.org}.', "T", "An apparently na\u00efve trick, see https://x.org."),
    ("\\textit{Titans} scale.", "T", "Titans scale."),
    ("show that {\\ours} allows", "FLARE: Faithful Logic", "show that FLARE allows"),
])
def test_clean_abstract(raw, title, clean):
    from rag.corpus.records import clean_abstract

    assert clean_abstract(raw, title) == clean


def test_listing_without_abstract_names_file_and_line(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_text("new\n\nA Good Title\n\n" + "An abstract. " * 20 + "\n\nOrphan Title\n\n  • 3 authors\n·\nMay 2")
    with pytest.raises(CorpusError) as err:
        parse_listing(f)
    assert "bad.txt" in str(err.value) and "line 7" in str(err.value)


def test_listing_with_garbage_metadata(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_text("T\n\n" + "Abstract words here. " * 10 + "\n\n  • 3 authors\n·\nsomething odd\nMay 2")
    with pytest.raises(CorpusError, match="bad.txt, line"):
        parse_listing(f)


def test_jsonl_loading(tmp_path, small_papers):
    f = write_jsonl(tmp_path / "mine.jsonl", small_papers)
    papers = load_corpus([f])
    assert [p.title for p in papers] == [r["title"] for r in small_papers]
    assert papers[0].year == 2024 and papers[1].org == "Acme Lab" and papers[2].upvotes == 7
    assert papers[0].sources == ["mine.jsonl"]


@pytest.mark.parametrize("line, message", [
    ('{"title": "x"', "line 2: not valid JSON"),
    ('{"title": "x"}', "line 2: field 'abstract' is required"),
    ('{"title": "x", "abstract": "y", "year": "2020"}', "line 2: field 'year' must be an integer"),
    ('["not", "an", "object"]', "line 2: expected a JSON object"),
])
def test_jsonl_errors_name_the_line(tmp_path, line, message):
    f = tmp_path / "p.jsonl"
    f.write_text('{"title": "ok", "abstract": "fine"}\n' + line + "\n")
    with pytest.raises(CorpusError, match=message):
        list(iter_jsonl(f))


def test_jsonl_skip_mode_reports_and_keeps_the_rest(tmp_path):
    f = tmp_path / "p.jsonl"
    f.write_text('{"title": "ok", "abstract": "fine"}\nnot json\n{"title": "ok2", "abstract": "fine"}\n')
    errors: list[str] = []
    papers = list(iter_jsonl(f, on_error="skip", errors=errors))
    assert [p.title for p in papers] == ["ok", "ok2"]
    assert len(errors) == 1 and "line 2" in errors[0]


def test_missing_path_is_named(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus([tmp_path / "nope.txt"])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000))
def test_listing_parser_never_crashes(tmp_path_factory, text):
    f = Path(tmp_path_factory.mktemp("fuzz")) / "f.txt"
    try:
        papers = parse_listing(f, text=text)
    except CorpusError:
        return
    assert all(p.title and p.abstract for p in papers)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=200),
                         st.from_regex(r'\{"title": "[a-z ]{0,20}", "abstract": "[a-z ]{0,40}"\}')), max_size=20))
def test_jsonl_loader_never_crashes(tmp_path_factory, lines):
    f = Path(tmp_path_factory.mktemp("fuzz")) / "f.jsonl"
    f.write_text("\n".join(line.replace("\n", " ") for line in lines), encoding="utf-8")
    errors: list[str] = []
    papers = list(iter_jsonl(f, on_error="skip", errors=errors))
    assert all(p.title.strip() and p.abstract.strip() for p in papers)


def test_stream_gives_what_load_corpus_gives():
    """Two passes over the shipped listings: same ids, hashes and merged copies as loading them whole."""
    from rag.corpus import CorpusStream

    stream = CorpusStream(default_corpus_paths())
    hashes = stream.scan()
    whole = {p.id: p for p in load_corpus()}
    assert hashes == {pid: p.content_hash() for pid, p in whole.items()}
    wanted = set(list(hashes)[:50]) | {p.id for p in whole.values() if len(p.sources) > 1}
    got = list(stream.papers(wanted))
    assert sorted(p.id for p in got) == sorted(wanted)
    assert all(p.to_dict() == whole[p.id].to_dict() for p in got)


def test_stream_memory_does_not_grow_with_the_abstracts(tmp_path):
    """1,000 papers with 8 kB abstracts (8 MB of text): both passes stay within a few MB."""
    import json
    import tracemalloc

    from rag.corpus import CorpusStream

    path = tmp_path / "big.jsonl"
    with path.open("w") as fh:
        for i in range(1000):
            fh.write(json.dumps({"title": f"Paper number {i}", "abstract": f"Abstract {i}. " + "word " * 1600}) + "\n")
    stream = CorpusStream([path])
    tracemalloc.start()
    hashes = stream.scan()
    scan_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.reset_peak()
    count = sum(1 for _ in stream.papers(set(hashes)))
    read_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(hashes) == count == 1000
    assert scan_peak < 4_000_000 and read_peak < 4_000_000, (scan_peak, read_peak)


def test_stream_reports_skipped_records_once(tmp_path):
    from rag.corpus import CorpusStream

    path = tmp_path / "p.jsonl"
    path.write_text('{"title": "Good", "abstract": "Fine."}\n{"title": "", "abstract": "x"}\n')
    errors: list[str] = []
    stream = CorpusStream([path], on_error="skip", errors=errors)
    assert list(stream.scan()) == ["good"] and len(list(stream.papers({"good"}))) == 1
    assert len(errors) == 1 and "line 2" in errors[0]


def test_stream_is_scanned_once_however_often_asked(monkeypatch):
    """An ingest asks for the scan once per collection (chunks, sentences) and once more to check a
    rebuild's corpus: the files are read for it once, not three times."""
    import rag.corpus
    from rag.corpus import CorpusStream

    reads = []
    real = rag.corpus.iter_entries
    monkeypatch.setattr(rag.corpus, "iter_entries", lambda *a, **k: reads.append(1) or real(*a, **k))
    stream = CorpusStream(default_corpus_paths())
    first = stream.scan()
    passes = len(reads)  # one, and one more for the copies of a paper to merge
    assert stream.scan() == first and stream.scan() == first
    assert len(reads) == passes <= 2
