"""The model families, one registry entry each: what a family knows, asked by name instead of `if family == ...`.

A family says how a folder is recognised as its own (config.json model_type, its files, its tokenizer
class, the tokens in a converted vocabulary), which sentencepiece files it tokenizes with, how it names
the project's languages (and so how source and target are framed), whether it has one direction only,
where the transformers reference engine finds its vocabulary, and what converting it to CTranslate2
needs (M2M100's vocabulary patch). Like CTranslate2's converters, which register one loader class per
architecture: adding a family is one `register(ModelFamily(...))` here plus its test-model builder
(tests/builders/tiny_models.py) and, for `bench mt`, its random-weight builder (random_models.py).
A folder's family is found by model_files.family_of_folder, which reads the folder and asks detect_family.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from workbench.core.errors import WorkbenchError


@dataclass(frozen=True, slots=True)
class FolderFacts:
    """What the content checks of a model folder learnt, as detection reads it."""

    #: the checked files at the top of the folder
    files: Collection[str]
    #: config.json's model_type ("" when it has none, as in a CTranslate2 conversion)
    model_type: str = ""
    #: tokenizer_config.json's tokenizer_class, "" when there is none
    tokenizer_class: str = ""
    #: the tokens of a CTranslate2 shared_vocabulary.json
    vocabulary: Collection[str] = ()


@dataclass(frozen=True, slots=True)
class ModelFamily:
    name: str
    #: config.json model_type values of this family's transformers folders; a model_type no other family
    #: claims is proof enough, a shared one (NLLB and M2M100 are both m2m_100) is decided by the tokenizer
    model_types: tuple[str, ...]
    #: the sentencepiece model for the source side and the one that detokenizes the target
    source_spm: str
    target_spm: str
    #: project code -> the token that names the language: the source starts with it, the target is forced
    #: to start with it. Empty: the family names no languages (Marian: [*pieces, "</s>"], one direction).
    language_tokens: Mapping[str, str] = field(default_factory=dict)
    #: a model of the family translates one of these directions only, read from its name; the first is
    #: assumed when the name says none. Empty: any pair of its languages.
    fixed_directions: tuple[str, ...] = ()
    #: files that prove the family (checked before anything else)
    marker_files: tuple[str, ...] = ()
    #: a part of tokenizer_config.json's tokenizer_class that proves the family
    tokenizer_class: str = ""
    #: files that suggest the family when neither the tokenizer class nor the vocabulary says more
    hint_files: tuple[str, ...] = ()
    #: where the transformers reference engine finds token ids: "vocab.json", or "tokenizer" (asked id by id,
    #: as language tokens are not always in get_vocab())
    vocabulary_source: str = "tokenizer"
    #: a context manager for CTranslate2's converter (e.g. a patched vocabulary loader); None: none needed
    conversion_patch: Callable[[], AbstractContextManager[None]] | None = None
    #: True: the *target* language's token starts the source and nothing is forced on the target
    #: (MADLAD-400: ["▁", "<2km>", *pieces, "</s>"], "<2km> text" as sentencepiece cuts it); False: the
    #: source's token starts it, the target's is forced
    target_token_in_source: bool = False
    #: runaway-output guards passed to both backends: no n-gram of this size twice in an output (0: off),
    #: and the penalty on tokens already generated (1.0: off); the defaults change nothing on normal sentences
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0

    @property
    def tokenizer_files(self) -> tuple[str, ...]:
        """The sentencepiece files the runtime needs (copied into a conversion)."""
        return tuple(dict.fromkeys((self.source_spm, self.target_spm)))

    def language_token(self, language: str) -> str | None:
        """The token that names `language`, or None where the family names no languages."""
        if not self.language_tokens:
            return None
        try:
            return self.language_tokens[language]
        except KeyError:
            raise WorkbenchError(f"{self.name} models have no code for the language {language!r}") from None

    def forced_target_token(self, target: str) -> str | None:
        """The token the output is forced to start with, or None (no language named, or named in the source)."""
        return None if self.target_token_in_source else self.language_token(target)

    def direction_of(self, name: str) -> str | None:
        """The one direction a model of this name translates, or None where it translates any pair."""
        if not self.fixed_directions:
            return None
        return next((d for d in self.fixed_directions if d in name), self.fixed_directions[0])

    def converting(self) -> AbstractContextManager[None]:
        """What must hold while CTranslate2's converter converts a model of this family."""
        return self.conversion_patch() if self.conversion_patch else nullcontext()


