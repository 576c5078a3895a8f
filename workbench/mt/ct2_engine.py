"""The run-time backend: CTranslate2 on the CPU, int8, no torch.

Two replicas (`inter_threads=2`) share one copy of the weights, each with every thread: a pre-translation
decodes on one while "translate this segment now" is answered on the other (mt/pipeline.py), for under
10 MB more than one replica. The translator is thread-safe: a call beyond the two waits for a free one.
"""

from __future__ import annotations

from pathlib import Path

import ctranslate2

from workbench.mt.engine import DecodingOptions, EngineBase, Hypothesis


class Ct2Engine(EngineBase):
    #: calls decoded at once, on replicas sharing the weights
    parallel_calls = 2

    def __init__(self, folder: Path, model_name: str, family: str, threads: int) -> None:
        super().__init__(folder, model_name, family)
        self.translator = ctranslate2.Translator(
            str(folder),
            device="cpu",
            compute_type="default",
            inter_threads=self.parallel_calls,
            intra_threads=threads,
        )

    def translate_batch(self, texts: list[str], source: str, target: str, options: DecodingOptions) -> list[Hypothesis]:
        self.check_direction(source, target)
        batch = [self.codec.source_tokens(text, source, target) for text in texts]
        prefix = self.codec.target_prefix(target)
        caps = self.output_caps([len(t) for t in batch], target, options)
        limit = max(caps)  # CTranslate2 has one max_decoding_length per call: each output is cut at its own
        results = self.translator.translate_batch(
            batch,
            target_prefix=[prefix] * len(batch) if prefix else None,
            beam_size=options.beam_size,
            max_decoding_length=limit,
            min_decoding_length=options.min_output_tokens,
            return_scores=True,
            **self.decoding_guards(options),
        )
        hypotheses = []
        forced = len(prefix) if prefix else 0
        for result, cap, source_tokens in zip(results, caps, batch, strict=True):
            decoded = list(result.hypotheses[0])[forced:]
            score = _mean_log_prob(result.scores[0], forced, len(decoded), limit)
            hypotheses.append(self.hypothesis(decoded, forced, cap, score, len(source_tokens)))
        return hypotheses


def _mean_log_prob(score: float, forced: int, generated: int, limit: int) -> float:
    """CTranslate2 divides the summed log-probability by the whole length, forced prefix and end token
    included; the confidence we keep is the mean over the tokens the model chose (as transformers gives).
    An output cut at its own cap keeps the mean of the whole run decoded (both backends do so)."""
    ended = forced + generated < limit
    length = forced + generated + (1 if ended else 0)
    chosen = length - forced
    return float(score) * length / chosen if chosen else 0.0
