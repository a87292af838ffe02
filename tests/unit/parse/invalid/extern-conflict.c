// 3:15: error: conflicting types for 'x'; have 'double'
extern int x;
extern double x;
