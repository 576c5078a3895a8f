"""The run-time backend: CTranslate2 on the CPU, int8, no torch.

Two replicas (`inter_threads=2`) share one copy of the weights, each with every thread: a pre-translation
decodes on one while "translate this segment now" is answered on the other (mt/pipeline.py), for under
10 MB more than one replica. The translator is thread-safe: a call beyond the two waits for a free one.
"""

from __future__ import annotations

from pathlib import Path

import ctranslate2

from workbench.mt.engine import DecodingOptions, EngineBase, Hypothesis, cut_at_cap, with_alternatives


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
        wanted = max(1, options.num_hypotheses)
        results = self.translator.translate_batch(
            batch,
            target_prefix=[prefix] * len(batch) if prefix else None,
            # n-best comes from the beam: a beam narrower than the hypotheses asked for is widened for this call
            # (`return_alternatives` would vary the first free token only, not rank whole outputs)
            beam_size=max(options.beam_size, wanted),
            num_hypotheses=wanted,
            max_decoding_length=limit,
            min_decoding_length=options.min_output_tokens,
            return_scores=True,
            **self.decoding_guards(options),
        )
        forced = len(prefix) if prefix else 0
        decoded = [[list(tokens)[forced:] for tokens in result.hypotheses] for result in results]
        # the best hypothesis only: scoring costs about what decoding did, so scoring 4 would cost 4 times more
        scored = self._token_scores(batch, [d[:1] for d in decoded], prefix, caps) if options.token_scores else None
        hypotheses = []
        for index, (result, cap, source_tokens) in enumerate(zip(results, caps, batch, strict=True)):
            ranked = [
                self.hypothesis(
                    tokens,
                    forced,
                    cap,
                    _mean_log_prob(score, forced, len(tokens), limit),
                    len(source_tokens),
                    scored[index][rank] if scored is not None and rank == 0 else (),
                )
                for rank, (tokens, score) in enumerate(zip(decoded[index], result.scores, strict=True))
            ]
            hypotheses.append(with_alternatives(ranked))
        return hypotheses

    def _token_scores(
        self, batch: list[list[str]], decoded: list[list[list[str]]], prefix: list[str] | None, caps: list[int]
    ) -> list[list[list[float]]]:
        """Each output token's log-probability, from one teacher-forced pass (`score_batch`) over every hypothesis
        cut at its cap: the forced prefix is skipped (`offset`) and the end token score_batch adds is dropped."""
        forced = len(prefix) if prefix else 0
        sources: list[list[str]] = []
        targets: list[list[str]] = []
        for source_tokens, hypotheses, cap in zip(batch, decoded, caps, strict=True):
            for tokens in hypotheses:
                sources.append(source_tokens)
                targets.append([*(prefix or []), *cut_at_cap(tokens, forced, cap)[0]])
        results = self.translator.score_batch(sources, targets, offset=forced) if targets else []
        flat = [list(r.log_probs)[:-1] for r in results]
        out: list[list[list[float]]] = []
        at = 0
        for hypotheses in decoded:
            out.append(flat[at : at + len(hypotheses)])
            at += len(hypotheses)
        return out


def _mean_log_prob(score: float, forced: int, generated: int, limit: int) -> float:
    """CTranslate2 divides the summed log-probability by the whole length, forced prefix and end token
    included; the confidence we keep is the mean over the tokens the model chose (as transformers gives).
    An output cut at its own cap keeps the mean of the whole run decoded (both backends do so)."""
    ended = forced + generated < limit
    length = forced + generated + (1 if ended else 0)
    chosen = length - forced
    return float(score) * length / chosen if chosen else 0.0
