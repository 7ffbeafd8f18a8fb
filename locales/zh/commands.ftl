# 各命令输出的内容：汇总、进度和失败时的说明。
# 每条消息在 ../en/commands.ftl 中都有对应的英文（测试会双向检查）。

## 失败（diag.rs Failure::report）
failure-error = 错误：
failure-count = { $n } 个错误
outcome-build = 未写入任何文件，原有输出保持不变
outcome-build-partly = 输出文件夹已部分更新（见上）；请重新构建
outcome-nothing-written = 未写入任何文件
outcome-archive = 未生成归档文件
outcome-serve = 预览仍显示上一次正确的版本
console-cannot-write = 无法写出：{ $error }
console-cannot-write-hint = 输出不完整：请清理输出位置的磁盘空间，或输出到别处
console-stdout = 标准输出

## build
build-done = 已生成 { $pages } 个页面和 { $files } 个其他文件（共 { $docs } 篇文档），用时 { $secs } 秒 → { $out }
build-unchanged = （{ $n } 个文件未变）
drafts-left-out = 未收录 { $n } 篇草稿（前置信息中有 `draft: true` 或 `草稿: true`）：{ $names }；删去该行即可发布（serve 和 --drafts 会显示草稿）
drafts-more = 等，另有 { $n } 篇

## new, init
new-created = 已创建 { $path }，为草稿（`{ $line }`）
new-next = serve 会显示它；build、check 和 publish 不收录它，删去 `{ $line }` 这一行后才会发布
init-created = 已在 { $dir } 创建新站点 — 下一步：cd { $dir } && huibian build

## publish
publish-rolled-back = current → releases/{ $release }（已回退到上一版本）
publish-list-line = { $mark } { $name }  { $docs } 篇文档
publish-done = 已发布 releases/{ $release }：新增 { $added } 个页面，更新 { $updated } 个，删除 { $removed } 个；改动 { $files } 个文件（写入 { $mb } MB），{ $linked } 个未变（硬链接）
publish-dry-run = 将发布 releases/{ $release }：新增 { $added } 个页面，更新 { $updated } 个，删除 { $removed } 个；改动 { $files } 个文件（写入 { $mb } MB），{ $linked } 个未变（硬链接）
publish-more-pages = 等，另有 { $n } 个页面
publish-not-atomic = 注意：{ $to } 不支持符号链接，`current` 是逐个文件更新的，切换不是一次完成的
publish-switched = { $current } → releases/{ $release }
publish-pruned = 已清理旧版本：{ $names }
publish-carried = 新版本中保留了 { $n } 个手工放入 current/ 的非站点文件：{ $names }
publish-not-carried = 新版本中没有：{ $n } 项手工放入 current/、publish 不会带入的内容（链接、不是 UTF-8 的文件名，或该版本自身的文件清单已损坏）；上一个版本保留着它们：{ $names }
publish-kept-release = 超出 --keep 仍保留 releases/{ $release }：其中有手工放入、而新版本没有的文件：{ $names }

## archive, verify
archive-done = 已归档 { $docs } 篇文档（{ $files } 个文件和 MANIFEST.sha256，{ $mb } MB）→ { $path }
verify-ok = { $archive }：全部 { $files } 个文件与校验值一致，目录与源文件一致
verify-problems = { $archive }：发现 { $n } 处问题 — 归档已不是生成时的样子

## check
check-error = 错误
check-warning = 警告
check-summary = { $errors } 个错误，{ $warnings } 个警告

