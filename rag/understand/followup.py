"""Follow-ups in a conversation: which of the previous answer's papers a question refers to,
or which conditions it puts in place of the previous question's.

"And which of those are from 2025?" asks within all of them; "how many authors does the first
one have?", "summarise [2]", "compare the first two" and "what do they have in common?" ask
about some of them, which are then answered from whatever the question's words. The chat page
keeps the previous answer's cited papers (ui/app.py); the words that point at them are read
as no topic (rules.understand, `refers_back`). "What about 2024?" asks the previous question
again with 2024 for its year (`refinement`, `with_conditions`). "Any others?" asks it again
without the papers already given (`more_question`).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from rag.understand.plan import COUNT_FIELDS, QueryPlan, TopOf
from rag.understand.wording import (ABSTRACT_ALONE, AUTHORS, CODE_ALONE, COUNTED_FIELD, EXCLUDE_VERBS, FIELD_ALONE, FORM_ALONE,
                                    GROUP_WORDS, IN_TOTAL, LEAST, LIKENESS, MOST, PER_AUTHOR, PLACES, STAT_ALONE, TITLE_UNIT,
                                    TITLES_ONLY, UPVOTES, answer_form, field_of, ordinal)

_BACK = re.compile(r"\b(those|these|them|they|above|previous|of which)\b|^\s*(and|also|only|just)\b"
                   # "the range of their author counts": their listings' field (not "papers that test their models")
                   r"|\btheir (?:author counts?|authors|upvotes?|upvote counts?|dates|years|organi[sz]ations|titles)\b"
                   # "which of their papers has the most upvotes?" after Tencent's papers
                   r"|\bof their (?:papers|works|articles|ones)\b"
                   r"|^\s*(?:which|what) ones\b"  # "which ones don't use RL?" after a list
                   r"|\bsummar(?:i[sz]e|y of) each(?: one| of them)?(?= *(?:[?.!]|$|in |briefly))"  # "summarise each in a line"
                   # "show only the ones from 2024", "just the ones with code": of the list just given
                   r"|^\s*(?:(?:show|list|give|keep)(?: me)? )?(?:only |just )?the ones\b"
                   # "any from 2024?", "any ones with code?": conditions alone, on the papers just listed
                   r"|^\s*any(?: ones?)?\s+(?:from|in|since|before|after|posted|published|released|with|without|by)\b"
                   # "exclude the ones about math", "drop the surveys": of the papers just listed
                   rf"|^\s*(?:now\s+|please\s+)?{EXCLUDE_VERBS}\b"
                   # "sort by date", "ranked by upvotes": an order alone, of the papers just listed
                   r"|^\s*(?:now\s+|please\s+)?(?:(?:sort|order|rank|arrange|list)(?:ed)?|show)\s+(?:by|in)\b"
                   # "how many are there?", "how many is that?", "how many?": the papers just listed, counted
                   rf"|^\s*(?:so\s+|and\s+)?how many(?: (?:are there|is that|{IN_TOTAL}|papers|ones|of them))?\s*[?.!]*\s*$",
                   re.I)
# "what do they have in common?", "compare them", "how do these differ?": the previous papers themselves
_COMPARED = re.compile(r"\b(?:in common|compar\w*|differ\w*|contrast\w*|similarit\w*|versus|vs\.?)", re.I)
_THEM_COMPARED = re.compile(r"\bin common\b|\bcompare (?:them|these|those)\b|\b(?:they|these|those)(?: papers)? differ\b"
                            r"|\bdifferences? between (?:them|these|those)\b", re.I)
# What papers do, as follow-ups ask it of them: "what models do they fine-tune?", "which use GRPO?"
_PAPER_VERBS = ("use|study|propose|report|mention|focus|apply|train|fine-tune|test|evaluate|measure|introduce|release|"
                "address|tackle|compare|include|deal|come|rely|build|present|explore|show|target|improve|employ|adopt|"
                "leverage|discuss|cover|examine|investigate|analy[sz]e|outperform|need|require|work|look|talk|say|"
                "describe|achieve|reach|beat")
# "what are they about?", "summarise them": each of the previous papers, from its abstract
_SUMMARISED = re.compile(r"\bwhat (?:are|were|is) (?:they|those|these|them)(?: papers)? about\b"
                         r"|\bsummari[sz]e (?:them|those|these|all of them|each)\b"
                         r"|\bsummar(?:y|ies) of (?:them|those|these|each)\b"
                         r"|\bwhat do (?:they|those|these)(?: papers)? (?:say|study|propose|do)\b"
                         # "what did they compare against?", "what do they evaluate on?": each paper's
                         rf"|^\s*(?:and\s+)?what (?:do|did) (?:they|those|these)(?: papers)? (?:{_PAPER_VERBS})\b"
                         # "what models do they fine-tune?", "which benchmarks do they use?": each paper's
                         rf"|^\s*(?:and\s+)?(?:what|which) (?:[a-z-]+ ){{1,3}}(?:do|did) (?:they|those|these)(?: papers)?"
                         rf" (?:{_PAPER_VERBS})\b"
                         # "how do they measure efficiency?", "how did those papers evaluate it?": each paper's
                         rf"|^\s*(?:and\s+)?how (?:do|did) (?:they|those|these)(?: papers)? (?:{_PAPER_VERBS})\b", re.I)
COMPARED_MOST = 5  # papers of the previous answer a comparison of "them" (or a summary of them) is about
_PLACES = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
           "fifth": 4, "5th": 4, "sixth": 5, "6th": 5, "seventh": 6, "7th": 6, "eighth": 7, "8th": 7, "ninth": 8,
           "9th": 8, "tenth": 9, "10th": 9, "last": -1}  # (a list shows up to answer.max_list, 15: "[12]" beyond)
# "the 12th one", "the 99th": past any list, but said so rather than read as a topic
_PLACES |= {ordinal(n): n - 1 for n in range(11, 100)}
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}
# "the first one", "the second paper", "the last of them", "paper [2]": one paper
_ONE = (rf"\bthe ({'|'.join(_PLACES)}) (?:one|paper|result|source|of them)\b"
        r"|\b(?:paper|source|number|no\.?) ?\[?(\d{1,2})\]?(?!\d)|\[(\d{1,2})\]")
# "what does the first propose?", "what did the last find?", "what is the second about?": one paper, its
# place alone (not "the first use of GRPO", a new question)
_ONE_ASKED = (rf"\b(?:(?:does|did|do) the ({'|'.join(_PLACES)})(?= (?!use of\b)[a-z])"
              rf"|(?:is|was) the ({'|'.join(_PLACES)})(?= about\b))")
# "the first two", "the top 3" (not "the top 3 authors"), "compare the two", "these two papers",
# "both": the first few
_FEW = (r"\bthe (?:first|top) (two|three|four|five|[2-5])\b(?! (?:authors?|upvotes?|years?))"
        r"(?: (?:papers|ones|results|of them))?|\bboth(?: of them| papers)?\b"
        r"|\b(?:the|these|those) (two|three|four|five)(?: (?:papers|ones)\b|(?= (?:have|share|differ|compare|are|do)\b)"
        r"|\s*[?.!]*\s*$)")
# "this paper", "that one": the previous answer's paper, when it had one ("it" is in too many new
# questions: only "similar to it" and a short question about it, _LIKE_IT and _ABOUT_IT)
_THIS = r"\b(?:this|that) (?:paper|one|work)\b"
# "show similar papers", "more like this": like the one paper just given (no object named)
# (not "similar papers on agents"; "similar papers from 2025" are, from that year)
_LIKE_THE_ANSWER = (r"\bsimilar (?:papers|ones|work|studies)\b(?! (?:to|on|about)\b)(?! (?:in|from) (?!(?:19|20)\d\d\b))"
                    r"|\bmore like (?:it|this)\b")
# (not "posted closest to it", a date: "it" stands for the paper's name there, see with_topic)
_NOT_DATED = r"(?<!posted )(?<!posted the )(?<!published )(?<!released )(?<!dated )(?<!uploaded )"
_LIKE_IT = rf"{_NOT_DATED}\b{LIKENESS} it\b|{_LIKE_THE_ANSWER}"
# A short question about "it" ("what does it propose?", "how does it work?"), after a one-paper answer
# (not "which papers use it?": "it" may be what the paper is about, and other papers are asked for)
_ABOUT_IT = re.compile(r"^(?!.*\b(?:papers|works|studies)\b)(?=(?:\W*\w+){1,6}\W*$).*\bits?\b", re.I)
_AGAINST_IT = re.compile(r"\b(?:than|before|after|since) it\b", re.I)  # "which are newer than it?": other papers
_SET_AGAINST_IT = re.compile(r"\b(?:than|before|after|since|as) (it)\b(?! (?:is|was|does|did|has|had)\b)", re.I)
# "And the second?", "what about the third one?": a place in the list or ranking just given
_RANKED = (rf"^\s*(?:(?:and|so|then|what about|how about)\s+)?(?:the\s+)?({'|'.join(PLACES)})"
           r"(?:\s+(?:one|place|paper))?\s*[?.!]*\s*$")
REFERENCE = f"{_ONE}|{_ONE_ASKED}|{_FEW}|{_THIS}|{_LIKE_IT}|{_RANKED}"  # what a follow-up's words point with: no topic
_AND = r"(?:and\s+|(?:and\s+|so\s+)?(?:what|how)\s+about\s+)?"  # "and the fewest?", "what about the fewest?"
_WHICH_IS = r"(?:(?:which|what)(?: one| paper)?(?:'s| is| was| has| got| had) )?"  # "which is the ...", "what's the ..."
# "which is the most upvoted?", "and the oldest?", "which one was posted first?", "which is newer?": a
# superlative, an order or a comparative alone, after a list, ranks that list
_RANKING_ALONE = re.compile(
    rf"^\s*{_AND}{_WHICH_IS}the (?:{MOST}|{LEAST}|latest|newest|"
    rf"oldest|earliest|best|top)\b(?:[\s\-]+(?:{PER_AUTHOR}|{UPVOTES}|{AUTHORS}|recent|cited|authored|popular|liked))?"
    r"\s*(?:one|paper)?"
    r"\s*[?.!]*\s*$"
    r"|^\s*(?:and\s+)?(?:which|what)(?: one| paper)? (?:was|got|came) (?:posted |published |released |out )?"
    r"(?:first|last|earliest|most recently)\s*[?.!]*\s*$"
    r"|^\s*(?:and\s+)?(?:(?:which|what)(?: one| paper)? (?:is|has) )?the (?:shortest|longest) (?:title|abstract)"
    r"(?: in (?:words|characters))?\s*[?.!]*\s*$"
    r"|^\s*(?:and\s+)?which(?: one| paper| of (?:them|the two|these|those))? (?:is|was|has|had|got|came out|(?:was )?posted)"
    r" (?:more|fewer|less|newer|older|earlier|later|more recent|higher|lower)\b(?: \w+)?\s*[?.!]*\s*$"
    # "which year has the most?" after "group them by year": the group with the most of them
    rf"|^\s*(?:and\s+)?(?:which|what) (?:{GROUP_WORDS}) (?:has|had|got|is|was) the "
    r"(?:most|fewest|least)(?: papers)?\s*[?.!]*\s*$", re.I)

# "compare the two most upvoted ones", "summarise the newest ones": the top of the list just given, by that order
_RANKED_ONES = re.compile(rf"\bthe (?:(?:two|three|four|five|[2-5]) )?(?:{MOST}|{LEAST}|newest|latest|oldest|earliest|"
                          r"most recent)\b[\w\s-]{0,20}?\bones\b", re.I)

# "Which are about language models?", "and which use GRPO?" after a list: which of its papers, with no
# noun for "which" to ask about (not "which papers use GRPO?", nor "which is the most upvoted?")
_WHICH_BARE = re.compile(rf"^(?!.*\b(?:papers|works|studies|articles)\b)\s*(?:(?:and|so|ok|then)[,\s]+)?which(?: ones?)? "
                         rf"(?:are|were|do|did|don't|do not|didn't|did not|have|had|(?:{_PAPER_VERBS})(?:e?s|d|ed)?)\b"
                         r"|^\s*(?:(?:and|so|ok|then)[,\s]+)?which one (?:is|was|has|does)\b",  # "which one is from Tencent?"
                         re.I)
# "And which don't?", "what about the rest?": the papers the last follow-up was asked within that it did not give
_THE_REST = re.compile(r"^\s*(?:(?:and|so|but|ok)[,\s]+)?(?:(?:which|what)(?: ones?)? (?:don't|do not|doesn't|does not|"
                       r"didn't|did not|aren't|are not|weren't|were not|haven't|have not|can't|cannot)"
                       r"|(?:what about |and )?the (?:rest|others|other ones)(?: of them)?)\s*[?.!]*\s*$", re.I)

# "What else did they post?", "any other papers from them?" after a one-paper answer: its organisation's others
_GROUP = r"(?:them|they|it|this (?:lab|organi[sz]ation|company|group|team)|the same (?:lab|organi[sz]ation|company|group|team))"
_THEIR_OTHERS = re.compile(rf"^\s*(?:(?:and|so|ok)[,\s]+)?(?:(?:what|which)(?: else| other (?:papers|work))? "
                           rf"(?:did|has|have|do|does) {_GROUP} (?:also )?(?:post|publish|release|put out)(?:ed)?(?: else)?"
                           rf"|(?:are there )?(?:any(?:thing)? )?(?:else|other papers?|more papers?|others) (?:from|by) {_GROUP})"
                           r"\s*[?.!]*\s*$", re.I)


_ITS_PAPERS = re.compile(rf"^\s*(?:(?:and|so|ok(?:ay)?)[,\s]+)?(?:(?:please\s+)?(?:(?:can|could) you\s+)?(?:show|give|list|tell)"
                         rf"(?: me)?(?: all)? (?:of )?(?:its|their|that (?:lab|organi[sz]ation|company)'s) papers"
                         rf"|(?:what|which) (?:are|were) (?:all )?(?:its|their) papers"
                         rf"|(?:what|which) papers (?:did|has|have|do|does) {_GROUP} (?:post|publish|release|put out)(?:ed)?"
                         rf"|(?:all )?(?:its|their) papers)\s*[?.!]*\s*$", re.I)


# "Any newer ones?", "anything more recent?", "are there older papers on this?" after a list
_NEWER = re.compile(r"^\s*(?:(?:and|so|ok(?:ay)?|but)[,\s]+)?"
                    r"(?:(?:are|is) there\s+|(?:can you\s+)?(?:show|give|find)(?: me)?\s+)?"
                    r"(?:any(?:thing)?\s+|some(?:thing)?\s+)?(newer|more recent|later|older|earlier)"
                    r"(?:\s+(?:ones?|papers?|works?|studies))?(?:\s+(?:on|about)\s+(?:this|that|it|them|the (?:same )?topic))?"
                    r"\s*[?.!]*\s*$", re.I)


# "Any others from the same month?", "what else came out that week?" after a one-paper answer: the papers of its day,
# week, month or year
_SAME_PERIOD = re.compile(r"^\s*(?:(?:and|so|ok(?:ay)?|but)[,\s]+)?(?:(?:are|is) there\s+)?"
                          r"(?:(?:any(?:thing)?|what|which|some(?:thing)?)\s+)?"
                          r"(?:(?:others?|more|else|other (?:papers?|ones?|works?)|papers?)\s+)?"
                          r"(?:(?:was|were|are|is|got|get)\s+)?"
                          r"(?:(?:came out|come out|posted|published|released|uploaded|appeared|from|in|on|during)\s+)*"
                          r"(?:the same|that) (day|week|month|year)\s*[?.!]*\s*$", re.I)


def same_period(question: str) -> str:
    """"month" for "any others from the same month?" ("day", "week", "year" likewise) after a
    one-paper answer; '' for another question."""
    m = _SAME_PERIOD.match(question)
    return m[1].lower() if m else ""


def newer_or_older(question: str) -> str:
    """"after" for "any newer ones?", "before" for "any older ones?" (after a list: papers posted
    after the newest of it, or before its oldest); '' for another question."""
    m = _NEWER.match(question)
    return "" if not m else "before" if m[1].lower() in ("older", "earlier") else "after"


def their_others(question: str) -> bool:
    """"What else did they post?" after "who posted LoongRL?"."""
    return _THEIR_OTHERS.match(question) is not None


def its_papers(question: str) -> bool:
    """"Show me its papers", "which papers did they post?" after "which organisation posted the
    most papers?": every paper of the organisation just given."""
    return _ITS_PAPERS.match(question) is not None


