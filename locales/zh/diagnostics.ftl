# 诊断信息：用户最常遇到的问题的说明和处理办法。
# 代码（如 bad-date）、文件:行:列 和 JSON 输出在各语言中都一样，只有这些文字不同。
# 每条消息在 ../en/diagnostics.ftl 中都有对应的英文（测试会双向检查）。

did-you-mean = 是不是想写 `{ $name }`？

## 前置信息（source/frontmatter.rs）
fm-no-front-matter = 文件开头没有前置信息
fm-no-front-matter-hint = 文件第一行写 `---`，接着写 `标题: …` 和 `日期: 2023-09-01`，再写一行 `---`
fm-not-closed = 前置信息没有结束行
fm-not-closed-hint = 在最后一个键之后加一行 `---`
fm-key-not-a-name = 前置信息的键 { $key } 不是名称
fm-unknown-key = 前置信息中没有 `{ $key }` 这个键
fm-valid-keys = 可用的键：{ $keys }
fm-section-mismatch = 写的是 `{ $key }: { $value }`，但文件在 content/{ $folder }/ 中
fm-section-mismatch-hint = 把文件移到 content/{ $value }/，或把这一行改成 `{ $key }: { $folder }`
fm-twice = `{ $first }`（第 { $a } 行）和 `{ $second }`（第 { $b } 行）是同一个键，写了两次
fm-twice-hint = 第 { $a } 行和第 { $b } 行只保留一行
fm-no-title = 前置信息中没有标题（`标题` 或 `title`）
fm-no-title-hint = 加一行，例如 `标题: 在主题教育动员部署会上的讲话`
fm-title-empty = 标题是空的
fm-no-date = 前置信息中没有日期（`日期` 或 `date`）
fm-no-date-hint = 加一行，例如 `日期: 2023-09-01` 或 `日期: 2023年9月1日`
fm-wrong-type = `{ $key }` 的值类型不对：{ $detail }
fm-weight-hint = 写一个整数，例如 `{ $key }: 3`
fm-draft-hint = 写 `{ $key }: true` 或 `{ $key }: false`（也可写 是、否）
fm-aliases-hint = 写成站内路径的列表，例如 `{ $key }: [/旧/地址/]`
fm-attachments-hint = 在 `{ $key }:` 下每行写一个“文件名: 标题”，缩进两格
fm-not-text = `{ $key }` 应当是文字
fm-bad-date = `{ $key }: { $value }` 不是日期
fm-bad-date-hint = 写成 2023-09-01、2023-09-01T09:30:00+08:00 或 2023年9月1日
fm-bad-batch = `{ $key }: { $value }` 不是批次
fm-bad-batch-hint = 写 1 或 2，或者 第一批 / 第二批

