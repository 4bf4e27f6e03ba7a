"""The translation coverage table the compiler prints: article x language."""

from __future__ import annotations

from catalog import LANGUAGES


def coverage_table(coverage: dict[str, dict[str, bool]]) -> str:
    width = max([len("article"), *map(len, coverage)])
    lines = [f"{'article':<{width}}  " + "  ".join(f"{lang:>2}" for lang in LANGUAGES)]
    for article_id, languages in sorted(coverage.items()):
        marks = "  ".join(f"{'ok' if languages.get(lang) else '--':>2}" for lang in LANGUAGES)
        lines.append(f"{article_id:<{width}}  {marks}")
    totals = "  ".join(
        f"{sum(1 for langs in coverage.values() if langs.get(lang)):>2}" for lang in LANGUAGES
    )
    lines.append(f"{f'{len(coverage)} articles':<{width}}  {totals}")
    return "\n".join(lines)
