#!/usr/bin/env python3
"""Times one whole process from outside, as /usr/bin/time does but to the microsecond
(GNU time prints CPU seconds with two decimals, too coarse for a 20 ms command).

  tijd.py [-a] -o OUT -- COMMAND ARG...

Appends (with -a) or writes one line to OUT: wall user sys maxrss_kb exit, the times in
seconds. User and system time and peak memory are the kernel's own accounting of the
finished child (wait4); wall is a monotonic clock around spawn and wait. The command's
standard output and error go to /dev/null."""
import os
import sys
import time


def main():
    args = sys.argv[1:]
    append = False
    out = None
    while args and args[0] != "--":
        a = args.pop(0)
        if a == "-a":
            append = True
        elif a == "-o":
            out = args.pop(0)
    args.pop(0)
    devnull = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    t0 = time.monotonic()
    pid = os.posix_spawnp(args[0], args, os.environ, file_actions=actions)
    _, status, ru = os.wait4(pid, 0)
    wall = time.monotonic() - t0
    code = os.waitstatus_to_exitcode(status)
    line = f"{wall:.6f} {ru.ru_utime:.6f} {ru.ru_stime:.6f} {ru.ru_maxrss} {code}\n"
    with open(out, "a" if append else "w") as f:
        f.write(line)


if __name__ == "__main__":
    main()
