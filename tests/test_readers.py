import gzip
import io
from datetime import date

import orjson
import pytest

from rasd.errors import InputError
from rasd.io.readers import decode_bytes, iter_articles, parse_date, read_articles

AR = "قتل خمسة أشخاص في قصف على المدينة."


def items(paths, **kw):
    return list(iter_articles([str(p) for p in paths], **kw))


def test_txt_title_and_text(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("\n\nعنوان الخبر\n\n" + AR + "\nسطر آخر.\n", encoding="utf-8")
    (a,) = read_articles([f])
    assert a.id == "a" and a.title == "عنوان الخبر"
    assert a.text == AR + "\nسطر آخر."
    assert a.source_path == str(f)


def test_json_one_and_list_and_fields(tmp_path):
    one = tmp_path / "one.json"
    one.write_bytes(orjson.dumps({"id": 7, "title": "ع", "content": AR, "date": "2024-03-14T10:00:00Z",
                                  "source": "وكالة", "url": "http://x"}))
    many = tmp_path / "many.json"
    many.write_bytes(orjson.dumps([{"body": AR, "published": "15/01/2024"}, {"text": AR}]))
    a, b, c = read_articles([one, many])
    assert (a.id, a.published, a.outlet, a.url) == ("7", date(2024, 3, 14), "وكالة", "http://x")
    assert (b.id, b.published) == ("many:1", date(2024, 1, 15))
    assert c.id == "many:2"


def test_jsonl_and_gz_ids(tmp_path):
    lines = b"".join(orjson.dumps({"text": AR, **({"id": "x"} if i == 1 else {})}) + b"\n" for i in range(3))
    (tmp_path / "a.jsonl").write_bytes(lines)
    with gzip.open(tmp_path / "b.jsonl.gz", "wb") as fh:
        fh.write(lines)
    ids = [a.id for a in read_articles([tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"])]
    assert ids == ["a:1", "x", "a:3", "b:1", "x", "b:3"]


def test_directory_recursive_sorted_known_only(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("ع\n" + AR, encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("ع\n" + AR, encoding="utf-8")
    (tmp_path / "notes.md").write_text(AR, encoding="utf-8")
    assert [a.id for a in read_articles([tmp_path])] == ["b", "sub/a"]


def test_html_main_text(tmp_path):
    body = "".join(f"<p>{AR} فقرة رقم {i} من نص الخبر الرئيسي الذي يتحدث عن الأحداث.</p>" for i in range(6))
    html = (f"<html><head><title>عنوان الصفحة</title></head><body><nav>الرئيسية | أخبار | رياضة</nav>"
            f"<article><h1>عنوان الصفحة</h1>{body}</article><footer>جميع الحقوق محفوظة</footer></body></html>")
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    (a,) = read_articles([f])
    assert "عنوان الصفحة" in a.title
    assert AR in a.text and "جميع الحقوق محفوظة" not in a.text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256"])
def test_encodings(tmp_path, encoding):
    f = tmp_path / "a.txt"
    f.write_bytes(("عنوان\n" + AR + " وأصيب عشرات آخرون بجروح متفاوتة.").encode(encoding))
    (a,) = read_articles([f])
    assert a.title == "عنوان" and a.text.startswith(AR)


def test_cp1256_longer_text_detected():
    text = "أعلنت وزارة الصحة أن حصيلة القتلى ارتفعت إلى عشرين شخصاً، بينهم نساء وأطفال، في حين تواصل فرق الإنقاذ عملها."
    assert decode_bytes(text.encode("cp1256"), "x") == text


def test_stdin_jsonl_and_text():
    data = orjson.dumps({"id": "s1", "text": AR}) + b"\n" + orjson.dumps({"text": AR}) + b"\n"
    got = list(iter_articles(["-"], stdin=io.BytesIO(data)))
    assert [a.id for a in got] == ["s1", "stdin:2"]
    (a,) = list(iter_articles(["-"], stdin=io.BytesIO(("عنوان\n" + AR).encode())))
    assert (a.id, a.title, a.text) == ("stdin", "عنوان", AR)


def test_bad_date_is_a_warning_not_a_failure(tmp_path):
    f = tmp_path / "a.json"
    f.write_bytes(orjson.dumps({"text": AR, "date": "not a date at all"}))
    warned = []
    (a,) = list(iter_articles([str(f)], warn=warned.append))
    assert a.published is None and "unreadable date" in warned[0]


def test_parse_date_formats():
    assert parse_date("2015-07-21") == date(2015, 7, 21)
    assert parse_date("2015-07-21T08:00:00+03:00") == date(2015, 7, 21)
    assert parse_date("21/07/2015") == date(2015, 7, 21)
    assert parse_date("Tue, 21 Jul 2015 10:00:00 GMT") == date(2015, 7, 21)
    assert parse_date("July 21, 2015") == date(2015, 7, 21)
    assert parse_date("") is None


# -- bad input: a clear InputError naming the file (and line) and the reason; the rest still read --

def errors_and_ids(tmp_path, **kw):
    got = items([tmp_path], **kw)
    errs = {(e.path.rsplit("/", 1)[-1], e.line): e.reason for e in got if isinstance(e, InputError)}
    ids = [a.id for a in got if not isinstance(a, InputError)]
    return errs, ids


def test_bad_inputs_do_not_stop_the_batch(tmp_path):
    (tmp_path / "good.txt").write_text("ع\n" + AR, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("\n  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "english.txt").write_text("Title\nNothing Arabic here at all.", encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"text": "قتل', encoding="utf-8")
    (tmp_path / "lines.jsonl").write_bytes(orjson.dumps({"text": AR}) + b"\n{not json\n" + orjson.dumps({"title": "x"}) + b"\n")
    errs, ids = errors_and_ids(tmp_path)
    assert ids == ["good", "lines:1"]
    assert "empty" in errs[("empty.txt", None)]
    assert "empty" in errs[("blank.txt", None)]
    assert "binary" in errs[("binary.txt", None)] or "decode" in errs[("binary.txt", None)]
    assert "no Arabic" in errs[("english.txt", None)]
    assert "malformed JSON" in errs[("broken.json", None)]
    assert "malformed JSON" in errs[("lines.jsonl", 2)]
    assert "no text" in errs[("lines.jsonl", 3)]


def test_undecodable_bytes(tmp_path):
    f = tmp_path / "junk.txt"
    f.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 50 + b"\x01\x02\x03\x04" * 50)
    (e,) = items([f])
    assert isinstance(e, InputError) and e.path == str(f)


def test_size_limit_file_and_jsonl_line(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # a sparse 50 MB file: instant to make
        fh.truncate(50 * 1024 * 1024)
    (e,) = items([big])
    assert isinstance(e, InputError) and "size limit" in e.reason and "--max-size" in e.reason
    f = tmp_path / "a.jsonl"
    f.write_bytes(orjson.dumps({"text": AR * 100}) + b"\n" + orjson.dumps({"text": AR}) + b"\n")
    e, a = items([f], max_bytes=1000)
    assert isinstance(e, InputError) and e.line == 1 and "size limit" in e.reason
    assert a.id == "a:2"


def test_missing_file(tmp_path):
    (e,) = items([tmp_path / "nope.txt"])
    assert "no such file" in e.reason


def test_shards_partition_units(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_bytes(b"".join(orjson.dumps({"text": AR}) + b"\n" for _ in range(7)))
    all_ids = [a.id for a in items([f])]
    parts = [[a.id for a in items([f], shard=(k, 3))] for k in range(3)]
    assert sorted(sum(parts, [])) == sorted(all_ids) and all(parts)
    assert [a.id for a in items([f], limit=3)] == all_ids[:3]