## serve
serve-port-taken = 端口 { $port } 已被占用，改试 { $next }
serve-serving = 正在预览 { $root }，地址 { $url } — 草稿{ $drafts }；按 Ctrl-C 停止
serve-drafts-shown = 显示
serve-drafts-hidden = 不显示
serve-every-address = 正在监听本机所有地址：同事可打开 http://<本机 IP 地址>:{ $port }/；如要用机器名（http://机器名:{ $port }/），请加 --allowed-host 机器名
serve-rebuilt = 已重新生成 { $pages } 个页面（共 { $docs } 篇文档），用时 { $ms } 毫秒
serve-rest-rebuilt = {"  "}其余 { $pages } 个页面已在后台重新生成，又用了 { $ms } 毫秒
serve-building = 正在生成 { $later } 个页面（共 { $docs } 篇文档）；这期间打开的页面优先生成
serve-open-first = 先重新生成了正在查看的 { $pages } 个页面（共 { $docs } 篇文档），用时 { $ms } 毫秒；其余 { $later } 个随后生成
serve-took-over = {"  "}（上一次修改还没生成完的 { $pages } 个页面并入这一次）
serve-stopped = 已停止

## import
import-done = 已导入 { $n } 个文件：
import-would = 将导入 { $n } 个文件：
import-files-beside = （另有 { $n } 个文件放在它的文件夹中）
import-replaced = 已替换原有的 { $old }；旧文件保留为 { $backup }
import-name-taken = content/{ $section }/ 中已有 `{ $base }`：改写为 `{ $slug }`（网址名 `{ $slug }`）；没有覆盖任何文件
import-slug-taken = 它前置信息中的网址名已被占用；请改为 `{ $slug }`
import-skipped = 跳过 { $n } 个以前导入过的文件（内容完全相同；加 --force 会重新导入）：
import-warnings = { $n } 个警告：
import-check-before = 发布前请检查：
import-redactions = { $n } 处隐去的名字（***）：补上真实姓名
import-blanks = { $n } 处空白（___）：填写完整
import-placeholders = { $n } 处占位符（XX、某某）：填上真实名称
import-date-of = { $doc } 的日期

## archive 的进度（archive/mod.rs）
archive-building = 归档：正在生成站点（用相对链接，不含草稿）…
archive-compressing = 归档：{ $docs } 篇文档，{ $files } 个文件和校验清单，共 { $mb } MB，正在压缩
archive-progress = 归档：已写入 { $n }/{ $total } 个文件
empty = {""}
import-dated = 日期 { $iso }，{ $from }{ $at }{ $mark }
date-from-given = 取自 --date
date-from-signoff = 取自落款
date-from-under-title = 取自标题下的日期行
date-from-file-name = 取自文件名
date-from-text = 取自正文
date-from-file-time = 取自文件的修改时间
date-at-line = ，第 { $n } { $unit }：「{ $text }」
date-at-text = ：「{ $text }」
date-marked = ；已标为 `date_from: { $mark }`，请确认后删去
warn-unsafe-html = 警告：config.yaml：markdown.unsafe_html 已打开 — 文档中的原始 HTML（包括脚本）会原样发布

## pdf（cmd/pdf.rs）
outcome-pdf = 未生成 PDF
pdf-done = 已排版 { $docs } 篇文档，共 { $pages } 页（{ $mb } MB，用时 { $secs } 秒）→ { $path }
search-cache-warning = 警告：{ $what }
search-cache-unwritable = 无法写入搜索索引的缓存：{ $why }
search-cache-unwritable-hint = huibian 把更新搜索索引所需的数据放在站点文件夹中的 .huibian-cache/search/：让站点文件夹可写，或删除那个文件夹
search-temp-file = { $dir } 中的临时文件：{ $why }
search-temp-file-hint = 在临时文件夹中腾出空间，或把 TMPDIR 指向一个空间足够的文件夹
serve-cannot-watch = 无法监视站点文件夹：{ $why }
serve-cannot-start = 无法启动预览服务器：{ $why }
serve-stopped-by = 预览服务器停止了：{ $why }
serve-not-a-host = `{ $name }` 不是主机名
serve-not-a-host-hint = 只写名字本身，和浏览器地址栏里的一样：--allowed-host desk-42.local（不要 http://，也不要路径）
