"""A chat's memory between questions, for the chat page and `rag chat`.

It keeps the last answer's papers (those cited, in order, then any a long list did not show or
a superlative ranked, `Answer.matched`), which "which of those are from 2025?" refers to, and
those it showed, which "how many authors does the first one have?" counts in
(understand/followup.py); the thread of questions that "what about 2024?" asks again
(`Answer.thread`); the papers "any others?" has given so far, which it leaves out; and those
the last follow-up was asked within, whose rest "and which don't?" lists. "What else did they
post?" after papers of one organisation asks for its other papers, "show me its papers" for all
of them, and "any others from the same month?" after a one-paper answer for those posted in its
month (day, week, year). A place past a follow-up's answer ("compare the first two" after a
total only one listing gives) counts in the list that follow-up was asked of, and says so.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from rag.answer.base import Answer
from rag.answer.metadata import posted_date
from rag.pipeline import Pipeline, QuestionError
from rag.understand.followup import (COMPARED_MOST, NoSuchPaper, about_it, another_paper, bare_superlative, bare_which, follow_up,
                                     its_papers, more_question, newer_or_older, points_into_list, ranked_place, said_as_ranking,
                                     same_period, set_against_it, the_rest, their_others, with_anchor)
from rag.understand.wording import FIELD_ALONE


@dataclass
class Conversation:
    papers: list[str] = field(default_factory=list)  # the last answer's papers: cited ones in order, then any it did not show
    shown: list[str] = field(default_factory=list)  # those it cited, in order: what "the second one" counts in
    thread: list[str] = field(default_factory=list)  # the questions a "what about ...?" goes back to
    topic: str = ""  # the last topic asked about: what a new question's "it" stands for
    given: list[str] = field(default_factory=list)  # the papers "any others?" has been given before, the last ones aside
    pool: list[str] = field(default_factory=list)  # the papers the last follow-up was asked within: "which don't?" is the rest
    # The last list's papers (all, and those shown) while the answers since are about papers picked
    # from it ("the second one"); empty otherwise: "sort them by upvotes" after "how many authors
    # does the second one have?" sorts the list, not that paper
    listed: list[str] = field(default_factory=list)
    listed_shown: list[str] = field(default_factory=list)
    asked: str = ""  # the last question, as asked: what "and Seg-Zero?" asks again

    def ask_stream(self, pipeline: Pipeline, question: str, **options) -> Iterator[str | Answer]:
        """`Pipeline.ask_stream` with this conversation's papers and thread; both move on when
        the answer arrives (a failed question leaves them as they were). An answer citing
        nothing keeps the papers before it, so "which of those ..." still means those. The last
        topic asked about goes with a new question, for its "it" ("which papers use it?" after
        "what is GRPO?")."""
        if self.shown and (their_others(question or "") or its_papers(question or "")):
            # (before "any others?": "any others from them?")
            if self._of_one_org(pipeline):
                yield from self._same_org(pipeline, question, **options)
                return
            if more_question(question) is None:  # "what else did they post?" after papers of several or none
                raise QuestionError(f"The {len(self.shown)} papers just given are not all from one organisation the "
                                    "listings name, so \"they\" names none; name it: \"which papers did Tencent post?\".")
        if len(self.shown) == 1 and (period := same_period(question or "")):  # (before "any others?")
            yield from self._same_period(pipeline, question, period, **options)
            return
        if self.shown and (side := newer_or_older(question or "")):  # (before "any others?")
            yield from self._dated(pipeline, question, side, **options)
            return
        if self.shown and more_question(question or "") is not None:
            yield from self._more(pipeline, question, **options)
            return
        if self.pool and the_rest(question or ""):
            yield from self._rest(pipeline, question, **options)
            return
        if self.asked and (again := another_paper(question or "", self.asked, pipeline.names_in,
                                                  pipeline.name_of(self.shown[0]) if len(self.shown) == 1 else None)):
            question = again  # "and Seg-Zero?" after "how many authors does LIMO have?": asked of Seg-Zero, anew
        try:
            question = with_anchor(question or "", self.shown, pipeline.name_of)  # "more authors than the first one"
            papers, shown = ((self.listed, self.listed_shown)
                             if self.listed and points_into_list(question, len(self.shown) == 1) else (self.papers, self.shown))
            within, about = follow_up(question, papers, shown)
            if within is None and about is None:  # other papers: "which papers were posted after it?"
                question = set_against_it(question, self.shown, pipeline.name_of)
        except NoSuchPaper as exc:
            ranking = pipeline.ranking(self.thread, options.get("backend"))
            if not ranking and len(self.pool) > len(self.shown):  # a place past a follow-up's answer: in its list
                yield from self._in_pool(pipeline, question, exc, **options)
                return
            # "And the second (one)?" after the top paper of a ranking: the ranking's next place (Pipeline.refined);
            # any other place there is not guessed
            if not (ranked_place(question) and ranking):
                raise QuestionError(str(exc)) from None
            within = about = None
        if (bare_superlative(question) or (said_as_ranking(question) and len(self.papers) == 1)) and self.thread and \
                pipeline.ranking(self.thread[:1], options.get("backend")):
            # "and the fewest?" in a thread that began with a ranking: that ranking's other end (followup.applied),
            # not the fewest of the papers just given ("which of them has the most ...?" keeps to its list); "and the
            # least upvoted one?" after its one top paper too (the least of one paper is that paper)
            within = about = None
        if within is None and about is None and len(self.shown) >= 2 and about_it(question or "") and (
                not self.topic or FIELD_ALONE.match(question or "")):
            # "how many authors does it have?" after a tie for first place: "it" is each of them
            # (with no topic asked about, "it" can stand for nothing else; "which organisation posted it?"
            # asks a paper's field, not the topic's)
            about = self.shown[:COMPARED_MOST]
        if within is not None and about is None and self.pool and not set(self.pool) <= set(within) and bare_which(question):
            yield from self._or_wider(pipeline, question, within, **options)
            return
        for item in pipeline.ask_stream(question, within=within, about=about, earlier=self.thread, topic=self.topic,
                                        **options):
            if isinstance(item, Answer):
                self._remember(item, given=[], pool=within or [], picked=about is not None and within is None)
            yield item

    def _or_wider(self, pipeline: Pipeline, question: str, within: list[str], **options) -> Iterator[str | Answer]:
        """"And which use images?" after "which of them are about video?": within the papers just
        given; when none of them is on it, within the papers that follow-up was asked of (they are
        what was meant: "and which ...?" asks beside it, not inside its answer), and said so. Which
        is tested with the abstracts quoted (`Pipeline.cited`), so a model answers once, streamed."""
        options = {"earlier": self.thread, "topic": self.topic, **options}
        pool, head = within, ""
        if not set(pipeline.cited(question, within=within, **options)) & set(within) and \
                set(pipeline.cited(question, within=self.pool, **options)) & set(self.pool):
            given = "The paper of the previous answer is not" if len(within) == 1 else \
                f"None of the {len(within)} papers of the previous answer is"
            pool, head = self.pool, f"{given} on it; of the {len(self.pool)} papers that question was asked within:\n"
            yield head
        yield from self._relay(pipeline.ask_stream(question, within=pool, **options), question, [], pool, head=head)

    def _in_pool(self, pipeline: Pipeline, question: str, missing: NoSuchPaper, **options) -> Iterator[str | Answer]:
        """"Tell me about the third one" after "how many of them are from 2024?" (one paper), or
        "compare the first two" after a total that only one paper's listing gives: the papers of
        the list that follow-up was asked within, counted in its order, and said so."""
        pool = self.pool
        try:
            within, about = follow_up(question, pool, pool)
        except NoSuchPaper:
            raise QuestionError(str(missing)) from None
        cited = f"{len(self.shown)} paper{'s' if len(self.shown) != 1 else ''}"
        head = f"(The previous answer cites {cited}; counted in the {len(pool)} papers that question was asked of.)\n"
        yield head
        asked = pipeline.ask_stream(question, within=within, about=about, earlier=self.thread, topic=self.topic, **options)
        for item in self._relay(asked, question, [], within or [], head=head):
            if isinstance(item, Answer) and about is not None and within is None:  # "the first one" next counts in
                self.listed, self.listed_shown = pool, pool  # that list again
            yield item

    def _rest(self, pipeline: Pipeline, question: str, **options) -> Iterator[str | Answer]:
        """"And which don't?" after "which of them use LLMs?": the papers that follow-up was asked
        within that its answer did not give, listed."""
        rest = [pid for pid in self.pool if pid not in self.papers]
        if not rest:
            raise QuestionError(f"All {len(self.pool)} papers the last question was asked of are in its answer; "
                                "none is left.")
        yield from self._relay(pipeline.ask_stream("list them", within=rest, **options), question, given=[],
                               pool=self.pool)

    def _more(self, pipeline: Pipeline, question: str, **options) -> Iterator[str | Answer]:
        """"Any others?", "what else?", "any more on RL?": asked again without every paper given
        so far, so a second "any others?" goes further still."""
        given = list(dict.fromkeys(self.given + self.shown))
        yield from self._relay(pipeline.ask_stream(question, earlier=self.thread, topic=self.topic, besides=given,
                                                   **options), question, given)

    def _dated(self, pipeline: Pipeline, question: str, side: str, **options) -> Iterator[str | Answer]:
        """"Any newer ones?" after a list: "any others?" asked of the papers posted after the
        newest of those just given ("any older ones?": before the oldest)."""
        dated = [(day, pid) for pid in self.shown if (day := pipeline.posted_of(pid)) is not None]
        if not dated:
            raise QuestionError(f"None of the {len(self.shown)} papers just given prints a year, so none can be told "
                                f"to be {'newer' if side == 'after' else 'older'} than them.")
        day, pid = max(dated) if side == "after" else min(dated)
        when = f"{side} {posted_date(day, short=False)}"
        given = list(dict.fromkeys(self.given + self.shown))
        none = f"No other paper that matches the question was posted {when} (the date of {pipeline.title_of(pid)})."
        thread = self.thread
        if len(thread) > 1 and pipeline.ranking(thread, options.get("backend")):
            thread = thread[:-1]  # after "which is the oldest?": the newer papers of the list, not the next oldest
        yield from self._relay(pipeline.ask_stream(f"Any more posted {when}?", earlier=thread, topic=self.topic,
                                                   besides=given, **options), question, given, none=none)

    def _same_org(self, pipeline: Pipeline, question: str, **options) -> Iterator[str | Answer]:
        """"What else did they post?" after papers of one organisation ("who posted LoongRL?"):
        its other papers; "show me its papers" ("which organisation posted the most papers?"):
        all of them."""
        org, others = pipeline.org_of(self.shown[0]), their_others(question)
        if not org:  # (a one-paper answer: Conversation._of_one_org)
            raise QuestionError("The listing of the paper just given names no organisation, so there is "
                                + ("no other paper of the same one to find." if others else
                                   "no list of its papers to give (the listings give no author names either)."))
        yield from self._relay(pipeline.ask_stream(f"Which papers did {org} post?", besides=self.shown if others else None,
                                                   **options),
                               question, given=self.shown if others else [],
                               none=f"No other paper in the listings is from {org}." if others else "")

    def _of_one_org(self, pipeline: Pipeline) -> bool:
        """Is "they" in "what else did they post?" an organisation: the one paper just given's (or
        its lack of one, which the answer says), or the one every paper just given is from? After
        papers of several organisations or none, it names none (ask_stream says so, or reads
        "any other papers from them?" as "any others?")."""
        orgs = {pipeline.org_of(paper) for paper in self.shown}
        return len(self.shown) == 1 or (len(orgs) == 1 and bool(orgs.pop()))

    def _same_period(self, pipeline: Pipeline, question: str, period: str, **options) -> Iterator[str | Answer]:
        """"Any others from the same month?" after a one-paper answer: the other papers posted in its
        day, week, month or year, as "which papers were posted in the same month as LIMO?" gives them."""
        paper = self.shown[0]
        day = pipeline.posted_of(paper)
        if day is None:
            raise QuestionError(f"The listing of {pipeline.title_of(paper)} prints no year, so no other paper can be "
                                f"told to be from the same {period}.")
        when = (f"the same {period} as {name}" if (name := pipeline.name_of(paper))
                else _calendar_period(day, period))
        if not when:
            raise QuestionError(f"{pipeline.title_of(paper)} has no short name to ask by; ask for the papers posted "
                                f"between two dates instead.")
        yield from self._relay(pipeline.ask_stream(f"Which papers were posted {when}?", besides=[paper], **options),
                               question, given=[paper], none=f"No other paper in the listings was posted {when}.")

    def _relay(self, items: Iterator[str | Answer], question: str, given: list[str], pool: list[str] | None = None,
               none: str = "", head: str = "") -> Iterator[str | Answer]:
        """The pieces of an answer asked in other words than the user's ("list them" within the
        rest), yielded as they come; the finished answer is the user's question's, opens with
        `head` (already yielded), says `none` when it cites nothing, and is remembered."""
        for item in items:
            if isinstance(item, Answer):
                item.question, item.answer = question, head + item.answer
                if none and not item.citations:
                    item.answer = none
                self._remember(item, given, pool)
            yield item

    def _remember(self, item: Answer, given: list[str], pool: list[str] | None = None, picked: bool = False) -> None:
        if not picked:
            self.listed, self.listed_shown = [], []
        elif not self.listed:  # (after "the second one", then "the first one": still the list's)
            self.listed, self.listed_shown = self.papers, self.shown
        if cited := [c.paper_id for c in item.citations]:  # (an answer citing nothing keeps them)
            self.papers, self.shown = item.matched or cited, cited
        self.thread, self.topic, self.given, self.pool = item.thread, item.topic or self.topic, given, pool or []
        self.asked = item.question


def _calendar_period(day: int, period: str) -> str:
    """A day, month or year named by date ("in February 2025") for a paper with no short name to
    ask by; '' for a week, which has no such name."""
    text = posted_date(day, short=False)  # "February 5, 2025"
    month, year = text.split()[0], text.split()[-1]
    return {"day": f"on {posted_date(day)}", "month": f"in {month} {year}", "year": f"in {year}"}.get(period, "")
