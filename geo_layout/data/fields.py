"""The field dictionary: every collection's columns, what each means (Chinese and English), which
code list labels its values and which collection names the ids it holds.

One definition serves four readers, so they cannot drift apart: the CSV and XLSX writers
(column order, the name columns beside codes, XLSX headers), the ``/data`` page (the dictionary
users read), ``/ogc``'s schemas and queryables (each field's JSON type: ``type``, ``items``,
``nullable``) and ``tests/data/test_fields.py`` (every property a feature has is described
here; ``tests/web/test_ogc_schemas.py`` checks every value against its type).
Labels of code values live with the other UI labels (``web/i18n.py`` ``ENUMS``); a field only
names its code list (``codes``), and the writers are handed the labels.
"""

from __future__ import annotations

from dataclasses import dataclass, replace



@dataclass(frozen=True)
class Field:
    """One column. ``refs``: the collections whose records the values are ids of (the writers
    add a ``<name>_name`` column with their names); ``codes``: the code list (an ``ENUMS`` key)
    the values come from (the writers add a ``<name>_label`` column)."""

    name: str
    zh: str
    en: str
    about_zh: str
    about_en: str
    refs: tuple[str, ...] = ()
    codes: str | None = None
    added: bool = False  # not a property of the record: computed by the writers (lon/lat)
    #: JSON type of the value: string, integer, number, boolean, array (of ``items``: string
    #: or object); ``nullable``: the value may be null (not known, not given by the plan).
    type: str = "string"
    items: str | None = None
    nullable: bool = False

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def about(self, lang: str) -> str:
        return self.about_en if lang == "en" else self.about_zh


@dataclass(frozen=True)
class CollectionDoc:
    title_zh: str
    title_en: str
    about_zh: str
    about_en: str

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_zh

    def about(self, lang: str) -> str:
        return self.about_en if lang == "en" else self.about_zh


def _f(name, zh, en, about_zh, about_en, **kw) -> Field:
    return Field(name, zh, en, about_zh, about_en, **kw)


def _pair(prefix: str, zh: str, en: str, about_zh: str, about_en: str, **kw
          ) -> tuple[Field, Field]:
    """A text in both languages: ``<prefix>_zh`` and ``<prefix>_en``."""
    return (_f(f"{prefix}_zh", f"{zh}（中文）", f"{en} (Chinese)", about_zh + "（中文）",
               about_en + " (Chinese)", **kw),
            _f(f"{prefix}_en", f"{zh}（英文）", f"{en} (English)", about_zh + "（英文）",
               about_en + " (English)", **kw))


IDS = {"type": "array", "items": "string"}  # a list of ids or codes
#: A drawn or uploaded boundary and where it comes from (parks, sites, layout elements).
AREA = (
    _f("area", "绘制边界", "Drawn boundary",
       "绘制或上传的边界（GeoJSON Polygon/MultiPolygon，WGS-84）；未绘制时为空",
       "Drawn or uploaded boundary (a GeoJSON Polygon or MultiPolygon, WGS-84); empty when "
       "none is drawn", type="object", nullable=True),
    _f("area_source", "边界来源", "Boundary from", "绘制边界的出处（文件、测绘或规划文件）",
       "Where the drawn boundary comes from (a notice, a survey, a planning document)",
       nullable=True),
)


ID = _f("id", "编号", "ID", "记录的稳定编号（州市、县区为 6 位行政区划代码，其他为小写英文短名）",
        "Stable record id (the 6-digit adcode for prefectures and counties, a lowercase slug "
        "otherwise)")
NAMES = _pair("name", "名称", "Name", "名称", "Name")
UNIT_SHORT = _pair("short", "简称", "Short name", "地图标注用的简称（自治州、自治县不含民族名称）",
                   "Short form the map labels use (an autonomous prefecture's name without "
                   "its ethnic designation)")
NOTES = _pair("note", "说明", "Note", "补充说明", "Note", nullable=True)
CITATION = (
    _f("citation_section", "规划章节", "Plan section", "记录所依据的规划章节编号",
       "Id of the plan section the record comes from", refs=("sections",)),
    _f("citation_paragraph", "段落", "Paragraph", "该章节中的段落序号（从 1 起）",
       "Paragraph number within that section (from 1)", type="integer", nullable=True),
)
ELEMENTS = _f("elements", "布局要素", "Layout elements", "所属布局要素的编号（多个以 ; 分隔）",
              "Ids of the layout elements it belongs to (several joined by ;)",
              refs=("layout-elements",), **IDS)
INDUSTRIES = _f("industries", "产业", "Industries", "相关产业的编号（多个以 ; 分隔）",
                "Ids of the industries it concerns (several joined by ;)", refs=("industries",),
                **IDS)
