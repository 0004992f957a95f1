/* Options of the demo protocol, as a kernel header spells them. */
#define SOL_DEMO	300

#define DEMO_FLAG	1	/* int */
enum {
	DEMO_A = 2,
	DEMO_B,			/* 3 */
	DEMO_C,			/* 4 */
};
#define DEMO_ALIAS	(DEMO_C + 1)