## YAML（config.rs：前置信息和 config.yaml）
yaml-full-width-colon = 第 { $line } 行：`{ $key }：` 用了全角冒号（：）；YAML 要用半角冒号加一个空格：`{ $key }: …`
yaml-tab = YAML 用空格缩进：把行首的制表符换成空格
yaml-colon-in-value = 值中有“冒号加空格”时要加引号：`{ $key }: "…"`
yaml-star = 以 * 或 & 开头的值要加引号（YAML 把 * 当作引用）：`{ $key }: "**…"`
yaml-reserved = 以 @、` 或 % 开头的值要加引号：`{ $key }: "…"`
yaml-open-list = 列表要用 ] 结束：`标签: [学习, 调研]`
yaml-open-map = 花括号要用 {"}"} 结束；如果是文字，给值加上引号
yaml-valid-keys = 这里可用的键：{ $keys }
yaml-unknown-field = 没有 `{ $key }` 这个键；可用的键：{ $list }
yaml-missing-field = 缺少 `{ $key }`
yaml-duplicate = 键 { $key } 写了两次（同一个名字）
yaml-given-twice = `{ $key }` 写了两次：第 { $first } 行和第 { $second } 行
yaml-given-twice-hint = 保留其中一行
yaml-control = U+{ $code }，一个看不见的控制字符，YAML 不允许出现
control-character-hint = 删掉它（多数编辑器里看不出来）；从 Word 复制的文字会把换行带成 U+000B

## 链接（site/mod.rs）
link-missing-document = 链接的文档 `{ $dest }` 不存在
link-outside-content = 链接 `{ $dest }` 指到了 content 文件夹之外
link-missing-file = 链接的文件 `{ $dest }` 不存在
link-to-failed = 链接的文档 `{ $dest }` 本身有错误（见它自己的错误信息）：先修改那篇文档
link-to-draft = 链接的 `{ $dest }` 是草稿，本次没有收录（发布它、删去链接，或用 --drafts 生成）
link-hint = 改正路径（相对于本文件），或删去这个链接
anchor-missing = 链接到 `#{ $fragment }`，但没有这个标题
anchor-did-you-mean = 是不是想写 `#{ $name }`？
anchor-no-headings = 目标文档没有标题
anchor-headings = 它的标题有：{ $list }
duplicate-url = 两篇文档会发布到同一个地址 /{ $url }
duplicate-url-hint = content/{ $other } 的地址相同；在其中一篇的前置信息中另写一个 `网址名:`（slug）
attachment-missing = `附件`（attachments）中写了 `{ $name }`，但文档所在文件夹中没有这个文件
attachment-missing-bundle-hint = 把文件放在 index.md 旁边，或改正文件名
attachment-missing-loose-hint = 附件要和文档放在一个文件夹里：把文档改为 <名称>/index.md，附件放在它旁边

## check 的警告（check/mod.rs）
warn-redaction = 正文中的 `{ $run }` 像是隐去的人名
warn-redaction-hint = 发布前补上真实姓名
warn-ascii-punctuation = 中文之间用了半角的 `{ $char }`
warn-ascii-punctuation-hint = 改用全角的 `{ $full }`
warn-placeholder = 正文中有占位符 `{ $run }`
warn-placeholder-hint = 填上真实的名称或数字
warn-marker = 正文中留有标记 `##{ $word }##`
warn-marker-hint = 删掉它（huibian import 会自动去掉 ##paidbegin##/##paidend##）
warn-mixed-digits = 文档中既有全角数字（１２３）又有半角数字（123）
warn-mixed-digits-hint = 全文统一用一种数字；中文公文通常用半角数字
warn-long-first-paragraph = 第一段有 { $n } 个字，且没有 `摘要`（summary）：列表中会显示被截断的句子
warn-long-first-paragraph-hint = 在前置信息中加 `摘要: …`（一两句话）
warn-duplicate-title = 标题「{ $title }」与 content/{ $other } 的标题相同
warn-duplicate-title-hint = 给其中一篇换个能区分的标题（例如加上单位或日期）
warn-comment-in-value = `{ $key }: { $value }`：YAML 把 ` #` 及其后的内容当作注释，所以 { $key } 只剩「{ $kept }」
warn-comment-in-value-hint = 如果 # 后面也是内容，给值加上引号：`{ $key }: "{ $value }"`
warn-future-date = 日期 { $date } 晚于今天
warn-future-date-hint = 核对年份和月份
warn-unlinked-attachment = 附件 `{ $name }` 既没有标题，正文中也没有链接到它
warn-unlinked-attachment-hint = 在 `附件:`（attachments）下给它写个标题，或在正文提到它的地方加上链接
warn-control-in-text = 正文中有 { $what }：atom.xml 和 sitemap.xml 放不下它，会把它去掉

