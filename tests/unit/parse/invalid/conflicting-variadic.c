// 3:5: error: conflicting types for 'f'; have 'int(int)'
int f(int, ...);
int f(int);
