"""Demo data for residents' requests (接诉即办): categories with their deadlines, and
requests at every stage of handling. Fictional, shaped like a street office's log."""

# code, Chinese name, English name, hours to accept, hours to resolve
CATEGORIES = [
    ("sanitation", "环境卫生", "Sanitation", 4, 72),
    ("repairs", "设施维修", "Facility repairs", 8, 120),
    ("noise", "噪音扰民", "Noise nuisance", 2, 48),
    ("elderly-services", "养老服务", "Elderly services", 12, 168),
    ("property", "物业管理", "Property management", 8, 168),
    ("service-complaint", "服务投诉", "Complaints about a service", 24, 240),
]

# The demo community's drawn area, around 杏花社区's centre (29.873512, 121.546217).
XINGHUA_BOUNDARY = [
    [29.8680, 121.5400],
    [29.8795, 121.5405],
    [29.8800, 121.5525],
    [29.8690, 121.5530],
]

STREET_STAFF_TITLE = "街道接诉即办专员"
COMPLAINED_ORG = "临江区乐龄养老服务中心"

# Each request: who files it ("demo" = the demo resident, else a resident of that
# community), category, text, place, hours ago it was filed, and the steps taken as
# (action, hours after filing, words). "escalate" is left overdue for the street.
REQUESTS = [
    (
        "demo",
        "sanitation",
        "单元楼道里堆放了大量纸箱和旧家具，已经两周没人清理，存在消防隐患。",
        "杏花路58号2幢1单元楼道",
        30,
        [
            ("accept", 1.5, "已派网格员上门查看。"),
            ("resolve", 20, "已联系物业和保洁公司清运楼道杂物，并张贴消防通道禁止堆物提示。"),
            ("close", 26, ""),
        ],
    ),
    (
        "demo",
        "repairs",
        "小区东门口的路灯坏了三盏，晚上出门很黑，老人走路不安全。",
        "杏花路东门口",
        52,
        [("accept", 3, ""), ("resolve", 40, "已报修市政照明所，三盏路灯已更换灯具，恢复照明。")],
    ),
    (
        "demo",
        "elderly-services",
        "我母亲82岁独居，想申请社区助餐服务，不知道需要什么材料。",
        "杏花路58号2幢1单元302室",
        6,
        [("accept", 2, "已安排社区养老专干电话联系。")],
    ),
    (
        "demo",
        "noise",
        "楼下商铺每天晚上十点后还在搬运货物，噪音很大，影响休息。",
        "文化巷12号沿街商铺",
        0.5,
        [],
    ),
    (
        "demo",
        "service-complaint",
        "预约的上门助浴服务人员迟到两个多小时，也没有提前通知。",
        "杏花路58号2幢1单元302室",
        120,
        [
            ("accept", 6, ""),
            (
                "resolve",
                96,
                "经核实服务人员迟到属实，已约谈服务机构并要求整改，后续服务改为提前一天电话确认。",
                True,
            ),
        ],
    ),
    (
        "xinghua-shequ",
        "property",
        "地下车库排水沟堵塞，下雨后积水严重，车辆进出困难。",
        "杏花苑地下车库",
        10,
        [("accept", 2, "")],
    ),
    (
        "xinghua-shequ",
        "sanitation",
        "垃圾分类投放点的厨余垃圾桶经常满溢，气味很大。",
        "杏花苑5幢旁垃圾投放点",
        2,
        [],
    ),
    (
        "xinghua-shequ",
        "noise",
        "对面工地夜间施工，凌晨一两点还在打桩。",
        "文化巷北侧在建工地",
        9,
        "escalate",
    ),
    (
        "xinghua-shequ",
        "repairs",
        "健身广场的一台漫步机扶手松动，容易伤人。",
        "杏花社区健身广场",
        70,
        [
            ("accept", 4, ""),
            ("resolve", 30, "已拆除松动扶手并更换新件，器材恢复使用。"),
            ("close", 50, "谢谢社区及时处理。"),
        ],
    ),
    (
        "xinghua-shequ",
        "property",
        "希望小区增设电动自行车集中充电桩，避免飞线充电。",
        "杏花苑",
        80,
        [
            (
                "reject",
                10,
                "充电设施建设由业主大会决定并由物业公司实施，已将建议转交业委会，请通过业委会渠道提出。",
            )
        ],
    ),
    (
        "xinghua-shequ",
        "sanitation",
        "小区绿化带有死鸟，请尽快处理。",
        "杏花苑3幢南侧绿化带",
        5,
        [("withdraw", 1, "物业保洁已经处理了。")],
    ),
    ("guiyuan-shequ", "repairs", "单元门禁系统坏了，陌生人可以随便进出。", "桂园路16号4幢", 3, []),
    (
        "guiyuan-shequ",
        "elderly-services",
        "日间照料中心的午休床位不够，老人只能坐着休息。",
        "桂园社区日间照料中心",
        40,
        [("accept", 5, ""), ("resolve", 36, "已协调新增6张午休床位，下周一投入使用。")],
    ),
    (
        "guiyuan-shequ",
        "service-complaint",
        "助餐点送来的饭菜是凉的，已经好几次了。",
        "丹桂街22号",
        28,
        [("accept", 8, "已转服务机构核实。")],
    ),
    (
        "wenchang-shequ",
        "noise",
        "广场舞音响声音太大，晚上九点后还不停。",
        "文昌路文化广场",
        60,
        [
            ("accept", 1, ""),
            ("resolve", 20, "已与广场舞队协商，音量调低并于晚上八点半前结束。"),
            ("close", 30, ""),
        ],
    ),
]
