"""Demo demands posted by community staff, and the responses providers send.

A template: (category, kind, title — {c} is the community, description, where it
happens — a facility type of the community or "home", beneficiaries (low, high),
budget in yuan (low, high) or None, duration in hours).
"""

DEMAND_TEMPLATES = [
    ("elderly-care", "public", "{c}高龄独居老人每周探访",
     "辖区有二十余位八十岁以上独居老人，子女不在身边。需要每周上门探访一次，查看水电燃气安全，了解身体状况，发现异常及时联系社区。",
     "home", (15, 30), (6000, 12000), 3),
    ("elderly-care", "convenience", "{c}失能老人上门助浴",
     "几位卧床老人家属反映洗澡困难，希望有专业护理员上门助浴，费用由家属承担，社区协调低保家庭补贴。",
     "home", (4, 8), (1200, 2400), 2),
    ("meal-assistance", "public", "{c}老年食堂午餐配送",
     "老年食堂就餐人数增加，行动不便的老人需要送餐上门。请承接方每天中午十一点前完成配送，并做好留样记录。",
     "canteen", (30, 60), (15000, 30000), 4),
    ("childcare", "convenience", "{c}暑期儿童托管",
     "双职工家庭暑期看护难，计划在社区开设为期四周的托管班，内容包括作业辅导、手工和安全教育。",
     "library", (25, 40), (20000, 32000), 6),
    ("education", "volunteer", "{c}四点半课堂辅导志愿者招募",
     "放学后有十几个孩子在社区等家长下班，需要有耐心的志愿者辅导作业，以小学三至六年级数学、英语为主。",
     "library", (12, 20), None, 2),
    ("disability-support", "public", "{c}残疾人居家康复指导",
     "辖区持证残疾人中有十余位需要居家康复训练，请康复师上门评估并指导家属协助训练。",
     "home", (10, 16), (8000, 15000), 2),
    ("disability-support", "volunteer", "{c}听障居民手语翻译陪同",
     "两位听障居民近期要去医院复查和办理社保业务，需要会手语的志愿者陪同翻译。",
     "service_centre", (2, 2), None, 3),
    ("employment", "public", "{c}就业困难人员岗位对接会",
     "部分居民失业后一直未能再就业，希望组织一场小型岗位对接会，邀请周边企业现场招聘，并提供简历指导。",
     "service_centre", (40, 80), (5000, 9000), 4),
    ("culture-sport", "volunteer", "{c}重阳节文艺汇演",
     "重阳节当天在社区广场举办文艺汇演，需要摄影、主持和现场秩序维护志愿者。",
     "culture", (150, 300), None, 3),
    ("culture-sport", "public", "{c}老年太极拳培训班",
     "社区老人对太极拳兴趣浓厚，希望开设为期两个月的培训班，每周三次，由专业教练授课。",
     "culture", (25, 40), (4000, 7000), 2),
    ("health", "convenience", "{c}老年人健康体检与慢病随访",
     "配合家庭医生签约，为辖区老人测血压血糖并建立健康档案，对高血压、糖尿病患者每月随访。",
     "health", (60, 120), (6000, 10000), 4),
    ("psychological-support", "public", "{c}失独老人心理疏导",
     "辖区有几户失独家庭，老人情绪低落，需要社工或心理咨询师开展个案心理疏导。",
     "home", (3, 6), (5000, 9000), 2),
    ("psychological-support", "public", "{c}中考学生减压团体辅导",
     "临近中考，部分家长反映孩子焦虑失眠，希望开展两到三次团体辅导，同时给家长讲讲沟通技巧。",
     "library", (15, 30), (3000, 6000), 2),
    ("legal-aid", "volunteer", "{c}法律咨询进社区",
     "居民在劳动合同、继承和房屋租赁方面的问题较多，需要律师志愿者每月来社区坐诊一次。",
     "service_centre", (20, 40), None, 3),
    ("mediation", "public", "{c}小区停车纠纷调解",
     "小区车位紧张，业主和租户之间因停车多次发生争执，需要专业调解员介入，协助制定停车公约。",
     "service_centre", (50, 120), (2000, 5000), 3),
    ("mediation", "public", "{c}楼上楼下漏水纠纷调解",
     "一栋老楼上下邻居因卫生间漏水反复争吵，已影响正常生活，请调解员上门调查并组织协商。",
     "home", (4, 6), (800, 1500), 2),
    ("housekeeping", "convenience", "{c}困难家庭年底大扫除",
     "为低保、残疾人家庭提供一次年底深度保洁，每户约四小时，社区承担部分费用。",
     "home", (8, 15), (2400, 4500), 4),
    ("repairs", "convenience", "{c}老旧楼道灯和门禁维修",
     "几栋老房子的楼道灯和单元门禁损坏，老人晚上出行不便，需要尽快维修。",
     "home", (100, 200), (3000, 6000), 6),
    ("repairs", "volunteer", "{c}便民维修集市",
     "在社区广场举办便民维修集市，为居民免费修理小家电、雨伞和自行车，磨剪刀。",
     "convenience", (80, 150), None, 3),
    ("property-services", "public", "{c}无物业小区托管服务",
     "三个无物业的老旧小区垃圾清运不及时，公共设施无人维护，计划引入物业企业托管一年。",
     "service_centre", (600, 1200), (48000, 90000), 8),
    ("emergency", "public", "{c}防汛防台应急物资与巡查",
     "台风季前需要检查低洼地段排水设施，储备沙袋和应急照明，并组建巡查队伍。",
     "service_centre", (300, 800), (8000, 15000), 6),
    ("emergency", "volunteer", "{c}居民应急救护培训",
     "组织居民学习心肺复苏和AED使用，每期二十人，需要有救护员资格的志愿者授课。",
     "culture", (20, 20), None, 3),
    ("elderly-care", "volunteer", "{c}教老人使用智能手机",
     "不少老人不会用手机挂号、扫健康码和视频通话，需要志愿者手把手教学。",
     "library", (20, 30), None, 2),
    ("elderly-care", "volunteer", "{c}老人义务理发",
     "行动不便的老人理发难，需要会理发的志愿者每月来一次，卧床老人需上门服务。",
     "service_centre", (20, 35), None, 3),
]