def bare_which(question: str) -> bool:
    """"And which use images?", "which ones are from 2024?": which of the papers just given, with no
    "papers" or "of them" said."""
    return bool(_WHICH_BARE.match(question))


def the_rest(question: str) -> bool:
    """"And which don't?", "what about the rest?" after "which of them use LLMs?"."""
    return _THE_REST.match(question) is not None


def about_it(question: str) -> bool:
    """A short question about "it" ("how many authors does it have?"), not one that sets other
    papers against it ("which are newer than it?")."""
    return _ABOUT_IT.match(question) is not None and not _AGAINST_IT.search(question)


class NoSuchPaper(ValueError):
    """A follow-up points at a paper the previous answer does not have ("the second one" after
    a one-paper answer)."""


def asks_similar(question: str) -> bool:
    """Does a follow-up ask for the papers like the one it points at ("more like the second
    one")? The words rules.py reads before a paper's name ("similar to LIMO"), before a
    reference instead ("similar to it" after a one-paper answer); "what is the first one like?"
    asks about that paper."""
    return bool(re.search(rf"{_NOT_DATED}\b{LIKENESS} (?:{_ONE}|{_THIS}|it\b)|{_LIKE_THE_ANSWER}", question, re.I))


# "more authors than the first one", "posted closest to paper [2]", "the same year as this paper": a
# paper of the previous answer as what a comparison is made with
_ANCHOR = re.compile(rf"\b(than|as|to|before|after|since) (?:{_ONE}|{_THIS})", re.I)


