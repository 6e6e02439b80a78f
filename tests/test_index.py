"""Ingest against a real embedded Chroma in a temp folder, with the bundled embedding model."""
import json

import numpy as np
import pytest
from tokenizers import Tokenizer

from rag.config import ChunkConfig
from rag.corpus import CorpusError, load_corpus
from rag.index.chunking import Chunker, embed_text
from rag.index.embeddings import OnnxMiniLMEmbedding, bundled_minilm_files
from rag.pipeline import Pipeline
from tests.conftest import settings_for, write_jsonl


def test_every_shipped_chunk_fits_the_embedding_window():
    tok = Tokenizer.from_file(str(bundled_minilm_files()[1]))
    tok.no_truncation()
    chunker = Chunker(ChunkConfig())
    lengths = [len(tok.encode(embed_text(n)).ids) for p in load_corpus() for n in chunker.chunks(p)]
    assert max(lengths) <= 256
    assert len(lengths) > 217  # abstracts are longer than one window, so they are split


def test_chunk_embeds_title_but_not_ids_or_labels():
    paper = load_corpus()[0]
    node = Chunker(ChunkConfig()).chunks(paper)[0]
    text = embed_text(node)
    assert text.startswith(paper.title)
    assert paper.id not in text and "paper_id" not in text and node.metadata["hash"] not in text


@pytest.fixture
def small(tmp_path, small_papers):
    corpus = write_jsonl(tmp_path / "papers.jsonl", small_papers)
    return Pipeline(settings_for(tmp_path / "index")), corpus


def test_reingest_unchanged_embeds_nothing(small):
    pipeline, corpus = small
    first = pipeline.ingest([str(corpus)], progress=False)
    assert (first.added, first.chunks_embedded, first.sentences_embedded) == (3, 3, 7)  # 3 titles, 4 sentences
    again = pipeline.ingest([str(corpus)], progress=False)
    assert (again.added, again.updated, again.deleted, again.unchanged, again.chunks_embedded,
            again.sentences_embedded) == (0, 0, 0, 3, 0, 0)
    assert (pipeline.collection.count(), pipeline.sentences.count()) == (3, 7)
    # read by id only: a sparse graph, the chunks' one as it was
    assert pipeline.sentences.configuration_json["hnsw"]["max_neighbors"] == 4
    assert pipeline.collection.configuration_json["hnsw"]["max_neighbors"] == 16


def test_changed_paper_reembedded_and_removed_paper_deleted(small, small_papers, tmp_path):
    pipeline, corpus = small
    pipeline.ingest([str(corpus)], progress=False)
    small_papers[0]["abstract"] = "We train a robot to fold towels with tactile sensing and reach 97% success."
    del small_papers[2]
    write_jsonl(corpus, small_papers)
    report = pipeline.ingest([str(corpus)], progress=False)
    assert (report.updated, report.deleted, report.unchanged, report.chunks_embedded) == (1, 1, 1, 1)
    assert report.sentences_embedded == 2  # the changed paper's title and one sentence
    sentences = pipeline.sentences.get(include=["documents", "metadatas"])
    assert sorted(sentences["ids"]) == sorted(["sparse-attention-for-long-documents#s0", "sparse-attention-for-long-documents#s1",
                                              "teaching-robots-to-fold-laundry#s0", "teaching-robots-to-fold-laundry#s1"])
    assert any("tactile" in d for d in sentences["documents"]) and not any("91%" in d for d in sentences["documents"])
    got = pipeline.collection.get(include=["documents", "metadatas"])
    assert sorted(m["title"] for m in got["metadatas"]) == sorted(p["title"] for p in small_papers)
    assert any("tactile" in d for d in got["documents"])
    # the BM25 side follows the collection
    hits = pipeline.retrieve(pipeline.understand("tactile sensing towels"), retriever="bm25")
    assert hits[0].title == "Teaching Robots to Fold Laundry"
    assert all(h.title != "A Benchmark of Tabular Reasoning" for h in hits)


def test_metadata_on_every_chunk_is_filterable(small):
    pipeline, corpus = small
    pipeline.ingest([str(corpus)], progress=False)
    got = pipeline.collection.get(where={"year": 2024}, include=["metadatas"])
    assert [m["title"] for m in got["metadatas"]] == ["Teaching Robots to Fold Laundry"]
    assert pipeline.collection.get(where={"org": "Acme Lab"})["ids"] == ["sparse-attention-for-long-documents#0"]


