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
