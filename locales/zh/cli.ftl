# --help：每个命令（cli-命令）和每个选项（cli-命令-选项）的说明。英文见 ../en/cli.ftl。

cli = 汇编：为主题教育等活动的讲话、学习辅导和经验交流材料生成静态网站
cli-lang = 提示和帮助的语言：zh 或 en（默认按 LANG 环境变量；见 README）
cli-help = 显示帮助
cli-version = 显示版本
cli-help-command = 显示本帮助，或某个命令的帮助

cli-build = 把站点生成到 public/（或 --output 指定的文件夹）；出错时保留原来的输出
cli-build-root = 站点文件夹（其中有 config.yaml 和 content/）
cli-build-output = 生成到哪个文件夹（默认：<站点>/public）
cli-build-base_url = 代替 config.yaml 中的 base_url，例如 http://intranet/zhutijiaoyu/
cli-build-relative_urls = 站内链接全部用相对地址（放在任何子路径下、用 file:// 打开都能用）
cli-build-drafts = 也收录标为草稿（`草稿: true` 或 `draft: true`）的文档
cli-build-quiet = 成功时不输出任何内容
cli-build-timings = 显示每个步骤用的时间
cli-build-batch = 只生成这一批：1、2、第一批 …
cli-build-section = 只生成这个栏目（content/ 下的文件夹）
cli-build-since = 只收录这一天及以后的文档
cli-build-until = 只收录这一天及以前的文档

cli-serve = 在内存中生成并在 127.0.0.1 上预览；每次保存都重新生成，并刷新打开的页面
cli-serve-root = 站点文件夹（其中有 config.yaml 和 content/）
cli-serve-bind = 监听的地址（默认只在本机）
cli-serve-port = 端口；被占用时自动用下一个空闲端口
cli-serve-drafts = 显示草稿（带“草稿”标记）；`--drafts false` 则像 build 一样不显示
cli-serve-open = 在浏览器中打开预览
cli-serve-allowed_hosts = 除 localhost 和 IP 地址外，也响应这个主机名（例如配合 --bind 0.0.0.0 给同事用的本机机器名）；可写多次

cli-publish = 生成站点并发布到网站服务器的文件夹，作为一个新版本，一次切换完成
cli-publish-root = 站点文件夹（其中有 config.yaml 和 content/）
cli-publish-to = 网站服务器提供网页的文件夹（其中会有 releases/ 和 current）
cli-publish-base_url = 网站的访问地址，例如 http://intranet/zhutijiaoyu/
cli-publish-relative_urls = 站内链接改用相对地址
cli-publish-keep = 保留多少个版本（用于回退）
cli-publish-dry_run = 只显示会有哪些改动，不发布
cli-publish-rollback = 回退到上一个版本
cli-publish-list = 列出所有版本

cli-archive = 把站点（或某一批、某个栏目、某段时间）写成可校验的 .zip 归档文件
cli-archive-root = 站点文件夹（其中有 config.yaml 和 content/）
cli-archive-output = 归档文件的路径（默认：站点文件夹旁的 <站点>-<批次或 all>-<年月日>.zip）
cli-archive-batch = 只归档这一批：1、2、第一批 …
cli-archive-section = 只归档这个栏目（content/ 下的文件夹）
cli-archive-since = 只收录这一天及以后的文档
cli-archive-until = 只收录这一天及以前的文档
cli-archive-force = 替换同名的已有归档
cli-archive-no_pdf = 不收录印刷版汇编（print.pdf）：选取的文档有几千篇时，排版这本书要用几 GB 内存
cli-pdf = 把文档（或某一批、某个栏目、某段时间的文档）排成一本 PDF/A 汇编：封面、目录、按 GB/T 9704 排版的正文
cli-pdf-root = 站点文件夹（其中有 config.yaml 和 content/）
cli-pdf-output = 要写出的 PDF（默认：站点文件夹中的 <站点>-<批次或 all>.pdf）；那里已有的 PDF 会被替换
cli-pdf-timings = 显示每个步骤的用时和内存峰值
cli-pdf-batch = 只收录这一批：1、2、第一批 …
cli-pdf-section = 只收录这个栏目（content/ 下的文件夹）
cli-pdf-since = 只收录这一天及以后的文档
cli-pdf-until = 只收录这一天及以前的文档

cli-verify = 校验归档文件：逐个核对校验值，并核对目录与源文件；有任何不符时退出码为 1
cli-verify-archive = 要校验的归档文件（.zip）

cli-check = 检查站点的所有问题（错误和警告），不写入任何文件
cli-check-root = 站点文件夹（其中有 config.yaml 和 content/）
cli-check-format = text（给人看）或 json（每行一个对象，给脚本用）
cli-check-external = 也逐个访问 http(s) 链接（默认不访问：内网常常连不到外网）
cli-check-strict = 只有警告、没有错误时退出码为 2
cli-check-drafts = 也检查草稿

cli-import = 把 .docx、.doc、.wps、.odt、.rtf、.txt、.md 文件和电子表格（.xlsx、.xls、.et、.ods、.csv）转换为 content/<栏目>/ 下的文档（不会覆盖已有文件）
cli-import-inputs = 要导入的文件或文件夹
cli-import-root = 站点文件夹
cli-import-section = 栏目（content/ 下的文件夹）；不写时按标题推断
cli-import-batch = 批次：1、2、第一批、第二批
cli-import-unit = 文档来自哪个单位，例如 区委组织部
cli-import-date = 日期，用于正文和文件名中都没有日期的文件（例如 2023-09-01）
cli-import-tags = 标签，用逗号分隔
cli-import-encoding = .txt 文件的编码（gbk、gb18030、utf-8、utf-16le…），自动识别有误时使用
cli-import-dry_run = 只显示会写入什么，不写入
cli-import-force = 替换同名文档（旧的保留为 .bak）

cli-init = 在 DIR 文件夹中新建站点：config.yaml、默认主题和三篇示例文档
cli-init-dir = 新站点的文件夹
cli-init-keys = 前置信息和 config.yaml 的键用英文（title、date）还是中文（标题、日期）

cli-new = 在 content/<栏目>/ 中新建一篇文档，并填好前置信息
cli-new-section = 栏目（content/ 下的文件夹），例如 speeches
cli-new-title = 文档标题，例如 在主题教育动员部署会上的讲话
cli-new-root = 站点文件夹（其中有 config.yaml 和 content/）
cli-new-keys = 前置信息的键用英文（title）还是中文（标题）；默认与站点中已有文档相同

## 命令行参数的错误
cli-error-unknown-argument = 没有 '{ $arg }' 这个参数
cli-error-unknown-command = 没有 '{ $command }' 这个命令
cli-error-missing = 缺少必需的参数：{ $arg }
cli-error-invalid-value = '{ $value }' 不是 '{ $arg }' 可用的值；可用的值：{ $valid }
cli-error-other = 命令行参数有误：{ $detail }
cli-error-more = 运行 huibian --help 或 huibian <命令> --help 查看用法。
