/**
 * The fixed words of a question (data, not code: a new word is one entry): filler people put
 * around what they ask, comparison words the bot does not answer (they are named back to the user,
 * never read as a topic), and the standard 科目 names of the 政府收支分类 (功能分类 类 and the
 * usual 经济分类 款), so that a subject glued to other words is cut out whole.
 */

/** Words that carry no meaning in a budget question ("查一下容东的三公", "三公经费是多少？"). */
export const FILLER_WORDS: readonly string[] = [
  "查一下",
  "查一查",
  "查查",
  "查询",
  "查看",
  "看一下",
  "看看",
  "请问",
  "帮我查",
  "帮我看",
  "帮我",
  "帮忙",
  "我想知道",
  "想知道",
  "想问",
  "我想问",
  "一下",
  "是多少",
  "有多少",
  "多少钱",
  "多少",
  "是什么",
  "有哪些",
  "有什么",
  "情况",
  "怎么样",
  "一共",
  "总共",
  "安排了",
  "安排",
  "的",
  "呢",
  "吗",
  "啊",
  "呀",
  "吧",
  "了",
];

/** Words asking for one figure across years (历年 answers; 近N年 is read apart). */
export const TREND_WORDS: readonly string[] = [
  "对比",
  "比较",
  "历年",
  "各年",
  "逐年",
  "历史",
  "趋势",
  "走势",
  "这几年",
  "变化",
  "增长",
  "增减",
  "同比",
];

/** Words asking for departments ranked by one figure. */
export const RANK_WORDS: readonly string[] = ["排名", "排行榜", "排行", "排序"];

/** Words asking for a chart of the answer (图 alone only as a whole word). */
export const CHART_WORDS: readonly string[] = ["图表", "画图", "柱状图", "饼图", "chart"];

/** Comparison words the bot does not answer: named back, never a topic. */
export const COMPARISON_WORDS: readonly string[] = ["相比", "比", "环比"];

/** Standard 功能分类 类 names (with and without 支出) and common 经济分类 names. */
const FUNCTION_CLASSES = [
  "一般公共服务",
  "外交",
  "国防",
  "公共安全",
  "教育",
  "科学技术",
  "文化旅游体育与传媒",
  "社会保障和就业",
  "卫生健康",
  "节能环保",
  "城乡社区",
  "农林水",
  "交通运输",
  "资源勘探工业信息等",
  "商业服务业等",
  "金融",
  "自然资源海洋气象等",
  "住房保障",
  "粮油物资储备",
  "灾害防治及应急管理",
  "债务付息",
];

const ECONOMIC_NAMES = [
  "工资福利支出",
  "商品和服务支出",
  "对个人和家庭的补助",
  "资本性支出",
  "基本工资",
  "津贴补贴",
  "奖金",
  "绩效工资",
  "机关事业单位基本养老保险缴费",
  "职业年金缴费",
  "职工基本医疗保险缴费",
  "住房公积金",
  "办公费",
  "印刷费",
  "水费",
  "电费",
  "邮电费",
  "物业管理费",
  "差旅费",
  "维修(护)费",
  "维修费",
  "租赁费",
  "会议费",
  "培训费",
  "劳务费",
  "委托业务费",
  "工会经费",
  "福利费",
  "其他交通费用",
  "退休费",
  "生活补助",
  "医疗费补助",
  "奖励金",
  "专用材料费",
  "其他支出",
];

/** Subject names cut out of glued text whole ("卫生健康支出是多少" → 卫生健康支出). */
export const SUBJECT_NAMES: readonly string[] = [
  ...FUNCTION_CLASSES,
  ...FUNCTION_CLASSES.map((c) => `${c}支出`),
  ...ECONOMIC_NAMES,
];