# Several places named at once: "compare the first and the third", "the second one with the last one",
# "[1] and [3]", "papers 2 and 4" (an ordinal after "the", "and", "or", "with", "to" or a comma: not
# "which was posted first, the second or the third?", whose "first" is an order)
_PLACE = (rf"(?:(?<=\bthe )|(?<=\band )|(?<=\bor )|(?<=\bwith )|(?<=\bto )|(?<=, ))({'|'.join(_PLACES)})\b"
          r"(?! (?:two|three|four|five|\d|half|quarter|week|month|year|day|time|place|authors?|century|anniversary)\b)")
_NUMBERED = r"\[(\d{1,2})\]|\bpapers? (\d{1,2})\b|(?<=\d )(?:and|&) (\d{1,2})\b|(?<=\d), (\d{1,2})\b"


# A follow-up on several papers: "sort them by upvotes", "which of those are from 2025?"
_PLURAL = re.compile(r"\b(?:them|those|these|they|their)\b", re.I)


def points_into_list(question: str, one_picked: bool = True) -> bool:
    """Does the question point at papers of a list by their place ("the first one", "and the
    second?", "the top 3", "[2] and [4]") or, after an answer about one of them (`one_picked`),
    as several ("sort them by date")? After an answer about papers picked from a list, such a
    question is about the list again (Conversation); "which of them ...?" after "compare the
    first two" is about those two."""
    return bool(several_places(question) or re.search(f"{_ONE}|{_ONE_ASKED}", question, re.I) or re.search(_FEW, question, re.I)
                or ranked_place(question) or (one_picked and _PLURAL.search(question)))


