// 2:12: error: 'void' must be the only parameter
int f(int, void);
