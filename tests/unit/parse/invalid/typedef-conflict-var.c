// 3:5: error: 'T' redeclared as different kind of symbol
typedef int T;
int T;
