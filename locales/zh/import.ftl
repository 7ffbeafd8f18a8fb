# 导入（Word、WPS、OpenDocument、RTF、文本、电子表格）、读取 zip、图片、PDF 和文件读写的提示。

## fsio
# A message without a translation, quoted inside another as it is.
fsio-as-is = { $detail }
fsio-too-large = 这个文件有 { $mb } MB；站点中的文本文件最大只能是 { $max } MB
fsio-too-large-hint = 是不是选错了文件？大文件请作为附件放进文档的文件夹
fsio-cannot-copy = 无法复制到 { $to }：{ $why }
fsio-cannot-create-beside = 无法在它旁边新建文件：{ $why }
fsio-cannot-put-in-place = 无法把文件放到位：{ $why }
fsio-dangling-link = 这个符号链接指向的位置不存在：{ $why }
fsio-dangling-link-hint = 删掉这个链接，或改正它指向的位置
fsio-link-outside = 这个符号链接指向 { $target }，在站点文件夹以外
fsio-link-outside-hint = 请把文件复制到站点中，不要用链接
fsio-link-loop = 这里的符号链接又指回了包含它的文件夹（循环）
fsio-cannot-read-here = 无法读取：{ $why }
fsio-walk-hint = 删掉这个链接，或改正文件的权限

## pdf
pdf-target-not-pdf = 这个文件已经存在，而且不是 PDF；没有覆盖它
pdf-target-not-pdf-hint = 换一个 --output
pdf-archive-typesetting = 归档：正在排版 PDF…
pdf-nothing-selected = 没有符合所选条件的已发布文档
pdf-nothing-selected-hint = 检查 --batch、--section、--since 和 --until
pdf-no-font = 这台电脑上没有中文字体（找过 { $looked }）；无法排版 PDF
pdf-no-font-hint = 安装一种中文字体（Debian：apt-get install fonts-noto-cjk），或在 config.yaml 的 pdf.fonts 下写上已安装字体的名称
pdf-font-not-here = config.yaml 的 pdf.fonts.{ $key } 写的是 `{ $name }`，这台电脑上没有这种字体
pdf-font-stand-in = 没有{ $face }字体（找过 { $looked }）；{ $what }改用 { $font }
pdf-sets-body = 正文
pdf-sets-titles = 标题
pdf-sets-headings = 一级标题
pdf-sets-subheadings = 二级标题和署名
pdf-sets-page-numbers = 页码
pdf-char-no-font = `{ $char }`（U+{ $code }）在这台电脑的所有字体中都没有：PDF 中在它的位置显示 〓
pdf-char-no-font-hint = 安装有这个字的字体，或换一种写法
pdf-typst-hint = 请在这里修改文档；如果文档没有错，请报告这个问题
pdf-warning = 警告：{ $what }
pdf-more-warnings = …… 排版程序还有 { $n } 个警告

