// 2:15: error: macro "M" passed 2 arguments, but takes just 1
#define M(a) a
int x = M(1, 2);