PREFECTURE = _f("prefecture", "州市", "Prefecture", "所在州市的行政区划代码",
                "Adcode of its prefecture", refs=("prefectures",))
LON = _f("lon", "经度", "Longitude", "经度（默认 WGS-84，可用 crs 参数换成 GCJ-02 或 BD-09）；"
         "未定位的为空", "Longitude (WGS-84 unless crs asks for GCJ-02 or BD-09); empty when not "
         "located", added=True, type="number", nullable=True)
LAT = _f("lat", "纬度", "Latitude", "纬度（坐标系同经度）；未定位的为空",
         "Latitude (same system as lon); empty when not located", added=True, type="number",
         nullable=True)

#: A place's facts for investors (not from the plan: each place's ``facts_source`` says where).
INVESTOR_FACTS = (
    *_pair("address", "地址", "Address", "地址", "Address", nullable=True),
    _f("area_ha", "面积（公顷）", "Area (ha)", "占地面积（公顷）", "Area in hectares",
       type="number", nullable=True),
    _f("land_available_ha", "可供土地（公顷）", "Land available (ha)",
       "尚可供投资者使用的土地（公顷）", "Land still available to investors (hectares)",
       type="number", nullable=True),
    _f("land_available", "有无可供土地", "Land available?",
       "是否尚有可供土地（由可供土地面积得出：大于 0 为 yes，等于 0 为 no，未知为空）",
       "Whether land is still available (from land_available_ha: yes when above 0, no when "
       "0, empty when not known)", codes="land_available", nullable=True),
    _f("status", "状态", "Status", "规划中、建设中、已运营或已取消",
       "Planned, under construction, operating or cancelled", codes="status", nullable=True),
    _f("status_since", "状态起始", "Status since",
       "该状态开始的时间（YYYY、YYYY-MM 或 YYYY-MM-DD）",
       "When the status began (YYYY, YYYY-MM or YYYY-MM-DD)", nullable=True),
    _f("investment_planned", "计划投资（亿元）", "Planned investment (100 million CNY)",
       "计划总投资（亿元）", "Total investment planned (100 million CNY, 亿元)", type="number",
       nullable=True),
    _f("investment_realised", "已完成投资（亿元）", "Realised investment (100 million CNY)",
       "截至资料日期已完成的投资（亿元）", "Investment realised so far (100 million CNY, 亿元)",
       type="number", nullable=True),
    *_pair("contact_office", "联系机构", "Contact office", "联系机构（如园区管委会）",
           "Office to contact (e.g. the park's administrative committee)", nullable=True),
    _f("contact_phone", "联系电话", "Contact phone", "联系电话", "Phone number to call",
       nullable=True),
    _f("contact_website", "网站", "Website", "网站（http 或 https 地址）",
       "Website (an http or https address)", nullable=True),
    _f("facts_source", "资料来源", "Facts from",
       "地址、面积、可供土地、联系方式、状态和投资的出处（这些不来自规划）",
       "Where the address, area, land, contact, status and investment come from (they are "
       "not from the plan)", nullable=True),
)

PLACE_FIELDS = (
    ID, *NAMES,
    _f("kind", "类型", "Kind", "园区或项目的类型", "Kind of park or site", codes="kind"),
    ELEMENTS,
    _f("areas", "所在区域", "Located in areas",
       "所在地（州市或县区）位于其范围内的布局要素编号（多个以 ; 分隔；不论规划是否把它列在该要素之下）",
       "Ids of the layout elements whose area (as drawn) holds its prefecture or county "
       "(several joined by ;), whether or not the plan names it under them",
       refs=("layout-elements",), **IDS),
    replace(PREFECTURE, nullable=True),
    _f("county", "县区", "County", "所在县区的行政区划代码（规划写明时）",
       "Adcode of its county (when the plan says)", refs=("counties",), nullable=True),
    _f("precision", "定位精度", "Location precision", "坐标的精确程度",
       "How precisely the point is known", codes="precision"),
    _f("point_source", "坐标来源", "Point source", "点位从何而来",
       "Where the point comes from", codes="point_source", nullable=True),
    _f("uncertainty_km", "误差（公里）", "Uncertainty (km)",
       "点位代表的范围半径（公里）", "Radius (km) the point is good to", type="number",
       nullable=True),
    _f("location_source", "位置依据", "Location source", "坐标的出处（资料或方法）",
       "Where the coordinates were taken from", nullable=True),
    INDUSTRIES,
    _f("group", "分组", "Group", "同属一组的地点的共同编号（规划合并列出时）",
       "Shared id of places the plan lists together", nullable=True),
    _f("enterprises", "企业", "Enterprises", "规划写明落户于此的企业编号",
       "Ids of the enterprises the plan places here", refs=("enterprises",), **IDS),
    *INVESTOR_FACTS, *NOTES, *CITATION, *AREA, LON, LAT,
)

