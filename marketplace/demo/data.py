"""Demo data tables: the region tree, facilities, categories, skills and CMS texts.

Everything here is fictional (清川市 and 临江区 do not exist) but shaped like the real
thing: 12-digit division codes (village committees numbered from 200), coordinates
clustered within about 10 km, opening hours as a community would post them.
"""

SEED = 20261129
CITY_AREA_CODE = "0576"
DISTRICT_CODE = "331202"  # first six digits of division codes, credit codes and ID numbers

PROVINCE = {
    "name": "浙江省",
    "slug": "zhejiang",
    "code": "330000000000",
    "lat": "29.2000",
    "lon": "120.5000",
}
CITY = {
    "name": "清川市",
    "slug": "qingchuan-shi",
    "code": "331200000000",
    "lat": "29.8800",
    "lon": "121.5600",
}
DISTRICT = {
    "name": "临江区",
    "slug": "linjiang-qu",
    "code": "331202000000",
    "lat": "29.8740",
    "lon": "121.5480",
}

# Streets and townships: (name, slug, code, latitude, longitude)
STREETS = [
    ("杏花街道", "xinghua-jie", "331202001000", "29.8745", "121.5460"),
    ("望江街道", "wangjiang-jie", "331202002000", "29.8870", "121.5730"),
    ("滨湖街道", "binhu-jie", "331202003000", "29.8480", "121.5260"),
    ("白沙镇", "baisha-zhen", "331202100000", "29.9100", "121.5000"),
]

# Communities: street slug, name, slug, type, division code, population, lat, lon,
# address stems (roads, or natural villages for a 村), and the facility types it has.
COMMUNITIES = [
    (
        "xinghua-jie",
        "杏花社区",
        "xinghua-shequ",
        "urban",
        "331202001001",
        9860,
        "29.873512",
        "121.546217",
        ["杏花路", "文化巷"],
        ["service_centre", "elderly_care", "canteen", "library"],
    ),
    (
        "xinghua-jie",
        "桂园社区",
        "guiyuan-shequ",
        "urban",
        "331202001002",
        12450,
        "29.876834",
        "121.552105",
        ["桂园路", "丹桂街"],
        ["service_centre", "day_care", "childcare"],
    ),
    (
        "xinghua-jie",
        "文昌社区",
        "wenchang-shequ",
        "urban",
        "331202001003",
        8320,
        "29.869241",
        "121.539806",
        ["文昌路", "学府街"],
        ["service_centre", "culture", "health"],
    ),
    (
        "xinghua-jie",
        "锦绣社区",
        "jinxiu-shequ",
        "urban",
        "331202001004",
        14780,
        "29.880147",
        "121.543618",
        ["锦绣大道", "春晖路"],
        ["service_centre", "party_service", "childcare", "convenience"],
    ),
    (
        "wangjiang-jie",
        "望江社区",
        "wangjiang-shequ",
        "urban",
        "331202002001",
        10230,
        "29.886225",
        "121.573140",
        ["望江路", "江东北路"],
        ["service_centre", "elderly_care", "rehab"],
    ),
    (
        "wangjiang-jie",
        "江滨社区",
        "jiangbin-shequ",
        "urban",
        "331202002002",
        7650,
        "29.890531",
        "121.581207",
        ["江滨路", "渡口巷"],
        ["service_centre", "canteen", "culture"],
    ),
    (
        "wangjiang-jie",
        "新河社区",
        "xinhe-shequ",
        "urban",
        "331202002003",
        11980,
        "29.881703",
        "121.568816",
        ["新河路", "河清街"],
        ["service_centre", "health", "convenience"],
    ),
    (
        "wangjiang-jie",
        "柳岸社区",
        "liuan-shequ",
        "urban",
        "331202002004",
        6840,
        "29.893148",
        "121.566532",
        ["柳岸路", "长堤街"],
        ["service_centre", "library"],
    ),
    (
        "binhu-jie",
        "湖畔社区",
        "hupan-shequ",
        "urban",
        "331202003001",
        9120,
        "29.852436",
        "121.531819",
        ["湖畔路", "荷花街"],
        ["service_centre", "day_care", "culture"],
    ),
    (
        "binhu-jie",
        "康居新苑社区",
        "kangju-xinyuan-shequ",
        "resettlement",
        "331202003002",
        8460,
        "29.846718",
        "121.524322",
        ["康居路", "安泰街"],
        ["service_centre", "canteen", "childcare", "rehab", "convenience"],
    ),
    (
        "binhu-jie",
        "湖西村",
        "huxi-cun",
        "village",
        "331202003200",
        2380,
        "29.841205",
        "121.517634",
        ["湖西村西岙", "湖西村塘下"],
        ["service_centre", "health", "library"],
    ),
    (
        "baisha-zhen",
        "白沙社区",
        "baisha-shequ",
        "urban",
        "331202100001",
        5630,
        "29.905218",
        "121.504826",
        ["白沙街", "镇府路"],
        ["service_centre", "party_service", "elderly_care", "health"],
    ),
    (
        "baisha-zhen",
        "石桥村",
        "shiqiao-cun",
        "village",
        "331202100201",
        1860,
        "29.912704",
        "121.495137",
        ["石桥村上宅", "石桥村下宅"],
        ["service_centre", "culture"],
    ),
    (
        "baisha-zhen",
        "东岙村",
        "dongao-cun",
        "village",
        "331202100202",
        1420,
        "29.918933",
        "121.511302",
        ["东岙村前山", "东岙村后垄"],
        ["service_centre", "elderly_care"],
    ),
    (
        "baisha-zhen",
        "梅林村",
        "meilin-cun",
        "village",
        "331202100203",
        2150,
        "29.898611",
        "121.490215",
        ["梅林村梅园", "梅林村新屋"],
        ["service_centre", "library", "canteen"],
    ),
    (
        "baisha-zhen",
        "下洋村",
        "xiayang-cun",
        "village",
        "331202100204",
        1290,
        "29.923417",
        "121.498706",
        ["下洋村洋头", "下洋村溪口"],
        ["service_centre", "health"],
    ),
]

