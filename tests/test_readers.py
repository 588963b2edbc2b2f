"""The readers behind read_report: each format's text as the lines the paragraph splitter reads,
and the files each one refuses. PDFs and .docx files are made here, at test time."""

from __future__ import annotations

import codecs
import io

import pytest

from knowledge.importer import import_file
from knowledge.readers import read_report
from knowledge.reading import MAX_BYTES, ReportError, read_report as public_read_report


def lines_of(path) -> list[str]:
    return [line for line in read_report(path).splitlines() if line.strip()]


# -- PDFs made by hand ----------------------------------------------------------------------------


def pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list, width: int = 595, height: int = 842) -> bytes:
    """A PDF whose pages hold text at given places, in Helvetica: each page a list of
    (x, y, size, text) or a raw content stream (str) for pages drawn without text."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 2 * len(pages) + 1  # the page tree comes after each page's two objects
    kids = []
    for page in pages:
        if isinstance(page, str):
            stream = page.encode()
        else:
            stream = "\n".join(
                f"BT /F1 {size} Tf {x} {y} Td ({pdf_string(text)}) Tj ET" for x, y, size, text in page
            ).encode("cp1252")
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, width, height, content, font)
            )
        )
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def paragraph_page(number: int, paragraphs: list[list[str]], header: str | None, footer: str | None) -> list:
    """A page of 10-point paragraphs (lines 12 points apart, paragraphs 18) under a header and
    above a footer, in 9 points."""
    items, y = [], 760
    if header:
        items.append((72, 800, 9, header))
    for paragraph in paragraphs:
        for line in paragraph:
            items.append((72, y, 10, line))
            y -= 12
        y -= 6
    if footer:
        items.append((290, 40, 9, footer.format(n=number)))
    return items


REPORT_PAGES = [
    [
        [
            "1. The Group noted the informa-",
            "tion provided by the secretariat on the work of the",
            "twenty-",
            "third session and of its Bureau.",
        ],
        ["2. Members were invited to send comments on the draft", "plan by 1 June 2021."],
    ],
    [
        ["3. The secretariat was requested:"],
        ["(a) to publish the list;"],
        ["(b) to report back."],
        ["4. The Group agreed to hold its next meeting in Geneva", "in the autumn of 2021."],
    ],
    [
        ["5. Delegates thanked the host for organizing the event", "and the interpreters for their work."],
        ["6. The Chair closed the meeting."],
    ],
]


@pytest.mark.parametrize("footer", ["{n}", "- {n} -", "Page {n} of 3", None])
def test_pdf_running_headers_and_page_numbers_are_dropped(tmp_path, footer):
    pages = [paragraph_page(n, body, "ECE/TEST/2021/1", footer) for n, body in enumerate(REPORT_PAGES, 1)]
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(pages))
    lines = lines_of(path)
    assert not any("ECE/TEST/2021/1" in line for line in lines)
    assert not any(line in ("1", "2", "3", "- 2 -", "Page 2 of 3") for line in lines)
    assert lines[0].startswith("1. The Group noted") and lines[-1] == "6. The Chair closed the meeting."


def test_pdf_broken_lines_and_hyphenated_words_are_joined_and_numbers_kept(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf([paragraph_page(n, body, None, "{n}") for n, body in enumerate(REPORT_PAGES, 1)]))
    assert lines_of(path) == [
        (
            "1. The Group noted the information provided by the secretariat on the work of the "
            "twenty-third session and of its Bureau."
        ),
        "2. Members were invited to send comments on the draft plan by 1 June 2021.",
        "3. The secretariat was requested:",
        "(a) to publish the list;",
        "(b) to report back.",
        "4. The Group agreed to hold its next meeting in Geneva in the autumn of 2021.",
        "5. Delegates thanked the host for organizing the event and the interpreters for their work.",
        "6. The Chair closed the meeting.",
    ]


def test_pdf_lines_drawn_out_of_order_are_read_from_the_top_of_the_page(tmp_path):
    # a UN cover page draws its symbol and date block (top right) after the body and its footnotes
    page = [
        (72, 700, 10, "Twenty-fourth session"),
        (72, 688, 10, "Geneva, 30 April - 1 May 2018"),
        (72, 650, 10, "1. The session will be opened by the Executive Secretary."),
        (72, 100, 8, "Delegates are requested to register online."),
        (300, 800, 10, "ECE/TRADE/C/CEFACT/2018/1"),
        (300, 788, 10, "8 February 2018"),
    ]
    path = tmp_path / "cover.pdf"
    path.write_bytes(make_pdf([page]))
    lines = lines_of(path)
    assert lines[0].startswith("ECE/TRADE/C/CEFACT/2018/1") and "8 February 2018" in lines[0]
    assert lines.index("Twenty-fourth session") < lines.index("Delegates are requested to register online.")


def test_pdf_pages_in_two_columns_keep_the_order_they_were_drawn_in(tmp_path):
    left = [(72, 760 - 12 * i, 10, f"Left column line {i}.") for i in range(5)]
    right = [(320, 760 - 12 * i, 10, f"Right column line {i}.") for i in range(5)]
    path = tmp_path / "columns.pdf"
    path.write_bytes(make_pdf([left + right]))
    lines = " ".join(lines_of(path))
    assert lines.index("Left column line 4.") < lines.index("Right column line 0.")


def test_pdf_footnotes_stay_lines_of_their_own(tmp_path):
    page = [
        (72, 760, 10, "1. The Group noted the report"),
        (226, 764, 6, "1"),
        (72, 748, 10, "and thanked its authors."),
        (72, 100, 6, "1"),
        (76, 97, 8, "Document WG-T/2021/3, in English only."),
        (290, 40, 9, "1"),
    ]
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf([page]))
    assert lines_of(path) == [
        "1. The Group noted the report\u00b9 and thanked its authors.",
        "\u00b9 Document WG-T/2021/3, in English only.",
    ]


def test_a_pdf_without_a_text_layer_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf(["0 0 1 rg 72 72 400 600 re f"]))  # a drawn rectangle, as a scan's image would be
    with pytest.raises(ReportError, match="no text layer.*OCR"):
        read_report(path)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"%PDF-1.4\nthis is no PDF at all", "not a readable PDF"),
        (make_pdf([[(72, 700, 10, "1. Some text.")]])[:200], "not a readable PDF"),
    ],
)
def test_a_broken_pdf_is_refused_in_one_line(tmp_path, content, reason):
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(ReportError, match=reason) as refused:
        read_report(path)
    assert "\n" not in str(refused.value)


def test_a_password_protected_pdf_is_refused(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf([[(72, 700, 10, "1. Secret.")]]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as f:
        writer.write(f)
    with pytest.raises(ReportError, match="password-protected"):
        read_report(path)


# -- Word ----------------------------------------------------------------------------------------


def report_docx(
    path,
    rows=(
        ("Send comments on the draft plan", "Secretariat", "1 June 2021"),
        ("Review the terms of reference", "", "2 July 2021"),
    ),
):
    """A .docx report: numbered paragraphs, then a table of actions, then one more paragraph."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Report of the Working Group on Testing (WG-T)")
    document.add_paragraph("1. Meetings")
    document.add_paragraph("1.1. The 3rd meeting was held on 4 May 2021 in Geneva.")
    document.add_paragraph("1.2. The Group agreed on the following actions:")
    table = document.add_table(rows=1 + len(rows), cols=3)
    for r, cells in enumerate([("Action", "Responsible", "Deadline"), *rows]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    document.add_paragraph("1.3. The Group noted the progress report.")
    document.add_paragraph("Kenya", style="List Bullet")
    document.save(path)
    return path


def test_docx_table_rows_are_read_in_document_order(tmp_path):
    lines = lines_of(report_docx(tmp_path / "report.docx"))
    assert lines == [
        "Report of the Working Group on Testing (WG-T)",
        "1. Meetings",
        "1.1. The 3rd meeting was held on 4 May 2021 in Geneva.",
        "1.2. The Group agreed on the following actions:",
        "Action | Responsible | Deadline",
        "Send comments on the draft plan | Secretariat | 1 June 2021",
        "Review the terms of reference | - | 2 July 2021",  # an empty cell keeps its column
        "1.3. The Group noted the progress report.",
        "\u00b7 Kenya",  # a bulleted item reads as an item, not as a numbered paragraph
    ]


def test_a_docx_merged_cell_is_read_once(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(("Action", "Responsible", "Deadline")):
        table.cell(0, c).text = text
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Everyone sends comments"
    table.cell(1, 2).text = "1 June 2021"
    path = tmp_path / "merged.docx"
    document.save(path)
    assert lines_of(path)[-1] == "Everyone sends comments | 1 June 2021"


def test_a_docx_table_imports_as_table_rows(kb, tmp_path):
    import_file(kb, report_docx(tmp_path / "report.docx"))
    texts = [row["text"] for row in kb.db["paragraphs"].rows]
    assert "Action: Send comments on the draft plan; Responsible: Secretariat; Deadline: 1 June 2021." in texts
    assert kb.records("meetings")[0]["start"] == "2021-05-04"


def test_a_zip_that_is_not_a_word_file_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "book.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReportError, match="spreadsheet, not a .docx"):
        read_report(path)


# -- Markdown ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("# Report of the Group\n\n## 1. Meetings", ["Report of the Group", "1. Meetings"]),
        ("The **3rd** meeting, _in person_, see `WG-T/3`.", ["The 3rd meeting, in person, see WG-T/3."]),
        # a link keeps its text and the site or file it leads to; an image goes
        (
            "See [the site](https://example.org/a_(b)) and ![logo](logo.png)the plan.",
            ["See the site (example.org) and the plan."],
        ),
        (
            "Report to [the team](https://github.com/org/repo/blob/main/SECURITY.md).",
            ["Report to the team (SECURITY.md)."],
        ),
        (  # a link to a pull request or issue keeps its number, which questions ask for
            "Started a PR [on the website](https://github.com/org/site/pull/615).",
            ["Started a PR on the website (github.com/org/site/pull/615)."],
        ),
        (
            "Write to [us](mailto:team@example.org) or see [https://x.org](https://x.org).",
            ["Write to us (team@example.org) or see https://x.org."],
        ),
        (
            "| Action | Deadline |\n|:---|---:|\n| Send *comments* | 1 June |\n| Review | |",
            ["Action | Deadline", "Send comments | 1 June", "Review | -"],
        ),
        (
            "- [x] Agenda adopted\n- [ ] Minutes approved\n+ Kenya",
            ["- [x] Agenda adopted", "- [ ] Minutes approved", "- Kenya"],
        ),
        # an emoji's code is a picture, not words (a colon inside a time or a link stays)
        (
            "## Notes :book:\n\nat 10:30:00 UTC, see http://x.org/a:b",
            ["Notes", "at 10:30:00 UTC, see http://x.org/a:b"],
        ),
        # an ordered list's item is written "1)", so that it is not read as a numbered section
        (
            "## Announcements\n\n1. New LTS released\n2. Weekly released",
            ["Announcements", "1) New LTS released", "2) Weekly released"],
        ),
        ("1.1. The meeting was held.", ["1.1. The meeting was held."]),
        # a nested item keeps its margin, so that it stays under its parent
        (
            "* Survey [#13](https://example.org/13)\n  * 9 responses\n\t- tab nested\n* Next",
            ["- Survey #13 (example.org)", "  - 9 responses", "    - tab nested", "- Next"],
        ),
        # a front matter's title and date are the line a reader sees first; its other fields go
        ("---\ntitle: Report\ntags: a, b\n---\n1.1. The meeting was held.", ["Report", "1.1. The meeting was held."]),
        (
            '---\ndate: 2025-02-13\nslug: "Steering Group minutes"\n---\n## Agenda',
            ["Steering Group minutes 2025-02-13", "Agenda"],
        ),
        (
            "1.1. The meeting was held in\nGeneva on 4 May.\n1.2. Next line.",
            ["1.1. The meeting was held in Geneva on 4 May.", "1.2. Next line."],
        ),
        ("a snake_case_word, 2 * 3 and \\*stars\\*", ["a snake_case_word, 2 * 3 and *stars*"]),
        ("Title\n=====\n> quoted text<!-- note -->", ["Title", "quoted text"]),
    ],
)
def test_markdown_markup_is_stripped(tmp_path, markdown, expected):
    path = tmp_path / "report.md"
    path.write_text(markdown, encoding="utf-8")
    assert lines_of(path) == expected


