// 2:6: error: conflicting types for 'x'; have 'long int'
int x;
long x;
