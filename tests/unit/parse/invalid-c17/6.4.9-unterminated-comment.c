// 1:8: error: unterminated comment
int x; /* never closed
