"""Khmer text split into words, for spell checking and word counts (Khmer writes no spaces between words).

Maximal matching over a word list (the shipped km_KH dictionary, 56,840 words): a run of Khmer is cut into
clusters (a base with its subscripts, vowels and signs), then into the fewest dictionary words that cover
the most clusters, by dynamic programming. Clusters that no dictionary word covers are kept together as one
unknown word: that is what the spell checker underlines. Needs no model and no package; a run is cut in
about its length times the longest word's cluster count of set look-ups.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

from workbench.core.resources import resource_path

#: the letters and signs of Khmer words; punctuation (។ ៕ ៖ ៗ ៛ ...), digits and spaces separate runs
_KHMER_RUN = regex.compile(r"[\u1780-\u17d3\u17dd]+")
#: a base (consonant or independent vowel), at most two coeng+consonant pairs, then dependent vowels and
#: signs; anything else in a run (a stray sign, a third subscript) is a cluster of its own
_CLUSTER = regex.compile(r"[\u1780-\u17b3](?:\u17d2[\u1780-\u17b3]){0,2}[\u17b4-\u17d1\u17d3\u17dd]*|.")
#: runs up to this long have their cut kept (a line re-checked after a keystroke); a longer run is cut each
#: time, never in fixed pieces: a piece boundary falls mid-word (the cut is linear in the run anyway)
_KEPT_RUN = 2000
SHIPPED_WORDS = resource_path("dictionaries", "km_KH", "km_KH.dic")

#: coeng DA and coeng TA look alike and texts write both (សក្ដានុពល, សក្តានុពល): words are compared with DA
#: written as TA, one character for one so the spans stay where they are
_COENG_DA = "\u17d2\u178a"

#: (start, end, known) of one word in the text
WordSpan = tuple[int, int, bool]


def clusters(word: str) -> list[str]:
    return _CLUSTER.findall(word)


class KhmerSegmenter:
    """Cuts Khmer runs into the words of one word list (the dictionary plus any words a person added)."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words: set[str] = set()
        self._prefixes: set[str] = set()
        self.longest = 1
        self.add(words)

    def add(self, words: Iterable[str]) -> None:
        for word in words:
            word = _folded(word)
            parts = clusters(word)
            if not parts or not _KHMER_RUN.fullmatch(word):
                continue
            self._words.add(word)
            self.longest = max(self.longest, len(parts))
            prefix = ""
            for part in parts[:-1]:
                prefix += part
                self._prefixes.add(prefix)
        self._kept_cut.cache_clear()

    def copy(self) -> KhmerSegmenter:
        """A segmenter with the same words, to which more can be added without changing this one."""
        twin = KhmerSegmenter(())
        twin._words, twin._prefixes, twin.longest = set(self._words), set(self._prefixes), self.longest
        return twin

    def __contains__(self, word: str) -> bool:
        return _folded(word) in self._words

    def spans(self, text: str) -> list[WordSpan]:
        """Every Khmer word of `text` as (start, end, known), in order."""
        found: list[WordSpan] = []
        for run in _KHMER_RUN.finditer(text):
            start = run.start()
            folded = _folded(run.group())
            cut = self._kept_cut(folded) if len(folded) <= _KEPT_RUN else self._cut_run(folded)
            found.extend((start + a, start + b, known) for a, b, known in cut)
        return found

    def words(self, text: str) -> list[str]:
        return [text[a:b] for a, b, _known in self.spans(text)]

    @lru_cache(maxsize=4096)  # noqa: B019 - one segmenter per word list, kept for the program's life
    def _kept_cut(self, run: str) -> tuple[WordSpan, ...]:
        return self._cut_run(run)

    def _cut_run(self, run: str) -> tuple[WordSpan, ...]:
        """The whole run cut at once: each cluster tries at most `longest` words, so the work is linear."""
        parts = clusters(run)
        n = len(parts)
        ends = [0] * (n + 1)
        for i, part in enumerate(parts):
            ends[i + 1] = ends[i] + len(part)
        # best[i]: (unknown clusters, words) for parts[i:], and where its first word ends
        best: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        step = [n] * (n + 1)
        words, prefixes, longest = self._words, self._prefixes, self.longest
        for i in range(n - 1, -1, -1):
            unknown, count = best[i + 1]
            choice, cut = (unknown + 1, count + 1), i + 1
            candidate = ""
            for j in range(i, min(n, i + longest)):
                candidate += parts[j]
                if candidate in words:
                    after = best[j + 1]
                    option = (after[0], after[1] + 1)
                    if option < choice:
                        choice, cut = option, j + 1
                if candidate not in prefixes:
                    break
            best[i], step[i] = choice, cut
        spans: list[WordSpan] = []
        i = 0
        while i < n:
            cut = step[i]
            known = "".join(parts[i:cut]) in words
            if not known and spans and not spans[-1][2] and spans[-1][1] == ends[i]:
                spans[-1] = (spans[-1][0], ends[cut], False)  # unknown clusters stay one unknown word
            else:
                spans.append((ends[i], ends[cut], known))
            i = cut
        return tuple(spans)


def _folded(text: str) -> str:
    return text.replace(_COENG_DA, "\u17d2\u178f") if _COENG_DA in text else text


def read_word_list(data: bytes, encoding: str = "utf-8") -> list[str]:
    """The words of a hunspell .dic file's text (its first line is the count; flags after '/' dropped).
    Raises UnicodeDecodeError for bytes not in `encoding` (the caller names the file)."""
    lines = data.decode(encoding).lstrip("\ufeff").splitlines()
    return [line.split("/", 1)[0].strip() for line in lines[1:] if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def shipped_segmenter() -> KhmerSegmenter:
    """The segmenter of the shipped km_KH word list (loaded once, on first use: about 0.2 s)."""
    return KhmerSegmenter(read_word_list(SHIPPED_WORDS.read_bytes()))


def khmer_words(text: str) -> list[str]:
    """The Khmer words of `text`, in order (anything that is not Khmer script is left out)."""
    if not _KHMER_RUN.search(text):
        return []
    return shipped_segmenter().words(text)