FIELDS: dict[str, tuple[Field, ...]] = {
    "prefectures": (
        ID,
        _f("adcode", "行政区划代码", "Adcode", "6 位行政区划代码", "6-digit administrative code"),
        _f("parent", "上级", "Parent", "上级行政区（省或州市）的代码",
           "Adcode of the parent division (the province)"),
        _f("level", "级别", "Level", "行政级别", "Administrative level", codes="level"),
        *NAMES, *UNIT_SHORT, ELEMENTS,
        _f("roles", "布局角色", "Layout roles", "在布局中的角色（所属布局要素的类型）",
           "Roles in the layout (kinds of its layout elements)", codes="element_kind", **IDS),
        _f("places", "园区与项目", "Parks and sites", "位于该州市的园区和项目编号",
           "Ids of the parks and sites located in it", refs=("parks", "sites"), **IDS),
    ),
    "counties": (
        ID,
        _f("adcode", "行政区划代码", "Adcode", "6 位行政区划代码", "6-digit administrative code"),
        _f("parent", "上级", "Parent", "所属州市的代码", "Adcode of its prefecture",
           refs=("prefectures",)),
        PREFECTURE,
        _f("level", "级别", "Level", "行政级别", "Administrative level", codes="level"),
        *NAMES, *UNIT_SHORT, ELEMENTS,
    ),
    "layout-elements": (
        ID,
        _f("kind", "要素类型", "Element kind", "布局要素的类型（一核、一区、两群、多点）",
           "Kind of layout element (core, zone, cluster, point)", codes="element_kind"),
        *NAMES, *_pair("short", "简称", "Short name", "简称", "Short name"),
        *_pair("role", "定位", "Role", "规划赋予的定位", "Role the plan gives it"),
        *NOTES,
        _f("prefectures", "所含州市", "Prefectures", "整体纳入的州市代码",
           "Adcodes of the prefectures it includes whole", refs=("prefectures",), **IDS),
        _f("counties", "所含县区", "Counties",
           "纳入的县区（JSON：adcode 代码、extent 范围（whole 全境 / approximate 近似）、note 说明）",
           "Counties it includes (JSON: adcode, extent (whole / approximate), note)",
           type="array", items="object"),
        _f("approximate", "范围近似", "Approximate",
           "是否有县区只是近似范围（true/false；绘制了边界时为 false）",
           "Whether some county is only an approximate extent (true/false; false once a "
           "boundary is drawn)", type="boolean"),
        INDUSTRIES,
        _f("places", "园区与项目", "Parks and sites", "属于该要素的园区和项目编号",
           "Ids of the parks and sites of this element", refs=("parks", "sites"), **IDS),
        _f("enterprises", "企业", "Enterprises", "该要素的企业编号",
           "Ids of this element's enterprises", refs=("enterprises",), **IDS),
        *CITATION, *AREA,
    ),
    "parks": PLACE_FIELDS,
    "sites": PLACE_FIELDS,
    "enterprises": (
        ID, *NAMES,
        _f("role", "企业角色", "Role", "骨干企业或拟引进企业", "Backbone or to be brought in",
           codes="role"),
        ELEMENTS,
        _f("parks", "园区与项目", "Parks and sites", "规划写明的落户地点编号",
           "Ids of the parks and sites the plan places it in", refs=("parks", "sites"), **IDS),
        INDUSTRIES, *NOTES, *CITATION,
    ),
    "targets": (
        ID, *NAMES,
        _f("measure", "指标类型", "Measure", "目标衡量的是什么", "What the target measures",
           codes="measure"),
        _f("value", "目标值", "Value", "目标数值（单位见 unit）", "Target value (in unit)",
           type="number"),
        _f("value_max", "上限", "Upper value", "区间目标的上限", "Upper bound of a range target",
           type="number", nullable=True),
        _f("comparator", "比较方式", "Comparator", "目标值的含义（不低于、等于、区间、约）",
           "How the value is meant (at least, exactly, range, about)", codes="comparator"),
        *_pair("unit", "单位", "Unit", "单位", "Unit"),
        _f("year", "年份", "Year", "目标年份", "Year of the target", type="integer"),
        _f("period_start", "起始年", "Period start", "增速等目标的起始年",
           "First year of a period (growth rates)", type="integer", nullable=True),
        _f("period_end", "截止年", "Period end", "增速等目标的截止年",
           "Last year of a period (growth rates)", type="integer", nullable=True),
        *_pair("scope", "范围", "Scope", "目标所指的范围", "What the target covers"),
        ELEMENTS, INDUSTRIES,
        _f("related", "相关目标", "Related targets", "相关目标的编号", "Ids of related targets",
           refs=("targets",), **IDS),
        *NOTES, *CITATION,
    ),
    "target-values": (
        ID,
        _f("target", "目标", "Target", "所记录目标的编号", "Id of the target the value is of",
           refs=("targets",)),
        _f("value", "实际值", "Actual value", "记录的实际数值（单位同目标）",
           "The value recorded (in the target's unit)", type="number"),
        _f("date", "日期", "Date", "数值所属日期（YYYY-MM-DD；按年记录的为该年 12 月 31 日）",
           "Date of the value (YYYY-MM-DD; a year's value is dated 31 December)"),
        _f("year", "年份", "Year", "数值所属年份", "Year of the value", type="integer"),
        _f("by_year", "按年记录", "By year", "是否为全年数值（按年份记录）",
           "Whether it is a whole year's value (recorded by year)", type="boolean"),
        *_pair("unit", "单位", "Unit", "单位（目标的单位）", "Unit (the target's)"),
        _f("value_source", "数值来源", "Value from", "数值出处（如统计年鉴、部门报告）",
           "Where the value comes from (a statistical yearbook, a department's report)"),
        *NOTES,
    ),
    "industries": (
        ID, *NAMES,
        _f("elements", "布局要素", "Layout elements", "以该产业为重点的布局要素编号",
           "Ids of the layout elements focused on it", refs=("layout-elements",), **IDS),
        _f("places", "园区与项目", "Parks and sites", "以该产业为重点的园区和项目编号",
           "Ids of the parks and sites focused on it", refs=("parks", "sites"), **IDS),
        _f("enterprises", "企业", "Enterprises", "该产业的企业编号",
           "Ids of the enterprises in it", refs=("enterprises",), **IDS),
        _f("targets", "目标", "Targets", "涉及该产业的目标编号", "Ids of the targets about it",
           refs=("targets",), **IDS),
        *CITATION,
    ),
    "sections": (
        ID, *_pair("name", "标题", "Heading", "规划章节标题", "Heading of the plan section"),
    ),
}

