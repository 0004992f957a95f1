// SPDX-License-Identifier: GPL-2.0
/* Test input for parse-error.test: seven errors; the report keeps the first five. */
int many_1(void) { return undeclared_1; }
int many_2(void) { return undeclared_2; }
int many_3(void) { return undeclared_3; }
int many_4(void) { return undeclared_4; }
int many_5(void) { return undeclared_5; }
int many_6(void) { return undeclared_6; }
int many_7(void) { return undeclared_7; }
