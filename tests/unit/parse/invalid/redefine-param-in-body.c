// 2:20: error: 'a' redeclared as different kind of symbol
int f(int a) { int a; return a; }
