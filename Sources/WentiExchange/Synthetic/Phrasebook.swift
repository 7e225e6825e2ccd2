/// Phrases the synthetic generator combines into Chinese titles and descriptions, one set
/// per category of the seed's order (班组负担, 对标压力与缺员, 职业前景, 对标考核脱节,
/// 竞赛调考, 农电及集体人员归属感, 身份价值认同, 收入福利). Categories beyond eight reuse them.
enum Phrasebook {
    private static let subjects = ["班组", "供电所", "运维班", "检修班", "客服班", "计量班", "施工队", "配送站", "营业厅", "项目部"]

    private static let problems: [[String]] = [
        ["报表重复填报", "迎检台账过多", "临时性任务多", "会议材料要求过细", "系统录入重复", "非生产性事务多"],
        ["结构性缺员", "指标排名压力大", "一人多岗", "夜班连续", "加班常态化", "补员迟迟不到位"],
        ["晋升通道不畅", "轮岗机会少", "培训名额不足", "技术断档", "职称评审受限", "缺少导师带教"],
        ["对标指标不合理", "考核不区分客观因素", "排名通报过频", "指标与实际脱节", "考核口径多变", "扣分原因不公开"],
        ["调考备考占用休息时间", "竞赛集训影响生产", "题库过大", "考试与聘任挂钩", "比武形式单一", "获奖待遇未兑现"],
        ["农电工待遇差距大", "集体工担心改制", "归属感不强", "同岗不同酬", "社保缴费基数低", "评优资格受限"],
        ["派遣工不能评优", "不同身份员工有隔阂", "转岗通道缺失", "价值认同有差异", "合同续签担忧", "集体活动参与少"],
        ["补贴标准多年未调", "误餐补助偏低", "交通补贴不够", "工装发放不足", "值班休息条件差", "加班费核算不清"],
    ]

    private static let causes = [
        "相关制度多年未修订", "部门之间缺少统筹", "政策宣传解释不到位", "资源配置向城区倾斜",
        "考核办法没有区分客观条件", "执行环节层层加码", "信息不公开导致传言", "历史遗留的用工体制差异",
    ]

    private static let plans = [
        "由责任部门牵头修订办法，限期落实", "召开专题会统筹解决，并向员工说明", "先行试点，成熟后全公司推广",
        "纳入明年预算和计划，分步解决", "建立长效机制，按月跟踪落实情况", "领导包片督办，按节点销号",
    ]

    static func title(category: Int, random: inout SplitMix64) -> String {
        let set = problems[category % problems.count]
        return subjects[random.below(subjects.count)] + set[random.below(set.count)]
            + (random.below(3) == 0 ? "，员工意见较大" : "")
    }

    static func description(unit: String, title: String, random: inout SplitMix64) -> String {
        // Short on purpose: every character is a trigram in the search index, a million times over.
        "\(unit)员工反映此事" + ["已持续一段时间", "近期明显加重", "影响日常工作", "情绪有所波动"][random.below(4)] + "。"
    }

    static func rootCause(random: inout SplitMix64) -> String { causes[random.below(causes.count)] }

    static func plan(random: inout SplitMix64) -> String { plans[random.below(plans.count)] }
}
