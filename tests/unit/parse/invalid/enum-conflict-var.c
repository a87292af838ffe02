// 3:5: error: 'X' redeclared as different kind of symbol
enum { X };
int X;
