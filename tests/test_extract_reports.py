"""Report files: encodings, HTML, bad input, bulletin splitting (loaders.reports)."""

from pathlib import Path

import pytest

from ecox.loaders.errors import SchemaError
from ecox.loaders.extraction import extract_files, extract_text
from ecox.loaders.reports import load_reports, read_report_text, split_articles

ARTICLE = (
    "青禾创投领投一家机器人企业\n"
    "2025年6月,杭州青禾智能装备有限公司获得南京银行杭州分行发放的贷款600万元。\n"
    "来源:钱江晚报 王一 2025-07-02\n"
)


def _names(extraction):
    return set(extraction.entities["name"])


def test_utf8_without_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    assert "杭州青禾智能装备有限公司" in _names(extract_files([path]))


def test_utf8_with_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    reports = load_reports([path])
    assert reports[0].title == "青禾创投领投一家机器人企业"
    assert "南京银行杭州分行" in _names(extract_files([path]))


def test_gbk_file_is_detected(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(ARTICLE.encode("gbk"))
    reports = load_reports([path])
    assert reports[0].outlet == "钱江晚报" and reports[0].published == "2025-07-02"
    assert "杭州青禾智能装备有限公司" in _names(extract_files([path]))


def test_html_page_is_stripped(tmp_path):
    body = ARTICLE.replace("\n", "</p><p>")
    html = (
        "<!DOCTYPE html><html><head><title>t</title><style>p{color:red}</style>"
        "<script>var s = '北京某某有限公司';</script></head>"
        f"<body><p>{body}</p></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    text = read_report_text(path)
    assert "<p>" not in text and "color" not in text and "var s" not in text
    ex = extract_files([path])
    assert "杭州青禾智能装备有限公司" in _names(ex)
    assert "北京某某有限公司" not in _names(ex)


def test_binary_file_names_the_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(SchemaError, match=r"image\.txt") as info:
        extract_files([path])
    assert isinstance(info.value, ValueError)
    assert "binary" in str(info.value)


def test_undecodable_file_names_the_file(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\x81\x30abc\xff\xfe\xfd" * 3 + "正文".encode("utf-16-le")[:3])
    with pytest.raises(ValueError, match=r"odd\.txt"):
        extract_files([path])


def test_empty_file_gives_empty_result(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    ex = extract_files([path])
    assert ex.entities.empty and ex.relations.empty
    assert list(ex.relations.columns[:7]) == [
        "source",
        "target",
        "type",
        "amount_cny",
        "date",
        "article",
        "evidence",
    ]


def test_very_long_line(tmp_path):
    filler = "科技金融持续发力,服务实体经济。" * 20000
    text = filler + "2025年3月,苏州启明微电子有限公司获得宁波银行苏州分行贷款300万元。" + filler
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    ex = extract_files([path])
    assert "苏州启明微电子有限公司" in _names(ex)
    rel = ex.relations[ex.relations.type == "LENT_TO"]
    assert len(rel) == 1 and rel.iloc[0].amount_cny == 3_000_000


def test_text_without_actors():
    ex = extract_text("今天天气晴朗,大家一起去公园散步,心情很好。")
    assert ex.entities.empty and ex.relations.empty


def test_bulletin_split_and_offsets():
    text = (
        "简报\n第一篇标题\n正文一。\n来源：甲报 2026年1月4日\n"
        "第二篇\n正文二。\n来源: 乙报 丙丁 2026-01-28\n尾注"
    )
    reports = split_articles(text, "b.txt")
    assert [r.article for r in reports] == ["A1", "A2", "A3"]
    assert reports[0].title == "简报" and reports[0].published == "2026-01-04"
    assert reports[1].outlet == "乙报" and reports[1].published == "2026-01-28"
    assert reports[2].outlet is None
    for r in reports:
        assert text[r.offset : r.offset + len(r.text)] == r.text
        assert "来源" not in r.text


def test_write_and_read_back(tmp_path):
    ex = extract_text(ARTICLE, document="a.txt")
    ent_path, rel_path = ex.write(tmp_path / "out")
    import pandas as pd

    ents = pd.read_csv(ent_path, dtype=str, keep_default_na=False)
    rels = pd.read_csv(rel_path, dtype=str, keep_default_na=False)
    assert set(ents.columns) >= {"id", "name", "types", "aliases", "articles"}
    row = rels[rels.type == "LENT_TO"].iloc[0]
    assert row.amount_cny == "6000000" and row.currency == "CNY" and row.date == "2025-06"
    assert set(rels.source) | set(rels.target) <= set(ents.id)
    report = ex.reports[0]
    assert report.text[int(row.span_start) : int(row.span_end)] == row.evidence


def test_worker_processes_give_the_same_tables():
    from ecox.loaders.extraction import extract_reports

    text = (Path(__file__).resolve().parent / "data" / "extract" / "own_bulletin.txt").read_text(
        encoding="utf-8"
    )
    reports = split_articles(text * 3, "own.txt")
    one = extract_reports(reports, workers=1)
    two = extract_reports(reports, workers=2)
    assert one.entities.equals(two.entities)
    assert one.relations.equals(two.relations)
    assert one.candidates.equals(two.candidates)  # scored in the workers
    assert len(one.relations) > 20 and len(one.candidates) > 20
