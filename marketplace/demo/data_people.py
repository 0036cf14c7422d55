"""Demo data tables about people: names (with pinyin for e-mail addresses), positions,
the demo accounts, and how many of each kind of person to make."""

DEMO_PASSWORD = "linli-demo-2026"
DEMO_DOMAIN = "demo.linli.cn"

# Fixed base32 TOTP secrets (20 bytes each: "linli-demo-admin-key", "linli-demo-purchaser").
TOTP_SECRET_ADMIN = "NRUW43DJFVSGK3LPFVQWI3LJNYWWWZLZ"
TOTP_SECRET_PURCHASER = "NRUW43DJFVSGK3LPFVYHK4TDNBQXGZLS"

# One account per role: key, role label, email, name, mobile, TOTP secret.
DEMO_ACCOUNTS = [
    ("resident", "居民 resident", f"resident@{DEMO_DOMAIN}", "王桂兰", "+8613800138001", ""),
    ("volunteer", "志愿者 volunteer", f"volunteer@{DEMO_DOMAIN}", "李志强", "+8613800138002", ""),
    (
        "socialworker",
        "社工 social worker",
        f"socialworker@{DEMO_DOMAIN}",
        "陈静怡",
        "+8613800138003",
        "",
    ),
    (
        "orgadmin",
        "服务主体管理员 organization admin",
        f"orgadmin@{DEMO_DOMAIN}",
        "何晓燕",
        "+8613800138004",
        "",
    ),
    (
        "orgstaff",
        "服务主体工作人员 organization staff",
        f"orgstaff@{DEMO_DOMAIN}",
        "徐俊杰",
        "+8613800138005",
        "",
    ),
    (
        "communitystaff",
        "社区工作者 community staff",
        f"communitystaff@{DEMO_DOMAIN}",
        "赵丽娟",
        "+8613800138006",
        "",
    ),
    (
        "streetstaff",
        "街道工作人员 street staff",
        f"streetstaff@{DEMO_DOMAIN}",
        "孙国栋",
        "+8613800138009",
        "",
    ),
    (
        "purchaser",
        "购买主体 purchaser",
        f"purchaser@{DEMO_DOMAIN}",
        "周建平",
        "+8613800138007",
        TOTP_SECRET_PURCHASER,
    ),
    (
        "admin",
        "平台管理员 platform admin",
        f"admin@{DEMO_DOMAIN}",
        "林海峰",
        "+8613800138008",
        TOTP_SECRET_ADMIN,
    ),
]
ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"

# Where the demo accounts belong.
DEMO_RESIDENT_HOME = ("xinghua-shequ", "杏花路58号2幢1单元302室")
DEMO_VOLUNTEER = {
    "home": "xinghua-shequ",
    "skills": ["first-aid", "elderly-companionship", "computer-skills"],
    "availability": ["weekday_evening", "weekend_morning", "weekend_afternoon"],
}
DEMO_STAFF_COMMUNITIES = ["xinghua-shequ", "guiyuan-shequ"]
DEMO_SERVICE_ORG = "临江区乐龄养老服务中心"
DEMO_SOCIAL_WORK_AGENCY = "临江区同心社会工作服务中心"
DEMO_PURCHASER_ORG = "临江区人民政府杏花街道办事处"

# How many generated people of each kind.
VOLUNTEER_COUNT = 120
SOCIAL_WORKER_COUNT = 12
RESIDENT_COUNT = 40
PARTY_MEMBER_SHARE = 0.15

# Surnames with their pinyin; the first ones are drawn more often.
SURNAMES = [
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("陈", "chen"),
    ("刘", "liu"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("吴", "wu"),
    ("周", "zhou"),
    ("徐", "xu"),
    ("赵", "zhao"),
    ("孙", "sun"),
    ("朱", "zhu"),
    ("胡", "hu"),
    ("林", "lin"),
    ("郑", "zheng"),
    ("何", "he"),
    ("郭", "guo"),
    ("马", "ma"),
    ("罗", "luo"),
    ("沈", "shen"),
    ("叶", "ye"),
    ("金", "jin"),
    ("方", "fang"),
    ("应", "ying"),
    ("俞", "yu"),
    ("楼", "lou"),
    ("邵", "shao"),
    ("蒋", "jiang"),
    ("潘", "pan"),
    ("谢", "xie"),
    ("宋", "song"),
    ("唐", "tang"),
    ("韩", "han"),
    ("冯", "feng"),
    ("曹", "cao"),
    ("袁", "yuan"),
    ("董", "dong"),
    ("程", "cheng"),
    ("魏", "wei"),
    ("余", "yu"),
    ("杜", "du"),
]
GIVEN_MALE = [
    ("伟", "wei"),
    ("强", "qiang"),
    ("军", "jun"),
    ("磊", "lei"),
    ("涛", "tao"),
    ("斌", "bin"),
    ("浩", "hao"),
    ("杰", "jie"),
    ("明", "ming"),
    ("建", "jian"),
    ("国", "guo"),
    ("华", "hua"),
    ("志", "zhi"),
    ("勇", "yong"),
    ("峰", "feng"),
    ("超", "chao"),
    ("鹏", "peng"),
    ("宇", "yu"),
    ("俊", "jun"),
    ("海", "hai"),
    ("平", "ping"),
    ("文", "wen"),
    ("辉", "hui"),
    ("刚", "gang"),
    ("健", "jian"),
    ("亮", "liang"),
    ("成", "cheng"),
    ("晨", "chen"),
    ("博", "bo"),
    ("轩", "xuan"),
    ("永", "yong"),
    ("忠", "zhong"),
    ("德", "de"),
    ("荣", "rong"),
    ("立", "li"),
    ("新", "xin"),
]
GIVEN_FEMALE = [
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("丽", "li"),
    ("艳", "yan"),
    ("娟", "juan"),
    ("霞", "xia"),
    ("秀", "xiu"),
    ("英", "ying"),
    ("玲", "ling"),
    ("桂", "gui"),
    ("兰", "lan"),
    ("萍", "ping"),
    ("红", "hong"),
    ("燕", "yan"),
    ("婷", "ting"),
    ("雪", "xue"),
    ("琳", "lin"),
    ("慧", "hui"),
    ("佳", "jia"),
    ("欣", "xin"),
    ("怡", "yi"),
    ("梅", "mei"),
    ("琴", "qin"),
    ("雯", "wen"),
    ("倩", "qian"),
    ("颖", "ying"),
    ("月", "yue"),
    ("珍", "zhen"),
    ("淑", "shu"),
    ("晓", "xiao"),
    ("洁", "jie"),
    ("蓉", "rong"),
]

# Mobile prefixes of the three carriers (the first three digits).
MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "173",
    "177",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "193",
    "198",
    "199",
]

# Birth-registration area codes for ID numbers: the district itself and neighbours.
ID_AREA_CODES = ["331202", "331202", "331202", "331203", "331221", "330282", "330203", "341822"]

# Positions of community staff (社区工作者), by community type.
STAFF_TITLES = {
    "urban": ["社区党委书记、居委会主任", "社区居委会副主任", "社区专职工作者", "网格员"],
    "resettlement": ["社区党委书记、居委会主任", "社区专职工作者", "网格员"],
    "village": ["村党支部书记、村委会主任", "村委会委员", "村务专职工作者"],
}
STAFF_PER_COMMUNITY = 2

# Residential address formats: urban communities have buildings, villages house numbers.
URBAN_ADDRESS = "{road}{no}号{bld}幢{unit}单元{room}室"
VILLAGE_ADDRESS = "{road}{no}号"
