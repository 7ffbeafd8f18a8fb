# The kernel's part of writing a built site: reads every file of an output folder into memory,
# then creates the same folders and files under a new folder, and prints the wall, user and
# kernel (sys) seconds of the writing alone. Run on huibian's output and on the floor's
# (benches/floor.rs) to see what the output's shape (a folder per page, the index's files)
# costs any tool that writes it, beside what floor+bigrams writes.
#
#   python3 benches/write_floor.py OUTPUT NEW_FOLDER
import os
import resource
import sys
import time

src, dst = sys.argv[1], sys.argv[2]
if os.path.exists(dst):
    sys.exit(f"{dst} exists: give a new folder")
files = []
for d, _, names in os.walk(src):
    for n in names:
        p = os.path.join(d, n)
        with open(p, "rb") as f:
            files.append((os.path.relpath(p, src), f.read()))
r0, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
made = set()
for rel, data in files:
    d = os.path.dirname(rel)
    if d not in made:
        os.makedirs(os.path.join(dst, d), exist_ok=True)
        made.add(d)
    with open(os.path.join(dst, rel), "wb") as f:
        f.write(data)
t1, r1 = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
size = sum(len(b) for _, b in files) / 1e6
print(f"{len(files)} files, {size:.0f} MB, {len(made)} folders: wall {t1 - t0:.3f} s, "
      f"user {r1.ru_utime - r0.ru_utime:.3f} s, sys {r1.ru_stime - r0.ru_stime:.3f} s")
