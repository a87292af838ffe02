// 2:13: error: expected ';', ',' or ')' before '{' token
int f(int a { return a; }
