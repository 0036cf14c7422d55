"""Chinese segmentation for search: what a resident types finds what staff wrote."""

import pytest

from search.text import MAX_QUERY_CHARS, document_tokens, matches, normalize, query_terms


def finds(query: str, text: str) -> bool:
    return matches(document_tokens(text), query_terms(query))


@pytest.mark.parametrize(
    "query,text",
    [
        ("养老", "居家养老服务"),
        ("助餐", "老年人助餐点"),
        ("助餐点", "社区食堂（助餐点）"),
        ("助浴", "杏花社区失能老人上门助浴"),
        ("老人", "杏花社区高龄独居老人每周探访"),  # a two-character word inside a phrase
        ("照料", "老年人日间照料中心"),
        ("智能手机", "梅林村教老人使用智能手机"),
        ("适老化改造", "困难老人家庭适老化改造"),
        ("心理疏导", "杏花社区失独老人心理疏导"),
        ("独居老人探访", "杏花社区高龄独居老人每周探访"),  # every word, in any order
        ("杏花社区的助浴", "杏花社区失能老人上门助浴"),  # 的 carries nothing
        ("ＡＢＣ", "abc 培训"),  # full-width latin
        ("课堂", "四点半课堂辅导"),
        ("哪里有老年食堂？", "杏花社区老年食堂"),  # question words carry nothing
        ("高龄津贴怎么申请", "办理高龄津贴：携带身份证到窗口申请"),
        ("在职党员报到", "在职党员到社区报到的登记点"),  # jieba splits 报到 in the query
        ("教老人用智能手机", "手把手教老年人使用智能手机"),  # lone 教, 用 dropped; synonyms
        ("老年人助餐点", "面向60周岁以上老人的助餐点"),
        ("长者食堂", "社区食堂（助餐点）"),
        ("招聘会", "每月举办一次招聘小集市"),  # a shorter word inside the query word
        ("邻里纠纷", "调解邻里、物业和家庭纠纷"),
        ("重阳节活动", "锦绣社区重阳节文艺汇演"),  # a general word is not required
        ("社工", "临江区同心社会工作服务中心"),
    ],
)
def test_what_is_found(query, text):
    assert finds(query, text), (query_terms(query), document_tokens(text))


@pytest.mark.parametrize(
    "query,text",
    [
        ("助餐", "居家养老服务"),
        ("托育", "老年人助餐点"),
        ("养老助浴", "居家养老服务"),  # every word must match
        ("家政", "政府购买服务项目"),  # no false pair across a word boundary of the query
        ("哪里有老年食堂", "哪里有卫生室"),  # the question goes, the thing asked for stays
        ("重阳节活动", "社区文艺汇演活动"),
        ("招聘会", "就业岗位推荐"),
    ],
)
def test_what_is_not_found(query, text):
    assert not finds(query, text)


def test_punctuation_and_full_width_do_not_break_words():
    assert normalize("（助餐点）") == "(助餐点)"
    tokens = document_tokens("社区食堂（助餐点）！每日11：30开饭")
    assert "助餐" in tokens.split() and "11" in tokens.split() and "30" in tokens.split()
    assert finds("助餐，", "社区食堂（助餐点）")
    assert finds("，；！", "任何文字") is True  # nothing to look for: every text matches


def test_long_queries_are_capped():
    terms = query_terms("养老" * 500)
    assert len("".join(t.word for t in terms)) <= MAX_QUERY_CHARS


def test_a_longer_query_word_also_matches_through_its_character_pairs():
    (term,) = query_terms("助餐点")
    assert term.word == "助餐点" and term.parts == ("助餐", "餐点")


def test_what_a_query_keeps():
    def words(query):
        return [term.word for term in query_terms(query)]

    assert words("哪里有老年食堂？") == ["老年食堂"]
    assert words("楼上漏水怎么办") == ["楼上", "漏水"]
    assert words("在职党员报到") == ["在职党员", "报到"]
    assert words("教老人用智能手机") == ["老人", "智能手机"]
    assert words("重阳节活动") == ["重阳节"]
    assert words("服务") == ["服务"]  # a general word alone is still looked for
    assert words("社区 AED 培训") == ["社区", "aed", "培训"]


def test_shorter_words_and_synonyms_are_alternatives():
    (term,) = query_terms("招聘会")
    assert term.alternatives() == [("招聘会",), ("招聘", "聘会"), ("招聘",)]
    (term,) = query_terms("老人")
    assert ("老年人",) in term.alternatives() and ("长者",) in term.alternatives()
