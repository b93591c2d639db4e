"""Task fields beyond the text: requester linked to a person, addressees,
deadline, referenced resolutions, list id and order."""
from __future__ import annotations

import pytest

from conftest import DEV, need_shared
from pipeline import extract

REQUEST = (
    "رفیق دانگ وان هیو، دبیر کمیته حزبی استان، در کنفرانس سخنرانی کرد.\n"
    "دبیر حزب استان از کمیته‌های حزبی، ادارات، شاخه‌ها و مناطق درخواست کرد: طرح سازماندهی مجدد دستگاه را "
    "قبل از ۳۰ آوریل ۲۰۲۵ به کمیته دائمی ارائه کنند؛ به اجرای جدی قطعنامه شماره ۰۵-NQ/TU ادامه دهند؛ "
    "کار بازرسی را تقویت کنند.\n"
)


def test_request_items_carry_requester_addressees_deadline_and_order():
    doc = extract(REQUEST)
    assert [t.order for t in doc.tasks] == [1, 2, 3]
    assert len({t.list_id for t in doc.tasks}) == 1
    for t in doc.tasks:
        assert t.requester == "دبیر حزب استان"
        assert t.requester_person == "دانگ وان هیو"  # the title-only mention is linked
        assert t.addressees == ["کمیته‌های حزبی", "ادارات", "شاخه‌ها", "مناطق"]
        assert REQUEST[t.start:t.end] == t.text
    assert doc.tasks[0].deadline == "2025-04-30"
    assert doc.tasks[1].resolutions == ["۰۵-NQ/TU"] and doc.tasks[1].deadline == ""


def test_obligation_names_the_obliged_body():
    doc = extract("ماده ۲ـ وزارت کشور موظف است ظرف سه ماه فهرست بازارچه‌ها را تهیه کند.")
    (task,) = doc.tasks
    assert task.text.startswith("وزارت کشور موظف است") and task.addressees == ["وزارت کشور"]


def test_past_reports_in_a_semicolon_list_are_not_tasks():
    doc = extract("در سال ۲۰۲۴ کمیته‌ها قطعنامه را اجرا کرده‌اند؛ نرخ رشد به ۸ درصد رسیده است؛ ۲۱۴۷ عضو جدید پذیرش شده‌اند.")
    assert doc.tasks == []


def test_seed_document_tasks_have_requester_and_addressees():
    need_shared()
    doc = extract((DEV / "000_seed.txt").read_text(encoding="utf-8"))
    assert len(doc.tasks) >= 12
    assert all(t.requester == "دبیر حزب استانی" for t in doc.tasks)
    assert all(t.requester_person == "وو دای تانگ" for t in doc.tasks)
    assert all(t.addressees for t in doc.tasks)
    assert "سیستم تبلیغات" in doc.tasks[0].addressees


@pytest.mark.parametrize("text, requester", [
    ("استاندار زنجان دستور داد همه دستگاه‌ها مصرف برق را کاهش دهند.", "استاندار زنجان"),
    ("شاکری‌راد در این جلسه با اشاره به بخشنامه وزارت کشور، به همه دستگاه‌های اجرایی دستور داد مصرف گاز را کاهش دهند.", "شاکری‌راد"),
])
def test_requester_is_the_subject_before_the_frame(text, requester):
    doc = extract(text)
    assert doc.tasks and doc.tasks[0].requester == requester


def test_a_until_after_the_frame_stays_in_the_task_and_gives_its_deadline():
    # «خواست تا پایان ...»: «تا» is «until» here, not «so that»
    doc = extract("دبیرکل از وزارت علوم خواست تا پایان ماه مه ۲۰۲۵ طرح تحول دیجیتال را تکمیل کند.")
    (task,) = doc.tasks
    assert task.text.startswith("تا پایان ماه مه ۲۰۲۵") and task.addressees == ["وزارت علوم"]
    assert task.requester == "دبیرکل" and task.deadline.startswith("2025-05")
    for so_that in ("دبیرکل از وزارت علوم خواست تا طرح تحول دیجیتال را تکمیل کند.",
                    "پلیس راه از مسافران خواست تا پیش از عزیمت از وضعیت جاده‌ها اطلاع حاصل کنند."):
        assert not extract(so_that).tasks[0].text.startswith("تا ")


def test_the_body_made_responsible_is_the_addressee_and_a_middle_clause_the_requester():
    doc = extract("به گزارش ایرنا، رئیس‌جمهور در جلسه هیئت دولت با اشاره به تورم، وزیر امور اقتصادی و دارایی "
                  "را مأمور کرد تا گزارش اقدامات را هفته آینده ارائه دهد.")
    (task,) = doc.tasks
    assert task.text.startswith("گزارش اقدامات") and task.addressees == ["وزیر امور اقتصادی و دارایی"]
    assert task.requester == "رئیس‌جمهور"
    (task,) = extract("وی همچنین شهرداری‌ها را موظف کرد پسماند را تفکیک کنند.").tasks
    assert task.addressees == ["شهرداری‌ها"]   # not the pronoun subject or the adverb