## images
img-too-many-pixels = 这张图片有 { $w } × { $h } 像素，超过了 huibian 能读取的大小（{ $max } 百万像素）
img-jpeg-cut-short = 这个 JPEG 不完整：文件在图片结束之前就断了（复制或下载没有完成）
img-cut-short = 这个 { $kind } 不完整：文件在图片结束之前就断了
img-gif-cut-short = 这个 GIF 不完整：文件在图片结束之前就断了
img-damaged = 这个 { $kind } 文件已损坏
img-too-much-memory = 这张图片太大，huibian 读不了（需要 1 GB 以上的内存）
img-unsupported-kind = 不支持这种 { $kind } 图片
img-gif-empty = 这个 GIF 里没有图片
img-gif-rewrite = 无法重新写出这个 GIF
img-copy-again-hint = 从原来的地方（手机、相机存储卡、发送人）重新复制这张图片，或者删掉它
img-save-again-hint = 用看图软件打开它，重新另存为 JPEG 或 PNG，或者删掉它
img-heic = 这是 HEIC 照片（苹果手机的格式）：多数浏览器显示不了，huibian 也没有读取 HEIC 的程序，无法生成网页尺寸或去掉其中的位置信息
img-heic-hint = 把它转成 JPEG，链接 .jpg 文件：在苹果手机上，设置 → 相机 → 格式 → 兼容性最佳，以后拍的就是 JPEG；`heif-convert photo.heic photo.jpg`（Debian 软件包 libheif-examples）可以转换一张
img-avif = 这是 AVIF 图片：huibian 没有读取 AVIF 的程序，无法生成网页尺寸或去掉其中的相机信息
img-avif-hint = 把它转成 JPEG（示意图转成 PNG），改为链接转换后的文件
img-wrong-name = 文件名表明它是 { $named }，里面却是 { $holds } 图片
img-wrong-name-hint = 把扩展名改成它实际的格式（浏览器和 huibian 都按文件名判断格式）
img-not-a-picture = 文件名表明它是 { $named } 图片，里面却不是 huibian 认识的任何图片（文件开头不是图片的格式）
img-not-a-picture-hint = 换成真正的图片；如果它本来就是别的文件，请改正文件名
img-cache-cannot-write = 无法写入图片缓存
img-cache-hint = huibian 把图片的网页尺寸保存在站点文件夹中的 .huibian-cache/images/：请让站点文件夹可以写入
img-jpeg-no-size = 这个 JPEG 没有写明图片尺寸（文件已损坏）
img-jpeg-short-pixels = 这个 JPEG 的像素填不满它的图片尺寸（文件已损坏）

## zip
zip-too-many = 这个压缩包列出了 { $n } 个条目，超过了允许的 { $max } 个
zip-too-many-hint = 没有哪个 Word 文档或 huibian 归档有这么多条目；请查明文件的来源
zip-over-size = 解压后超过 { $max }
zip-over-ratio = 解压后超过压缩大小的 { $ratio } 倍（由 { $from } 变成 { $n }）
zip-all-over-ratio = 使已读取的内容超过压缩包压缩大小的 { $ratio } 倍（由 { $from } 变成 { $n }）
zip-all-over-total = 使已解压的内容总共超过 { $max }
zip-entry-refused = 其中的 { $name } { $problem }；已拒绝读取
zip-entry-refused-hint = 这是 zip 炸弹，或者不是为此制作的文件；没有从中写出任何内容
zip-entry-damaged = 其中的 { $name } 无法读取（已损坏）
zip-damaged = 不是 zip 文件，或者文件已损坏
zip-damaged-overlap = 不是 zip 文件，或者文件已损坏：其中的条目互相重叠（同一块数据被解压许多次：zip 炸弹）
zip-damaged-hint = 从原来的地方重新获取这个文件：它不完整、已损坏，或者不是它自称的格式
zip-bytes = { $n } 字节

## 导入：读取时略去或挪动的内容（各种文件）
imp-dropped-at = { $what }（原文件 { $file } 第 { $p } 段）
imp-comments-dropped = 有 { $n } 条批注没有导入（批注不属于正文）
imp-text-box-moved = 文本框：其中的文字放到了包含它的段落之后；请核对顺序

## docx
docx-resave-hint = 用 Word 或 WPS 打开它，重新另存为 .docx
docx-part-not-utf8 = 其中的 { $name } 不是 UTF-8 文本（文件已损坏）
docx-not-docx = 不是 Word .docx 文件（{ $why }）
docx-no-document = 不是 Word .docx 文件（里面没有 word/document.xml）
docx-xml-damaged = 文档的 XML 已损坏
docx-deletions-dropped = 修订中删除的内容没有导入（{ $n } 个字，例如“{ $sample }”）：保留的是接受修订后的文字
## odt
odt-resave-hint = 用 LibreOffice 或 WPS 打开它，重新另存为 .odt（或 .docx）
odt-not-odt = 不是 OpenDocument 文本文件（{ $why }）
odt-is-docx = 这是一个 Word 文件，却以 .odt 命名
odt-is-docx-hint = 把扩展名改成 .docx，再导入一次
odt-no-content = 不是 OpenDocument 文本文件（里面没有 content.xml）
odt-other-kind = 不是 OpenDocument 文本文件：文件自称是 `{ $kind }`
odt-other-kind-hint = 请导入文本文档（.odt）；电子表格中的表格请先放进一个文档
odt-encrypted = 这个文档设了密码保护
odt-encrypted-hint = 用 LibreOffice 或 WPS 打开它，去掉密码（文件 → 属性，或另存为时不勾选“使用密码保存”），再导入
odt-pictures-outside = 有 { $n } 张图片不在文件里（链接到文件以外），没有导入
odt-xml-damaged = content.xml 已损坏
odt-deletions-dropped = 有 { $n } 处修订中删除的内容没有导入：保留的是接受修订后的文字
odt-indexes-dropped = 有 { $n } 个目录或索引没有导入：网站会根据标题自己生成目录
odt-objects-dropped = 有 { $n } 个嵌入对象（图表、公式、链接的图片）没有导入