def several_places(question: str) -> list[tuple[re.Match, int, str | None]]:
    """(match, place, ordinal or None) of each paper of the previous answer the question names
    by place, in order, when it names two or more; [] otherwise (one is `_ONE`'s)."""
    found = [(m, _PLACES[m[1].lower()], m[1]) for m in re.finditer(_PLACE, question, re.I)]
    found += [(m, int(next(g for g in m.groups() if g)) - 1, None) for m in re.finditer(_NUMBERED, question, re.I)]
    return sorted(found, key=lambda x: x[0].start()) if len(found) >= 2 else []


# What "it" is compared with, by name: "compare it with VLM-R1", "how does it differ from LIMO?",
# "is it newer than LIMO?"
_NAMED_PARTNER = re.compile(r"\b(?:with|to|and|from|versus|vs\.?|than) (?:the )?(?:[A-Z][\w\-.]*|[\w\-.]*\d[\w\-.]*)\b")
_THAN = re.compile(r"\bthan\b", re.I)


def with_anchor(question: str, shown: list[str], name_of: Callable[[str], str | None]) -> str:
    """The question with the paper a comparison is made with named in place of its place in the
    previous answer ("which of them has more authors than the first one?": "... than LIMO?"), so
    it is read as any comparison with a named paper (rules._relative); after a one-paper answer,
    that paper named in place of "it" when it is compared with another by name ("compare it with
    VLM-R1": "compare Seg-Zero with VLM-R1", not a question about Seg-Zero alone; "is it newer than
    LIMO?": "is Seg-Zero newer than LIMO?", a yes or no). As it is when it
    makes no such comparison, or the paper has no name questions can use (`name_of` gives None).
    Raises NoSuchPaper for a place the previous answer does not have."""
    if len(shown) == 1 and (_COMPARED.search(question) or _THAN.search(question)) and _NAMED_PARTNER.search(question) \
            and (it := _IT.search(question)) and (name := name_of(shown[0])):
        return question[:it.start()] + name + question[it.end():]  # "compare it with VLM-R1": both papers
    if not shown or _COMPARED.search(question) or not (m := _ANCHOR.search(question)):
        return question  # ("compare the first one to the third one": both papers, follow_up)
    one = re.search(_ONE, m[0], re.I)
    place = 0 if one is None else _PLACES[one[1].lower()] if one[1] else int(one[2] or one[3]) - 1
    if one is None and len(shown) > 1:  # "this paper" after a list: which one is not said
        return question
    if not -len(shown) <= place < len(shown):
        raise _no_such(one[1], place, len(shown))
    name = name_of(shown[place])
    return question[:m.start()] + f"{m[1]} {name}" + question[m.end():] if name else question


def set_against_it(question: str, shown: list[str], name_of: Callable[[str], str | None]) -> str:
    """After a one-paper answer, that paper named in place of "it" when other papers are set
    against it ("which papers were posted after it?", "... as many authors as it"): after "what
    is the most upvoted paper?", no topic was asked about, and "it" stood for nothing. Called
    once `follow_up` has found the question is about other papers. As it is otherwise."""
    if len(shown) == 1 and (it := _SET_AGAINST_IT.search(question)) and (name := name_of(shown[0])):
        return question[:it.start(1)] + name + question[it.end(1):]
    return question


def another_paper(question: str, last: str, names_in: Callable[[str], set[str]], it_is: str | None = None) -> str:
    """"And Seg-Zero?" after "how many authors does LIMO have?": "how many authors does Seg-Zero
    have?" (it was a paper on "Seg-Zero" among the previous answer's, none); "What is Seg-Zero
    about?" after "what is LIMO about?"; in place of "it" when the last question asked it of
    `it_is`, the one paper its answer gave ("how many authors does it have?"). '' when the question
    (a "what about ...?", _refines) is not a paper's name alone, or the last question names no
    paper, or several."""
    m = _refines(re.sub(r"['’]s(?=[\s?.!]*$)", "", question))  # "and Seg-Zero's?"
    if not m or not last:
        return ""
    said = re.sub(r"^the\s+|\s+paper$", "", m[1].strip(), flags=re.I)
    asked = names_in(said)
    if len(asked) != 1 or (new := next(iter(asked))).lower() != said.lower():
        return ""
    before = names_in(last)
    if len(before) == 1 and (old := next(iter(before))) != new:
        return re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, last)
    return with_topic(last, new) if not before and it_is and it_is != new else ""


