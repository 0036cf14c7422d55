"""Words the synthetic search corpus is composed from (see corpus.py), beside the demo's
vocabularies in marketplace/demo/data*.py."""

from marketplace.demo.data import CATEGORIES

DISTRICTS = ["临江区", "清河区", "东湖区", "凤山区", "南港区", "云溪区"]
STREET_WORDS = ["杏花", "望江", "滨湖", "白沙", "文昌", "梅林", "石桥", "金桥"]
PLACE_WORDS = (
    "杏花 桂园 文昌 望江 滨湖 白沙 梅园 柳岸 枫林 翠竹 青松 金桥 银湖 东港 西塘 "
    "南山 北岙 新河 古城 明珠 春晖 秋实 和平 幸福 康宁 锦绣 华庭 阳光 清泉 石桥"
).split()
PLACE_TAILS = ["", "东苑", "西苑", "南苑", "北苑", "新村", "花园", "家园"]
ROAD_TAILS = ["路", "街", "巷", "大道"]
# Service words per category code: what demands, tasks and offerings are about.
SERVICES = {
    "elderly-care": "居家养老 上门探访 助洁 助浴 陪同就医 失能老人照护 日间照料 适老化改造".split(),
    "meal-assistance": "老年助餐 送餐上门 长者食堂 爱心午餐 助餐".split(),
    "childcare": "儿童托管 四点半课堂 暑期托管 婴幼儿照护 亲子阅读".split(),
    "psychological-support": "心理疏导 心理咨询 情绪支持 青少年心理辅导".split(),
    "repairs": "家电维修 水电维修 管道疏通 门窗维修 磨刀 自行车维修".split(),
    "housekeeping": "理发 家庭保洁 衣物清洗 上门理发 收纳整理".split(),
    "health": "义诊 健康讲座 血压测量 家庭医生签约 中医理疗 康复训练".split(),
    "disability-support": "康复训练 辅具适配 助残就业 残疾人帮扶".split(),
    "legal-aid": "法律咨询 法律援助 遗嘱咨询 劳动纠纷咨询".split(),
    "mediation": "邻里纠纷调解 家庭矛盾调解 物业纠纷调解".split(),
    "education": "课业辅导 智能手机教学 老年大学 书法班".split(),
    "culture-sport": "广场舞 太极拳 合唱 乒乓球 书画 电影放映".split(),
    "employment": "就业指导 技能培训 招聘会 创业咨询".split(),
    "property-services": "垃圾分类 楼道清理 绿化养护 电梯维保".split(),
    "emergency": "应急演练 消防安全宣传 防汛 急救培训".split(),
}
CATEGORY_NAMES = {code: zh for code, zh, _en in CATEGORIES}
WHO = (
    "独居老人 高龄老人 失能老人 残疾人 困境儿童 双职工家庭 外来务工人员 低保家庭 退役军人 居民"
).split()
WHEN = "每周二上午 周末下午 工作日早上八点 每月第一个周六 暑假期间 每天中午 节假日".split()
EXTRAS = [
    "服务人员需持证上岗。",
    "有护理经验者优先。",
    "请自带工具。",
    "活动提供午餐。",
    "服务结束后请居民在平台评价。",
    "费用由政府购买服务承担。",
    "行动不便者可预约上门。",
    "请提前一天在平台报名。",
    "需要懂方言的志愿者。",
    "注意做好安全防护。",
    "现场有社区工作者协助。",
    "名额有限，先到先得。",
    "本项目接受居民监督。",
]
ORG_WORDS = "乐龄 暖心 同心 夕阳红 友邻 启航 守望 惠民 康乐 善德 仁和 邻里".split()
ORG_TYPES = {
    "social_organization": ["养老服务中心", "社会服务中心", "公益服务中心"],
    "social_work_agency": ["社会工作服务社", "社工事务所"],
    "service_enterprise": ["家政服务有限公司", "物业服务有限公司", "餐饮管理有限公司"],
    "volunteer_team": ["志愿服务队", "志愿者协会"],
}
PAGE_KINDS = ["standardpage", "communitypage", "tendernoticepage", "awardnoticepage"]
