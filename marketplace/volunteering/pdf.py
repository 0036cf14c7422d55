"""The record extract as PDF (ReportLab), in the reader's language.

Chinese text uses ReportLab's built-in STSong-Light CID font, so no font file ships with
Linli and PDF readers supply the glyphs.
"""

import io
from functools import cache

import segno
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from marketplace.core.privacy import mask_id_number

FONT = "STSong-Light"
TITLE = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=24, alignment=1)
BODY = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=15)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12)


def _qr_image(url: str) -> Image:
    png = io.BytesIO()
    segno.make(url, error="m").save(png, kind="png", scale=4, border=2)
    png.seek(0)
    return Image(png, width=28 * mm, height=28 * mm)


def _records_table(records) -> Table:
    header = [_("Date"), _("Service"), _("Recorded by"), _("Place"), _("Hours"), _("Recorder")]
    rows = [[Paragraph(text, CELL) for text in header]]
    for r in records:
        rows.append(
            [
                Paragraph(r.service_date.isoformat(), CELL),
                Paragraph(r.service_name, CELL),
                Paragraph(r.recording_organization, CELL),
                Paragraph(r.place, CELL),
                Paragraph(f"{r.hours:g}", CELL),
                Paragraph(r.recorded_by.get_full_name(), CELL),
            ]
        )
    table = Table(rows, colWidths=[22 * mm, 38 * mm, 32 * mm, 40 * mm, 14 * mm, 24 * mm])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _yearly_lines(records) -> list:
    """One line per year: how many services and hours."""
    years: dict[int, list] = {}
    for record in records:
        years.setdefault(record.service_date.year, []).append(record.minutes)
    return [
        Paragraph(
            _("%(year)s: %(hours)s hours in %(count)s services")
            % {"year": year, "hours": f"{sum(m) / 60:g}", "count": len(m)},
            BODY,
        )
        for year, m in sorted(years.items())
    ]


@cache
def _register_font() -> None:
    """Once per process, when the first PDF is made (not when the URLs load)."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def record_extract_pdf(extract, *, verify_url: str) -> bytes:
    """Render an issued extract: who, which records, totals, and how to verify it."""
    _register_font()
    volunteer = extract.volunteer
    profile = getattr(volunteer, "volunteer_profile", None)
    records = list(extract.records.select_related("recorded_by").order_by("service_date", "pk"))
    period = str(extract.year) if extract.year else _("All years")
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, title=_("Volunteer service record"), author="Linli"
    )
    story = [
        Paragraph(_("Volunteer service record"), TITLE),
        Spacer(1, 6 * mm),
        Paragraph(_("Volunteer: %(name)s") % {"name": volunteer.get_full_name()}, BODY),
        Paragraph(
            _("ID number: %(id)s") % {"id": mask_id_number(profile.id_number) if profile else "—"},
            BODY,
        ),
        Paragraph(_("Period: %(period)s") % {"period": period}, BODY),
        Paragraph(
            _("Total: %(hours)s hours in %(count)s services")
            % {"hours": f"{extract.total_hours:g}", "count": len(records)},
            BODY,
        ),
        *_yearly_lines(records),
        Spacer(1, 4 * mm),
        _records_table(records),
        Spacer(1, 6 * mm),
        Paragraph(_("Verification code: %(code)s") % {"code": extract.code}, BODY),
        Paragraph(_("Check this record at %(url)s") % {"url": verify_url}, BODY),
        Paragraph(
            _("Issued %(date)s")
            % {"date": timezone.localtime(extract.issued_at).strftime("%Y-%m-%d %H:%M")},
            BODY,
        ),
        Spacer(1, 2 * mm),
        _qr_image(verify_url),
    ]
    doc.build(story)
    return buffer.getvalue()