def follow_up(question: str, previous: list[str], shown: list[str] | None = None) -> tuple[list[str] | None, list[str] | None]:
    """(within, about) of the previous answer's papers: about one of those it `shown` (cited, in
    order; all of `previous` when not given) when the question names its place or, after a
    one-paper answer, says "this paper" or asks a short question about "it"; about the first few
    for "compare the first two" ("both" after a two-paper answer) and up to `COMPARED_MOST` for
    "what do they have in common?" or "what are they about?"; within all of `previous` (every
    paper it found or ranked, Answer.matched) for "which of those ...", a superlative alone
    ("which is the most upvoted?"), conditions alone ("any from 2024?") and "how many are
    there?"; (None, None) for a new question. Raises NoSuchPaper for a place the previous answer
    does not show."""
    if not previous:
        return None, None
    if TITLES_ONLY.match(question):  # "just the titles": of every paper it found, shown or not
        return None, list(previous)
    cited = previous if shown is None else shown  # what places ("the second one") count in
    if places := several_places(question):  # "compare the first and the third", "[1] and [3]"
        for _, place, word in places:
            if not -len(cited) <= place < len(cited):
                raise _no_such(word, place, len(cited))
        return None, list(dict.fromkeys(cited[place] for _, place, _ in places))
    ranked = ranked_place(question)  # "and the second?": the list's second paper (a ranking's: Conversation)
    if (m := re.search(_ONE, question, re.I)) or ranked:
        place = ranked - 1 if ranked else _PLACES[m[1].lower()] if m[1] else int(m[2] or m[3]) - 1
        if not -len(cited) <= place < len(cited):
            raise _no_such(m[1] if m else re.match(_RANKED, question, re.I)[1], place, len(cited))
        return None, [cited[place]]
    if m := re.search(_ONE_ASKED, question, re.I):  # "what does the first propose?" (was the oldest of them)
        word = m[1] or m[2]
        place = _PLACES[word.lower()]
        if not -len(cited) <= place < len(cited):
            raise _no_such(word, place, len(cited))
        return None, [cited[place]]
    if m := re.search(_FEW, question, re.I):
        count = next((g for g in m.groups() if g), None)  # None: "both"
        n = int(_COUNTS.get(count.lower(), count)) if count else 2
        if n > len(cited) and count:
            raise NoSuchPaper(f"The previous answer cites {_papers(len(cited))}, not {n}.")
        return (None, cited[:n]) if n <= len(cited) and (count or len(cited) == 2) else (None, None)
    if len(cited) == 1 and _AGAINST_IT.search(question):  # other papers, not which of that one
        return None, None
    if len(cited) == 1 and (re.search(f"{_THIS}|{_LIKE_IT}", question, re.I) or about_it(question)
                            or ABSTRACT_ALONE.match(question) or FIELD_ALONE.match(question) or CODE_ALONE.match(question)):
        return None, cited  # "show me the full abstract", "who are the authors?", "is there code?"
    if len(previous) >= 2 and FIELD_ALONE.match(question) and not re.search(r"\b(?:it|this|that)\b", question, re.I):
        # "how many upvotes?" after a list: each paper's ("when was this paper posted?": which one?)
        return previous, None
    # ("which one is the newest?" after one paper: that one, not the corpus's newest)
    if previous and (_RANKING_ALONE.match(question) or _WHICH_BARE.match(question) or STAT_ALONE.match(question)
                     or CODE_ALONE.match(question)  # "is there code?": which of them say so
                     or _RANKED_ONES.search(question) or bare_statistic(question) or bare_best(question)):
        return previous, None
    if not _BACK.search(question):
        return None, None
    if (_COMPARED.search(question) or _SUMMARISED.search(question)) and len(cited) >= 2:
        return None, cited[:COMPARED_MOST]
    if _SUMMARISED.search(question):  # "what are they about?" after one paper: that one
        return None, cited
    if _THEM_COMPARED.search(question):  # "what do they have in common?" after one paper
        raise NoSuchPaper("The previous answer cites one paper, so there is nothing to compare it with; "
                          "ask about that paper, or for more papers.")
    return previous, None


def _no_such(word: str | None, place: int, cited: int) -> NoSuchPaper:
    """"The previous answer cites 1 paper, so it has no second paper." (`word` None: "paper [2]")"""
    what = f"{word.lower()} paper" if word else f"paper [{place + 1}]"
    return NoSuchPaper(f"The previous answer cites {_papers(cited)}, so it has no {what}.")


_IT = re.compile(r"\bit\b", re.I)
# "it" that stands for nothing: "how is it possible to ...", "it is known that", "makes it easier"
_EMPTY_IT = re.compile(r"\bit(?:'s| is| was| seems| appears| turns| takes| has been)\b|\b(?:is|was) it (?:possible|true|"
                       r"known|better|worse|worth|necessary|hard|easy|feasible|enough)\b|\bmakes? it\b", re.I)


def with_topic(question: str, topic: str) -> str:
    """"Which papers cite it?" after "what is LIMO?": "which papers cite LIMO?"; '' when the
    question has no "it", or only one that stands for nothing ("how is it possible to ...")."""
    if not topic or not _IT.search(question) or _EMPTY_IT.search(question):
        return ""
    return _IT.sub(lambda _: topic, question, count=1)


def _papers(n: int) -> str:
    return f"{n} paper" + ("" if n == 1 else "s")


# "what about 2024?", "how about from Tencent?", "same for Google": the previous question again
_REFINES = re.compile(r"^\s*(?:and\s+|so\s+)?(?:(?:what|how)\s+about|(?:the\s+)?same\s+(?:question\s+)?for)\s+(.+?)[\s?.!]*$",
                      re.I)
# "And Mistral?" after "what about Llama?": a bare topic, asked as "what about Mistral?" (not "and from
# 2024?", a condition, nor "and the oldest?", "and which ...?")
_AND_TOPIC = re.compile(r"^\s*and\s+(?!(?:which|what|who|how|when|where|why|is|are|was|were|do|does|did|can|could|should|"
                        r"has|have|the|their|its|those|these|them|it|they|this|that|also|only|just|more|any|all|each|"
                        r"every|not|no|with|without|in|from|for|since|before|after|by|during|between|posted|published|"
                        r"released|top|most|least|sorted|ranked|over|under|at|exactly|fewer|less)\b)"
                        r"([A-Za-z0-9][\w.+-]*(?:\s+[\w.+-]+){0,2})\s*[?.!]*\s*$", re.I)


def _refines(question: str) -> re.Match | None:
    """The match of a "what about ...?" (or "and Mistral?"), its group 1 what it is about."""
    return _REFINES.match(question) or _AND_TOPIC.match(question)


_CONDITION_START = re.compile(r"(?:in|from|for|with|since|before|after|by|during|between|posted|published|"
                              r"released|that|which|having|without|top|most|least|sorted|ranked)\b", re.I)
# Fields one condition stands in for another of: a year for a month, a date range for a year.
_FIELD_KIND = {"year": "date", "posted": "date", "month": "date"}


def ranked_place(question: str) -> int | None:
    """The place a bare ordinal asks for ("and the second?": 2), or None. After a ranking
    ("which organisation has the most upvotes?") it asks the ranking again at that place
    (Pipeline.refined); after a list, "the second one" is the list's second paper (follow_up)."""
    m = re.match(_RANKED, question, re.I)
    return PLACES[m[1].lower()] if m else None


def refinement(question: str) -> list[str]:
    """The readings of the conditions a "what about ...?" follow-up asks for, each as a
    question of its own ("what about 2024?": "papers 2024", "papers from 2024"); [] when it is
    not one. The caller keeps the first reading with no topic of its own."""
    m = _refines(question)
    if not m or bare_superlative(question):  # "what about the fewest?": the ranking turned round, no condition
        return []
    rest = re.sub(r"^(?:the\s+)?(?:papers|ones|those)\s+", "", m[1], flags=re.I)
    return [f"papers {rest}"] if _CONDITION_START.match(rest) else [f"papers {rest}", f"papers from {rest}"]