# Facility names by type: (urban community, village). {c} is the community's name.
FACILITY_NAMES = {
    "service_centre": ("{c}党群服务中心", "{c}便民服务中心"),
    "elderly_care": ("{c}居家养老服务站", "{c}居家养老服务照料中心"),
    "day_care": ("{c}老年人日间照料中心", "{c}老年人日间照料中心"),
    "canteen": ("{c}老年食堂", "{c}长者助餐点"),
    "childcare": ("{c}婴幼儿照护驿站", "{c}托育点"),
    "health": ("{c}卫生服务站", "{c}卫生室"),
    "culture": ("{c}文体活动室", "{c}文化礼堂"),
    "library": ("{c}图书室", "{c}农家书屋"),
    "party_service": ("{c}党员先锋服务站", "{c}党员先锋服务站"),
    "rehab": ("{c}残疾人康复室", "{c}阳光康复站"),
    "convenience": ("{c}邻里便民驿站", "{c}便民服务点"),
}

FACILITY_DESCRIPTIONS = {
    "service_centre": "提供社保、民政、残联等事项的一站式代办，设有议事协商室和志愿者之家，工作日有专人值守。",
    "elderly_care": "为辖区老人提供助餐、助洁、助浴和健康监测，失能老人可预约上门服务。",
    "day_care": "白天托管的老年人照料中心，设午休床位、康复器材和棋牌阅读区，提供午餐和下午茶点。",
    "canteen": "面向辖区60周岁以上老人的助餐点，午餐、晚餐两餐供应，80周岁以上老人享受就餐补贴，行动不便者可预约送餐。",
    "childcare": "为3岁以下婴幼儿提供临时托、半日托和亲子活动，保育人员持证上岗。",
    "health": "开展常见病诊疗、慢病随访、家庭医生签约和老年人免费体检，可测血压血糖。",
    "culture": "设有排练厅、乒乓球室和书画室，是广场舞队、合唱队和太极拳队的活动场地。",
    "library": "藏书三千余册，配有电子阅读机和儿童绘本角，周末开展亲子阅读活动。",
    "party_service": "在职党员到社区报到的登记点，组织党员认领微心愿、参加志愿服务和主题党日活动。",
    "rehab": "为残疾人提供康复训练、辅具适配和就业咨询，康复师每周定期坐诊。",
    "convenience": "提供快递代收、小家电维修、磨刀、理发和雨伞租借等便民服务。",
}

