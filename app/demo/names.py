"""Name material for the demo workspace of 毕节市 (Guizhou): places, people, sites.

Data only. Surname weights roughly follow their national frequency, with the surnames that are
especially common in Guizhou (龙, 杨, 吴, 罗, 陈) nudged up.
"""

from __future__ import annotations

from dataclasses import dataclass

CITY_NAME = "毕节市"
CITY_CODE = "520500"


@dataclass(frozen=True, slots=True)
class CountySpec:
    name: str
    short_name: str  # as used in site names: 威宁县, not the full autonomous-county name
    code: str  # 6-digit division code; the two management zones use plausible made-up 57x codes
    site_count: int  # 3–6
    learner_weight: float  # share of the city's learners, roughly by population
    streets: tuple[str, ...]


COUNTIES: tuple[CountySpec, ...] = (
    CountySpec("七星关区", "七星关区", "520502", 6, 0.19, ("洪山路", "麻园路", "桂花路", "南关路")),
    CountySpec("大方县", "大方县", "520521", 4, 0.10, ("慕俄格大道", "红旗路", "顺德路")),
    CountySpec("黔西市", "黔西市", "520581", 5, 0.10, ("水西大道", "莲城大道", "南门路")),
    CountySpec("金沙县", "金沙县", "520523", 4, 0.08, ("鼓场路", "城关路", "西洛街")),
    CountySpec("织金县", "织金县", "520524", 4, 0.10, ("双堰路", "文腾路", "北门路")),
    CountySpec("纳雍县", "纳雍县", "520525", 4, 0.09, ("雍熙路", "滨河路", "开发大道")),
    CountySpec("威宁彝族回族苗族自治县", "威宁县", "520526", 5, 0.15, ("草海大道", "建设东路", "民族路")),
    CountySpec("赫章县", "赫章县", "520527", 4, 0.09, ("城关大道", "可乐路", "平山路")),
    CountySpec("百里杜鹃管理区", "百里杜鹃", "520571", 3, 0.04, ("杜鹃大道", "普底路")),
    CountySpec("金海湖新区", "金海湖新区", "520572", 3, 0.06, ("竹园大道", "金海湖大道")),
)

DRIVING_SCHOOL_BRANDS = (
    "安顺", "通达", "鸿运", "畅通", "平安", "顺达", "金桥", "乌蒙", "洪山", "杜鹃", "黔誉", "腾达", "宏达",
    "众鑫", "恒通", "新世纪", "交通",
)  # fmt: skip
SQUADRON_ZONES = ("城区中队", "高速中队", "城郊中队", "事故处理中队")
STATION_TOWNS = ("城关", "双山", "杨家湾", "羊场", "小坝", "观风海", "白布", "龙场", "新仁")
CLASSROOM_NAMES = ("第一教室", "多媒体教室", "警示教育室")
CAMERA_NAMES = ("教室前方", "教室后方")

# (surname, weight). Compound surnames are left out: they are rare and would skew short names.
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 7.1), ("李", 7.0), ("张", 6.8), ("刘", 5.4), ("陈", 5.0), ("杨", 4.6), ("黄", 2.5), ("赵", 2.3),
    ("吴", 2.6), ("周", 2.1), ("徐", 1.7), ("孙", 1.5), ("马", 1.5), ("朱", 1.3), ("胡", 1.3), ("郭", 1.2),
    ("何", 1.2), ("罗", 1.6), ("高", 1.1), ("林", 1.0), ("龙", 1.4), ("郑", 0.8), ("梁", 0.8), ("谢", 0.8),
    ("宋", 0.7), ("唐", 0.7), ("许", 0.7), ("邓", 0.7), ("冯", 0.6), ("韩", 0.6), ("曹", 0.6), ("彭", 0.6),
    ("曾", 0.6), ("肖", 0.6), ("田", 0.6), ("董", 0.5), ("袁", 0.5), ("潘", 0.5), ("蒋", 0.5), ("蔡", 0.5),
    ("余", 0.5), ("杜", 0.4), ("叶", 0.4), ("程", 0.4), ("魏", 0.4), ("苏", 0.4), ("吕", 0.4), ("丁", 0.4),
    ("任", 0.4), ("沈", 0.4), ("姚", 0.4), ("卢", 0.4), ("钟", 0.4), ("姜", 0.3), ("崔", 0.3), ("谭", 0.3),
    ("陆", 0.3), ("范", 0.3), ("汪", 0.3), ("金", 0.3), ("石", 0.4), ("廖", 0.3), ("贾", 0.3), ("夏", 0.3),
    ("韦", 0.3), ("付", 0.3), ("方", 0.3), ("邹", 0.3), ("熊", 0.3), ("秦", 0.2), ("安", 0.3), ("禄", 0.1),
)  # fmt: skip

# Characters common in given names, grouped by impression so that names read naturally.
GIVEN_MALE = (
    "伟刚勇毅俊峰强军平东文辉力明永健广志兴良海山波宁贵福生龙全国胜学祥才发武新利清飞彬"
    "顺杰涛昌成康光天达安中进林坚和博诚先振会群豪邦承乐松善庆磊民友江超浩亮宏鹏泽晨建家德"
)
GIVEN_FEMALE = (
    "秀娟英华慧巧美娜静淑惠玉萍红玲芬芳燕彩春菊兰凤洁梅琳云莲雪荣爱霞香月艳佳嘉琼珍莉"
    "桂晶妍秋珊婷颖露瑶丹蓉君琴蕊薇梦岚韵悦冰欣晓欢芸菲丽敏"
)
