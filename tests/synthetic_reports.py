"""Synthetic news sentences for the reliability tests (written for the tests, not taken
from any corpus): a city's trade union launches a programme in one of its districts,
and the union's chairperson speaks about it. ``expected(fact)`` is what extraction
must find in such a report."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Fact:
    city: str
    district: str
    programme: str
    person: str
    year: int

    @property
    def union(self) -> str:
        return self.city + "总工会"


FACTS = {
    "shaoxing": Fact("绍兴市", "柯桥区", "暖蜂驿站", "陈明远", 2021),
    "huzhou": Fact("湖州市", "德清县", "悦读书屋", "李晓峰", 2020),
    "wenzhou": Fact("温州市", "鹿城区", "骑手之家", "王建华", 2019),
    "taizhou": Fact("台州市", "黄岩区", "爱心服务站", "张丽娟", 2022),
    "quzhou": Fact("衢州市", "江山市", "匠心书屋", "赵文静", 2023),
    "lishui": Fact("丽水市", "莲都区", "暖新之家", "孙海涛", 2021),
    "zhoushan": Fact("舟山市", "定海区", "护航服务站", "周雅琴", 2020),
    "ningbo": Fact("宁波市", "余姚市", "同心驿站", "吴国平", 2019),
    "jiaxing": Fact("嘉兴市", "海宁市", "启航书屋", "郑晓梅", 2022),
    "changzhou": Fact("常州市", "溧阳市", "暖心书屋", "钱伟民", 2021),
    "taizhou_js": Fact("泰州市", "兴化市", "工友之家", "蒋文斌", 2020),
    "hangzhou": Fact("杭州市", "萧山区", "星光驿站", "林志远", 2020),
    "wuxi": Fact("无锡市", "江阴市", "梧桐书屋", "陆文博", 2019),
    "suzhou": Fact("苏州市", "昆山市", "暖阳之家", "沈国华", 2021),
    "xuzhou": Fact("徐州市", "邳州市", "康乃馨驿站", "韩晓东", 2018),
    "hefei": Fact("合肥市", "肥西县", "蓝领之家", "马俊杰", 2022),
    "fuzhou": Fact("福州市", "闽侯县", "海风驿站", "黄思远", 2019),
}

EXTRA = {  # not in FACTS: for reports added to a corpus built from FACTS
    "nanjing": Fact("南京市", "江宁区", "青鸟驿站", "许文涛", 2021),
    "xiamen": Fact("厦门市", "同安区", "白鹭书屋", "高志明", 2020),
    "nanchang": Fact("南昌市", "新建区", "红帆之家", "胡立群", 2019),
}


def report(f: Fact, n: int = 12) -> str:
    """Two sentences: the launch (RUNS, ADOPTED_IN with the year) and the chairperson
    (HOLDS_POSITION)."""
    return (
        f"{f.year}年，{f.union}在{f.district}推出“{f.programme}”，为快递小哥和货车司机提供休息、充电和饮水服务。"
        f"{f.union}主席{f.person}介绍，目前全市已建成{f.programme}{n}个。"
    )


def expected(f: Fact) -> set[tuple[str, str, str]]:
    """``(type, head, tail)`` of the relations extraction must find in ``report(f)``."""
    return {
        ("RUNS", f.union, f.programme),
        ("HOLDS_POSITION", f.person, f.union),
        ("ADOPTED_IN", f.programme, f.district),
    }


def relations(rec: dict) -> set[tuple[str, str, str]]:
    """``(type, head, tail)`` of an extraction record's relations."""
    return {(r["type"], r["head"], r["tail"]) for r in rec["relations"]}


def store_relations(store) -> set[tuple[str, str, str, str]]:
    """``(type, head name, tail name, doc_id)`` for every RUNS, HOLDS_POSITION and
    ADOPTED_IN edge of a store, one per supporting document."""
    got = set()
    for rel in ("RUNS", "HOLDS_POSITION", "ADOPTED_IN"):
        for r in store.query(
            f"MATCH (a)-[r:{rel}]->(b) RETURN a.name AS a, b.name AS b, r.doc_ids AS docs"
        ):
            for d in r["docs"] or []:
                got.add((rel, r["a"], r["b"], d))
    return got


def jsonl_line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"
