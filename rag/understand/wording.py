"""The words questions are phrased in, shared by the rules that read them."""
from __future__ import annotations

import re

from rag.text import stem

NUM_WORDS = {"zero": 0, "one": 1, "single": 1, "sole": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20,
             "half a dozen": 6, "a dozen": 12}
# The number words, longest first ("half a dozen" before "a dozen"); "single" and "sole" only say one author
NUMBER_WORDS = "|".join(sorted((w for w in NUM_WORDS if w not in ("single", "sole")), key=len, reverse=True))
NUMBER = rf"(\d+|{NUMBER_WORDS})"
A_NUMBER = NUMBER.replace("(", "(?:", 1)  # NUMBER, not captured
MOST = r"(?:most|largest|highest|greatest|biggest|longest|maximum|max)"
LEAST = r"(?:fewest|least|smallest|lowest|shortest|minimum|min)"
# The words of a sort's order ("the three most recent", "the second-oldest")
RANKED = rf"(?:{MOST}|{LEAST}|newest|latest|oldest|earliest|recent)"
# A place in a sort: "the second most upvoted", "the 3rd-oldest"
PLACES = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
          "runner-up": 2, "runner up": 2}  # "and the runner-up?" after the top of a ranking
# "How many upvotes do they have in total?": a sum over the papers, and no topic word
IN_TOTAL = r"(?:in total|in all|overall|altogether|all told|combined|together|between them)"
AUTHORS = r"(?:authors?|co-?authors?|contributors?|people|persons?|researchers?|writers?)"
UPVOTES = r"(?:upvotes?|upvoted|votes?|likes?)"
PER_AUTHOR = (rf"(?:{UPVOTES} (?:per|for each|an?) author|(?:ratio of )?{UPVOTES} to authors"  # a derived count
              rf"|{UPVOTES} (?:relative to|compared (?:to|with)|for|given) (?:its|their|the) (?:number of authors|author "
              r"counts?|authors))")

# "Does LIMO use RL?", "Is LIMO from 2025?": asked whether a paper says or has something
YES_NO = re.compile(r"^\s*(?:does|do|did|is|are|was|were|can|could|has|have|had)\b", re.IGNORECASE)

# "exclude the ones about math", "drop the surveys": what a list is to be without
EXCLUDE_VERBS = r"(?:exclude|leave out|drop|remove|filter out|take out)"

MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december"]

# Words that refer to the collection or phrase the question, not to a topic.
# "Papers similar to LIMO", "more like the second one": what comes before the paper they are to be like.
LIKENESS = (r"(?:similar to|like|resembling|akin to|in the vein of|along the lines of|closest to|nearest to|"
            r"(?:most|closely) related to)")
FRAME_WORDS = set("""which what who whose when where how many much is are was were the a an of in on
from to by for with and or any all there do does did list show give me tell find name papers paper
collection corpus listing listings listed entries entry articles article works work dates date
published posted released appear appears appeared credited written authored count number year years
date from between before after since until than more less at least most fewest single sole one only
has have had that this those these their its it has got get gets received receive receives came come
comes out uploaded submitted earned garnered drew dated available top counts organization organisation
organizations organisations research researches literature publications publication done anything
something everything stuff looking look related relating regarding concerning say says tell exist exists tackle tackles
address addresses deal deals dealt cover covers interested mention mentions mentioned mentioning
discuss discusses discussed discussing report reports reported reporting breakdown distribution please thanks
thank kindly read better worse ones often frequently overall altogether
let lets letting write wrote talk talks talked touch touches upon revolve revolves revolving around
try tries tried trying attempt attempts attempted rather instead opposed recent recently like etc
hello hi hey greetings vs versus else""".split())
# What a question's own wording is spelled against when a word of it is a typo ("how mnay
# papers", "papers wiht more than 10 authors", "the most upvotd"): framing and metadata words.
QUESTION_WORDS = FRAME_WORDS | set("""upvote upvotes upvoted votes vote liked authors author authored
organisation organization organisations organizations affiliation newest oldest latest earliest
recent most least fewest highest lowest largest smallest average median mean total number
sorted ranked ordered descending ascending month months week weeks""".split())

# Verbs of putting a paper out, in any form ("publish", "releases"): framing, not topic.
FRAME_STEMS = {stem(w) for w in ("published", "posted", "released", "appeared", "authored", "listed")}


