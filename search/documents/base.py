"""The fields every search document has, and helpers the builders share.

Each searchable type has one Document class (its Elasticsearch mapping, through
`elasticsearch.dsl`; its index is `<SEARCH_INDEX_PREFIX>-<type>`, see
backends/elasticsearch.py) and one builder function that makes its document from a domain
object — never from request data. A builder returns None for an object that must not be
searchable (a draft, an unverified organization, a page not live): it then stays out of
every index. Text fields hold segmented text (search/text.py) for a whitespace analyser.
"""

from elasticsearch.dsl import Completion, Date, Document, Float, GeoPoint, Integer, Keyword, Text

from ..text import document_tokens

# Who may see a document: everyone, or only staff (of its community, or any community).
PUBLIC = "public"
STAFF = "staff"


def visibilities_for(user) -> tuple[str, ...]:
    """What a user's searches may return: community staff and platform admins also find
    staff-only documents (social workers, for matching) and see why results rank."""
    from marketplace.accounts.roles import Role
    from marketplace.accounts.scope import scope_of

    if user.is_authenticated and (
        user.is_superuser or scope_of(user).has_role(Role.COMMUNITY_STAFF)
    ):
        return (PUBLIC, STAFF)
    return (PUBLIC,)


class SearchDocument(Document):
    type = Keyword()
    object_id = Keyword()
    title = Text(analyzer="whitespace")
    text = Text(analyzer="whitespace")
    display_title = Keyword(index=False)
    summary = Keyword(index=False)
    url = Keyword(index=False)
    # Suggestions are filtered by who may see them (a completion context).
    suggest = Completion(
        contexts=[{"name": "visibility", "type": "category", "path": "visibility"}]
    )
    visibility = Keyword()
    category = Keyword()
    kind = Keyword()
    status = Keyword()
    district = Keyword()
    street = Keyword()
    community = Keyword()
    starts_at = Date()
    ends_at = Date()
    updated_at = Date()
    open_seats = Integer()
    location = GeoPoint()
    rating = Float()  # the provider's Bayesian rating (neutral 3.0 without one)
    fingerprint = Keyword(index=False)  # set when written (backends.base.source_of)

    @classmethod
    def of(cls, type_key: str, pk, *, url: str, visibility: str = PUBLIC, **fields):
        """A document of this class for object `pk` of type `type_key`."""
        return cls(
            meta={"id": doc_id(type_key, pk)},
            type=type_key,
            object_id=str(pk),
            url=url,
            visibility=visibility,
            **fields,
        )


def region_fields(community) -> dict:
    """District, street and community ids (as strings) of a community, for filters."""
    if community is None:
        return {}
    street = community.parent
    district = street.parent if street else None
    return {
        "community": str(community.pk),
        "street": str(street.pk) if street else None,
        "district": str(district.pk) if district else None,
    }


def location(latitude, longitude) -> dict | None:
    if latitude is None or longitude is None:
        return None
    return {"lat": float(latitude), "lon": float(longitude)}


def text_fields(title: str, *parts: str, summary: str = "") -> dict:
    """The segmented title and text, and what a result shows."""
    body = " ".join(p for p in parts if p)
    return {
        "title": document_tokens(title),
        "text": document_tokens(body),
        "display_title": title,
        "summary": (summary or body)[:160],
        "suggest": {"input": [title]},
    }


def doc_id(type_key: str, pk) -> str:
    return f"{type_key}-{pk}"
