/* helper_a(char *optval, int *optlen) is a comment, not a definition. */
int helper_b(char *optval, int *optlen);

int helper_a(char *optval, int *optlen)
{
	return helper_b(optval, optlen);
}
