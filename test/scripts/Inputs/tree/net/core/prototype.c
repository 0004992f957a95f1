/* Declares helper_b and calls it: neither is a definition. */
int helper_b(char *optval,
	     int *optlen);

static int user(char *optval, int *optlen)
{
	return helper_b(optval, optlen);
}