# "And closest to Seg-Zero?": "closest to" a paper, not said to be in time
_CLOSEST = re.compile(r"\b(?:posted |published |released )?(closest|nearest) to\b(?! in (?:time|date))", re.I)


_NEAREST_COUNT = {"authors": "an author count", "upvotes": "an upvote count", "upvotes_per_author": "upvotes per author"}


def says_closest(question: str) -> bool:
    """Does the question say "closest to" (or "nearest to"), not "closest in time to"?"""
    return _CLOSEST.search(question) is not None


# "Which mention both?", "and which use both of them?": the last two topics asked, together
_BOTH = re.compile(r"^\s*(?:and\s+|so\s+)?(?:which|what)(?: papers| ones| of them)? (?:ones? )?"
                   r"(?:mentions?|names?|uses?|discuss(?:es)?|cites?) both(?: of them| of those)?\s*[?.!]*\s*$", re.I)


def asks_both(question: str) -> bool:
    return _BOTH.match(question) is not None


def both_topics(question: str, first: QueryPlan, second: QueryPlan) -> str:
    """"Which mention both?" after "which papers mention Qwen?" and "and DeepSeek?": "Which papers
    mention both Qwen and DeepSeek?"; "which use both?" after "which papers use GRPO?" and "what
    about DPO?", "Which papers use both GRPO and DPO?". '' for another question, or when the two
    earlier questions do not name two topics."""
    if not _BOTH.match(question) or not (first.text and second.text) or first.text == second.text:
        return ""
    if first.literal and second.literal:
        return f"Which papers mention both {first.text} and {second.text}?"
    verb, rest = first.text.split(" ", 1) if " " in first.text else ("", first.text)
    if verb and second.text.startswith(verb + " "):  # "use GRPO", "use DPO": the verb once
        return f"Which papers {verb} both {rest} and {second.text[len(verb) + 1:]}?"
    return f"Which papers are about both {first.text} and {second.text}?"


def closest_again(question: str, thread: QueryPlan) -> str:
    """"And closest to Seg-Zero?" after a question about the paper posted closest to another, as
    "and posted closest in time to Seg-Zero?"; "and closest to 2?" after "which paper has an upvote
    count closest to 5?", as "and an upvote count closest to 2?". '' when the question says no
    "closest to", or the thread asked for no nearest paper."""
    near = next((r for r in thread.relative if r.op == "nearest"), None)
    if near is None or not _CLOSEST.search(question):
        return ""
    said = "posted {} in time to" if near.field == "posted" else f"{_NEAREST_COUNT[near.field]} {{}} to"
    return _CLOSEST.sub(lambda m: said.format(m[1]), question, count=1)


# "what about more than 1?", "and at least 3?": a count with no field, the thread's field meant
_BARE_COUNT = re.compile(r"(?:(?:more|fewer|less) than|at least|at most|over|under|above|below|exactly|only) \d+"
                         r"|\d+ or (?:more|fewer|less)", re.I)


# "which of them have more than 20?", "and at least 3?", "any with over 5?": a count and no field, nor
# anything else ("which papers report accuracy over 90?" asks a topic)
_COUNT_ALONE_ASKED = re.compile(
    r"\s*(?:(?:and|so|then|ok)[,\s]+)?(?:(?:which|what)(?: ones?| papers?| of (?:them|these|those))? "
    r"(?:have|has|had|got|get|gets|are|were)(?: got)? |(?:papers|ones|any|those)(?: with)? )?"
    rf"({_BARE_COUNT.pattern})\s*[?.!]*\s*", re.I)


def with_count_field(question: str, field: str) -> str:
    """"Which of them have more than 20?" with "authors": "which of them have more than 20
    authors?"; '' when the question asks more than a count, or no field is known."""
    m = _COUNT_ALONE_ASKED.fullmatch(question)
    return f"{question[:m.end(1)]} {SUPERLATIVE_OF.get(field, field)}{question[m.end(1):]}" if m and field else ""


def asks_for_papers(question: str) -> bool:
    """"Which of them ...?", "list those ...": papers asked for, not a figure ("and in 2024?")."""
    return re.match(r"\s*(?:(?:and|so|ok|then)[,\s]+)?(?:which|list|show|name|give me)\b", question, re.I) is not None


def bare_count(question: str) -> str:
    """The count a "what about ...?" asks with no field ("what about more than 1?": "more than
    1"); '' otherwise."""
    m = _refines(question)
    return m[1] if m and _BARE_COUNT.fullmatch(m[1].strip()) else ""


# "and the fewest?", "which has the most?": a superlative with no field, the thread's sort meant
_BARE_SUPERLATIVE = re.compile(rf"^\s*{_AND}{_WHICH_IS}the "
                               rf"({MOST}|{LEAST}|highest|lowest)(?: one| paper)?\s*[?.!]*\s*$", re.I)
SUPERLATIVE_OF = {"authors": "authors", "upvotes": "upvotes", "upvotes_per_author": "upvotes per author"}


# A question said as a follow-up: "and the oldest one?", "what about the least upvoted?" (not "which is the oldest paper?")
_FOLLOWING = re.compile(r"^\s*(?:and|so|what about|how about)\b|\bone\s*[?.!]*\s*$", re.I)


def said_as_ranking(question: str) -> bool:
    """A ranking alone (a superlative, an order or a comparative) said as a follow-up: "and the least
    upvoted one?", "what about the oldest?"."""
    return _RANKING_ALONE.match(question) is not None and _FOLLOWING.search(question) is not None


def bare_superlative(question: str) -> bool:
    """"And the fewest?": a superlative that names no field."""
    return _BARE_SUPERLATIVE.match(question) is not None


def most_first(question: str) -> bool:
    """Does a bare superlative ask for the top ("and the most?") rather than the bottom ("and the fewest?")?"""
    m = _BARE_SUPERLATIVE.match(question)
    return bool(m) and not re.fullmatch(LEAST, m[1], re.I)


def with_superlative_field(question: str, field: str) -> str:
    """"And the fewest?" after "which of them has the most authors?": "And the fewest authors?";
    the question as it is when it is no bare superlative or the field is none of SUPERLATIVE_OF."""
    if field not in SUPERLATIVE_OF or not (m := _BARE_SUPERLATIVE.match(question)):
        return question
    return question[:m.end(1)] + " " + SUPERLATIVE_OF[field] + question[m.end(1):]