# Opening hours: a list of (weekdays 0=Monday, [(opens, closes), …]).
WORKDAYS, WEEKEND, ALL_DAYS = [0, 1, 2, 3, 4], [5, 6], list(range(7))
LUNCH_BREAK = [("08:30", "12:00"), ("13:00", "17:30")]
OPENING_HOURS = {
    "service_centre": [(WORKDAYS, LUNCH_BREAK), (WEEKEND, [("09:00", "17:00")])],
    "village_office": [(WORKDAYS, LUNCH_BREAK)],  # closed at weekends
    "elderly_care": [(ALL_DAYS, [("08:00", "17:00")])],
    "day_care": [(ALL_DAYS, [("07:30", "17:30")])],
    "canteen": [(ALL_DAYS, [("10:30", "13:00"), ("16:30", "18:30")])],  # short days
    "childcare": [(WORKDAYS, [("07:30", "18:00")])],
    "health": [
        (WORKDAYS, [("08:00", "12:00"), ("13:30", "17:30")]),
        (WEEKEND, [("08:00", "16:00")]),
    ],
    "village_health": [([0, 1, 2, 3, 4, 5], [("07:30", "11:30"), ("13:30", "17:30")])],
    "culture": [(ALL_DAYS, [("08:30", "21:00")])],
    "village_culture": [(ALL_DAYS, [("08:00", "11:30"), ("13:30", "21:00")])],
    "library": [([1, 2, 3, 4, 5, 6], [("09:00", "12:00"), ("13:30", "20:00")])],  # closed Mondays
    "party_service": [(WORKDAYS, LUNCH_BREAK), ([5], [("09:00", "17:00")])],
    "rehab": [(WORKDAYS, [("08:30", "11:30"), ("14:00", "17:00")])],  # short days
    "convenience": [(ALL_DAYS, [("08:00", "20:00")])],
}
VILLAGE_HOURS = {
    "service_centre": "village_office",
    "health": "village_health",
    "culture": "village_culture",
}

# Accessibility features every facility of a type has; a few more are drawn at random.
ACCESSIBILITY_BASE = {
    "service_centre": ["step_free", "accessible_toilet"],
    "elderly_care": ["step_free", "handrails"],
    "day_care": ["step_free", "handrails", "accessible_toilet"],
    "canteen": ["step_free"],
    "childcare": ["step_free"],
    "health": ["step_free", "accessible_toilet"],
    "culture": [],
    "library": ["step_free"],
    "party_service": [],
    "rehab": ["step_free", "handrails", "accessible_toilet", "braille"],
    "convenience": [],
}
ACCESSIBILITY_EXTRA = ["elevator", "handrails", "hearing_loop", "braille", "accessible_parking"]

