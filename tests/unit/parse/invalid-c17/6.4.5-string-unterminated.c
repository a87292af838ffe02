// 1:17: error: missing terminating " character
const char *s = "abc;
