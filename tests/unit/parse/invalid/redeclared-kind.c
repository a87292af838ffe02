// 3:6: error: 'x' redeclared as different kind of symbol
int x;
void x(void);