# -- AsciiDoc ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "asciidoc, expected",
    [
        (
            "= Minutes of the SIG =\n\n== Summary of actions\n\ntext",
            ["Minutes of the SIG", "Summary of actions", "text"],
        ),
        (
            "* **Wei Wu** to commit the PRD\n** Complete.\n- Kenya",
            ["- Wei Wu to commit the PRD", "  - Complete.", "- Kenya"],
        ),
        (". First\n. Second\n.. Inner\n. Third", ["1) First", "2) Second", "  1) Inner", "3) Third"]),
        (
            "////\nSPDX-License-Identifier: CC-BY-4.0\n////\n// a comment\n:leveloffset: 1\n[[item-1]]\nKept.",
            ["Kept."],
        ),
        (
            ":venue: Geneva\n\nThe meeting was held in {venue}; {unknown} stays.",
            ["The meeting was held in Geneva; {unknown} stays."],
        ),
        ("See agenda item <<project-1, Project #1>> and <<annex>>.", ["See agenda item Project #1 and annex."]),
        (
            "Slides at https://example.org/deck.pdf[the deck] and mailto:sec@example.org[the secretariat].",
            ["Slides at the deck (deck.pdf) and the secretariat (sec@example.org)."],
        ),
        (
            '[cols="<4,>1",options="header"]\n|===\n| _Project_ | _Count_\n| Profiling | 3\n|===',
            ["Project | Count", "Profiling | 3"],
        ),
        ("|===\n|Action\n|Deadline\n\n|Send comments\n|1 June\n|===", ["Action | Deadline", "Send comments | 1 June"]),
        ("Jeremy Bennett, Chair +\nWei Wu, Co-chair", ["Jeremy Bennett, Chair", "Wei Wu, Co-chair"]),
        ("Venue:: Geneva\n.Attendees\n* Kenya", ["Venue: Geneva", "Attendees", "- Kenya"]),
        ("----\nmake all\n----\nThe build passed.", ["make all", "The build passed."]),
        ("std::vector and C++ are fine; snake_case_name too.", ["std::vector and C++ are fine; snake_case_name too."]),
    ],
)
def test_asciidoc_markup_is_read(tmp_path, asciidoc, expected):
    path = tmp_path / "minutes.adoc"
    path.write_text(asciidoc, encoding="utf-8")
    assert lines_of(path) == expected