# Service categories: (code, Chinese, English)
CATEGORIES = [
    ("elderly-care", "养老", "Elderly care"),
    ("childcare", "托育", "Childcare"),
    ("disability-support", "助残", "Disability support"),
    ("employment", "就业", "Employment"),
    ("education", "教育", "Education"),
    ("culture-sport", "文体", "Culture and sport"),
    ("health", "健康", "Health"),
    ("psychological-support", "心理", "Psychological support"),
    ("legal-aid", "法律援助", "Legal aid"),
    ("mediation", "调解", "Mediation"),
    ("housekeeping", "家政", "Housekeeping"),
    ("repairs", "维修", "Repairs"),
    ("meal-assistance", "助餐", "Meal assistance"),
    ("property-services", "物业", "Property services"),
    ("emergency", "应急", "Emergency"),
]

# Skills: (code, Chinese, English)
SKILLS = [
    ("first-aid", "急救", "First aid"),
    ("sign-language", "手语", "Sign language"),
    ("elderly-companionship", "助老陪伴", "Elderly companionship"),
    ("tutoring", "课业辅导", "Tutoring"),
    ("repairs", "家电维修", "Repairs"),
    ("haircut", "理发", "Haircut"),
    ("legal-consulting", "法律咨询", "Legal consulting"),
    ("psychological-counselling", "心理疏导", "Psychological counselling"),
    ("photography", "摄影", "Photography"),
    ("cooking", "烹饪", "Cooking"),
    ("computer-skills", "电脑与智能手机教学", "Computer skills"),
    ("party-building", "党建宣讲", "Party-building"),
    ("fire-safety", "消防安全宣传", "Fire-safety outreach"),
    ("calligraphy", "书法", "Calligraphy"),
]

# --- CMS texts --------------------------------------------------------------

HOME_INTRO = (
    "邻里是临江区城乡社区服务平台。居民在这里找到家门口的服务和设施，社区发布服务需求，"
    "志愿者、社工、社会组织和服务企业接单服务，政府购买服务全程公开，服务好不好由居民来评价。"
)
COMMUNITY_INDEX_INTRO = "临江区下辖杏花、望江、滨湖三个街道和白沙镇，共十六个城乡社区。选择您所在的社区，查看服务设施、服务需求和社区通知。"

COMMUNITY_INTROS = {
    "urban": "{c}位于{s}，常住人口约{p}人。社区以“十五分钟便民生活圈”为目标，党群服务中心周边集中了养老、托育、助餐和文体设施。",
    "village": "{c}隶属{s}，户籍人口约{p}人，老年人口比例较高。村里依托便民服务中心和文化礼堂，开展代办服务、助老送餐和文明实践活动。",
    "resettlement": "{c}是{s}的拆迁安置社区，常住人口约{p}人，居民来自周边多个原行政村。社区重点做好就业帮扶、邻里融合和老年人照护，让搬迁群众住得安心、融得进来。",
}
COMMUNITY_BODY = (
    "<p>社区党群服务中心工作日上午8:30至下午5:30开放，可办理居住证明、高龄津贴、"
    "残疾人两项补贴、医保参保等事项。遇到邻里纠纷、房屋漏水、噪音扰民等问题，"
    "可通过邻里平台提交诉求，社区会在规定时限内联系您。</p>"
)
COMMUNITY_GUIDE_STEP = {
    "title": "办理高龄津贴",
    "detail": "年满80周岁的本社区户籍老人，携带身份证、户口簿和本人银行卡到党群服务中心一楼综合窗口申请，审核通过后次月起按月发放。",
}

# A community project residents can donate to (under the demo resident's community).
DONATION_PROJECT = {
    "title": "杏花社区口袋花园改造",
    "slug": "pocket-garden",
    "intro": "把3号楼旁的空地改造成有座椅、无障碍步道和共享花箱的口袋花园，供老人和孩子休憩。",
    "goal": "30000.00",
}

