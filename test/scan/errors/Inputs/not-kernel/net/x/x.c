/* Test input for not-kernel-tree.test: a tree without include/linux/net.h. */
int x;