## 文件（fsio.rs）；`detail` 是操作系统自己的英文说法
io-not-found = 文件或文件夹不存在
io-permission = 没有权限
io-is-a-folder = 这是文件夹，不是文件
io-disk-full = 磁盘已满
io-other = { $detail }
fs-cannot-read = 无法读取文件：{ $why }
fs-cannot-write = 无法写入文件：{ $why }
fs-cannot-create = 无法创建文件：{ $why }
fs-cannot-create-folder = 无法创建文件夹：{ $why }
fs-exists = 文件已经存在；没有覆盖
fs-exists-hint = 换一个标题或网址名，或者直接编辑已有的文件
fs-not-utf8 = 不是有效的 UTF-8 文本（第一个错误字节在第 { $offset } 字节处）
fs-not-utf8-hint = 把文件另存为 UTF-8；Windows 上的 GBK 或 UTF-16 文件请用 `huibian import` 导入
config-needed-hint = 站点需要 config.yaml，其中至少有一行 `标题: …`（或 `title: …`）；`huibian init 文件夹` 会生成一个

## 命令行选项、init 和 new（lib.rs、scaffold.rs）
flag-bad-batch = `{ $value }` 不是批次
flag-bad-batch-hint = 写 1、2、第一批 或 第二批
flag-bad-date = `{ $value }` 不是日期
flag-bad-date-hint = 写成 2023-09-01
init-site-exists = 这里已经有一个站点；没有做任何改动
init-file-exists = 文件已经存在；没有写入任何文件
init-file-exists-hint = 在新的或空的文件夹中运行 init
init-outside = 这个文件会写到新站点之外：它实际指向 { $at }；没有写入任何文件
init-outside-hint = 站点里的某个文件夹（content/、themes/ 或其下的文件夹）是指向站点之外的链接：删除这个链接，或在没有这种链接的文件夹中运行 init
publish-theirs-in-the-way-hint = 把该文件移到站点的 static/ 文件夹（publish 会把它作为站点文件发布），或从 current/ 中删除，然后重新发布
release-cannot-carry = 无法把该文件带入新版本：{ $why }
new-section-hint = 例如 huibian new speeches 标题
new-no-file-name = 无法用标题 `{ $title }` 生成文件名

## import（import/mod.rs）
import-no-site = 这里没有站点：import 要把文档写进站点的 content/ 文件夹
import-no-site-hint = 在站点文件夹中运行，或加 --root 文件夹（用 `huibian init 文件夹` 新建站点）
import-date-hint = 写成 2023-09-01 或 2023年9月1日
import-unknown-encoding = 不认识的编码 `{ $name }`
import-unknown-encoding-hint = 可用 gbk、gb18030、utf-8、utf-16le、utf-16be 或 big5
import-nothing = 没有要导入的文件
import-nothing-hint = 写上文件或文件夹，例如：huibian import 材料/讲话.docx 材料/
import-no-such-file = 文件或文件夹不存在
import-inside-content = 它已经在站点的 content/ 中
import-inside-content-hint = 请导入站点以外的文件；content/ 中的文档会直接生成
import-unsupported = import 不能读取这种文件
import-unsupported-hint = import 可以导入 .docx、.doc、.wps、.odt、.rtf、.txt、.md 文件，以及电子表格（.xlsx、.xls、.et、.ods）和 .csv
import-no-text = 文件中没有文字，无法得到标题
import-no-text-hint = 确认文件没有选错，也不是空的
import-section-differs = 它的前置信息写的是 `section: { $given }`，但命令中给的是 --section { $asked }
import-section-differs-hint = 用 --section { $given } 导入，或修改它的 `section:` 一行
import-which-section = 判断不出「{ $title }」属于哪个栏目
import-which-section-hint = 加上 --section speeches、--section guides 或 --section experiences
import-date-guessed = 正文和文件名中都没有日期：用了文件的修改日期
import-date-guessed-hint = 把 `{ $key }:` 改成讲话或文件的实际日期，然后删去 `{ $from }:` 这一行
import-date-from-text = 没有落款，标题下也没有日期行：用了正文中的第一个日期（{ $at }）

