"""Highlighted titles and snippets, made from the original text.

Every backend matches analysed terms (stems such as সরকা or disabl), so their own highlighters
(FTS5 snippet(), ts_headline, Elasticsearch highlighting) could only show those stems. Here the
original words are marked instead, by analysing each word of the text exactly as the index did;
the same code serves every backend, so highlights never differ between them.
"""

from __future__ import annotations

from collections.abc import Collection

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from bangla import edit_distance, normalize, word_spans

SNIPPET_CHARS = 240
# Look for a match only this far into a long text (a circular's PDF): past it, show the start.
SCAN_CHARS = 20_000


def _fuzzy_limit(word: str) -> int:
    # Elasticsearch's fuzziness AUTO: exact up to 2 letters, 1 edit up to 5, then 2.
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


def _matches(text, terms, fuzzy_words):
    fuzzy = [normalize(word) for word in fuzzy_words]
    for start, end, term in word_spans(text):
        if term in terms:
            yield start, end
        elif fuzzy and term.isascii():
            word = normalize(text[start:end])
            if any(edit_distance(word, f, _fuzzy_limit(f)) <= _fuzzy_limit(f) for f in fuzzy):
                yield start, end


def _mark(text, spans, offset=0) -> str:
    html, position = [], 0
    for start, end in spans:
        start, end = start - offset, end - offset
        if start < position:
            continue
        html.append(escape(text[position:start]))
        html.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    html.append(escape(text[position:]))
    return "".join(html)


def highlight(text: str, terms: Collection[str], fuzzy_words: Collection[str] = ()) -> SafeString:
    """`text` escaped, with every word whose analysed form is one of `terms` in <mark>."""
    if not text:
        return mark_safe("")
    spans = list(_matches(text, terms, fuzzy_words)) if terms or fuzzy_words else []
    return mark_safe(_mark(text, spans))  # every piece is escaped by _mark


def snippet(
    text: str,
    terms: Collection[str],
    fuzzy_words: Collection[str] = (),
    size: int = SNIPPET_CHARS,
) -> SafeString:
    """About `size` characters of `text` around its first match, matches marked.

    Without a match (the document matched on its title or keywords) the text's beginning is
    shown. Cuts fall on spaces and are shown with an ellipsis.
    """
    if not text:
        return mark_safe("")
    first = None
    if terms or fuzzy_words:
        first = next(iter(_matches(text[:SCAN_CHARS], terms, fuzzy_words)), None)
    start = 0
    if first is not None and first[0] > size // 4:
        start = first[0] - size // 4
        space = text.find(" ", start, first[0])
        start = space + 1 if space != -1 else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start + size // 2, end)
        end = space if space != -1 else end
    window = text[start:end]
    spans = list(_matches(window, terms, fuzzy_words)) if terms or fuzzy_words else []
    html = _mark(window, spans)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + html + suffix)  # every piece is escaped by _mark