def count_of_what(count: str) -> str:
    """What to say of a bare count no earlier question gives a field for ("what about more than 1?")."""
    s = "" if re.search(r"\b1$", count) else "s"
    return f'"{count}" of what? Say which count is meant, for example "{count} upvote{s}" or "{count} author{s}".'


# "any others?", "what else?", "show me more", "are there any more on RL?", "anything else from 2024?",
# "which other papers use RL?": more papers than the previous answer gave (not "more recent ones", "more like this")
_MORE = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?|then)\b[,\s]*)?(?:(?:are|were|is) there\s+|(?:can you\s+)?(?:show|give|list|find)"
    r"(?: me| us)?\s+|do you have\s+|(?:what|how) about\s+(?:the\s+)?|(?:which|what)\s+)?(?:(?:any|some)\s+)?"
    r"(?P<what>others|more|else|anything else|something else|other(?= (?:papers|ones|works|studies)\b))"
    r"(?:\s+(?:papers|ones|works|studies))?(?:\s+(?:is|are) there)?(?P<rest>\s+.*?)??(?:,?\s*please)?[\s?.!]*$", re.I)
_MORE_OF = re.compile(r"^(?:on|about|from|in|since|before|after|by|during|between|posted|published|released|with|"
                      r"without)\b", re.I)
_MORE_DOING = re.compile(r"^(?:that|which|who)\s+", re.I)
_POINTING = re.compile(r"^(?:on|about)\s+(?:that|this|it|those|these|them)$", re.I)  # "more on that": the same


def more_question(question: str) -> str | None:
    """What a request for more papers asks again, the papers already given left out (Pipeline.more):
    '' for the previous question ("any others?"); "what about on RL?" for "any others on RL?" and
    "what about from 2024?" for "any more from 2024?", read as `refinement` reads them; "Which papers
    use RL?" for "which other papers use RL?" or "any others that use RL?". None for another question."""
    m = _MORE.match(question)
    if not m:
        return None
    rest = (m["rest"] or "").strip()
    if not rest or _POINTING.match(rest):
        return ""
    if _MORE_OF.match(rest):
        return f"what about {rest}?"
    if _MORE_DOING.match(rest) or m["what"].lower() == "other":
        return f"Which papers {_MORE_DOING.sub('', rest)}?"
    return None


def new_topic(question: str) -> str:
    """What a "what about ...?" names ("what about robotics?": "robotics"; "how about the ones
    on DPO?": "DPO"); '' for another question. Read as a topic when it states no condition
    (`Pipeline.refined`: "what about 2024?" is one)."""
    m = _refines(question)
    return re.sub(r"^(?:(?:the\s+)?(?:papers|ones|those)\s+)?(?:on|about)\s+", "", m[1], flags=re.I) if m else ""


# A count named alone: "upvotes", "the number of authors", "upvotes per author", "(and) of authors"
_COUNT_ALONE = re.compile(rf"(?:(?:of|for|by) )?(?:the )?(?:number of |count of )?{COUNTED_FIELD}", re.I)


def ranked_by(question: str) -> str:
    """The count a "what about ...?" names alone ("what about upvotes?": "upvotes"), which the
    ranking or statistic asked before is asked again of; ''."""
    m = _COUNT_ALONE.fullmatch(new_topic(question).strip())
    return field_of(m[1].lower()) if m else ""


# "And the median?", "what about the total?" after a statistic: another statistic of the same count
_BARE_STATISTIC = re.compile(rf"^\s*{_AND}(?:(?:(?:what|which)(?:'s| is| was) )?(?:the |their )?"
                              r"(average|mean|median|total|sum|most common|mode)"
                              r"|(?:on |in )(average|total)|(altogether|combined|typically))\s*[?.!]*\s*$", re.I)
_STATISTIC_KIND = {"average": "mean", "sum": "total", "most common": "mode", "altogether": "total", "combined": "total",
                   "typically": "median"}


def bare_statistic(question: str) -> str:
    """The statistic a follow-up names alone ("and the median?": "median"; "the average": "mean"); ''."""
    m = _BARE_STATISTIC.match(question)
    if not m:
        return ""
    kind = next(g for g in m.groups() if g).lower()  # "and on average?", "and in total?": the same
    return _STATISTIC_KIND.get(kind, kind)


# "Which one scores highest?", "which of them has the best accuracy?": a best result with no benchmark named
_BARE_BEST = re.compile(r"^\s*(?:and\s+|so\s+)?(?:which|what)(?: one| paper| of (?:them|these|those))? "
                         r"(?:(?:scores?|scored|performs?|performed|does|did) (?:the )?(?:highest|best)"
                         r"|(?:has|gets|got|reports?|reached|reaches|achieves|achieved) the (?:highest|best|top) "
                         r"(?:score|accuracy|results?|performance))\s*[?.!]*\s*$", re.I)


def bare_best(question: str) -> bool:
    """"Which one scores highest?": a best result that names no benchmark."""
    return _BARE_BEST.match(question) is not None


def on_benchmark(question: str, benchmark: str) -> str:
    """"Which one scores highest?" after "which papers evaluate on AIME?": "Which one scores highest on AIME?"."""
    return f"{question.strip().rstrip('?.! ')} on {benchmark}?"


# A best result asked with no benchmark to go on
BENCHMARK_NEEDED = ("Highest on which benchmark? The abstracts report results on different benchmarks, with different "
                    "models and settings; name one, for example \"which one scores highest on MATH?\".")


# A statistic asked with no count to go on ("and the median?" after a sort by date)
COUNT_NEEDED = ("Of which count? The listings give the number of authors and of upvotes; name one, for example "
                "\"the median number of authors\" or \"the average upvotes\".")


# ("which of them posted more than one paper?", "which of them have at least 3 papers?": a count of the groups'
# papers; "which of them have more than 10 authors?" asks of the papers)
_WHICH_OF_THEM = re.compile(r"^(\s*(?:and\s+|so\s+)?which)(?: one| of (?:them|these|those))"
                            r"(?= (?:has|had|got|gets|is|was|posted|published|released|contributed)\b"
                            r"| (?:have|had)\b[^?]*\bpapers?\b)", re.I)