# How many demands in each status; the seed posts them in this order, shuffled.
STATUS_PLAN = {
    "draft": 5, "open": 11, "matched": 6, "in_progress": 6, "delivered": 5, "closed": 8, "cancelled": 4,
}

PLACE_FALLBACK = "{c}党群服务中心"
PLACE_HOME = "{c}居民家中（具体地址由社区提供）"

ORG_RESPONSES = [
    "我们在{c}附近有服务团队，可以按需求时间安排人员，服务结束后提交服务记录和照片。",
    "本机构承接过同类项目，服务人员持证上岗。建议先由社区提供服务对象名单，我们三天内完成上门评估。",
    "可以承接。我们会安排一名项目负责人与社区对接，每周汇报进度，费用按实际服务次数结算。",
    "我们有固定的志愿者和专业人员，可在指定时间到场，服务费用可在预算基础上适当优惠。",
    "机构就在本街道，响应快。可先做一次试服务，居民满意后再按计划开展。",
]
PERSON_RESPONSES = [
    "我是持证社工，做过多年个案服务，可以先与服务对象面谈，制定个别化的服务计划。",
    "我有老年社会工作和心理疏导的经验，周二、周四下午可以上门。",
    "可以由我负责个案跟进，必要时链接心理咨询师和医疗资源。",
]
CANCEL_REASONS = [
    "街道已统一安排同类服务，本社区需求取消。",
    "服务对象已搬离本社区，需求不再存在。",
    "因台风预警，活动取消，择期另行发布。",
    "预算调整，本年度暂不实施。",
]
