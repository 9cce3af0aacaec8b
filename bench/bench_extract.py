"""Throughput of the news extractor, in KB of UTF-8 text per second.

Measured on the seed bulletin repeated (when ``../shared`` is present) and on
generated bulletin-style text built from templates with random names, against a
baseline measured in the same run: segmentation alone of the same text
(``Lexicon.tokenize``, jieba's words). Shown for one process (``workers=1``) and for
``workers=0`` (the default: worker processes on large inputs), by wall time and by CPU
time (this process and its workers: what the run costs when other programs share the
machine). The target is at least 200 KB/s for the whole extractor.

Run: ``python bench/bench_extract.py [--kb 1000] [--seed shared/seeds/000_….txt]``
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

from ecox.loaders.extraction import extract_reports
from ecox.loaders.lexicon import get_lexicon
from ecox.loaders.reports import split_articles

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_c4380c094f2be0d5.txt"

_PLACES = ["杭州", "苏州", "合肥", "武汉", "成都", "西安", "青岛", "厦门", "长沙", "南京"]
_TRADE = ["启明", "云帆", "极光", "星河", "澜石", "曜华", "衡川", "青禾", "博睿", "知微"]
_INDUSTRY = ["智能装备", "生物科技", "新材料", "微电子", "机器人", "信息技术"]
_BANKS = ["招商银行", "宁波银行", "兴业银行", "交通银行", "杭州银行"]
_SURNAMES = "王李张刘陈杨赵黄周吴"
_GIVEN = "明华强伟芳军洁静磊敏涛"
_TEMPLATES = [
    "{y}年{m}月,{co}获得{bank}{city}分行发放的贷款{n}万元。",
    "{co}创始人{person}表示,公司将继续加大研发投入。",
    "据{person}介绍,{co}于{y}年入驻{city}高新区,目前员工超过{n}人。",
    "{city}{trade}创投领投了{co}的A轮融资,金额达{n}万元。",
    "{bank}{city}分行副行长{person}介绍,该行为科技型企业提供了专属信贷产品。",
    "{city}市科技局联合{bank}{city}分行推出科技贷款风险补偿机制。",
    "近年来,科技金融持续发力,各类创新产品不断涌现,服务实体经济的能力稳步提升。",
]


def generated_text(kb: int, seed: int = 7) -> str:
    """Bulletin-style text of about ``kb`` KB (UTF-8), with 来源 lines every 12 sentences."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    n = 0
    while size < kb * 1024:
        city = rng.choice(_PLACES)
        trade = rng.choice(_TRADE)
        co = f"{city}{trade}{rng.choice(_INDUSTRY)}有限公司"
        person = rng.choice(_SURNAMES) + "".join(rng.sample(_GIVEN, 2))
        s = rng.choice(_TEMPLATES).format(
            y=rng.randint(2018, 2025),
            m=rng.randint(1, 12),
            co=co,
            bank=rng.choice(_BANKS),
            city=city,
            n=rng.randint(10, 9000),
            person=person,
            trade=trade,
        )
        parts.append(s)
        n += 1
        if n % 12 == 0:
            day = f"{rng.randint(2024, 2026)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            parts.append(f"\n来源:科技日报 {day}\n")
        size += len(s.encode("utf-8"))
    return "".join(parts)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _rate(fn, text: str, repeat: int = 3) -> tuple[float, float]:
    """Best KB/s of ``repeat`` runs, by wall time and by CPU time."""
    kb = len(text.encode("utf-8")) / 1024
    wall = cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), _cpu()
        fn(text)
        wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, _cpu() - c0)
    return kb / wall, kb / cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=1000, help="size of each test text in KB")
    parser.add_argument("--seed", type=Path, default=SEED, help="the seed bulletin's text file")
    args = parser.parse_args()
    lex = get_lexicon()  # loading is not part of the throughput
    extract_reports(split_articles("预热文本:杭州启明科技有限公司。"))
    texts = {}
    if args.seed.exists():
        seed = args.seed.read_text(encoding="utf-8")
        reps = max(1, round(args.kb * 1024 / len(seed.encode("utf-8"))))
        texts["seed bulletin repeated"] = seed * reps
    texts["generated"] = generated_text(args.kb)
    head = ("text", "KB", "segmenter", "1 process", "workers=0", "ratio")
    print(f"{head[0]:<24} {head[1]:>6} {head[2]:>11} {head[3]:>11} {head[4]:>11} {head[5]:>6}")
    for name, text in texts.items():
        base = _rate(lambda t: lex.tokenize(t), text)
        one = _rate(lambda t: extract_reports(split_articles(t), workers=1), text)
        auto = _rate(lambda t: extract_reports(split_articles(t), workers=0), text)
        kb = len(text.encode("utf-8")) / 1024
        cells = " ".join(f"{w:5.0f}/{c:<5.0f}" for w, c in (base, one, auto))
        print(f"{name:<24} {kb:6.0f} {cells} {one[1] / base[1]:6.2f}")
    print("KB/s of UTF-8 text, wall/CPU; ratio = one process / segmentation alone (CPU)")


if __name__ == "__main__":
    main()
