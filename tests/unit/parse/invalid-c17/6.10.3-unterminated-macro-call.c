// 2:13: error: unterminated argument list invoking macro "M"
#define M(a) a
int x = M(1;
