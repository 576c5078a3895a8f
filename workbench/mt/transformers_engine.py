"""The reference backend: the original transformers model in fp32 (needs the convert extra).

It takes the same sentencepiece tokens as the CTranslate2 engine and maps them to ids with the
model's own vocabulary, so under greedy decoding both backends must emit the same tokens.
Weights are read from safetensors only.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

from workbench.mt.engine import DecodingOptions, EngineBase, Hypothesis, with_alternatives
from workbench.mt.families import family as family_named


class TransformersEngine(EngineBase):
    def __init__(self, folder: Path, model_name: str, family: str, threads: int) -> None:
        super().__init__(folder, model_name, family)
        torch.set_num_threads(threads)
        self.model = AutoModelForSeq2SeqLM.from_pretrained(str(folder), use_safetensors=True)
        self.model.eval()
        if family_named(family).vocabulary_source == "vocab.json":
            vocab: dict[str, int] = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        else:
            # Language tokens are not always in get_vocab() (M2M100): ask the tokenizer id by id.
            tokenizer = AutoTokenizer.from_pretrained(str(folder))
            size = int(self.model.config.vocab_size)
            vocab = {
                str(t): i for i, t in reversed(list(enumerate(tokenizer.convert_ids_to_tokens(list(range(size))))))
            }
        self.token_to_id = vocab
        self.id_to_token = {i: t for t, i in vocab.items()}
        self.unk_id = vocab.get("<unk>", 0)
        self.pad_id = int(self.model.config.pad_token_id)

    def translate_batch(self, texts: list[str], source: str, target: str, options: DecodingOptions) -> list[Hypothesis]:
        self.check_direction(source, target)
        ids = [
            [self.token_to_id.get(t, self.unk_id) for t in self.codec.source_tokens(x, source, target)] for x in texts
        ]
        width = max(len(row) for row in ids)
        input_ids = torch.tensor([row + [self.pad_id] * (width - len(row)) for row in ids])
        attention = torch.tensor([[1] * len(row) + [0] * (width - len(row)) for row in ids])
        prefix = self.codec.target_prefix(target)
        caps = self.output_caps([len(row) for row in ids], target, options)
        extra: dict[str, float] = self.decoding_guards(options)
        if prefix:
            extra["forced_bos_token_id"] = self.token_to_id[prefix[0]]
        wanted = max(1, options.num_hypotheses)
        with torch.inference_mode():
            sequences = self.model.generate(
                input_ids=input_ids,
                attention_mask=attention,
                # n-best from the beam, widened for this call when narrower than the hypotheses asked for (as ct2)
                num_beams=max(options.beam_size, wanted),
                num_return_sequences=wanted,
                do_sample=False,
                max_new_tokens=max(caps),  # one limit per call, as CTranslate2's: each output is cut at its own
                min_new_tokens=options.min_output_tokens,
                forced_eos_token_id=None,
                **extra,
            )
        # The decoder start token (T5: decoder_start_token_id, no BOS forced), then any forced language token.
        skip = 1 + (1 if prefix else 0)
        hypotheses = []
        rows = sequences.tolist()
        for index in range(len(ids)):
            ranked: list[Hypothesis] = []
            for row in rows[index * wanted : (index + 1) * wanted]:
                generated = row[skip:]
                chosen: list[int] = []
                for token_id in generated:
                    # Only an ended row is padded, after its end token: a pad id before it is a token the model
                    # chose (MADLAD's pad is <s>), which CTranslate2 keeps too.
                    chosen.append(token_id)
                    if token_id == self.model.config.eos_token_id:
                        break
                decoded = [self.id_to_token.get(t, "<unk>") for t in chosen if t != self.model.config.eos_token_id]
                picked = self._log_probs(input_ids[index], attention[index], row[:skip], chosen)
                score = sum(picked) / len(picked) if picked else 0.0
                token_scores = (
                    picked[: len(decoded)] if options.token_scores and not ranked else ()
                )  # the best's, as ct2
                ranked.append(self.hypothesis(decoded, skip - 1, caps[index], score, len(ids[index]), token_scores))
            # generate returns a beam's hypotheses by their length-normalised beam score; best first
            hypotheses.append(with_alternatives(ranked))
        return hypotheses

    def _log_probs(self, source: torch.Tensor, mask: torch.Tensor, start: list[int], chosen: list[int]) -> list[float]:
        """The log-probability of each token the model chose (its end token included), from one teacher-forced
        pass: their mean is the hypothesis's score, the ones before the end token its token scores.

        Scoring afterwards, one sentence at a time, avoids keeping every step's full-vocabulary scores
        during generation (gigabytes for NLLB's 256k vocabulary at beam 4)."""
        if not chosen:
            return []
        decoder_input = torch.tensor([start + chosen[:-1]])
        with torch.inference_mode():
            logits = self.model(
                input_ids=source.unsqueeze(0), attention_mask=mask.unsqueeze(0), decoder_input_ids=decoder_input
            ).logits[0, len(start) - 1 :]
            log_probs = torch.log_softmax(logits.float(), dim=-1)
            picked = log_probs[torch.arange(len(chosen)), torch.tensor(chosen)]
        return [float(x) for x in picked]