## 输出位置（output/mod.rs）
output-is-the-site = 输出文件夹会替换站点自己的文件（它是 { $path }）
output-is-the-site-hint = 生成到单独的文件夹，例如 public/
output-is-a-folder = 这是文件夹，不是文件
output-is-a-folder-hint = 写一个文件名，例如 --output campaign.zip
output-is-a-file = 这是文件，不是文件夹
output-is-a-file-hint = 生成到一个文件夹，例如 --output public/
output-foreign = 这个文件夹中有不是 huibian 写的文件（没有 { $mark } 标记）；生成时会替换或删除它们
output-foreign-hint = 生成到新的或空的文件夹，例如 public/；如果这是旧版 huibian 的输出，删掉它再生成

## publish（publish/release.rs、release/lock.rs）
publish-keep-zero = --keep 0 会删掉所有版本，包括正在使用的那个；没有发布
publish-keep-zero-hint = 写 --keep 1 或更大（--keep 1 只保留新版本）
publish-to-is-a-file = --to 指的是文件，不是文件夹；没有发布
publish-to-is-a-file-hint = 写网站服务器提供这个网站的文件夹
publish-keep-relative = --relative-urls（更好的办法：在 config.yaml 中写 `relative_urls: true`）
publish-keep-base-url = --base-url { $old }（更好的办法：在 config.yaml 中写 `base_url: { $old }`）
publish-links-move = 这里正在使用的网站，链接地址是 `{ $old }`；这次发布会把它们改成 `{ $links }`，线上网站的所有链接都会失效
publish-links-move-hint = 要保持原样，加上 { $keep }；如果确实要改地址，写新的 --base-url
publish-busy = 另一个 huibian publish 正在这个文件夹中工作；没有做任何改动
publish-busy-pid = 另一个 huibian publish（进程 { $pid }）正在这个文件夹中工作；没有做任何改动
publish-busy-hint = 等它完成后再运行这条命令
rollback-none = 这里没有正在使用的版本（或 `current` 不是符号链接）
rollback-none-hint = 先发布；回退需要支持符号链接的文件系统
rollback-oldest = { $release } 已经是保留的最早版本，没有可以回退的版本

## serve（serve/mod.rs）
serve-cannot-listen = 无法监听：{ $why }
serve-cannot-listen-hint = 检查 --bind（应是本机的地址，默认 127.0.0.1）
serve-no-free-port = 从 { $port } 起没有空闲端口
serve-no-free-port-hint = 用 --port 换一个端口
serve-no-site-folder = 无法打开站点文件夹：{ $why }

## archive（archive/mod.rs）
archive-nothing-selected = 没有符合所选范围的已发布文档
archive-nothing-selected-hint = 检查 --batch、--section、--since 和 --until