def test_malformed_file_writes_nothing(small, tmp_path):
    pipeline, corpus = small
    pipeline.ingest([str(corpus)], progress=False)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"title": "New one", "abstract": "Fine."}) + "\n{broken\n")
    with pytest.raises(CorpusError, match="bad.jsonl, line 2"):
        pipeline.ingest([str(corpus), str(bad)], progress=False)
    assert pipeline.collection.count() == 3
    assert not pipeline.collection.get(where={"title": "New one"})["ids"]


def test_catalog_columns_filter_like_llama_index():
    """The vectorised catalog filters give what llama-index's per-record filter gives."""
    from llama_index.core.vector_stores import FilterOperator as Op
    from llama_index.core.vector_stores import MetadataFilter, MetadataFilters

    from rag.index.catalog import Catalog
    from rag.retrieve.filters import matcher

    rows = [{"paper_id": f"p{i}", "title": f"T{i}", "year": [2019, 2023, None, 2025][i % 4],
             "authors": [1, 3, None, 12][i % 3] if i % 5 else None, "org": ["Acme", None, "Lab"][i % 3],
             "upvotes": i if i % 2 else None} for i in range(40)]
    catalog = Catalog({r["paper_id"]: r for r in rows})
    cases = [
        [MetadataFilter(key="year", value=2019)],
        [MetadataFilter(key="year", value=2023, operator=Op.GTE), MetadataFilter(key="year", value=2025, operator=Op.LTE)],
        [MetadataFilter(key="authors", value=3, operator=Op.LT)],
        [MetadataFilter(key="authors", value=1, operator=Op.NE)],
        [MetadataFilter(key="org", value="Acme")],
        [MetadataFilter(key="upvotes", value=10, operator=Op.GT), MetadataFilter(key="org", value="Lab")],
        [MetadataFilter(key="paper_id", value=["p1", "p7", "p39"], operator=Op.IN)],
        [MetadataFilter(key="year", value=[2019, 2025], operator=Op.NIN)],
    ]
    for case in cases:
        filters = MetadataFilters(filters=case)
        keep = matcher(filters)
        assert catalog.mask(filters) is not None
        assert [h.paper_id for h in catalog.select(filters)] == [r["paper_id"] for r in rows if keep(r)], case
    by_votes = [h.meta["upvotes"] for h in catalog.select(None, "upvotes", descending=True)]
    assert by_votes == sorted((r["upvotes"] for r in rows if r["upvotes"] is not None), reverse=True)
    fewest = [h.meta["authors"] for h in catalog.select(MetadataFilters(filters=cases[4]), "authors", descending=False)]
    assert fewest == sorted(fewest) and None not in fewest


def test_streamed_bm25_build_scores_like_llama_index_bm25(shipped, tmp_path):
    """The page-at-a-time build must index exactly what BM25Retriever.from_defaults would."""
    from llama_index.core import QueryBundle
    from llama_index.retrievers.bm25 import BM25Retriever

    from rag.index import bm25
    from rag.text import mine_acronyms

    metas = [m for page in bm25.paper_pages(shipped.collection) for m in page]
    acronyms = mine_acronyms(m["abstract"] for m in metas)
    reference = BM25Retriever.from_defaults(nodes=bm25.paper_nodes(metas, acronyms), similarity_top_k=15)
    assert bm25.build(shipped.collection, tmp_path / "bm25", "r1", page=50)  # 217 papers: 5 pages
    streamed = bm25.load_or_build(shipped.collection, tmp_path / "bm25", 15, "r1")
    assert len(streamed.corpus) == len(metas) == 217
    for question in ("GRPO for vision", "multi-agent debate for reasoning", "tactile sensing", "zzzz"):
        ranked = [[(n.node.node_id, round(n.score, 4)) for n in r.retrieve(QueryBundle(question))]
                  for r in (reference, streamed)]
        assert ranked[0] == ranked[1]
    node = streamed.retrieve(QueryBundle("GRPO"))[0].node
    assert node.text.startswith(node.metadata["title"]) and "abstract" not in node.metadata


