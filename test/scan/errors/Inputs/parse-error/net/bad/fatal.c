// SPDX-License-Identifier: GPL-2.0
/* Test input for parse-error.test: a fatal error stops the parse. */
#include <linux/no-such-header.h>

int fatal_value(void)
{
	return undeclared_after_fatal;
}
