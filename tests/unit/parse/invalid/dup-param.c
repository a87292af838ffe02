// 2:18: error: redefinition of parameter 'a'
int f(int a, int a) { return a; }
