"""Facts about the project's languages, kept in one place.

Segmentation, import (encoding detection), MT post-processing and the QA checks all read these
tables, so a rule about Vietnamese or Khmer text is written once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from workbench.core.exporting.xml_characters import xml_text

# --- The project's languages ----------------------------------------------------------------------

#: what every project translates from, and the languages it can translate into
VIETNAMESE = "vi"
ENGLISH = "en"
KHMER = "km"
TARGET_LANGUAGES = (ENGLISH, KHMER)
#: scripts written without spaces between words (chrF counts characters only there: word order 0)
UNSPACED = frozenset({"km", "lo", "th", "my", "zh", "ja"})


def chrf_word_order(language: str) -> int:
    """chrF's word n-gram order for text in `language`: chrF++ (2) where words are spaced, characters only (0)
    where they are not (`models evaluate` and the quality estimate's round trip and agreement alike)."""
    return 0 if language in UNSPACED else 2


# --- Vietnamese -----------------------------------------------------------------------------------

#: Vowels carrying a quality mark (circumflex, breve, horn) but no tone.
VIETNAMESE_BASE_VOWELS = "aăâeêioôơuưy"

#: Combining tone marks in Unicode order used by Vietnamese: grave, acute, tilde, hook above, dot below.
VIETNAMESE_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

_ONSETS = "ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_NUCLEI = (
    # triphthongs first so the longest group wins
    "iêu|yêu|oai|oao|oay|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|yê|"
    "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
_CODAS = "ch|ng|nh|c|m|n|p|t"
_SYLLABLE = regex.compile(rf"(?:{_ONSETS})?(?:{_NUCLEI})(?:{_CODAS})?")


#: Quotation marks that open a quotation and the mark that closes each: Vietnamese print uses “ ”, some
#: publishers « », nested quotations ‘ ’, and typed text the straight " (which opens and closes alike).
QUOTATION_MARKS = {"“": "”", "«": "»", "‘": "’", '"': '"'}

#: "tháng 4" is April: a translation may name the month instead of giving its number
VIETNAMESE_MONTH = regex.compile(r"\btháng\s+(0?[1-9]|1[0-2])\b", regex.IGNORECASE)
MONTH_NAMES = {
    "en": ("january|jan", "february|feb", "march|mar", "april|apr", "may", "june|jun", "july|jul",
           "august|aug", "september|sept|sep", "october|oct", "november|nov", "december|dec"),
    "km": ("មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ"),
}  # fmt: skip
_MONTH_NAME = {  # Khmer writes words without spaces ("ខែមេសា", month April): no word boundaries there
    code: [
        regex.compile(names if code == "km" else rf"(?<![\p{{L}}\p{{M}}])(?:{names})(?![\p{{L}}\p{{M}}])", regex.I)
        for names in months
    ]
    for code, months in MONTH_NAMES.items()
}


def months_named(source: str, target: str, language: str) -> set[str]:
    """The month numbers of `source` ("tháng 4") that `target` gives by name ("April", "មេសា"), as digit strings."""
    patterns = _MONTH_NAME.get(language)
    if not patterns or "háng" not in source.casefold():
        return set()
    numbers = {int(n) for n in VIETNAMESE_MONTH.findall(source)}
    return {str(n) for n in numbers if patterns[n - 1].search(target)}


def language_code(tag: str) -> str:
    """The bare language of a tag as files write it: "km_KH", "en-US", " vi " -> "km", "en", "vi"."""
    return tag.strip().replace("_", "-").split("-")[0].lower()


def strip_tone(word: str) -> tuple[str, int]:
    """Return the word without tone marks (quality marks kept) and how many tone marks it had."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = sum(1 for ch in decomposed if ch in VIETNAMESE_TONE_MARKS)
    bare = "".join(ch for ch in decomposed if ch not in VIETNAMESE_TONE_MARKS)
    return unicodedata.normalize("NFC", bare), tones


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """True if `word` is spelled like a Vietnamese syllable (onset, vowel group, coda, at most one tone).

    Used to tell which legacy encoding turns a byte string into real Vietnamese.
    """
    bare, tones = strip_tone(word.lower())
    if tones > 1 or not bare:
        return False
    return _SYLLABLE.fullmatch(bare) is not None


def strip_diacritics(text: str) -> str:
    """Fold Vietnamese text to plain letters (hòa -> hoa, Đà -> Da), for diacritic-blind search."""
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("đ", "d").replace("Đ", "D")


# --- Khmer ----------------------------------------------------------------------------------------

KHMER_BLOCK = (0x1780, 0x17FF)
KHMER_SYMBOLS_BLOCK = (0x19E0, 0x19FF)
KHMER_FULL_STOP = "\u17d4"  # ។ khan
KHMER_END_OF_TEXT = "\u17d5"  # ៕ bariyoosan
KHMER_DIGITS = "០១២៣៤៥៦៧៨៩"
_TO_KHMER_DIGITS = str.maketrans("0123456789", KHMER_DIGITS)
_FROM_KHMER_DIGITS = str.maketrans(KHMER_DIGITS, "0123456789")
_KHMER_DIGIT = regex.compile("[០-៩]")


def is_khmer_char(ch: str) -> bool:
    code = ord(ch)
    return KHMER_BLOCK[0] <= code <= KHMER_BLOCK[1] or KHMER_SYMBOLS_BLOCK[0] <= code <= KHMER_SYMBOLS_BLOCK[1]


def to_khmer_digits(text: str) -> str:
    return text.translate(_TO_KHMER_DIGITS)


def to_ascii_digits(text: str) -> str:
    """Khmer digits read as the same numbers as ASCII ones (QA compares numbers this way)."""
    if not _KHMER_DIGIT.search(text):  # the usual case, and far faster than translate() on a long text
        return text
    return text.translate(_FROM_KHMER_DIGITS)


# --- Per-language sentence ends -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LanguageInfo:
    code: str
    name: str
    #: Characters that end a sentence in this language.
    sentence_ends: str
    #: Name of the rule set in the segmentation rules file.
    srx_rules: str
    has_case: bool
    uses_spaces_between_words: bool


LANGUAGES: dict[str, LanguageInfo] = {
    "vi": LanguageInfo("vi", "Vietnamese", ".?!…", "Vietnamese", True, True),
    "en": LanguageInfo("en", "English", ".?!…", "English", True, True),
    "km": LanguageInfo("km", "Khmer", "។៕?!", "Khmer", False, False),
}


def language(code: str) -> LanguageInfo:
    try:
        return LANGUAGES[code]
    except KeyError:
        known = ", ".join(sorted(LANGUAGES))
        raise ValueError(f"unknown language code {code!r} (known: {known})") from None


# --- Characters that must never reach a segment ---------------------------------------------------

#: Zero-width and direction controls that sneak in from web pages and Word.
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"
_MULTIPLE_SPACES = regex.compile(r" {2,}")


#: anything `clean_text` would change inside a text (a short text without any is only trimmed)
_TO_CLEAN = re.compile("[\x00-\x1f\x7f-\xa0\u00ad\u200b-\u200f\u202f\u2060\ufeff\ufffe\uffff\ud800-\udfff]|  ")
#: below this length one look for all of them is faster than a look for each (a run of a Word paragraph)
_SHORT = 200


def is_clean_text(text: str) -> bool:
    """Whether `clean_text` would only trim `text` (NFC already, nothing to take out or fold)."""
    return _TO_CLEAN.search(text) is None and unicodedata.is_normalized("NFC", text)


def clean_text(text: str) -> str:
    """NFC, no invisible characters or control codes, non-breaking spaces as spaces, runs of spaces folded,
    trimmed."""
    if len(text) < _SHORT and is_clean_text(text):
        return text.strip()
    text = unicodedata.normalize("NFC", xml_text(text))
    for invisible in INVISIBLE_CHARS:
        if invisible in text:
            text = text.replace(invisible, "")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\t", " ")
    return _MULTIPLE_SPACES.sub(" ", text).strip() if "  " in text else text.strip()
