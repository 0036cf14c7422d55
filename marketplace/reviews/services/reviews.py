"""Writing reviews: create, edit, moderate. Aggregates move in the same transaction."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.core.transitions import transition_with_reason
from marketplace.notifications.services import notify
from marketplace.reviews.models import COUNTED, CaseStatus, Level, Review, ReviewStatus, Tag
from marketplace.reviews.moderation import banned_words_in
from marketplace.reviews.services.aggregates import aggregate_shift
from marketplace.reviews.services.common import rated_kind
from marketplace.reviews.services.rectification import case_close_by_system, case_open

MAX_TEXT = 2000


def _clean_level(level) -> int:
    try:
        level = int(level)
    except (TypeError, ValueError):
        level = 0
    if level not in Level.values:
        raise DomainError(_("Choose one of the five levels."), field="level")
    return level


def _clean_tags(tags) -> list[str]:
    tags = list(dict.fromkeys(tags or ()))
    unknown = [tag for tag in tags if tag not in Tag.values]
    if unknown:
        raise DomainError(_("Unknown tags: %(tags)s.") % {"tags": ", ".join(unknown)}, field="tags")
    return tags


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise DomainError(
            _("Keep the comment under %(n)s characters.") % {"n": MAX_TEXT}, field="text"
        )
    return text


def _filter_words(review: Review) -> None:
    """Hold the text back when it has a banned word; the rating still counts."""
    words = banned_words_in(review.text)
    if words and review.status == ReviewStatus.VISIBLE:
        review.status = ReviewStatus.HIDDEN
        review.moderation_reason = _("Held back by the word filter for staff to check.")


@transaction.atomic
def review_create(
    *, actor, service_kind: str, service_id: int, level, text: str = "", tags=()
) -> Review:
    """A person rates a service they received, once. A bad rating opens a rectification case."""
    kind = rated_kind(service_kind)
    service = kind.served(actor).filter(pk=service_id).first() if actor.is_authenticated else None
    if service is None:
        raise NotPermitted(
            _("You can rate only a service you received yourself, once it is completed.")
        )
    provider = kind.provider(service)
    review = Review(
        reviewer=actor,
        service_kind=kind.key,
        service_id=service.pk,
        service_title=kind.title(service)[:200],
        provider_type=provider.type,
        provider_id=provider.id,
        provider_name=provider.name[:120],
        community_id=kind.community_id(service, actor),
        level=_clean_level(level),
        text=_clean_text(text),
        tags=_clean_tags(tags),
    )
    _filter_words(review)
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError:
        raise DomainError(
            _("You have already rated this service; you can edit your review instead.")
        ) from None
    aggregate_shift(provider_type=provider.type, provider_id=provider.id, changes={review.level: 1})
    audit_record(
        actor=actor,
        event="reviews.review.created",
        target=review,
        level=review.level,
        service=f"{kind.key}:{service.pk}",
    )
    if review.is_bad:
        case_open(review=review)
    return review


def review_editable(review: Review, *, now=None) -> bool:
    """Within the edit window, or once the provider has answered a bad review."""
    if review.status == ReviewStatus.REMOVED:
        return False  # removed as abusive: it stays removed
    now = now or timezone.now()
    window = timedelta(days=settings.REVIEW_EDIT_WINDOW_DAYS)
    if now <= review.created_at + window:
        return True
    case = getattr(review, "rectification", None)
    return case is not None and case.status == CaseStatus.ANSWERED


@transaction.atomic
def review_update(*, actor, review: Review, level, text: str = "", tags=()) -> Review:
    """The reviewer edits (or, after the provider's answer, revises) their review."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.reviewer_id != actor.pk:
        raise NotPermitted(_("You can edit only your own review."))
    if not review_editable(review):
        raise DomainError(
            _("Reviews can be edited for %(days)s days, or after the provider answers.")
            % {"days": settings.REVIEW_EDIT_WINDOW_DAYS}
        )
    old_level = review.level
    review.level = _clean_level(level)
    new_text = _clean_text(text)
    text_changed = new_text != review.text
    review.text = new_text
    review.tags = _clean_tags(tags)
    if text_changed:
        _filter_words(review)
    review.edited_at = timezone.now()
    review.save(
        update_fields=[
            "level",
            "text",
            "tags",
            "status",
            "moderation_reason",
            "edited_at",
            "updated_at",
        ]
    )
    if review.status in COUNTED and old_level != review.level:
        aggregate_shift(
            provider_type=review.provider_type,
            provider_id=review.provider_id,
            changes={old_level: -1, review.level: 1},
        )
    audit_record(
        actor=actor, event="reviews.review.edited", target=review, old=old_level, new=review.level
    )
    _follow_case(review)
    return review


def _follow_case(review: Review) -> None:
    """After an edit: a case that was answered closes (the reviewer has judged the answer);
    a case still open closes if the rating is no longer bad; a new bad rating opens one."""
    case = getattr(review, "rectification", None)
    if case is None:
        if review.is_bad:
            case_open(review=review)
        return
    if case.status == CaseStatus.ANSWERED or (case.status == CaseStatus.OPEN and not review.is_bad):
        case_close_by_system(case=case, why="revised")


def _moderate(*, actor, review: Review, name, event: str, reason: str) -> Review:
    """Apply moderation transition `name` (or `name(review)`, chosen on the locked row)."""
    if not reason.strip():
        raise DomainError(_("Say why (the reviewer can see it)."), field="reason")
    review = Review.objects.select_for_update().get(pk=review.pk)
    if callable(name):
        name = name(review)
    was_counted = review.status in COUNTED
    transition_with_reason(
        obj=review, name=name, actor=actor, event=event, reason=reason, field="moderation_reason"
    )
    now_counted = review.status in COUNTED
    if was_counted != now_counted:
        aggregate_shift(
            provider_type=review.provider_type,
            provider_id=review.provider_id,
            changes={review.level: 1 if now_counted else -1},
        )
    notify(
        users=[review.reviewer],
        kind=event,  # reviews.review.hidden | restored | removed: declared in kinds.py
        data={"service": review.service_title, "reason": review.moderation_reason},
        url=reverse("reviews:mine"),
    )
    return review


@transaction.atomic
def review_hide(*, actor, review: Review, reason: str) -> Review:
    """Hold a review's text back; it still counts in the rating."""
    return _moderate(
        actor=actor, review=review, name="hide", event="reviews.review.hidden", reason=reason
    )


@transaction.atomic
def review_restore(*, actor, review: Review, reason: str) -> Review:
    """Show a hidden review's text again, or (platform admins) count a removed one again."""
    return _moderate(
        actor=actor,
        review=review,
        name=lambda locked: "reinstate" if locked.status == ReviewStatus.REMOVED else "unhide",
        event="reviews.review.restored",
        reason=reason,
    )


@transaction.atomic
def review_remove(*, actor, review: Review, reason: str) -> Review:
    """Remove a review as abusive: hidden, no longer counted, and its case closed."""
    review = _moderate(
        actor=actor, review=review, name="remove", event="reviews.review.removed", reason=reason
    )
    case = getattr(review, "rectification", None)
    if case is not None and case.status != CaseStatus.CLOSED:
        case_close_by_system(case=case, why="removed")
    return review
