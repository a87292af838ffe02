// 3:8: error: conflicting types for 'f'; have 'double(int)'
int f(int);
double f(int);