def of_the_groups(question: str, group: str) -> str:
    """"Which of them has the most upvotes?" after papers counted by organisation: "which
    organisation has the most upvotes?" (`group` the groups' name); '' when it asks no "which of them"."""
    return _WHICH_OF_THEM.sub(lambda m: f"{m[1]} {group}", question, count=1) if _WHICH_OF_THEM.match(question) else ""


def statistic_question(kind: str, field: str) -> str:
    """The question of a statistic of a count: ("median", "authors"): "what is the median number of authors?"."""
    stated = {"mean": "average", "mode": "most common"}.get(kind, kind)
    return f"What is the {stated} number of {SUPERLATIVE_OF.get(field, field)}?"


def applied(thread: QueryPlan, question: str) -> QueryPlan | None:
    """The thread's plan as a bare follow-up changes it: "and the fewest?" after a ranking turns it
    round; "and the median?" after a statistic takes that one instead; "what about upvotes?" after a
    ranking or a statistic of a count asks it of that count. None for another question."""
    if bare_superlative(question) and asks_top(thread):
        return replace(thread, descending=most_first(question))
    if (kind := bare_statistic(question)) and thread.statistic:
        return replace(thread, statistic=kind)
    if (field := ranked_by(question)) and of_a_count(thread):
        return by_count(thread, field)
    if form_alone(question):
        return reformed(thread, question)
    return None


def form_alone(question: str) -> bool:
    """"And in weeks?", "how many months apart is that?", "and in total?": the previous answer's
    figure asked for another way, nothing else."""
    return bool(FORM_ALONE.match(question))


def reformed(thread: QueryPlan, question: str) -> QueryPlan | None:
    """The thread's plan with the unit or the sum `question` asks for, when its answer has such a
    figure: a gap between dates ("how far apart were RT-2 and LIMO posted?", "when were the first
    and the last 2025 papers posted?"), several papers' count ("how many authors do LIMO and
    Seg-Zero have?"), or a title's length, ranked by or a statistic of. None otherwise ("and in
    total?" after a list: how many papers, asked anew)."""
    if (unit := TITLE_UNIT.search(question)) and thread.sort in ("title_words", "title_chars"):
        # "and in characters?" after "what is the average title length?" or "which paper has the longest title?"
        return replace(thread, sort="title_words" if unit[1].lower() == "words" else "title_chars")
    form = answer_form(question)  # only what it says: the rest as the thread asked it
    # ("how many days apart?" after "is LIMO older than Seg-Zero?": the gap, without its yes or no)
    dated = (thread.asks_field == "date" and bool(thread.versus)) or (thread.sort == "posted" and thread.statistic == "range")
    counted = thread.asks_field in COUNT_FIELDS and not thread.versus
    if (form.get("gap_unit") and dated) or (form.get("in_total") and counted):
        return replace(thread, **form, **({"versus": "gap"} if thread.versus else {}))
    return None


def asks_top(plan: QueryPlan) -> bool:
    """Does the plan ask for the top of a ranking: "which paper has the most upvotes?", "which
    organisation has the most upvotes?", "which year has the most papers?" (its top group)?"""
    top_group = plan.group_by and not (plan.breakdown or plan.statistic)
    return bool(top_group or plan.limit and (plan.sort or plan.group_by))


def of_a_count(plan: QueryPlan) -> bool:
    """Does the plan rank by a count or take a statistic of one, so that "what about upvotes?" asks
    it again of another count?"""
    return asks_top(plan) or plan.statistic is not None


def by_count(ranking: QueryPlan, field: str) -> QueryPlan:
    """The ranking by another count ("what about upvotes?"); a group's by its total when it was
    by its number of papers ("which year has the most papers?")."""
    if ranking.group_by and not ranking.statistic:
        return replace(ranking, sort=field, statistic="total", limit=1)
    return replace(ranking, sort=field)


def _kinds(plan: QueryPlan) -> set[str]:
    """The fields the plan's filters and comparisons set, a date's parts as one."""
    return {_FIELD_KIND.get(f.key, f.key) for f in plan.filters} | {_FIELD_KIND.get(r.field, r.field) for r in plan.relative}


def replaces(plan: QueryPlan, conditions: QueryPlan) -> bool:
    """Do the conditions set a field the plan already sets ("2024" after "posted in 2025")?"""
    return bool(_kinds(plan) & _kinds(conditions))


def with_conditions(plan: QueryPlan, conditions: QueryPlan) -> QueryPlan:
    """The plan with the conditions' filters, comparisons and order in place of its own on the
    same fields ("2024" replaces "2025", "from Tencent" joins it); its topic as it was."""
    kinds = _kinds(conditions)
    kept = [f for f in plan.filters if _FIELD_KIND.get(f.key, f.key) not in kinds]
    relative = [r for r in plan.relative if _FIELD_KIND.get(r.field, r.field) not in kinds]
    if plan.among and conditions.sort and (conditions.limit or 0) >= 2 and not conditions.statistic:
        # "and of the 10 newest?" after "the total upvotes of the 3 newest papers": the statistic over those
        return replace(plan, filters=kept + conditions.filters, relative=relative + conditions.relative,
                       among=TopOf(conditions.sort, conditions.descending, conditions.limit))
    order = ({"sort": conditions.sort, "descending": conditions.descending, "limit": conditions.limit}
             if conditions.sort else {})
    if conditions.sort and not plan.group_by:
        # "what is their average number of authors?" after a list: that statistic of it; "what about the
        # most upvoted paper?" after an average: that paper, no statistic
        order["statistic"] = conditions.statistic
    if plan.group_by and conditions.sort in COUNT_FIELDS:
        # "what about by upvotes?" after "which organisation has the most papers?": the groups by their total
        # (or "by average upvotes", mean), not each group's papers by upvotes; the top one, or all for a ranking
        order.update(statistic=conditions.statistic or "total", breakdown=False, by_count=False, counts=False,
                     limit=conditions.limit or plan.limit or (None if plan.breakdown else 1))
    return replace(plan, filters=kept + conditions.filters, relative=relative + conditions.relative, **order)


def thread(question: str, plan: QueryPlan, earlier: list[str], narrowed: bool, about: bool) -> list[str]:
    """The questions a later "what about ...?" goes back to once this one is answered: the
    earlier ones and this one when it followed them ("which of those are from 2025?",
    "what about 2024?"); the earlier ones alone after a question about some of their papers
    ("how many authors does the first one have?"); this one alone when it is new."""
    if about and earlier:
        return earlier
    return earlier + [question] if earlier and (plan.earlier or narrowed) else [question]
