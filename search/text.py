"""Chinese text handling for the search index and queries: segmentation, pinyin, normalisation.

jieba segments (search mode yields the sub-words too: 营业执照 → 营业, 执照, 营业执照);
pypinyin gives the full pinyin and the initials of title words so that `yyzz` or
`yingyezhizhao` find 营业执照.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import jieba
from pypinyin import Style, lazy_pinyin

jieba.setLogLevel(logging.WARNING)

MAX_QUERY_CHARS = 64
MAX_TERM_CHARS = 64

# Words that carry no meaning for finding a service (办理营业执照 → 营业执照).
STOPWORDS = frozenset(
    """
    的 了 和 与 及 或 在 是 我 你 要 想 把 被 给 对 等 之 其 怎么 怎样 如何 哪里 哪儿 什么 需要 我要 我想
    想要 办理 申请 办 查询 咨询 请问 一下 可以 能否 能不能 吗 呢 啊 吧 有关 相关 关于 进行 以及 或者
    """.split()
)

# Domain words jieba should keep whole (so that 开饭店 is not only 开 + 饭店).
DOMAIN_WORDS = (
    "营业执照",
    "个体工商户",
    "开饭店",
    "开店",
    "开药店",
    "开公司",
    "食品经营许可",
    "居住证",
    "社保卡",
    "社保",
    "医保",
    "公积金",
    "身份证",
    "社会保障卡",
    "驾驶证",
    "驾照",
    "不动产",
    "出生医学证明",
    "失业登记",
    "失业金",
    "户口",
    "网吧",
    "一件事",
    "告知承诺",
    "容缺受理",
    "免申即享",
)

_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[\w\u3400-\u9fff]", re.UNICODE)
_ASCII_WORD = re.compile(r"^[a-z0-9][a-z0-9\-_.]*$")
_init_lock = threading.Lock()
_initialised = False


def _ensure_jieba() -> None:
    global _initialised
    if _initialised:
        return
    with _init_lock:
        if _initialised:
            return
        jieba.initialize()
        for word in DOMAIN_WORDS:
            jieba.add_word(word, freq=200000)
        _initialised = True


def warm_up() -> None:
    """Load the segmenter's dictionary and run it once, so the first query is as fast as the rest."""
    _ensure_jieba()
    _search_terms(normalise("营业执照办理"), False)


def add_words(words: Iterable[str]) -> None:
    """Teach the segmenter curated words (synonym terms) so queries keep them whole."""
    _ensure_jieba()
    for word in words:
        if word and _CJK.search(word) and len(word) <= 12:
            jieba.add_word(word, freq=200000)


def normalise(text: str, *, limit: int | None = None) -> str:
    """NFKC (full-width → half-width), lower case, control characters removed, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    if limit is not None:
        text = text[:limit]
    return text


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def _keep(token: str, *, allow_single: bool) -> bool:
    token = token.strip()
    if not token or not _WORD.search(token) or token in STOPWORDS:
        return False
    if len(token) > MAX_TERM_CHARS:
        return False
    if len(token) == 1 and not allow_single:
        return False
    return True


def words(text: str) -> list[str]:
    """Precise segmentation (one reading of the text), normalised, without punctuation."""
    return list(_words(normalise(text)))


@lru_cache(maxsize=50_000)
def _words(normalised: str) -> tuple[str, ...]:
    _ensure_jieba()
    return tuple(
        t for t in (tok.strip() for tok in jieba.cut(normalised, HMM=True)) if t and _WORD.search(t)
    )


def search_terms(text: str, *, allow_single: bool = False) -> list[str]:
    """Search-mode segmentation: the words and their sub-words, unique, in order."""
    return list(_search_terms(normalise(text), allow_single))


@lru_cache(maxsize=50_000)  # volume data repeats the same texts: segment each once
def _search_terms(normalised: str, allow_single: bool) -> tuple[str, ...]:
    _ensure_jieba()
    seen: dict[str, None] = {}
    for token in jieba.cut_for_search(normalised, HMM=True):
        token = token.strip()
        if _keep(token, allow_single=allow_single):
            seen.setdefault(token, None)
    return tuple(seen)


@lru_cache(maxsize=100_000)
def _token_pinyin(token: str) -> tuple[str, str]:
    full = "".join(lazy_pinyin(token, errors="ignore")).lower()
    initials = "".join(lazy_pinyin(token, style=Style.FIRST_LETTER, errors="ignore")).lower()
    return full, initials


def pinyin_full(text: str) -> str:
    return "".join(_token_pinyin(t)[0] for t in words(text) if is_cjk(t))


def pinyin_initials(text: str) -> str:
    return "".join(_token_pinyin(t)[1] for t in words(text) if is_cjk(t))


def pinyin_terms(title: str, *, max_run: int = 4) -> list[str]:
    """Pinyin and initials of every run of up to `max_run` consecutive title words.

    个体工商户设立登记 → gtgsh, getigongshanghu, sldj, … so that a query typed in pinyin
    or initials is an exact (indexed) term lookup.
    """
    tokens = [t for t in words(title) if is_cjk(t)]
    spelled = [_token_pinyin(t) for t in tokens]
    out: dict[str, None] = {}
    for start in range(len(tokens)):
        for end in range(start + 1, min(start + max_run, len(tokens)) + 1):
            if sum(len(t) for t in tokens[start:end]) < 2:
                continue
            full = "".join(p[0] for p in spelled[start:end])
            initials = "".join(p[1] for p in spelled[start:end])
            if len(initials) >= 2:
                out.setdefault(initials[:MAX_TERM_CHARS], None)
            if full:
                out.setdefault(full[:MAX_TERM_CHARS], None)
    compact_len = sum(len(t) for t in tokens)
    if 2 <= compact_len <= 16:
        out.setdefault("".join(p[1] for p in spelled)[:MAX_TERM_CHARS], None)
        out.setdefault("".join(p[0] for p in spelled)[:MAX_TERM_CHARS], None)
    return list(out)


def looks_like_pinyin_or_code(token: str) -> bool:
    return bool(_ASCII_WORD.match(token))
