#!/usr/bin/env python3
"""Generates a deterministic corpus of synthetic Chinese campaign documents, as a huibian site
and as the same site for Hugo (for side-by-side benchmarks). No copied text: sentences are drawn
from a fixed character and phrase list with a seeded generator.

    python3 benches/gen_corpus.py --docs 10000 --out /tmp/corpus10k [--kb 8]

writes OUT/huibian (config.yaml, content/) and OUT/hugo (hugo.toml, content/, layouts/).
"""
import argparse
import os
import random

CHARS = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
         "三之进着等部度家力里如水化高自理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各"
         "重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式"
         "活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热"
         "领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八"
         "离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备"
         "半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属"
         "圆包火住调满县局照参红细引听该铁价严")
PHRASES = ["主题教育", "调查研究", "整改落实", "以学促干", "理论学习", "检视问题", "建章立制", "基层党建", "高质量发展",
           "为民办实事", "学思想", "强党性", "重实践", "建新功", "急难愁盼", "问题清单", "长效机制", "凝心铸魂"]
SECTIONS = [("speeches", "讲话"), ("guides", "学习辅导"), ("experiences", "经验交流")]
UNITS = [f"第{i + 1}单位" for i in range(40)]
TAGS = [f"{PHRASES[i % len(PHRASES)]}{i // len(PHRASES) + 1}" for i in range(60)]


def sentence(rng):
    body = "".join(rng.choice(CHARS) for _ in range(rng.randint(6, 16)))
    return body + rng.choice("，；、") + rng.choice(PHRASES) + rng.choice("。。。！")


def paragraph(rng, target):
    text = ""
    while len(text) < target:
        text += sentence(rng)
    # hard-wrap like text pasted from a word processor
    cut = len(text) // 2
    return text[:cut] + "\n" + text[cut:]


def document(rng, i, kb):
    section = SECTIONS[i % 3][0]
    batch = 1 + (i // 3) % 2
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    tags = rng.sample(TAGS, 2)
    title = f"{rng.choice(PHRASES)}{rng.choice(['工作推进会讲话', '学习辅导材料', '经验交流材料', '专题党课讲稿'])}（{i}）"
    fm = (f"---\ntitle: {title}\ndate: 2023-{month:02d}-{day:02d}\nbatch: {batch}\n"
          f"unit: {rng.choice(UNITS)}\ntags: [{tags[0]}, {tags[1]}]\n---\n\n")
    parts, size, h = [], 0, 0
    while size < kb * 1024:
        if size % 2000 < 300:
            h += 1
            parts.append(f"## {'一二三四五六七八九十'[(h - 1) % 10]}、{rng.choice(PHRASES)}\n")
        p = paragraph(rng, rng.randint(80, 160))
        parts.append(p + "\n")
        size += len(p.encode())
    return section, f"d{i:05d}.md", fm + "\n".join(parts)


HUGO_CONFIG = """baseURL = "/"
title = "压力测试"
languageCode = "zh-CN"
hasCJKLanguage = true
disableKinds = ["RSS"]
[pagination]
pagerSize = 20
[taxonomies]
batch = "batch"
unit = "unit"
tag = "tags"
[markup.goldmark.extensions.cjk]
enable = true
eastAsianLineBreaks = true
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>"
                            "<body><nav>{{ range .Site.Sections }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</nav>"
                            "{{ block \"main\" . }}{{ end }}</body></html>",
    "_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format \"2006-01-02\" }} {{ .Params.unit }} 字数 {{ .WordCount }}</p>"
                            "{{ .TableOfContents }}{{ .Content }}{{ with .PrevInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}"
                            "{{ with .NextInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}"
                            "{{ range first 5 (.Site.RegularPages.Related .) }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}",
    "_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<article><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>"
                          "{{ .Date.Format \"2006-01-02\" }} {{ .Params.unit }} {{ .Summary }} {{ .WordCount }}</article>{{ end }}"
                          "{{ template \"_internal/pagination.html\" . }}{{ end }}",
    "_default/terms.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range .Data.Terms.Alphabetical }}<a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }} {{ .Count }}</a>{{ end }}{{ end }}",
    "index.html": "{{ define \"main\" }}{{ range first 10 .Site.RegularPages.ByDate.Reverse }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--kb", type=int, default=8, help="approximate size of a document body")
    args = ap.parse_args()
    rng = random.Random(20231001)
    hb, hg = os.path.join(args.out, "huibian"), os.path.join(args.out, "hugo")
    for name, label in SECTIONS:
        os.makedirs(os.path.join(hb, "content", name), exist_ok=True)
        os.makedirs(os.path.join(hg, "content", name), exist_ok=True)
        with open(os.path.join(hb, "content", name, "_index.md"), "w") as f:
            f.write(f"---\ntitle: {label}\n---\n")
        with open(os.path.join(hg, "content", name, "_index.md"), "w") as f:
            f.write(f"---\ntitle: {label}\n---\n")
    with open(os.path.join(hb, "config.yaml"), "w") as f:
        f.write("title: 压力测试\npaginate: 20\n")
    with open(os.path.join(hg, "hugo.toml"), "w") as f:
        f.write(HUGO_CONFIG)
    for path, text in HUGO_LAYOUTS.items():
        os.makedirs(os.path.dirname(os.path.join(hg, "layouts", path)), exist_ok=True)
        with open(os.path.join(hg, "layouts", path), "w") as f:
            f.write(text)
    for i in range(args.docs):
        section, name, text = document(rng, i, args.kb)
        for site in (hb, hg):
            with open(os.path.join(site, "content", section, name), "w") as f:
                f.write(text)
    print(f"{args.docs} documents → {hb} and {hg}")


if __name__ == "__main__":
    main()