_FAMILIES: dict[str, ModelFamily] = {}
#: the family assumed when nothing in a folder names one (a CTranslate2 conversion without tokenizer files)
FALLBACK = "nllb"


def register(model_family: ModelFamily) -> ModelFamily:
    """Add a family to the registry (or replace the one of the same name); returns it."""
    _FAMILIES[model_family.name] = model_family
    return model_family


def unregister(name: str) -> None:
    """Remove a family (for tests that register one of their own)."""
    _FAMILIES.pop(name, None)


def family(name: str) -> ModelFamily:
    try:
        return _FAMILIES[name]
    except KeyError:
        raise WorkbenchError(f"{name!r} is not a supported model family (known: {', '.join(_FAMILIES)})") from None


def families() -> tuple[ModelFamily, ...]:
    """Every registered family, in registration order (detection asks them in this order)."""
    return tuple(_FAMILIES.values())


def is_supported(name: str) -> bool:
    return name in _FAMILIES


def architectures() -> dict[str, tuple[ModelFamily, ...]]:
    """config.json model_type -> the families that use it."""
    found: dict[str, tuple[ModelFamily, ...]] = {}
    for candidate in _FAMILIES.values():
        for model_type in candidate.model_types:
            found[model_type] = (*found.get(model_type, ()), candidate)
    return found


def detect_family(facts: FolderFacts) -> ModelFamily:
    """The family of a folder: proof first (its marker files, a model_type only it uses), then its tokenizer
    class, then its Vietnamese token in a converted vocabulary, then its hint files; else the fallback."""
    owners = architectures().get(facts.model_type, ())
    names = set(facts.files)
    for candidate in _FAMILIES.values():
        if any(f in names for f in candidate.marker_files) or owners == (candidate,):
            return candidate
    for candidate in _FAMILIES.values():
        if candidate.tokenizer_class and candidate.tokenizer_class in facts.tokenizer_class:
            return candidate
    tokens = set(facts.vocabulary)
    for candidate in _FAMILIES.values():
        vietnamese = candidate.language_tokens.get("vi")
        if vietnamese and vietnamese in tokens:
            return candidate
    for candidate in _FAMILIES.values():
        if any(f in names for f in candidate.hint_files):
            return candidate
    return family(FALLBACK)


@contextmanager
def _loader_replaced(config_class: str, loader: Any) -> Iterator[None]:
    """CTranslate2's converter picks its loader by the transformers config class: use `loader` meanwhile."""
    from ctranslate2.converters import transformers as ct2_transformers

    registry = ct2_transformers._MODEL_LOADERS
    original = registry[config_class]
    registry[config_class] = loader
    try:
        yield
    finally:
        registry[config_class] = original


@contextmanager
def m2m100_vocabulary_from_tokenizer() -> Iterator[None]:
    """While converting, take M2M100's token list id by id from the model's own tokenizer.

    With transformers 5 CTranslate2's converter misses M2M100's language tokens (__vi__, __km__): they
    would be read as <unk>, or the conversion stops on a vocabulary size mismatch.
    """
    from ctranslate2.converters import transformers as ct2_transformers

    class Loader(ct2_transformers.M2M100Loader):
        def get_vocabulary(self, model: Any, tokenizer: Any) -> list[str]:
            tokens = [str(t) for t in tokenizer.convert_ids_to_tokens(list(range(model.config.vocab_size)))]
            seen: set[str] = set()
            for i, token in enumerate(tokens):  # ids past the tokenizer come back as <unk>: name them apart
                if token in seen:
                    tokens[i] = f"madeupword{i}"
                seen.add(tokens[i])
            return tokens

    with _loader_replaced("M2M100Config", Loader()):
        yield