## doc（Word 97-2003、WPS）
doc-resave-hint = 用 WPS 或 Word 打开它，另存为 .docx（文件 → 另存为 → Word 文档），再导入另存的文件
doc-macros = 文件中含有宏（VBA 代码）；huibian 不导入带宏的文件
doc-macros-hint = 用 WPS 或 Word 打开它，另存为 .docx（普通 Word 文档，不是启用宏的文档），再导入另存的文件
doc-no-stream = 不是 Word 97-2003 文档（里面没有 WordDocument 数据流；Microsoft Works 或 DOS 时代 WPS 的 .wps 是另一种格式）
doc-cannot-read-text = 无法读取其中的文字（文件已损坏）
doc-encrypted = 这个文件设了密码（已加密）
doc-encrypted-hint = 用 WPS 或 Word 打开它，去掉密码（文件 → 文档加密 / 保护文档），另存为 .docx，再导入另存的文件
doc-cannot-read-table = 无法读取其中的表数据流（文件已损坏）
doc-word95 = 这是 Word 95 或更早版本保存的文件，huibian 读不了这种格式
doc-damaged = 这个 Word 文件已损坏，无法读取
doc-is-rtf = 它是一个 RTF 文件，却用了 Word 的文件名
doc-is-rtf-hint = 把扩展名改成 .rtf，再导入
doc-is-zip = 它是一个 .docx（或其他 zip）文件，却用了旧的扩展名
doc-is-zip-hint = 把扩展名改成 .docx，再导入
doc-is-html = 它是一个网页（HTML），却用 Word 的文件名保存
doc-not-compound = 无法作为 Word 97-2003 或 WPS 文档打开：文件已损坏，或者是别的格式
doc-not-doc = 不是 Word 97-2003 文档：{ $what }
doc-hidden-dropped = 有 { $n } 个字的隐藏文字没有导入
doc-deletions-dropped = 有 { $n } 个字的修订删除内容没有导入
doc-pictures-dropped = 有 { $n } 张图片或绘图没有导入；请从原文件中复制
doc-endnotes-dropped = 尾注没有导入；请从原文件中复制
doc-text-boxes-dropped = 文本框没有导入；请从原文件中复制其中的文字

## rtf
rtf-resave-hint = 用 Word 或 WPS 打开它，重新另存为 .rtf 或 .docx
rtf-not-rtf = 不是 RTF 文件（文件开头不是 `{"{"}\rtf`）
rtf-too-deep = 其中的分组嵌套超过 { $max } 层：办公软件不会写出这样的文件
rtf-pictures-dropped = 有 { $n } 张图片的格式网页无法显示（Windows 图元文件或位图），没有导入：把文件另存为 .docx 可以保留它们
rtf-unreadable = 有 { $n } 个字符无法按 { $encoding } 读取，显示为 �

## sheet（电子表格和 .csv）
sheet-cannot-read = 无法读取文件：{ $why }
sheet-check-path-hint = 检查文件路径
sheet-too-large = 这个文件有 { $mb } MB，超过了作为表格读取的上限 { $max } MB
sheet-too-large-hint = 把它拆成几个小一些的工作簿，或者只作为下载链接
sheet-permissions-hint = 检查文件的权限
sheet-csv-bad-line = 第 { $line } 行无法按 CSV 读取
sheet-csv-hint = 用 Excel 或 WPS 打开它，重新另存为 CSV
sheet-ods-xml-damaged = 无法读取其中的 content.xml（文件已损坏）
sheet-ods-repeats = 其中重复的单元格展开后有 { $n } 个，超过了作为表格读取的上限 { $max } 个
sheet-ods-repeats-hint = 删掉表格末尾设了格式的空行和空列，或者只作为下载链接
sheet-resave-hint = 用 Excel 或 WPS 打开它，重新保存（存为 .xlsx）
sheet-not-workbook = 不是 Excel、WPS 或 OpenDocument 工作簿
sheet-is-html = 这是一个网页（HTML），却用电子表格的文件名保存，有些系统导出表格时会这样做
sheet-is-html-hint = 用 Excel 或 WPS 打开它，另存为 .xlsx
sheet-encrypted = 这个工作簿设了密码保护
sheet-encrypted-hint = 用 Excel 或 WPS 打开它，去掉密码（文件 → 信息 → 保护工作簿）后保存
sheet-not-xlsx = 无法作为 Excel 工作簿读取（文件已损坏或不是这种格式）
sheet-not-xls = 无法作为 Excel 97–2003 或 WPS 工作簿读取（文件已损坏或不是这种格式）
sheet-not-ods = 无法作为 OpenDocument 电子表格读取（文件已损坏或不是这种格式）
sheet-bad-sheet = 工作表「{ $name }」无法读取（已损坏）
sheet-outside-site = 它指向站点文件夹以外
sheet-outside-site-hint = 请把文件复制到文档的文件夹中，不要用链接
sheet-cannot-import = 无法导入这个电子表格：{ $why }
sheet-no-text = 这个电子表格中没有一个单元格有文字
sheet-no-text-hint = 确认文件没有选错，也不是空的
sheet-too-large-to-import = 工作表「{ $name }」太大，无法导入为文档（超过 { $cells } 个单元格或 { $mb } MB 文字）
sheet-link-it-hint = 把它放进某个文档的文件夹并加上链接，例如 [台账](taizhang.xlsx)：页面会显示它的前几行，并提供文件下载
sheet-hidden-imported = 工作表「{ $name }」在工作簿中是隐藏的，也一并导入了：如果它只是个查找用的列表，请删掉它那一节

## 导入：命令自己的检查
imp-bad-section-flag = --section 给的不是可用的栏目文件夹名：{ $detail }
imp-bad-section-flag-hint = 例如 --section speeches
imp-cannot-read = 无法读取这里的文件或文件夹
imp-cannot-read-hint = 删掉这个链接或改正权限，然后再导入
imp-links-into-content = 这是一个链接，指向站点的 content/ 文件夹
imp-links-into-content-hint = content/ 中的文档会直接生成，不用导入；请删掉这个链接
imp-bad-section = 前置信息中的 `section` 不是可用的栏目文件夹名：{ $detail }
imp-bad-section-hint = 写一个文件夹名，例如 `section: speeches`
imp-bad-slug = 前置信息中的 `slug` 不是可用的网址名：{ $detail }
imp-bad-slug-hint = slug 是网址中的一段，例如 `slug: dongyuan-jianghua`
imp-bad-image-name = 文件中有一张图片的名称不能使用：{ $detail }
imp-bad-image-name-hint = 用 Word 或 WPS 打开它，重新插入这张图片后保存
imp-cannot-keep-old = 无法把原来的文档保存为 { $bak }：{ $why }

## 导入报告中说明文件是怎样读取的
txt-read-as-bom = { $encoding }（按文件开头的 BOM 判断）
txt-read-as-given = { $encoding }（按 --encoding 指定）
txt-read-as-detected = { $encoding }（自动识别）
sheet-read-as-csv = CSV，{ $how }
sheet-read-as-xlsx = Excel 工作簿（.xlsx）
sheet-read-as-xls = Excel 97–2003 工作簿（.xls）
sheet-read-as-ods = OpenDocument 电子表格（.ods）
pdf-note = pdf: { $what }
pdf-typst-error = 排版出错（Typst 的原话）：{ $detail }