## content 文件夹和 config.yaml 中的列表（source/mod.rs、site/mod.rs、config.rs）
source-no-content = 无法读取 content 文件夹：{ $why }
source-no-content-hint = 站点的文档放在 content/<栏目>/*.md 中
source-loose-document = 文档直接放在了 content/ 下
source-loose-document-hint = 把它移到一个栏目文件夹中，例如 content/speeches/
source-no-slug = 无法用这个标题生成网址
source-no-slug-hint = 在前置信息中加一行 `网址名: some-name`（slug）
sections-not-a-folder = `sections` 中写了 `{ $name }`，但 content/ 中没有这个文件夹
sections-not-a-folder-hint = 写 content/ 中的文件夹名，例如 [speeches, guides, experiences]
allow-an-error = `check.allow` 中写了 `{ $code }`，这是错误：错误不能关闭
allow-no-code = `check.allow` 中写了 `{ $code }`，但没有这个警告代码
allow-codes = 警告代码有：{ $codes }
alias-path-hint = 别名写成站内路径，例如 `/旧/地址/`

## 栏目、标题和输出（site/mod.rs、render/layout.rs）
heading-attribute = 标题的 `{"{"}…{"}"}` 中有 { $what }，页面上不能带它：标题只能有 id `#名称` 和类名 `.名称`，由字母、数字、`-`、`_`、`.` 和 `:` 组成
heading-attribute-hint = 把它们从标题末尾的 `{"{"}…{"}"}` 中去掉；如果花括号要显示为文字，把最后一个写成 `\{"}"}`
rename-the-folder = 给文件夹改个名字
section-reserved = 栏目名 `{ $name }` 已被网站自己使用
layout-alias-hint = 删去这个别名或改一个
layout-file-hint = 给文件改名或换个位置
layout-page-hint = 给其中一个改名

## import 对正文的警告（import/text.rs）
import-warn-marker = 正文中留有不认识的标记 `##{ $word }##`
import-warn-redaction = `{ $run }` 像是隐去的人名：发布前补上
import-warn-blank = 空白 `{ $run }` 需要填写
import-warn-placeholder = 占位符 `{ $run }`：填上真实的名称或数字
import-warn-unreadable = 有 { $n } 个字符无法按 { $encoding } 读取，显示为 �
import-where = { $what }（原文件 { $file } 第 { $line } { $unit }）
import-unit-line = 行
import-unit-paragraph = 段
mark-alone = `{ $run }` 显示成了文字：本段没有与它配对的符号，{ $effect ->
        [strike] 删除线
       *[emphasis] 加粗或强调
    }没有生效
mark-alone-fix = 补上另一个 `{ $run }`；如果就是要显示这两个字符，写成 `\{ $ch }\{ $ch }`
mark-pair = `{ $run }…{ $run }` 显示成了文字：{ $effect ->
        [strike] 删除线
       *[emphasis] 加粗或强调
    }没有生效
mark-pair-around = 「{ $inner }」两边的 `{ $run }…{ $run }` 显示成了文字：{ $effect ->
        [strike] 删除线
       *[emphasis] 加粗或强调
    }没有生效
mark-fix-spaces = 删去符号内侧的空格：`{ $run }{ $text }{ $run }`
mark-fix-underscore = `__` 夹在一个词的两个字之间不起作用：改用 `**`
mark-fix-western = `{ $run }` 内侧紧挨标点、外侧紧挨拉丁字母或数字时，符号会保留为文字：把标点移到符号外面，或在符号外侧加一个空格
mark-fix-check = 检查哪两个 `{ $run }` 是一对；如果就是要显示这两个字符，写成 `\{ $ch }\{ $ch }`
quote-pair = 中文里「{ $inner }」两边用了半角引号 `{ $q }…{ $q }`
quote-pair-fix = 改用全角引号：`{ $quoted }`
quote-alone = 中文旁边用了半角的 `{ $q }`
quote-alone-fix = 改用全角的 `{ $open }` 或 `{ $close }`
in-the-title = 标题中：{ $what }
sheet-link-hint = 写在句子中间的链接只提供文件下载，不显示表格
sheet-not-shown = `{ $dest }` 无法显示为表格：{ $why }；{ $hint }
guessed-from-file-time = 取自文件的修改时间（最后一次保存的时间）
guessed-from-text = 取自正文，而正文中的日期可能是截止日期或别的事情的日期
warn-unconfirmed-date = 日期 { $date } 是导入时推测的，{ $how }
warn-unconfirmed-date-hint = 对照原文（落款或标题下的日期）核对 `日期:`（date），然后删去 `date_from: { $from }` 这一行
warn-missing-alt = 图片 `{ $dest }` 没有替代文字：读屏软件读不出它，图片加载不出来时也什么都不显示
warn-missing-alt-hint = 用几个字说明图片内容：`![党员在会上发言](photo.jpg)`
import-undecodable = 有 { $n } 个字符无法解码，显示为 �
import-in-cell = { $what }（单元格 { $cell }）
import-in-sheet-cell = { $what }（工作表「{ $sheet }」单元格 { $cell }）
import-original-renamed = 原文件保存为 `{ $original }`：它原来的名字在 Windows 上不能作文件名
fm-bad-date-from = `{ $key }: { $value }` 既不是 `text` 也不是 `file`
fm-bad-date-from-hint = 这一行是导入时推测日期写下的；核对 `日期:`（date）无误后，删去这一行

## publish（publish/release*.rs）
what-a-file = 一个文件
what-a-folder = 一个文件夹
what-a-symlink = 一个符号链接
what-a-symlink-to = 一个指向 { $target } 的符号链接
what-files-or-links = { $n } 个文件或链接
lock-not-a-file = 发布锁不是普通文件；没有做任何改动
lock-not-a-file-hint = 删掉它，huibian 会重新生成
lock-cannot-open = 无法打开发布锁：{ $why }
lock-cannot-lock = 无法锁定要发布到的文件夹：{ $why }；没有做任何改动
lock-cannot-lock-hint = 这个文件系统不支持文件锁：请改为发布到本机的文件夹
sync-foreign = 新版本会覆盖这里不是 huibian 写的 { $what }：{ $names }；没有发布
sync-foreign-hint = 把它们移出 current/（或在站点中改名），然后重新发布
sync-cannot-update = 无法更新：{ $why }
sync-link-on-the-way = 路径上的一个文件夹是指向 `current` 以外的链接；不会通过它写入任何文件
sync-link-on-the-way-hint = 把 current/ 中的这个链接换成真正的文件夹，然后重新发布
releases-cannot-read = 无法读取：{ $why }
releases-not-a-folder = `releases` 是{ $what }，不是 huibian 存放各版本的文件夹；没有做任何改动
releases-not-a-folder-hint = huibian 只在真正的文件夹中生成和清理版本：把它移开（mv { $dir } { $dir }.old）后重新发布，或用别的 --to 发布
current-marker-damaged = 这个标记文件已损坏：huibian 无法判断 `current` 中哪些文件是它写的，所以不做任何改动
current-foreign = `current` 是{ $what }，不是 huibian 建的；已原样保留，没有发布
current-migrate-hint = 要把这个网站改由 huibian 按版本管理：mv { $cur } { $cur }.old，重新发布，检查新网站无误后删掉 { $cur }.old
release-cannot-create = 无法创建版本文件夹：{ $why }
release-no-free-name = 找不到可用的名字来生成新版本
release-cannot-finish = 无法完成新版本：{ $why }
current-folder-but-links-work = `current` 是 huibian 在不能建符号链接的地方逐个文件更新的文件夹，但这里可以建符号链接；没有发布
current-folder-but-links-work-hint = 要改为用链接切换版本：mv { $cur } { $cur }.old，重新发布，检查新网站无误后删掉 { $cur }.old
current-link-but-no-links = `current` 是符号链接，但这个文件系统不允许新建符号链接；没有发布
current-link-but-no-links-hint = 请在能在这里建符号链接的电脑上发布
current-cannot-switch = 无法切换到 releases/{ $release }：{ $why }
rollback-not-ours = `current` 指向 releases/{ $release }，它不是 huibian 生成的版本（或已不存在）
rollback-not-ours-hint = 回退只能在 huibian 生成的版本之间进行；重新发布即可让新版本成为当前版本

## 输出（output/*.rs）
out-outside = 拒绝写到输出文件夹以外
out-own-mark = { $rel } 是 huibian 在输出中自用的标记文件名
out-own-mark-hint = 给站点中的这个文件改个名字
out-link-into-output = 这是指向输出文件夹 { $out } 的链接：每次生成都会把上一次的输出复制进它自己
out-link-into-output-hint = 删掉这个链接；站点从不读取自己的输出
out-site-file = { $at } 是站点自己的文件或文件夹（content/、themes/、templates/、static/、config.yaml）
out-site-file-hint = 请写到站点旁边，例如 --output campaign.zip
out-outside-content = 拒绝写到 { $content } 以外：它实际指向 { $at }
out-outside-content-hint = 检查栏目名和网址名（slug），并确认 content/ 下没有链接到站点以外的文件夹
out-partly-updated = { $failure }；输出文件夹未能恢复原样，其中已有本次构建的一部分
out-partly-updated-hint = 解决上述问题后重新构建：下一次构建会把所有文件整理好
out-mark-damaged = 这个 huibian 输出的标记文件已损坏
out-mark-damaged-hint = 删掉输出文件夹，重新生成
out-cannot-read-folder = 无法读取文件夹：{ $why }
out-cannot-open-to-lock = 无法打开文件夹来加锁：{ $why }
out-cannot-lock = 无法锁定文件夹：{ $why }
out-waiting = 正在等待：另一个 huibian 正在写入 { $dir }
out-cannot-stage = 无法创建临时输出文件夹：{ $why }
out-cannot-update = 无法更新输出：{ $why }
out-cannot-put-in-place = 无法把新的输出放到位：{ $why }
out-foreign-file = 输出中这里有一个不是 huibian 写的文件或文件夹，而生成时要在这里写一个文件
out-foreign-file-hint = 把它移出输出文件夹，然后重新生成

## 生成（render/*.rs）：消息中怎样称呼生成的各个页面
page-home = 首页
page-section = 栏目 { $name } 的第 { $page } 页
page-taxonomy = { $name } 的列表页
page-term = { $taxonomy } 中「{ $term }」的第 { $page } 页
page-archive = 归档页
page-document = 文档 { $rel }
page-404 = 404 页面
page-search = 搜索页
page-sitemap = 网站地图（sitemap.xml）
page-feed = 订阅源（atom.xml）
page-alias = 别名 /{ $at }
page-file = 文件 { $path }
layout-case = { $what }（在不区分大小写的 Windows 和 macOS 上，以及不区分重音字母编码方式的 macOS 上，它们是同一个文件）
layout-file-replaces-page = 这个文件会替换生成的页面 /{ $url }（{ $other }）
layout-file-same-as = 这个文件和 { $other } 会是同一个文件 /{ $url }
layout-same-as = { $what } 和 { $other } 会是同一个文件 /{ $url }
layout-needs-folder = { $what } 需要文件夹 /{ $f }/，但 /{ $f } 是一个文件（{ $file }）
layout-file-in-search = 这个文件会替换搜索索引的文件 /{ $url }
layout-page-in-search = { $what } 会落在搜索索引的文件中（/{ $url }）
name-bad-chars = 含有 : * ? " < > | \ 中的字符
name-trailing-dot = 以点或空格结尾
name-reserved = 是 Windows 保留的名字（CON、NUL、COM1 等）
name-not-on-windows = 文件名{ $why }：在 Windows 上打不开
name-not-on-windows-hint = 给文件改个名字
theme-loop = 主题互相继承，形成了循环：{ $chain }
theme-bad-name = `theme: { $name }` 不是主题文件夹的名字
theme-missing = themes/ 中没有主题 `{ $name }`
theme-missing-hint = 新建 themes/{ $name }/templates/，或把 `theme:` 设为内置主题（{ $builtin }）
template-error = 模板错误：{ $detail }
template-syntax-hint = 修改模板的语法（Tera 2）
template-variable-hint = 模板输出的每个变量都必须在它的上下文中存在（见 README 的 Templates 一节）
template-fix-hint = 修改模板（见 README 的 Templates 一节）

## 站点（site/mod.rs）
section-not-on-windows = 栏目文件夹名{ $why }：在 Windows 上打不开
alias-not-inside = 别名 `{ $alias }` 不是站点内的路径：{ $why }
alias-no-page = 它没有指向任何页面
alias-dot-part = 其中一段以 `.` 开头
alias-not-on-windows = 其中一段在 Windows 上不能作文件名

## config.yaml（config.rs）
yaml-other = 格式有误：{ $detail }
config-paginate = `paginate`（每页篇数）至少为 1
config-reading-speed = `reading_speed`（阅读速度）至少为 1
config-bad-segment = 分类 `{ $name }` 的网址段是 `{ $segment }`
config-bad-segment-hint = 只用英文字母、数字、`-` 或 `_`，例如 `segment: tags`
config-same-segment = 两个分类用了同一个网址段 `{ $segment }`
config-max-size = `images.max_size` 是 { $value }：必须在 16 到 { $max } 之间
config-max-size-hint = 这是页面上照片最长边的像素数，例如 `max_size: 1600`
config-widths = `images.widths` 中有 { $value }：每个宽度至少为 16，并且小于 `max_size`（{ $max }）
config-widths-hint = 这是给手机用的较小尺寸，例如 `widths: [480, 960]`
config-quality = `images.quality` 是 { $value }：必须在 1 到 100 之间
config-quality-hint = 82 能让照片保持清晰，文件大小只有 100 的五分之一
config-warn-over-mb = `images.warn_over_mb` 是 { $value }：必须是大于 0 的 MB 数
config-warn-over-mb-hint = 例如 `warn_over_mb: 5`

## 归档、校验（archive/mod.rs）
archive-exists = 归档文件已经存在；没有覆盖
archive-exists-hint = 换一个 --output，或加上 --force 替换它
archive-not-ours = 这个文件不是 huibian 生成的归档；--force 只替换 huibian 生成的归档
archive-not-ours-hint = 换一个 --output
archive-cannot-write = 无法写入归档：{ $detail }
archive-cannot-finish = 无法完成归档：{ $detail }
archive-entry-failed = { $path }：{ $detail }
verify-no-manifest = 归档中没有 MANIFEST.sha256：不是 huibian 的归档，或者已损坏
verify-altered = 被改动：{ $name }（校验值 { $got }，清单中为 { $sum }）
verify-missing = 缺少：{ $name }
verify-damaged = 已损坏：{ $what }
verify-refused = 拒绝：{ $name }（{ $why }）
verify-extra = 多出：{ $name }（清单中没有）
verify-catalog-unreadable = 无法读取 catalog.json：{ $detail }
verify-catalog-mismatch = 目录：{ $source }（{ $title }）与它的源文件不一致
verify-catalog-absent = 目录：{ $source }（{ $title }）不在归档中

## 检查（check/*.rs）
check-external-link = 链接 { $url } 打不开：{ $detail }
check-external-link-hint = 修改或删去这个链接，或在能访问它的电脑上检查
check-large-image = 原图有 { $size }（{ $w } × { $h } 像素），超过了 `images.warn_over_mb`（{ $limit } MB）
check-large-image-hint = 页面上显示的是缩小后的图片，但原图会进入站点的每一份副本和归档：另存一份较小的（约 2000 像素，JPEG 质量 85）替换它
check-escaped-control = `{ $key }` 中有 { $codes }，是在引号中用转义写的：XML 放不下这些字符，atom.xml 和 sitemap.xml 会把它们去掉
check-escaped-control-hint = 从 `{ $key }` 中删去这些转义（如 `{ $x }` 或 `{ $u }`）

## 源文件（source/*.rs、markdown/attrs.rs、render/xml.rs）
slug-bad = 网址名 `{ $slug }` { $why }
slug-hint = 网址名（slug）是网址中的一段，例如 `slug: dongyuan-jianghua`
section-bad = `{ $name }` 不是栏目：栏目是 content/ 下的一个文件夹名（这个名字{ $why }）
segment-empty = 是空的
segment-path = 含有 `/`、`\` 或 `..`，或者以 `.` 开头
segment-chars = 含有网址或 Windows 文件名中不允许的字符
list-pair = { $a }、{ $b }
attr-key = `{ $key }`
attr-id = id `{ $id }`
attr-class = class `{ $class }`
char-control = U+{ $code }（一个看不见的控制字符）
char-noncharacter = U+{ $code }（一个非字符码位）
