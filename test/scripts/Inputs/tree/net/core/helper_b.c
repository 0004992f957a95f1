int helper_b(char *optval, int *optlen);

int
helper_b(char *optval, int *optlen)
	__must_hold(&lock)
{
	return 0;
}
