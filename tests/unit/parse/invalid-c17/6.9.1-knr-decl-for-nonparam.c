// 1:21: error: declaration for parameter 'b' but no such parameter
int f(a) int a; int b; { return a; }
