// 2:37: error: expected expression before ';' token
int f(void) { int x = 1; return x + ; }