# "What is the abstract of LIMO?", "show me LIMO's full abstract", "the abstract of the first one, please":
# the abstract itself (not "papers with GRPO in the abstract", nor "the abstract reasoning benchmark")
WHOLE_ABSTRACT = (r"(?<!\bin )(?<!\bwithin )(?<!\bfrom )(?:\bthe |\bits |\btheir |'s |^\s*)(?:full |whole |entire |complete "
                  r"|original )?abstracts?(?=\s*(?:$|[?.!,;]|of\b|for\b|says?\b|in full\b|please\b|again\b))")
# Around a request that is a whole question: "ok, ...", "can you ...", "..., please?"
_LEAD = r"^\s*(?:(?:and|ok|okay|so|please|now|also|then)[,\s]+)?(?:(?:can|could) you |please )?"
_END = r"(?:,? please)?\s*[?.!]*\s*$"


def _alone(body: str) -> re.Pattern:
    """A request that is the whole question, with the politeness around it."""
    return re.compile(f"{_LEAD}(?:{body}){_END}", re.I)


# "Show me the full abstract", "what does the abstract say?": the abstract asked for, no paper said
ABSTRACT_ALONE = _alone(rf"(?:(?:show|give|print|display|read|quote|paste)(?: me| us)? |what(?:'s| is| does) )?"
                        rf"(?:{WHOLE_ABSTRACT})(?: (?:in full|again|says?))?")
# "Just the titles", "give me only the titles", "titles only, please": the previous answer's papers by title
TITLES_ONLY = _alone(r"(?:(?:show|give|list|print|send|tell)(?: me| us)?(?: them)?(?: with)? |what(?: are|'re) )?"
                     r"(?:(?:just|only) )?(?:the |their )?(?:paper )?titles?(?: only| alone)?"
                     r"(?: of (?:them|those|these)(?: papers)?)?")
# The groups papers are counted by: organisations, and years, quarters, months and days
ORG_WORDS = r"organi[sz]ations?|orgs?|compan(?:y|ies)|labs?|institutions?|groups?"
GROUP_WORDS = rf"{ORG_WORDS}|years?|months?|quarters?|weekdays?|days?|dates?"
# A count field as questions name it: "authors", "upvotes", "an upvote count" (field_of reads which)
COUNTED_FIELD = rf"({PER_AUTHOR}|{AUTHORS}|{UPVOTES}|upvote counts?|author counts?)"
# "Who are the authors?", "how many upvotes?", "which organisation?": a field of the paper just given, none named
FIELD_ALONE = _alone(r"who (?:are|were) (?:the|its) (?:authors|co-?authors)|who (?:wrote|authored) (?:it|this|that)?"
                     r"|who (?:else )?(?:worked|collaborated) on (?:it|this|that)(?: one| paper)?"
                     r"|how many (?:authors|co-?authors|upvotes|votes)(?: (?:does|did) (?:it|this|that|each)"
                     r"(?: one| paper| of them)? (?:have|get|got|receive))?"
                     r"|(?:which|what) (?:organi[sz]ation|company|lab|institution)"
                     r"(?: (?:is|was) (?:it|this) from| posted (?:it|this))?"
                     r"|when was (?:it|this|that)(?: one| paper)? (?:posted|published|released)"
                     r"|what(?:'s| is| was) (?:the|its) (?:date|posting date|publication date|author count|"
                     r"number of (?:authors|upvotes)|upvote count|organi[sz]ation)")

# "Is there code?", "does it have code?", "where can I find the code?": whether a paper's code (or data, or
# model) is out, no paper or topic said: of the paper just given (after a list, which of its papers). "What's
# the link?" too: the listings link to no paper, so the links there are are those its abstract gives.
CODE_ALONE = _alone(r"(?:is|are|was|were) (?:there|the|its|their) (?:any )?(?:code|implementation)"
                    r"(?: (?:available|public|released|online|on github|out))?(?: for (?:it|this|that|them))?"
                    r"|(?:does|did|do) (?:it|this|that|they|this paper|the paper) (?:have|release|share|provide|come with|"
                    r"publish) (?:any |its |their )?(?:code|implementation)(?: (?:available|on github))?"
                    r"|where (?:can|do|could) (?:i|we|one) (?:find|get|download|see) (?:the|its|their) (?:code|implementation)"
                    r"|(?:any )?(?:code|github)(?: link| repo(?:sitory)?)?"
                    r"|(?:what(?:'s| is) |give me |is there |any )?(?:the |a |its )?(?:link|url)s?"
                    r"(?: (?:to|for) (?:it|this|the paper|this paper))?"
                    r"|where (?:can|do|could) (?:i|we|one) (?:read|find|get|download|access) (?:it|this|the paper|this paper"
                    r"|the full paper|the pdf)")

