int tcp_ao_get(char *optval, int *optlen) { return 0; }