COLLECTION_DOCS: dict[str, CollectionDoc] = {
    "prefectures": CollectionDoc(
        "州市", "Prefectures", "规划所在省的州市级行政区（编号为 6 位行政区划代码），含所属布局要素。",
        "Prefecture-level divisions of the plan's province (id: 6-digit adcode), with the "
        "layout elements each belongs to."),
    "counties": CollectionDoc(
        "县区", "Counties", "规划所在省的县级行政区（编号为 6 位行政区划代码）。",
        "County-level divisions of the plan's province (id: 6-digit adcode)."),
    "layout-elements": CollectionDoc(
        "布局要素", "Layout elements", "规划的布局要素（核心、提升区、集群、点）；规划未给出范围的要素"
        "没有图形。", "The plan's layout elements (core, zone, clusters, points); an element "
        "the plan gives no extent has no geometry."),
    "parks": CollectionDoc(
        "园区", "Parks", "规划点名的园区。precision 表示点位精度；uncertainty_km 为县区、州市"
        "精度点位的范围半径；规划未给出位置的园区没有几何图形。",
        "Parks named by the plan. precision says how well each point is known; uncertainty_km "
        "is the radius for county/prefecture precision; parks the plan does not locate have a "
        "null geometry."),
    "sites": CollectionDoc(
        "项目基地", "Project sites", "规划点名的项目与基地（定位规则同园区）。",
        "Project sites and bases named by the plan (same location rules as parks)."),
    "enterprises": CollectionDoc(
        "企业", "Enterprises", "规划依托或拟引进的企业（无几何图形）。",
        "Enterprises the plan relies on or wants to attract (no geometry)."),
    "targets": CollectionDoc(
        "发展目标", "Targets", "规划设定的数量目标（无几何图形）。",
        "Quantitative targets set by the plan (no geometry)."),
    "target-values": CollectionDoc(
        "目标实际值", "Target values", "规划发布后记录的各目标实际值，每个值注明来源（无几何图形；"
        "规划本身没有实际值）。", "Values of the targets recorded after the plan, each with its "
        "source (no geometry; the plan itself states none)."),
    "industries": CollectionDoc(
        "产业", "Industries", "规划提到的产业及其编号（查找表，无几何图形）：其他数据集的 "
        "industries 列即这些编号。", "The industries the plan names (a lookup table, no "
        "geometry): the industries columns of the other collections hold these ids."),
    "sections": CollectionDoc(
        "规划章节", "Plan sections", "规划的章节（查找表，无几何图形）：citation_section 列即这些"
        "编号。", "The plan's sections (a lookup table, no geometry): the citation_section "
        "columns hold these ids."),
}