# "Average upvotes?", "what is their median number of authors?", "how many upvotes do they have in
# total?", "what is their average title length?": a statistic of a count or a length, no paper or
# condition said (after a list, of its papers)
STAT_ALONE = _alone(r"(?:what(?:'s| is| was| are) )?(?:the |their )?(?:average|mean|median|typical|total|combined) "
                    r"(?:number of |count of )?(?:authors|co-?authors|upvotes|votes|author counts?|upvote counts?"
                    r"|(?:title|abstract) lengths?(?: in (?:words|characters))?)"
                    r"(?: (?:of|for|across|among) (?:them|these|those)(?: papers)?)?"
                    r"|how many (?:authors|upvotes|votes) (?:do|did) (?:they|these|those)(?: papers)? (?:have|get|got) "
                    rf"(?:{IN_TOTAL}|on average)")

# "And in characters?": a title's length said in characters (or in words)
TITLE_UNIT = re.compile(r"\bin (characters|letters|words)\b", re.I)
# "Their total", "the sum of", "... in total": several papers' field summed
_TOTAL = re.compile(rf"\b(?:{IN_TOTAL}|total|sum)\b")
# "How many weeks apart ...": the unit a gap between dates is asked in
_GAP_UNIT = re.compile(r"\b(?:how many|in|number of) (days|weeks|months|years)\b")
# "How many days after Seg-Zero was LIMO posted?": the gap of the paper named second, in a direction
_GAP_AFTER = re.compile(r"\bhow (?:many (?:days|weeks|months|years) |long |much )(after|later|before|earlier|sooner)\b"
                        r"(?= .+\b(?:was|were|did|is)\b)")
# "And in weeks?", "how many months apart is that?", "and in total?", "what is their sum?", "and in
# characters?" (a title's length): the previous answer's figure said another way, and nothing else asked
FORM_ALONE = _alone(rf"(?:(?:what(?:'s| is) )?(?:that|it|this) )?in (?:days|weeks|months|years|characters|letters|words)"
                    r"|how many (?:days|weeks|months|years)(?: apart)?(?: (?:is|was|are|were) (?:that|it|this|they))?"
                    r"|(?:(?:what(?:'s| is| are) )?(?:their|the) )?(?:total|sum)"
                    rf"|(?:(?:what(?:'s| is) )?(?:that|it) )?{IN_TOTAL}")


def answer_form(question: str) -> dict:
    """How the question asks the answer to give what it finds: a sum, a gap's unit and direction
    (QueryPlan.in_total, gap_unit, gap_after), only those it says, so that a follow-up ("how many
    weeks is that?") sets them on its thread's plan and leaves the thread's others (Pipeline.asked_again)."""
    low = " ".join(question.lower().split())
    said = {"in_total": bool(_TOTAL.search(low)), "gap_unit": (m := _GAP_UNIT.search(low)) and m[1],
            "gap_after": (m := _GAP_AFTER.search(low)) and m[1]}
    return {key: value for key, value in said.items() if value}


def ordinal(n: int) -> str:
    """'1st', '2nd', '13th', '21st': a number as an ordinal in figures."""
    return f"{n}{'th' if 10 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def number(word: str) -> int:
    """'3' or 'three' -> 3."""
    return int(word) if word.isdigit() else NUM_WORDS[word]


def field_of(words: str) -> str:
    """The count a wording names: "upvotes", "votes", "an upvote count" -> "upvotes"; "upvotes
    per author" -> "upvotes_per_author"; else "authors"."""
    if re.fullmatch(PER_AUTHOR, words):
        return "upvotes_per_author"
    return "upvotes" if re.match(UPVOTES + "|upvote", words) else "authors"