def test_asciidoc_never_includes_or_runs_what_a_document_asks(tmp_path):
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    path = tmp_path / "minutes.adoc"
    path.write_text("include::secret.txt[]\nsys::[id]\nifdef::x[]\nThe meeting opened.\nendif::x[]", encoding="utf-8")
    assert lines_of(path) == ["The meeting opened."]


# -- HTML ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>One</p><p>Two &amp; three&nbsp;&eacute;</p>", ["One", "Two & three \u00e9"]),
        (
            "<table><tr><th>Action</th><th>Deadline</th></tr><tr><td><b>Send</b> comments</td><td></td></tr></table>",
            ["Action | Deadline", "Send comments | -"],
        ),
        ("<div>First<br>Second</div><h2>1. Meetings</h2>", ["First", "Second", "1. Meetings"]),
        ("<head><title>T</title><style>p {}</style></head><script>var p = '<p>no</p>';</script><p>Text</p>", ["Text"]),
        (
            "<ul><li>Kenya</li><li><p>Peru</p></li></ul><ol><li>First</li><li>Second</li></ol>",
            ["- Kenya", "- Peru", "1. First", "2. Second"],
        ),
        ("<table><tr><td>a<td>b<tr><td>c<td>d</table>", ["a | b", "c | d"]),  # end tags left out
    ],
)
def test_html_blocks_and_cells(tmp_path, html, expected):
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    assert lines_of(path) == expected