def test_saved_postings_match_the_catalog_text_and_rank_like_bm25(shipped):
    """The postings saved at build time hold each paper's terms as the catalog's text gives them
    (title, abstract, acronym forms), so word tests on them agree with the coverage score."""
    from rag.index.postings import Postings
    from rag.retrieve.base import Query

    searchers = shipped.searchers()
    saved = Postings.load(shipped.settings.index.dir / "bm25" / shipped.settings.index.collection)
    catalog = searchers.catalog
    fresh = Postings.build((pid, catalog.text(pid)) for pid in catalog.papers)
    for term in ("grpo", "reason", "multimod", "aime", "group", "zzzz"):
        assert saved.paper_ids(saved.with_term(term)) == fresh.paper_ids(fresh.with_term(term)), term
    papers = saved.paper_ids(saved.with_all(["grpo", "vision"]))
    ranked = searchers.sparse.ranked("GRPO vision", papers)
    everything = searchers.sparse.retrieve(Query("GRPO vision", None, len(catalog)))
    assert papers and [h.paper_id for h in ranked] == [h.paper_id for h in everything if h.paper_id in papers]
    # Past the first FULL papers, hits carry metadata only, the same metadata, in the same order.
    from rag.retrieve.sparse import FULL
    every = frozenset(catalog.papers)
    ranked = searchers.sparse.ranked("reasoning", every)
    whole = searchers.sparse.retrieve(Query("reasoning", None, len(catalog)))
    by_id = {h.paper_id: h for h in whole}
    assert len(ranked) == len(every) > FULL and set(by_id) == every
    scores = [h.bm25 for h in ranked]
    assert scores == sorted(scores, reverse=True)
    # Ties fall in corpus order, not in the order of the set of papers (which changes between runs).
    place = searchers.sparse._position
    ties = [(a, b) for a, b in zip(ranked, ranked[1:]) if a.bm25 == b.bm25]
    assert ties and all(place[a.paper_id] < place[b.paper_id] for a, b in ties)
    assert [h.paper_id for h in searchers.sparse.ranked("reasoning", frozenset(sorted(every, reverse=True)))] == \
        [h.paper_id for h in ranked]
    assert all(h.meta == by_id[h.paper_id].meta and h.bm25 == pytest.approx(by_id[h.paper_id].bm25)
               and h.bm25_rank == n for n, h in enumerate(ranked))
    assert ranked[0].chunks and not ranked[FULL].chunks


def test_posted_sorts_by_printed_dates_and_never_invents_a_year():
    from rag.index.catalog import Catalog, sort_value

    assert sort_value({"date": "Oct 20, 2023", "year": 2023}, "posted") == 20231020
    assert sort_value({"date": "May 15", "year": None}, "posted") is None
    assert sort_value({"date": None, "year": 2024}, "posted") is None
    rows = {"a": {"paper_id": "a", "title": "A", "date": "Oct 20, 2023", "year": 2023},
            "b": {"paper_id": "b", "title": "B", "date": "May 15"},
            "c": {"paper_id": "c", "title": "C", "date": "Jan 2, 2024", "year": 2024}}
    assert [h.paper_id for h in Catalog(rows).select(None, "posted", descending=True)] == ["c", "a"]
    assert [h.paper_id for h in Catalog(rows).select(None, "posted", descending=False)] == ["a", "c"]


def test_an_index_without_sentence_vectors_gets_them_and_nothing_else(small):
    """An index built before sentence vectors were stored counts as empty; ingesting then
    embeds only the sentences."""
    pipeline, corpus = small
    pipeline.ingest([str(corpus)], progress=False)
    pipeline.client.delete_collection(pipeline.sentences.name)
    old = Pipeline(pipeline.settings)
    assert old.index_is_empty()
    report = old.ingest([str(corpus)], progress=False)
    assert (report.added, report.chunks_embedded, report.sentences_embedded) == (0, 0, 7)
    assert not old.index_is_empty()


def test_each_list_candidate_gets_its_closest_sentence(small):
    pipeline, corpus = small
    pipeline.ingest([str(corpus)], progress=False)
    plan = pipeline.understand("Which papers fold towels with a robot?")
    hits = pipeline.retrieve(plan)
    assert all(h.sentence is not None for h in hits)
    best = max(hits, key=lambda h: h.sentence)
    assert best.title == "Teaching Robots to Fold Laundry" and best.sentence > best.dense - 0.2
    # The cosine of its closest sentence (the title counts as one), each embedded alone.
    texts = ["Teaching Robots to Fold Laundry", "We train a robot policy to fold towels and shirts from 200 demonstrations.",
             "The policy reaches 91% success on unseen garments."]
    cosines = pipeline.embed_texts(texts) @ pipeline.dense.query_vector(pipeline.search_text(plan))
    assert abs(best.sentence - float(cosines.max())) < 1e-3
    # A single fact is not a list, and "papers that mention X" is every paper with X's words: no sentences are read.
    assert all(h.sentence is None for h in pipeline.retrieve(pipeline.understand("How many demonstrations does the robot use?")))
    assert all(h.sentence is None for h in pipeline.retrieve(pipeline.understand("Which papers mention towels?")))


