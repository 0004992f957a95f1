#!/usr/bin/env python3
"""Writes a chain of N+1 units under TREE/net/deep/ and their compile
commands: deep0.c registers deep0_getsockopt(), which hands optval and
optlen to deep1_getsockopt() in deep1.c, and so on; the last one writes
optval. usage: deep-chain.py TREE DB_DIR N"""
import json
import os
import sys

tree, db_dir, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(os.path.join(tree, "net", "deep"), exist_ok=True)
entries = []
for i in range(n + 1):
    lines = ["// SPDX-License-Identifier: GPL-2.0",
             "#include <linux/errno.h>",
             "#include <linux/net.h>",
             "#include <linux/socket.h>",
             "#include <linux/uaccess.h>",
             "#include <net/sock.h>", ""]
    if i < n:
        lines += ["int deep%d_getsockopt(struct socket *sock, int level, int optname," % (i + 1),
                  "\t\t     char __user *optval, int __user *optlen);", ""]
    static = "static " if i == 0 else ""
    lines += ["%sint deep%d_getsockopt(struct socket *sock, int level, int optname," % (static, i),
              "\t\t     char __user *optval, int __user *optlen)", "{"]
    if i < n:
        lines += ["\treturn deep%d_getsockopt(sock, level, optname, optval, optlen);" % (i + 1)]
    else:
        lines += ["\tint len;", "",
                  "\tif (get_user(len, optlen))", "\t\treturn -EFAULT;",
                  "\tif (len < sizeof(int))", "\t\treturn -EINVAL;",
                  "\treturn put_user(sock->sk->sk_priority, (int __user *)optval);"]
    lines += ["}", ""]
    if i == 0:
        lines += ["static const struct proto_ops deep_ops = {",
                  "\t.family\t\t= PF_INET,", "\t.getsockopt\t= deep0_getsockopt,", "};", "",
                  "const struct proto_ops *deep_ops_get(void)", "{", "\treturn &deep_ops;", "}", ""]
    name = "net/deep/deep%d.c" % i
    with open(os.path.join(tree, name), "w") as f:
        f.write("\n".join(lines))
    entries.append({"directory": tree, "file": os.path.join(tree, name),
                    "arguments": ["clang-19", "-nostdinc", "-Iinclude", "-D__KERNEL__", "-include",
                                  "include/linux/kconfig.h", "-std=gnu11", "-c", name]})
with open(os.path.join(db_dir, "compile_commands.json"), "w") as f:
    json.dump(entries, f, indent=1)