def test_html_is_recognised_by_its_doctype_whatever_its_name(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("<!DOCTYPE html><html><body><p>1.1. Held in <i>Geneva</i>.</p></body></html>", encoding="utf-8")
    assert lines_of(path) == ["1.1. Held in Geneva."]


# -- plain text and what is refused --------------------------------------------------------------


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF16_LE + "1.1. Caf\u00e9 in Gen\u00e8ve.".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "1.1. Caf\u00e9 in Gen\u00e8ve.".encode("utf-16-be"),
        codecs.BOM_UTF8 + "1.1. Caf\u00e9 in Gen\u00e8ve.".encode("utf-8"),
        "1.1. Caf\u00e9 in Gen\u00e8ve.".encode("utf-8"),
    ],
)
def test_utf8_and_utf16_text_is_read(tmp_path, encoded):
    path = tmp_path / "report.txt"
    path.write_bytes(encoded)
    assert read_report(path) == "1.1. Caf\u00e9 in Gen\u00e8ve."


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("report.txt", "Caf\u00e9 report".encode("latin-1"), r"not UTF-8 text \(byte 3\); save it as UTF-8"),
        ("report.txt", b"\x00\x01binary\x00", "binary file"),
        ("report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old Word .doc"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00binary", r"binary file \(a PNG image\)"),
        ("report.pdf", b"1.1. Just text, named as a PDF.", "named .pdf but is not a PDF"),
        ("report.txt", b"\xef\xbb\xbf   \n\n", "holds no text"),
    ],
)
def test_what_is_not_a_report_is_refused_in_one_line(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReportError, match=reason) as refused:
        read_report(path)
    assert "\n" not in str(refused.value)


def test_reading_keeps_its_public_names(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("1.1. Text.", encoding="utf-8")
    assert public_read_report(path) == "1.1. Text." and MAX_BYTES == 20 * 1024 * 1024
    from knowledge.readers import ReportError as PackageError

    assert PackageError is ReportError


def test_any_text_read_as_asciidoc_gives_text_and_never_fails():
    from hypothesis import given, settings, strategies as st

    from knowledge.readers.asciidoc import to_markdown
    from knowledge.readers.markdown import markdown_text

    alphabet = st.sampled_from(list("=*.|:/+-_`#[]<>{} \n\tabcAB12") + ["////", "|===", "----", "include::x[]"])

    @settings(max_examples=200, deadline=None)
    @given(st.lists(alphabet, max_size=80).map("".join))
    def check(source):
        out = markdown_text(to_markdown(source + "\ninclude::SECRET.adoc[]\n" + source))
        assert isinstance(out, str) and "SECRET" not in out  # a directive on its own line is never kept

    check()
