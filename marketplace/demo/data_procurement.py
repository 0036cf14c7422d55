"""Purchased-service projects for the demo, one per stage of the lifecycle.

Each: (stage, title, purpose, category, budget, eligible types, criteria, bidder prices).
"""

CRITERIA = [
    ("服务方案的针对性与可行性", "需求分析准确，服务内容、频次和流程清晰可行。", 35),
    ("团队配置与专业资质", "持证社工占比、项目负责人经验。", 20),
    ("同类项目经验与群众评价", "近三年同类项目数量与服务对象满意度。", 15),
]
PRICE_WEIGHT = 30
SOCIAL = ["social_work_agency", "social_organization"]

PROJECTS = [
    (
        "planning",
        "杏花街道2027年困境儿童关爱服务项目",
        "为辖区困境儿童提供个案管理、课业辅导和心理支持服务。",
        "childcare",
        380000,
        SOCIAL,
        [],
    ),
    (
        "tendering",
        "杏花街道居家养老上门服务项目",
        "为辖区80周岁以上独居、失能老人提供助洁、助浴、助医等上门服务。",
        "elderly-care",
        560000,
        SOCIAL,
        [498000, 530000],
    ),
    (
        "evaluating",
        "望江街道社区心理健康服务项目",
        "在各社区设立心理服务站点，开展心理咨询、危机干预和心理健康科普。",
        "psychological-support",
        260000,
        SOCIAL,
        [238000, 251000, 219000],
    ),
    (
        "awarded",
        "滨湖街道老年助餐配送服务项目",
        "依托社区食堂为高龄、独居老人提供每日午餐配送服务。",
        "meal-assistance",
        420000,
        SOCIAL,
        [396000, 408000, 371000],
    ),
    (
        "in_contract",
        "白沙镇农村留守老人关爱服务项目",
        "为白沙镇各行政村留守老人提供定期探访、健康监测和应急援助。",
        "elderly-care",
        300000,
        SOCIAL,
        [286000, 275000, 292000],
    ),
    (
        "completed",
        "望江街道残疾人康复支持服务项目",
        "为辖区残疾人提供康复训练指导、辅具适配和家庭支持服务。",
        "disability-support",
        240000,
        SOCIAL,
        [231000, 226500, 238000],
    ),
    (
        "evaluated",
        "杏花街道社区矛盾纠纷调解服务项目",
        "组建专业调解团队，化解邻里、物业和家庭矛盾纠纷。",
        "mediation",
        180000,
        SOCIAL,
        [172000, 165000, 176500],
    ),
    (
        "failed",
        "望江街道社区法律服务项目",
        "为居民提供法律咨询、法治宣传和法律援助转介服务。",
        "legal-aid",
        120000,
        ["social_organization"],
        [],
    ),
    (
        "cancelled",
        "滨湖街道社区文化活动服务项目",
        "全年组织社区文化节、广场舞比赛和书法培训。",
        "culture-sport",
        150000,
        SOCIAL,
        [],
    ),
]
PANEL = ["陈立新", "周慧敏", "吴建国"]
PANEL_EMAILS = ["expert.chen", "expert.zhou", "expert.wu"]
MILESTONES = [
    ("项目启动与需求评估", "需求评估报告、服务对象花名册", 30, 30),
    ("中期服务", "服务台账、中期评估报告", 40, 180),
    ("结项", "结项报告、满意度调查报告", 30, 360),
]
INDICATORS = [("服务数量完成率", 30, 95), ("服务质量", 40, 88), ("项目管理规范性", 30, 90)]
OBJECTION = "我方认为“团队配置与专业资质”评分偏低，请予复核。"
OBJECTION_ANSWER = "经复核，评审专家依据评分标准独立评分，评分无误，质疑不成立。"
CANCEL_REASON = "因年度预算调整，本项目暂停采购。"