def test_sentences_are_read_in_pages(small, monkeypatch):
    """Chroma refuses one read of some 32k ids: the papers' sentences are read a page of papers at a time."""
    import rag.retrieve.dense as dense

    pipeline, corpus = small
    pipeline.ingest([str(corpus)], progress=False)
    plan = pipeline.understand("Which papers are about robots or tables?")
    whole = {h.paper_id: h.sentence for h in pipeline.retrieve(plan)}
    monkeypatch.setattr(dense, "SENTENCE_PAGE", 1)
    paged = {h.paper_id: h.sentence for h in pipeline.retrieve(plan)}
    assert len(whole) == 3 and paged == pytest.approx(whole)


def test_a_corpus_with_no_paper_leaves_the_index_as_it_was(small, tmp_path, capsys):
    from rag.cli import main

    pipeline, corpus = small
    pipeline.ingest([str(corpus)], progress=False)
    before = pipeline.collection.count()
    empty = tmp_path / "empty"
    empty.mkdir()
    for extra in ([], ["--rebuild"]):  # each deleted every indexed paper ("217 deleted"; --rebuild before reading)
        assert main(["ingest", "--corpus", str(empty), "--config", pipeline.settings.source, *extra]) == 2
        assert "no paper found" in capsys.readouterr().err
        assert pipeline.collection.count() == before


def test_rebuild_replaces_an_index_made_with_another_model(small, tmp_path, monkeypatch):
    """The error for a model mismatch names `rag ingest --rebuild`; that deletes the index and embeds again."""
    from rag.cli import main
    from rag.index.store import StoreError

    pipeline, corpus = small
    pipeline.ingest([str(corpus)], progress=False)
    meta = {k: v for k, v in pipeline.collection.metadata.items() if not k.startswith("hnsw:")}
    pipeline.collection.modify(metadata={**meta, "embedding": "another-model"})
    with pytest.raises(StoreError, match="rag ingest --rebuild"):
        _ = Pipeline(pipeline.settings).collection
    monkeypatch.setenv("RAG_INDEX__PATH", str(tmp_path / "index"))
    assert main(["ingest", "--rebuild", "--corpus", str(corpus), "--config", pipeline.settings.source]) == 0
    fresh = Pipeline(pipeline.settings)
    assert (fresh.collection.count(), fresh.sentences.count()) == (3, 7)
    assert fresh.collection.metadata["embedding"] != "another-model"


def test_sentence_vectors_can_be_turned_off(tmp_path, small_papers):
    corpus = write_jsonl(tmp_path / "papers.jsonl", small_papers)
    pipeline = Pipeline(settings_for(tmp_path / "index", RAG_INDEX__SENTENCES="false"))
    report = pipeline.ingest([str(corpus)], progress=False)
    assert (report.chunks_embedded, report.sentences_embedded) == (3, 0)
    assert not pipeline.index_is_empty() and pipeline.stats()["sentences"] == "off"
    assert "papers-sentences" not in {c if isinstance(c, str) else c.name for c in pipeline.client.list_collections()}
    hits = pipeline.retrieve(pipeline.understand("Which papers fold towels with a robot?"))
    assert hits and all(h.sentence is None for h in hits)


def test_the_bundled_model_lets_its_threads_sleep_and_pads_without_changing_vectors():
    model = OnnxMiniLMEmbedding()
    options = model._session.get_session_options()
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"  # see embeddings.py
    alone = model.embed(["reasoning with RL"])[0]
    padded = model.embed(["reasoning with RL", "a much longer text about something else entirely, padded to"])[0]
    assert np.allclose(alone, padded, atol=1e-5) and np.isclose(np.linalg.norm(alone), 1.0)


def test_papers_ordered_by_their_groups_statistic():
    from rag.index.catalog import by_group_statistic
    from rag.retrieve.base import PaperHit
    listing = [("a", 2023, 20), ("b", 2024, 4), ("c", 2023, 2), ("d", 2024, 6), ("e", 2025, 3), ("f", None, 50),
               ("g", 2025, None)]
    hits = [PaperHit(pid, pid, {"year": year, "authors": authors}) for pid, year, authors in listing]
    # means: 2023 11, 2024 5, 2025 3; the papers lacking a year or a count last
    assert [h.paper_id for h in by_group_statistic(hits, "year", "authors", "mean")][:5] == ["a", "c", "b", "d", "e"]
    assert {h.paper_id for h in by_group_statistic(hits, "year", "authors", "mean")[5:]} == {"f", "g"}
    assert [h.paper_id for h in by_group_statistic(hits, "year", "authors", "total", most=False)][:5] == \
        ["e", "b", "d", "a", "c"]  # totals: 2025 3, 2024 10, 2023 22
