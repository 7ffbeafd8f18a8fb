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
