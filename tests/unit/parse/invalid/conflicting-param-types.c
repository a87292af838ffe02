// 3:5: error: conflicting types for 'f'; have 'int(long int)'
int f(int);
int f(long);
