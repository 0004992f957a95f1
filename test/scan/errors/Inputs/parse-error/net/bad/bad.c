// SPDX-License-Identifier: GPL-2.0
/* Test input for parse-error.test: two errors; the report lists both. */
#include <linux/kernel.h>

int bad_value(void)
{
	return undeclared_thing;
}

int bad_other(void)
{
	return also_undeclared;
}
