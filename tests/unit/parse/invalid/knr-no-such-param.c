// 2:14: error: declaration for parameter 'b' but no such parameter
int f(a) int b; { return a; }
