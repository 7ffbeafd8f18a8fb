# 导入（Word、WPS、OpenDocument、RTF、文本、电子表格）、读取 zip、图片、PDF 和文件读写的提示。

## fsio
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