@contextmanager
def t5_output_scale_as_transformers() -> Iterator[None]:
    """While converting, scale T5's decoder output exactly when transformers does.

    transformers 5 reports `tie_word_embeddings=True` for every T5 (it keeps what config.json said in
    `scale_decoder_outputs`), and CTranslate2 4.8's T5 converter scales the decoder output by d_model^-0.5
    whenever that flag is set. MADLAD-400's config.json says `tie_word_embeddings: false`: unpatched, greedy
    tokens stay the same but every log-probability (so beam search and the confidence) differs.
    """
    from ctranslate2.converters import transformers as ct2_transformers

    class Loader(ct2_transformers.T5Loader):
        def get_model_spec(self, model: Any) -> Any:
            config = model.config
            scaled = getattr(config, "scale_decoder_outputs", None)
            reported = config.tie_word_embeddings
            config.tie_word_embeddings = reported if scaled is None else bool(scaled)
            try:
                return super().get_model_spec(model)
            finally:
                config.tie_word_embeddings = reported

    with _loader_replaced("T5Config", Loader()):
        yield


#: Project code -> NLLB-200 (FLORES-200) code.
NLLB_CODES = {"vi": "vie_Latn", "en": "eng_Latn", "km": "khm_Khmr"}
#: Project code -> M2M100 language token.
M2M100_CODES = {"vi": "__vi__", "en": "__en__", "km": "__km__"}
#: Project code -> MADLAD-400 target-language token (it starts the *source*).
MADLAD_CODES = {"vi": "<2vi>", "en": "<2en>", "km": "<2km>"}

#: the runaway guards of the families (mt/runaway.py), measured on human text (tests/mt/test_runaway_guards.py):
#: the longest n-gram of tokens that human text repeats within one model input is 12-17 with four
#: tokenizers (the repeated title of a resolution in the samples' Vietnamese press prose; 21 in a 200-token
#: stretch of that sentence before it is cut at clauses), so an output repeating a 32-gram is no normal
#: sentence; a smaller no-repeat size would rewrite translations that repeat what their source repeats.
#: The repetition penalty stays off (1.0): every normal sentence reuses tokens (",", "▁the", "▁of"), so
#: any penalty changes normal outputs (and CTranslate2 then scores the penalised probabilities, so its
#: confidence would part from the reference backend's).
#: Each family below says it (a family whose tokenizer cuts finer may need a larger size).
NO_REPEAT_NGRAM_SIZE = 32

NLLB = register(
    ModelFamily(
        "nllb",
        model_types=("m2m_100",),
        source_spm="sentencepiece.bpe.model",
        target_spm="sentencepiece.bpe.model",
        language_tokens=NLLB_CODES,
        tokenizer_class="Nllb",
        no_repeat_ngram_size=NO_REPEAT_NGRAM_SIZE,
    )
)
M2M100 = register(
    ModelFamily(
        "m2m100",
        model_types=("m2m_100",),
        source_spm="sentencepiece.bpe.model",
        target_spm="sentencepiece.bpe.model",
        language_tokens=M2M100_CODES,
        tokenizer_class="M2M100",
        hint_files=("vocab.json",),
        conversion_patch=m2m100_vocabulary_from_tokenizer,
        no_repeat_ngram_size=NO_REPEAT_NGRAM_SIZE,
    )
)
MARIAN = register(
    ModelFamily(
        "marian",
        model_types=("marian",),
        source_spm="source.spm",
        target_spm="target.spm",
        fixed_directions=("vi-en", "vi-km", "en-km", "en-vi", "km-vi"),  # the last two: back-translation
        marker_files=("source.spm",),
        vocabulary_source="vocab.json",
        no_repeat_ngram_size=NO_REPEAT_NGRAM_SIZE,
    )
)
MADLAD = register(
    ModelFamily(
        "madlad",
        model_types=("t5",),
        source_spm="spiece.model",
        target_spm="spiece.model",
        language_tokens=MADLAD_CODES,
        marker_files=("spiece.model",),
        tokenizer_class="T5Tokenizer",
        conversion_patch=t5_output_scale_as_transformers,
        target_token_in_source=True,
        no_repeat_ngram_size=NO_REPEAT_NGRAM_SIZE,
    )
)