STANDARD_PAGES = [
    {
        "title": "临江区政府购买社区服务实施办法",
        "slug": "purchase-of-services",
        "intro": "本办法规范临江区政府向社会力量购买社区服务的范围、程序和绩效评价，推动服务项目公开透明、择优选取承接主体。",
        "body": [
            ("heading", "一、购买内容"),
            (
                "paragraph",
                "<p>购买内容包括养老服务、托育服务、助残服务、就业帮扶、心理疏导、矛盾调解、社区文体活动等基本公共服务和社区治理辅助事项。"
                "不得将应由政府直接履职的事项转为购买服务。</p>",
            ),
            ("heading", "二、承接主体"),
            (
                "paragraph",
                "<p>承接主体应为依法登记、持有统一社会信用代码的社会组织、社会工作服务机构或企业，近三年无重大违法记录，具备完成项目所需的专业人员和管理制度。</p>",
            ),
            (
                "notice",
                {
                    "heading": "评审方法",
                    "text": "<p>项目评审采用<b>综合评分法</b>：价格分与技术分按招标文件约定的权重加权，评分细则在招标公告中一并公布。</p>",
                },
            ),
            ("heading", "三、绩效评价"),
            (
                "paragraph",
                "<p>项目实施期满，由购买主体组织绩效评价，居民满意度测评结果纳入评价得分，评价结果向社会公开并作为以后年度选择承接主体的重要参考。</p>",
            ),
        ],
    },
    {
        "title": "志愿服务记录办法",
        "slug": "volunteer-service-records",
        "intro": "志愿服务组织应当如实记录志愿者的个人基本信息、志愿服务情况、培训情况、表彰奖励情况和评价情况，志愿者可以申请出具志愿服务记录证明。",
        "body": [
            (
                "paragraph",
                "<p>志愿服务时间以小时为计量单位，指志愿者实际提供志愿服务的时间，不含往返交通时间。服务结束后，由志愿服务组织或社区工作者确认签到、签退时间。</p>",
            ),
            (
                "guide_step",
                {
                    "title": "第一步：完善志愿者资料",
                    "detail": "登录邻里平台，在个人中心填写技能、可服务时间和所在社区；在职党员请勾选“在职党员到社区报到”。",
                },
            ),
            (
                "guide_step",
                {
                    "title": "第二步：报名服务岗位",
                    "detail": "在志愿服务栏目选择任务和班次，名额已满时可进入候补，有人取消后按顺序递补。",
                },
            ),
            (
                "guide_step",
                {
                    "title": "第三步：签到签退与时长确认",
                    "detail": "到达服务地点后扫描现场二维码签到，结束时签退，社区工作者审核后计入志愿服务时长。",
                },
            ),
            (
                "guide_step",
                {
                    "title": "第四步：下载服务记录证明",
                    "detail": "在个人中心下载志愿服务记录证明，证明载明服务内容、地点、时间、时长和记录单位。",
                },
            ),
        ],
    },
    {
        "title": "办事指南：居家养老服务补贴申请",
        "slug": "guide-home-care-subsidy",
        "intro": "符合条件的老年人可申请居家养老服务补贴，用于购买助餐、助洁、助浴、助医等上门服务。",
        "body": [
            (
                "notice",
                {
                    "heading": "申请条件",
                    "text": "<ul><li>本区户籍且实际居住的60周岁以上老年人；</li><li>经评估为失能、半失能，或属于低保、低边家庭。</li></ul>",
                },
            ),
            (
                "guide_step",
                {
                    "title": "提交申请",
                    "detail": "本人或家属携带身份证、户口簿和相关证明材料，到所在社区（村）党群服务中心提出申请，也可在邻里平台在线提交。",
                },
            ),
            (
                "guide_step",
                {
                    "title": "能力评估",
                    "detail": "街道（镇）委托第三方评估机构在15个工作日内上门开展老年人能力评估。",
                },
            ),
            (
                "guide_step",
                {
                    "title": "审核公示",
                    "detail": "区民政局审核通过后在社区公示5个工作日，无异议的次月起发放服务补贴。",
                },
            ),
            (
                "paragraph",
                "<p>咨询电话：0576-86012345（临江区民政局养老服务科，工作日8:30—17:30）。</p>",
            ),
        ],
    },
]
